<?php
/**
 * Accepted post-purchase offers: the collector sends the shopper to
 * `/?homing_upsell=<base64url JSON>&homing_sig=<hex HMAC-SHA256>`. The signature (made with the
 * restore secret shown on the settings page) is checked with hash_equals, then the offered
 * product goes into a new cart at the offered price and the shopper goes to checkout.
 * Claims: o order, f offer, p product, v variation, q quantity, a unit price, c currency, e expiry (Unix time).
 *
 * Abandoned-cart and cross-sell SMS links: `/?homing_cart=<base64url JSON>&homing_sig=<hex HMAC-SHA256>`,
 * signed with the same secret. Claims: i lines [product id, variation id or "", quantity], c coupon
 * code ("" for none), optional d discount ({type: percent|fixed_cart, amount}: a single-use coupon
 * made for this link, see class-homing-coupon.php; it takes the place of c), e expiry (Unix time).
 * The cart is refilled at the store's own prices and the coupon applied, then the shopper sees the cart.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * Restore links and the offered price in the cart.
 */
class Homing_Restore {
	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'template_redirect', array( __CLASS__, 'maybe_restore' ) );
		add_action( 'template_redirect', array( __CLASS__, 'maybe_restore_cart' ) );
		add_action( 'woocommerce_before_calculate_totals', array( __CLASS__, 'apply_price' ), 20 );
		add_filter( 'woocommerce_cart_item_quantity', array( __CLASS__, 'fixed_quantity' ), 10, 3 );
		add_action( 'woocommerce_checkout_create_order_line_item', array( __CLASS__, 'remember_offer' ), 10, 3 );
	}

	/**
	 * Base64url without padding, as the collector writes it.
	 *
	 * @param string $text Encoded text.
	 * @return string|false
	 */
	public static function base64url_decode( $text ) {
		return base64_decode( strtr( $text, '-_', '+/' ) . str_repeat( '=', ( 4 - strlen( $text ) % 4 ) % 4 ), true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
	}

	/**
	 * Refuses with a notice on the cart page.
	 *
	 * @param string $message Why.
	 */
	private static function refuse( $message ) {
		wc_add_notice( $message, 'error' );
		wp_safe_redirect( wc_get_cart_url() );
		exit;
	}

	/**
	 * The link's claims when its signature, expiry and currency are right, else why not.
	 * Pure (no WordPress state), so it can be checked on its own.
	 *
	 * @param string $payload  Base64url JSON claims.
	 * @param string $sig      Hex HMAC-SHA256 of the payload.
	 * @param string $secret   Restore secret.
	 * @param int    $now      Unix time.
	 * @param string $currency The store's currency.
	 * @return array{0: array|null, 1: string} Claims and an empty reason, or null and the reason.
	 */
	public static function verify( $payload, $sig, $secret, $now, $currency ) {
		if ( '' === $secret || ! hash_equals( hash_hmac( 'sha256', $payload, $secret ), $sig ) ) {
			return array( null, 'invalid' );
		}
		$json   = self::base64url_decode( $payload );
		$claims = false === $json ? null : json_decode( $json, true );
		if ( ! is_array( $claims ) || empty( $claims['p'] ) || ! isset( $claims['a'], $claims['e'], $claims['c'] ) ) {
			return array( null, 'invalid' );
		}
		if ( (int) $claims['e'] < $now ) {
			return array( null, 'expired' );
		}
		if ( $currency !== $claims['c'] ) {
			return array( null, 'currency' );
		}
		return array( $claims, '' );
	}

	/**
	 * An abandoned-cart link's lines and coupon when its signature and expiry are right, else why
	 * not. Pure, like verify().
	 *
	 * @param string $payload Base64url JSON claims.
	 * @param string $sig     Hex HMAC-SHA256 of the payload.
	 * @param string $secret  Restore secret.
	 * @param int    $now     Unix time.
	 * @return array{0: array|null, 1: string} Claims and an empty reason, or null and the reason.
	 */
	public static function verify_cart( $payload, $sig, $secret, $now ) {
		if ( '' === $secret || ! hash_equals( hash_hmac( 'sha256', $payload, $secret ), $sig ) ) {
			return array( null, 'invalid' );
		}
		$json   = self::base64url_decode( $payload );
		$claims = false === $json ? null : json_decode( $json, true );
		if ( ! is_array( $claims ) || empty( $claims['i'] ) || ! is_array( $claims['i'] ) || ! isset( $claims['e'] ) ) {
			return array( null, 'invalid' );
		}
		if ( (int) $claims['e'] < $now ) {
			return array( null, 'expired' );
		}
		return array( $claims, '' );
	}

	/**
	 * Handles an abandoned-cart link: the same lines back in the cart, the coupon applied.
	 */
	public static function maybe_restore_cart() {
		if ( ! isset( $_GET['homing_cart'], $_GET['homing_sig'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- signed link, not a form.
			return;
		}
		$payload = sanitize_text_field( wp_unslash( $_GET['homing_cart'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$sig     = sanitize_text_field( wp_unslash( $_GET['homing_sig'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		list( $claims, $reason ) = self::verify_cart( $payload, $sig, Homing_Settings::get( 'restore_secret' ), time() );
		if ( 'expired' === $reason ) {
			self::refuse( __( 'This cart link has expired.', 'homing' ) );
		} elseif ( null === $claims ) {
			self::refuse( __( 'This cart link is not valid.', 'homing' ) );
		}
		WC()->cart->empty_cart();
		foreach ( $claims['i'] as $line ) {
			if ( is_array( $line ) && count( $line ) >= 3 ) {
				WC()->cart->add_to_cart( absint( $line[0] ), max( 1, absint( $line[2] ) ), absint( $line[1] ) );
			}
		}
		$coupon = self::coupon_for( $claims, $sig );
		if ( '' !== $coupon && ! WC()->cart->has_discount( $coupon ) ) {
			WC()->cart->apply_coupon( $coupon );
		}
		wp_safe_redirect( wc_get_cart_url() );
		exit;
	}

	/**
	 * The code a cart link applies: its own single-use coupon when it carries a discount, else the
	 * shared code it names ("" for none).
	 *
	 * @param array  $claims Verified claims.
	 * @param string $sig    The link's signature.
	 * @return string
	 */
	private static function coupon_for( $claims, $sig ) {
		$discount = Homing_Coupon::discount( $claims );
		if ( null !== $discount ) {
			$email = WC()->customer ? (string) WC()->customer->get_billing_email() : '';
			return Homing_Coupon::issue( Homing_Coupon::code_for( $sig, Homing_Settings::get( 'restore_secret' ) ), $discount, $email, time() );
		}
		return isset( $claims['c'] ) ? wc_format_coupon_code( (string) $claims['c'] ) : '';
	}

	/**
	 * Handles a restore link.
	 */
	public static function maybe_restore() {
		if ( ! isset( $_GET['homing_upsell'], $_GET['homing_sig'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- signed link, not a form.
			return;
		}
		$payload = sanitize_text_field( wp_unslash( $_GET['homing_upsell'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		$sig     = sanitize_text_field( wp_unslash( $_GET['homing_sig'] ) ); // phpcs:ignore WordPress.Security.NonceVerification.Recommended
		list( $claims, $reason ) = self::verify( $payload, $sig, Homing_Settings::get( 'restore_secret' ), time(), get_woocommerce_currency() );
		if ( 'expired' === $reason ) {
			self::refuse( __( 'This offer has expired.', 'homing' ) );
		} elseif ( 'currency' === $reason ) {
			self::refuse( __( 'This offer is in another currency.', 'homing' ) );
		} elseif ( null === $claims ) {
			self::refuse( __( 'This offer link is not valid.', 'homing' ) );
		}
		// A new cart with the offered product only (the order just placed emptied the old one).
		WC()->cart->empty_cart();
		$added = WC()->cart->add_to_cart(
			absint( $claims['p'] ),
			max( 1, absint( $claims['q'] ?? 1 ) ),
			absint( $claims['v'] ?? 0 ),
			array(),
			array(
				'homing_upsell' => array(
					'price' => (float) $claims['a'],
					'order' => (string) ( $claims['o'] ?? '' ),
					'offer' => (string) ( $claims['f'] ?? '' ),
				),
			)
		);
		if ( ! $added ) {
			self::refuse( __( 'This product cannot be added to the cart now.', 'homing' ) );
		}
		wp_safe_redirect( wc_get_checkout_url() );
		exit;
	}

	/**
	 * The offered unit price for restored items.
	 *
	 * @param WC_Cart $cart The cart.
	 */
	public static function apply_price( $cart ) {
		foreach ( $cart->get_cart() as $item ) {
			if ( isset( $item['homing_upsell']['price'] ) ) {
				$item['data']->set_price( (float) $item['homing_upsell']['price'] );
			}
		}
	}

	/**
	 * The offer was for a given quantity: shown, not editable.
	 *
	 * @param string $html     Quantity input.
	 * @param string $key      Cart item key.
	 * @param array  $item     Cart item.
	 * @return string
	 */
	public static function fixed_quantity( $html, $key, $item ) {
		return isset( $item['homing_upsell'] ) ? sprintf( '%d<input type="hidden" name="cart[%s][qty]" value="%d">', (int) $item['quantity'], esc_attr( $key ), (int) $item['quantity'] ) : $html;
	}

	/**
	 * Keeps the offer id on the new order's line, for the store's own reports.
	 *
	 * @param WC_Order_Item_Product $line   Order line.
	 * @param string                $key    Cart item key.
	 * @param array                 $values Cart item.
	 */
	public static function remember_offer( $line, $key, $values ) {
		if ( isset( $values['homing_upsell']['offer'] ) ) {
			$line->add_meta_data( '_homing_offer', $values['homing_upsell']['offer'] );
			$line->add_meta_data( '_homing_upsell_of_order', $values['homing_upsell']['order'] );
		}
	}
}
