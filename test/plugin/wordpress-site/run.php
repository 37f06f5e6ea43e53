<?php
/**
 * Runs PHP inside the installed WordPress, as one request does (WordPress, the active plugins, the
 * `init` hooks), as the given user. Input (JSON on stdin): user (id, 0 for a visitor), php. Prints,
 * as JSON, what the code returned and printed. Usage: php run.php <site dir>
 */

$input                  = json_decode( file_get_contents( 'php://stdin' ), true );
$_SERVER['HTTP_HOST']   = parse_url( getenv( 'HOMING_WP_URL' ), PHP_URL_HOST ) . ':' . parse_url( getenv( 'HOMING_WP_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $argv[1] . '/wp-load.php';
wp_set_current_user( (int) ( $input['user'] ?? 0 ) );
ob_start();
$homing_result = eval( $input['php'] );
$homing_output = ob_get_clean();
echo json_encode(
	array(
		'result' => $homing_result,
		'output' => $homing_output,
	),
	JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
);
