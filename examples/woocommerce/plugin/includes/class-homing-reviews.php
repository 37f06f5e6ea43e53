<?php
/**
 * Product reviews from the collector's review page (the review-request SMS): the collector posts
 * `payload` (base64url JSON) and `sig` (hex HMAC-SHA256 of payload with the restore secret, like
 * the restore links) to `/?homing_reviews=1`. Claims: o order id, r [[product id, rating 1-5,
 * comment]], e expiry (Unix time). Each review goes on its product as a WooCommerce review by the
 * order's buyer (billing name and email, marked as a verified owner), once per order and product;
 * a product that is not in the order is skipped.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The reviews endpoint.
 */
class Homing_Reviews {
	/**
	 * Hooks: before any page is chosen, so nothing else answers the request.
	 */
	public static function init() {
		add_action( 'init', array( __CLASS__, 'maybe_receive' ), 30 );
	}

	/**
	 * The claims when the signature and expiry are right, else why not. Pure (no WordPress state).
	 *
	 * @param string $payload Base64url JSON claims.
	 * @param string $sig     Hex HMAC-SHA256 of the payload.
	 * @param string $secret  Restore secret.
	 * @param int    $now     Unix time.
	 * @return array{0: array|null, 1: string} Claims and an empty reason, or null and the reason.
	 */
	public static function verify( $payload, $sig, $secret, $now ) {
		if ( '' === $secret || ! is_string( $payload ) || ! is_string( $sig ) || ! hash_equals( hash_hmac( 'sha256', $payload, $secret ), $sig ) ) {
			return array( null, 'invalid' );
		}
		$json   = Homing_Restore::base64url_decode( $payload );
		$claims = false === $json ? null : json_decode( $json, true );
		if ( ! is_array( $claims ) || ! isset( $claims['o'], $claims['r'], $claims['e'] ) || ! is_array( $claims['r'] ) ) {
			return array( null, 'invalid' );
		}
		if ( (int) $claims['e'] < $now ) {
			return array( null, 'expired' );
		}
		return array( $claims, '' );
	}

	/**
	 * Answers a signed POST with how many reviews were saved.
	 */
	public static function maybe_receive() {
		// phpcs:disable WordPress.Security.NonceVerification -- the request is authenticated by its HMAC signature.
		if ( ! isset( $_GET['homing_reviews'], $_POST['payload'], $_POST['sig'] ) ) {
			return;
		}
		$payload = sanitize_text_field( wp_unslash( $_POST['payload'] ) );
		$sig     = sanitize_text_field( wp_unslash( $_POST['sig'] ) );
		// phpcs:enable
		list( $claims, $reason ) = self::verify( $payload, $sig, Homing_Settings::get( 'restore_secret' ), time() );
		if ( null === $claims ) {
			wp_send_json( array( 'error' => $reason ), 403 );
		}
		$order = wc_get_order( absint( $claims['o'] ) );
		if ( ! $order ) {
			wp_send_json( array( 'error' => 'order' ), 404 );
		}
		$products = array();
		foreach ( $order->get_items() as $item ) {
			$products[] = (string) $item->get_product_id();
		}
		$saved = 0;
		foreach ( $claims['r'] as $review ) {
			if ( ! is_array( $review ) || count( $review ) < 2 ) {
				continue;
			}
			$product = (string) $review[0];
			$rating  = (int) $review[1];
			if ( ! in_array( $product, $products, true ) || $rating < 1 || $rating > 5 || self::reviewed( (int) $product, (string) $claims['o'] ) ) {
				continue;
			}
			$id = wp_insert_comment(
				array(
					'comment_post_ID'      => (int) $product,
					'comment_type'         => 'review',
					'comment_author'       => $order->get_billing_first_name(),
					'comment_author_email' => $order->get_billing_email(),
					'comment_content'      => sanitize_textarea_field( (string) ( $review[2] ?? '' ) ),
					'comment_approved'     => 1,
					'comment_meta'         => array(
						'rating'       => $rating,
						'verified'     => 1,
						'homing_order' => (string) $claims['o'],
					),
				)
			);
			if ( $id ) {
				++$saved;
			}
		}
		wp_send_json( array( 'saved' => $saved ), 200 );
	}

	/**
	 * Whether the order's review of the product is there already (the collector may send it again).
	 *
	 * @param int    $product  Product id.
	 * @param string $order_id Order id.
	 * @return bool
	 */
	private static function reviewed( $product, $order_id ) {
		return (int) get_comments(
			array(
				'post_id'    => $product,
				'meta_key'   => 'homing_order', // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key
				'meta_value' => $order_id, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_value
				'count'      => true,
			)
		) > 0;
	}
}
