<?php
/**
 * Boots the plugin in the fake WordPress and WooCommerce, runs one scenario and prints, as JSON,
 * what the page showed and what the plugin stored. Input (JSON on stdin): options, locale, caps,
 * user_id, get, post, billing_email, products, coupons, orders, webhooks, comments, next_id (state carried over
 * from an earlier run), woocommerce (false: not active), php (the scenario).
 */

define( 'ABSPATH', __DIR__ . '/' );
$input = json_decode( file_get_contents( 'php://stdin' ), true );
require __DIR__ . '/fake-wordpress.php';
if ( $input['woocommerce'] ?? true ) {
	require __DIR__ . '/fake-woocommerce.php';
}
foreach ( array( 'options', 'locale', 'caps', 'user_id', 'billing_email', 'products', 'coupons', 'orders', 'webhooks', 'next_id', 'comments' ) as $key ) {
	if ( isset( $input[ $key ] ) ) {
		$GLOBALS['fake'][ $key ] = $input[ $key ];
	}
}
$_GET     = $input['get'] ?? array();
$_POST    = $input['post'] ?? array();
$_REQUEST = array_merge( $_GET, $_POST );

ob_start();
register_shutdown_function(
	static function () {
		$output = ob_get_clean();
		$fake   = $GLOBALS['fake'];
		unset( $fake['hooks'], $fake['fields'] );
		$fake['hooked'] = array_keys( $GLOBALS['fake']['hooks'] );
		$fake['output'] = $output;
		echo json_encode( $fake, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
	}
);

require WP_PLUGIN_DIR . '/plugin/homing.php';
do_action( 'plugins_loaded' );
do_action( 'before_woocommerce_init' );
do_action( 'init' );
eval( $input['php'] ?? '' );
