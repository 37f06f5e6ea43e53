<?php
/**
 * The language the shopper checked out in, saved on the order as `_homing_locale` (e.g. `fa_IR`):
 * the collector reads it from the order webhook, so the order's texts (and the survey page) are in
 * that language rather than the browser's. WooCommerce itself keeps no language on an order;
 * `determine_locale()` is the one translation plugins (WPML, Polylang, TranslatePress) set.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * Saves the checkout's language on the order.
 */
class Homing_Order_Locale {
	const META = '_homing_locale';

	/**
	 * Hooks: the classic checkout and the block checkout (Store API).
	 */
	public static function init() {
		add_action( 'woocommerce_checkout_create_order', array( __CLASS__, 'save' ) );
		add_action( 'woocommerce_store_api_checkout_update_order_from_request', array( __CLASS__, 'save' ) );
	}

	/**
	 * Saved on the order being created; the order's own save() writes it.
	 *
	 * @param WC_Order $order The order.
	 */
	public static function save( $order ) {
		$order->update_meta_data( self::META, determine_locale() );
	}
}
