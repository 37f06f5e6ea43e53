<?php
/**
 * An optional birthday at checkout ("MM-DD", or "YYYY-MM-DD" with the year), for a gift code on the
 * day: on the classic checkout (after the billing fields) and on the block checkout (WooCommerce's
 * additional checkout fields API). Saved on the order as `_homing_birthday`, which the collector
 * reads from the order webhook; anything not a real date in those forms is not saved.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The birthday field and where its answer goes.
 */
class Homing_Birthday {
	const FIELD       = 'homing_birthday';
	const BLOCK_FIELD = 'homing/birthday';
	const META        = '_homing_birthday';

	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'woocommerce_after_checkout_billing_form', array( __CLASS__, 'render' ) );
		add_action( 'woocommerce_checkout_create_order', array( __CLASS__, 'save_classic' ) );
		add_action( 'init', array( __CLASS__, 'register_block_field' ), 20 );
		add_action( 'woocommerce_set_additional_field_value', array( __CLASS__, 'save_block' ), 10, 4 );
	}

	/**
	 * The label, in the site's language.
	 *
	 * @return string
	 */
	public static function label() {
		return __( 'Birthday (optional, MM-DD): a gift on your day', 'homing' );
	}

	/**
	 * "MM-DD" or "YYYY-MM-DD" when it is a real date, else ''. Pure, so it can be checked on its own.
	 *
	 * @param mixed $value What the shopper typed.
	 * @return string
	 */
	public static function normalize( $value ) {
		if ( ! is_string( $value ) || ! preg_match( '/^(?:(\d{4})-)?(\d{2})-(\d{2})$/', trim( $value ), $m ) ) {
			return '';
		}
		$year = '' === $m[1] ? 2000 : (int) $m[1]; // 2000 is a leap year: 02-29 without a year is a date.
		if ( $year < 1900 || ! checkdate( (int) $m[2], (int) $m[3], $year ) ) {
			return '';
		}
		return trim( $value );
	}

	/**
	 * The classic checkout's field, empty.
	 */
	public static function render() {
		printf(
			'<p class="form-row form-row-wide homing-birthday"><label for="%1$s">%2$s</label><input type="text" class="input-text" name="%1$s" id="%1$s" inputmode="numeric" placeholder="MM-DD" pattern="(\d{4}-)?\d{2}-\d{2}" maxlength="10" autocomplete="bday"></p>',
			esc_attr( self::FIELD ),
			esc_html( self::label() )
		);
	}

	/**
	 * Classic checkout: the birthday on the new order. WooCommerce has checked the checkout nonce.
	 *
	 * @param WC_Order $order The order being created.
	 */
	public static function save_classic( $order ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked by WooCommerce's checkout.
		$birthday = self::normalize( isset( $_POST[ self::FIELD ] ) ? sanitize_text_field( wp_unslash( $_POST[ self::FIELD ] ) ) : '' );
		if ( '' !== $birthday ) {
			$order->update_meta_data( self::META, $birthday );
		}
	}

	/**
	 * Block checkout: an optional text field in the order section. A failure to register leaves the
	 * checkout as it was.
	 */
	public static function register_block_field() {
		if ( ! function_exists( 'woocommerce_register_additional_checkout_field' ) ) {
			return;
		}
		try {
			woocommerce_register_additional_checkout_field(
				array(
					'id'         => self::BLOCK_FIELD,
					'label'      => self::label(),
					'location'   => 'order',
					'type'       => 'text',
					'required'   => false,
					'attributes' => array(
						'autocomplete' => 'bday',
						'pattern'      => '(\d{4}-)?\d{2}-\d{2}',
						'placeholder'  => 'MM-DD',
						'maxLength'    => 10,
					),
				)
			);
		} catch ( Exception $e ) {
			if ( function_exists( 'wc_get_logger' ) ) {
				wc_get_logger()->warning( 'Homing: the birthday field could not be added to the block checkout: ' . $e->getMessage(), array( 'source' => 'homing' ) );
			}
		}
	}

	/**
	 * Block checkout: WooCommerce stores the field under its own key; the collector reads ours.
	 *
	 * @param string $key    Field id.
	 * @param mixed  $value  Field value.
	 * @param string $group  Field group.
	 * @param object $object Order or customer.
	 */
	public static function save_block( $key, $value, $group, $object ) {
		if ( self::BLOCK_FIELD !== $key || ! $object instanceof WC_Order ) {
			return;
		}
		$birthday = self::normalize( $value );
		if ( '' !== $birthday ) {
			$object->update_meta_data( self::META, $birthday );
		}
	}
}
