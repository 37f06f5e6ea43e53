<?php
/**
 * Installs WordPress on its SQLite database (the site's wp-config.php says where), activates the
 * WooCommerce test double, and adds a shop manager and a customer. Usage: php install.php <site dir>
 */

define( 'WP_INSTALLING', true );
$_SERVER['HTTP_HOST']   = parse_url( getenv( 'HOMING_WP_URL' ), PHP_URL_HOST ) . ':' . parse_url( getenv( 'HOMING_WP_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI'] = '/';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
// No mail server here: the "new site" email is not sent.
add_filter( 'pre_wp_mail', '__return_false' );

$installed = wp_install( 'Homing test store', 'admin', 'admin@example.com', true, '', 'admin-password' );
$activated = activate_plugin( 'woocommerce/woocommerce.php' );
if ( is_wp_error( $activated ) ) {
	fwrite( STDERR, $activated->get_error_message() );
	exit( 1 );
}
$users = array( 'admin' => (int) $installed['user_id'] );
foreach ( array( 'manager' => 'shop_manager', 'customer' => 'subscriber' ) as $login => $role ) {
	$users[ $login ] = wp_insert_user(
		array(
			'user_login' => $login,
			'user_pass'  => $login . '-password',
			'user_email' => $login . '@example.com',
			'role'       => $role,
		)
	);
}
echo json_encode( $users );
