<?php
/**
 * SMS consent at checkout: an unchecked "Text me about my order and offers" box on the classic
 * checkout (right after the billing fields, next to the phone) and on the block checkout
 * (WooCommerce's additional checkout fields API). The answer is saved on the order as
 * `_homing_sms_consent` (`yes` / `no`), which the collector reads from the order webhook.
 *
 * The box's name (`homing_sms_consent`) and the block field's id (`homing/sms-consent`) both match
 * the Homing script's consent pattern, so ticking it also links the cart captured before checkout
 * to a consented phone number.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The consent checkbox and where its answer goes.
 */
class Homing_Consent {
	const FIELD       = 'homing_sms_consent';
	const BLOCK_FIELD = 'homing/sms-consent';
	const META        = '_homing_sms_consent';

	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'woocommerce_after_checkout_billing_form', array( __CLASS__, 'render' ) );
		add_action( 'woocommerce_checkout_create_order', array( __CLASS__, 'save_classic' ) );
		// After WooCommerce's own `init` (priority 0): the API function exists by then.
		add_action( 'init', array( __CLASS__, 'register_block_field' ), 20 );
		add_action( 'woocommerce_set_additional_field_value', array( __CLASS__, 'save_block' ), 10, 4 );
	}

	/**
	 * The owner's text, else the default for the site's language.
	 *
	 * @return string
	 */
	public static function label() {
		$custom = Homing_Settings::get( 'consent_text' );
		return '' !== $custom ? $custom : self::default_label();
	}

	/**
	 * The default text, in the site's language.
	 *
	 * @return string
	 */
	public static function default_label() {
		// languages/ holds it in Persian (fa_IR), Hebrew (he_IL) and Arabic (ar).
		return __( 'Text me about my order and offers', 'homing' );
	}

	/**
	 * The classic checkout's box, unchecked. The hidden field says the box was shown, so an
	 * order placed without it (another checkout) is not recorded as a refusal.
	 */
	public static function render() {
		printf(
			'<p class="form-row form-row-wide homing-sms-consent"><input type="hidden" name="%1$s_shown" value="1"><label class="woocommerce-form__label woocommerce-form__label-for-checkbox checkbox"><input type="checkbox" class="woocommerce-form__input woocommerce-form__input-checkbox input-checkbox" name="%1$s" id="%1$s" value="1"> <span>%2$s</span></label></p>',
			esc_attr( self::FIELD ),
			esc_html( self::label() )
		);
	}

	/**
	 * Classic checkout: the answer on the new order (saved by WooCommerce right after this hook).
	 * WooCommerce has checked the checkout nonce before creating the order.
	 *
	 * @param WC_Order $order The order being created.
	 */
	public static function save_classic( $order ) {
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- checked by WooCommerce's checkout.
		if ( empty( $_POST[ self::FIELD . '_shown' ] ) ) {
			return;
		}
		$order->update_meta_data( self::META, empty( $_POST[ self::FIELD ] ) ? 'no' : 'yes' );
		// phpcs:enable
	}

	/**
	 * Block checkout: an optional checkbox in the order section. A failure to register (an older
	 * WooCommerce, the id taken) leaves the checkout as it was.
	 */
	public static function register_block_field() {
		if ( ! function_exists( 'woocommerce_register_additional_checkout_field' ) ) {
			return;
		}
		try {
			woocommerce_register_additional_checkout_field(
				array(
					'id'       => self::BLOCK_FIELD,
					'label'    => self::label(),
					'location' => 'order',
					'type'     => 'checkbox',
					'required' => false,
				)
			);
		} catch ( Exception $e ) {
			if ( function_exists( 'wc_get_logger' ) ) {
				wc_get_logger()->warning( 'Homing: the SMS consent field could not be added to the block checkout: ' . $e->getMessage(), array( 'source' => 'homing' ) );
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
		if ( self::BLOCK_FIELD === $key && $object instanceof WC_Order ) {
			$object->update_meta_data( self::META, wc_string_to_bool( $value ) ? 'yes' : 'no' );
		}
	}
}
