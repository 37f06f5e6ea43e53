<?php
/**
 * Plugin Name:       Homing for WooCommerce
 * Description:       Adds the Homing script (cart and phone capture, durable delivery), records each order once from the order-received page, shows post-purchase offers and a survey, and restores accepted offers into a new cart.
 * Version:           0.1.0
 * Requires at least: 6.3
 * Requires PHP:      7.4
 * Requires Plugins:  woocommerce
 * License:           MIT
 * Text Domain:       homing
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

define( 'HOMING_PLUGIN_VERSION', '0.1.0' );
define( 'HOMING_PLUGIN_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-homing-settings.php';
require_once __DIR__ . '/includes/class-homing-script.php';
require_once __DIR__ . '/includes/class-homing-order-json.php';
require_once __DIR__ . '/includes/class-homing-restore.php';

register_activation_hook( __FILE__, array( 'Homing_Settings', 'activate' ) );

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
	}
);
