<?php
/**
 * Plugin Name:       Homing for WooCommerce
 * Description:       Adds the Homing script (cart and phone capture, durable delivery), asks for SMS and e-mail consent at checkout, sends orders to the collector by webhook, records each order once from the order-received page, shows post-purchase offers and a survey, and restores carts and accepted offers with single-use coupons.
 * Version:           0.2.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Requires Plugins:  woocommerce
 * WC requires at least: 8.9
 * License:           MIT
 * Text Domain:       homing
 * Domain Path:       /languages
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

define( 'HOMING_PLUGIN_VERSION', '0.2.0' );
define( 'HOMING_PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-homing-settings.php';
require_once __DIR__ . '/includes/class-homing-script.php';
require_once __DIR__ . '/includes/class-homing-order-json.php';
require_once __DIR__ . '/includes/class-homing-restore.php';
require_once __DIR__ . '/includes/class-homing-coupon.php';
require_once __DIR__ . '/includes/class-homing-checkout-checkbox.php';
require_once __DIR__ . '/includes/class-homing-consent.php';
require_once __DIR__ . '/includes/class-homing-email-consent.php';
require_once __DIR__ . '/includes/class-homing-birthday.php';
require_once __DIR__ . '/includes/class-homing-reviews.php';
require_once __DIR__ . '/includes/class-homing-order-locale.php';
require_once __DIR__ . '/includes/class-homing-webhooks.php';

register_activation_hook( __FILE__, array( 'Homing_Settings', 'activate' ) );
register_deactivation_hook( __FILE__, array( 'Homing_Webhooks', 'disable' ) );

// Orders are read through WooCommerce's order CRUD only, so both order storages work, and the
// consent fields are registered with the block checkout's own API.
add_action(
	'before_woocommerce_init',
	static function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', __FILE__, true );
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'cart_checkout_blocks', __FILE__, true );
		}
	}
);

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'homing', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	}
);

add_action(
	'plugins_loaded',
	static function () {
		if ( ! class_exists( 'WooCommerce' ) ) {
			return;
		}
		Homing_Settings::init();
		Homing_Script::init();
		Homing_Order_Json::init();
		Homing_Restore::init();
		Homing_Consent::init();
		Homing_Email_Consent::init();
		Homing_Birthday::init();
		Homing_Reviews::init();
		Homing_Order_Locale::init();
		Homing_Webhooks::init();
	}
);
