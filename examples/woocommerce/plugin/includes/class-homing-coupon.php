<?php
/**
 * Unique codes: a signed cart link may carry a discount (`d: {type: 'percent'|'fixed_cart',
 * amount}`) instead of a shared coupon code. Opening it creates a coupon for that link only:
 * usable once, for 7 days, restricted to the shopper's billing email when the store knows it.
 * The code is derived from the link's signature with the restore secret, so opening the same
 * link again gives back the same coupon (used or not), never a second one.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * Single-use coupons for signed links.
 */
class Homing_Coupon {
	const PREFIX        = 'homing-';
	const LIFETIME_DAYS = 7;

	/**
	 * The link's discount when it is well-formed, else null. Pure.
	 *
	 * @param array $claims Verified link claims.
	 * @return array{type: string, amount: float}|null
	 */
	public static function discount( $claims ) {
		$discount = $claims['d'] ?? null;
		if ( ! is_array( $discount ) || ! in_array( $discount['type'] ?? '', array( 'percent', 'fixed_cart' ), true ) || ! is_numeric( $discount['amount'] ?? null ) ) {
			return null;
		}
		$amount = (float) $discount['amount'];
		if ( $amount <= 0 || ( 'percent' === $discount['type'] && $amount > 100 ) ) {
			return null;
		}
		return array(
			'type'   => $discount['type'],
			'amount' => $amount,
		);
	}

	/**
	 * The code of a link's coupon: unguessable without the secret, the same for the same link. Pure.
	 *
	 * @param string $sig    The link's signature.
	 * @param string $secret Restore secret.
	 * @return string
	 */
	public static function code_for( $sig, $secret ) {
		return self::PREFIX . substr( hash_hmac( 'sha256', 'coupon:' . $sig, $secret ), 0, 12 );
	}

	/**
	 * The link's coupon, created the first time.
	 *
	 * @param string $code     Code from code_for().
	 * @param array  $discount From discount().
	 * @param string $email    The shopper's billing email, or ''.
	 * @param int    $now      Unix time.
	 * @return string The code.
	 */
	public static function issue( $code, $discount, $email, $now ) {
		if ( wc_get_coupon_id_by_code( $code ) ) {
			return $code;
		}
		$coupon = new WC_Coupon();
		$coupon->set_code( $code );
		$coupon->set_description( __( 'Single-use code from a Homing message link.', 'homing' ) );
		$coupon->set_discount_type( $discount['type'] );
		$coupon->set_amount( $discount['amount'] );
		$coupon->set_usage_limit( 1 );
		$coupon->set_individual_use( true );
		$coupon->set_date_expires( $now + self::LIFETIME_DAYS * DAY_IN_SECONDS );
		if ( is_email( $email ) ) {
			$coupon->set_email_restrictions( array( $email ) );
		}
		$coupon->save();
		return $code;
	}
}
