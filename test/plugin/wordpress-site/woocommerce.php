<?php
/**
 * Plugin Name: WooCommerce (test double)
 * Description: The fake WooCommerce of test/plugin (fake-woocommerce.php) as a real plugin, slug
 *              `woocommerce`, so WordPress's plugin dependencies ("Requires Plugins") are met. Its
 *              objects (webhooks, coupons, orders, the cart) are kept in an option between requests,
 *              as WooCommerce keeps them in the database; what a request registers (checkout
 *              fields, compatibility) is not kept, as in WooCommerce.
 * Version:     0.0.0
 */

defined( 'ABSPATH' ) || exit;

const HOMING_TEST_FAKE_OPTION = 'homing_test_fake_woocommerce';
const HOMING_TEST_FAKE_KEPT   = array( 'webhooks', 'coupons', 'orders', 'notices', 'cart', 'next_id', 'products', 'billing_email', 'currency' );

$GLOBALS['fake'] = array_intersect_key( (array) get_option( HOMING_TEST_FAKE_OPTION, array() ), array_flip( HOMING_TEST_FAKE_KEPT ) );
require __DIR__ . '/fake-woocommerce.php';

add_action(
	'shutdown',
	static function () {
		update_option( HOMING_TEST_FAKE_OPTION, array_intersect_key( $GLOBALS['fake'], array_flip( HOMING_TEST_FAKE_KEPT ) ), false );
	},
	0
);

// As WooCommerce's installer: administrators and shop managers get manage_woocommerce.
register_activation_hook(
	__FILE__,
	static function () {
		get_role( 'administrator' )->add_cap( 'manage_woocommerce' );
		add_role(
			'shop_manager',
			'Shop manager',
			array(
				'read'               => true,
				'manage_woocommerce' => true,
			)
		);
	}
);

// As WooCommerce::init (on `init`, first): extensions declare their compatibility here.
add_action(
	'init',
	static function () {
		do_action( 'before_woocommerce_init' );
	},
	0
);
