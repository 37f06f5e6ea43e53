<?php
/**
 * On the order-received page (`woocommerce_thankyou`): the order as JSON for the Homing script
 * (`<script type="application/json" id="homing-order">`), which records `Order Completed` once per
 * order however often the page is reloaded, and the box whose height is reserved for the offers
 * and survey (no layout shift when they appear).
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * Prints the order JSON and the widgets' box.
 */
class Homing_Order_Json {
	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'woocommerce_thankyou', array( __CLASS__, 'print_order' ), 5 );
	}

	/**
	 * The order in Homing's `Order Completed` shape: money in major units, ids as strings,
	 * categories as collections (offer rules can match on them).
	 *
	 * @param WC_Order $order The order.
	 * @return array
	 */
	public static function order_data( $order ) {
		$products = array();
		foreach ( $order->get_items() as $item ) {
			if ( ! $item instanceof WC_Order_Item_Product ) {
				continue;
			}
			$product  = $item->get_product();
			$quantity = (int) $item->get_quantity();
			$line     = array(
				'product_id'  => (string) $item->get_product_id(),
				'variant'     => $item->get_variation_id() ? (string) $item->get_variation_id() : null,
				'sku'         => $product ? $product->get_sku() : null,
				'name'        => $item->get_name(),
				'price'       => $quantity ? (float) wc_format_decimal( $order->get_item_total( $item, true ), wc_get_price_decimals() ) : null,
				'quantity'    => $quantity,
				'url'         => $product ? get_permalink( $item->get_product_id() ) : null,
				'image_url'   => $product && $product->get_image_id() ? wp_get_attachment_image_url( $product->get_image_id(), 'woocommerce_thumbnail' ) : null,
				'collections' => wp_get_post_terms( $item->get_product_id(), 'product_cat', array( 'fields' => 'slugs' ) ),
			);
			$products[] = array_filter(
				$line,
				static function ( $value ) {
					return null !== $value && '' !== $value && false !== $value && ! is_wp_error( $value );
				}
			);
		}
		$data = array(
			'order_id'  => (string) $order->get_id(),
			// Shown only to the buyer (it is in this page's URL): the collector shows the order's offers only to whoever has it.
			'order_key' => $order->get_order_key(),
			'value'     => (float) $order->get_total(),
			'currency'  => $order->get_currency(),
			'products'  => $products,
		);
		// The cart identity Homing's capture uses for this shopper's Store API cart (`wc_` + session customer id),
		// so the order stops the recovery messages for that cart.
		if ( function_exists( 'WC' ) && WC()->session ) {
			$data['cart_id'] = 'wc_' . WC()->session->get_customer_id();
		}
		return apply_filters( 'homing_order_data', $data, $order );
	}

	/**
	 * Prints the JSON block and the reserved box.
	 *
	 * @param int $order_id Order id.
	 */
	public static function print_order( $order_id ) {
		$order = wc_get_order( $order_id );
		// The hook also runs for a failed payment ("Unfortunately your order cannot be processed"): not an order.
		if ( ! $order || $order->has_status( 'failed' ) || '' === Homing_Settings::get( 'write_key' ) ) {
			return;
		}
		// JSON_HEX_TAG: "</script>" inside a product name cannot close the block.
		$json = wp_json_encode( self::order_data( $order ), JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
		if ( '1' === Homing_Settings::get( 'widgets' ) ) {
			echo '<div data-homing-thank-you class="homing-reserved"></div>';
		}
		echo '<script type="application/json" id="homing-order">' . $json . '</script>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON with <, > and & escaped.
	}
}
