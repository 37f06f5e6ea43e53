<?php
/**
 * An optional, unchecked consent box at checkout: on the classic checkout (right after the billing
 * fields) and on the block checkout (WooCommerce's additional checkout fields API). The answer is
 * saved on the order as `yes` / `no` under the subclass's META key, which the collector reads from
 * the order webhook's meta. Its text is the owner's (a setting), else a default in the site's
 * language.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * One consent box: the subclass names its field, block field, order meta, setting and texts.
 */
abstract class Homing_Checkout_Checkbox {
	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'woocommerce_after_checkout_billing_form', array( static::class, 'render' ) );
		add_action( 'woocommerce_checkout_create_order', array( static::class, 'save_classic' ) );
		// After WooCommerce's own `init` (priority 0): the API function exists by then.
		add_action( 'init', array( static::class, 'register_block_field' ), 20 );
		add_action( 'woocommerce_set_additional_field_value', array( static::class, 'save_block' ), 10, 4 );
	}

	/**
	 * The default text, in the site's language.
	 *
	 * @return string
	 */
	abstract public static function default_label();

	/**
	 * The owner's text, else the default for the site's language.
	 *
	 * @return string
	 */
	public static function label() {
		$custom = Homing_Settings::get( static::SETTING );
		return '' !== $custom ? $custom : static::default_label();
	}

	/**
	 * The classic checkout's box, unchecked. The hidden field says the box was shown, so an
	 * order placed without it (another checkout) is not recorded as a refusal.
	 */
	public static function render() {
		printf(
			'<p class="form-row form-row-wide %3$s"><input type="hidden" name="%1$s_shown" value="1"><label class="woocommerce-form__label woocommerce-form__label-for-checkbox checkbox"><input type="checkbox" class="woocommerce-form__input woocommerce-form__input-checkbox input-checkbox" name="%1$s" id="%1$s" value="1"> <span>%2$s</span></label></p>',
			esc_attr( static::FIELD ),
			esc_html( static::label() ),
			esc_attr( str_replace( '_', '-', static::FIELD ) )
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
		if ( empty( $_POST[ static::FIELD . '_shown' ] ) ) {
			return;
		}
		$order->update_meta_data( static::META, empty( $_POST[ static::FIELD ] ) ? 'no' : 'yes' );
		// phpcs:enable
	}

	/**
	 * Block checkout: an optional checkbox. A failure to register (an older WooCommerce, the id
	 * taken) leaves the checkout as it was.
	 */
	public static function register_block_field() {
		if ( ! function_exists( 'woocommerce_register_additional_checkout_field' ) ) {
			return;
		}
		try {
			woocommerce_register_additional_checkout_field(
				array(
					'id'       => static::BLOCK_FIELD,
					'label'    => static::label(),
					'location' => static::LOCATION,
					'type'     => 'checkbox',
					'required' => false,
				)
			);
		} catch ( Exception $e ) {
			if ( function_exists( 'wc_get_logger' ) ) {
				wc_get_logger()->warning( 'Homing: the ' . static::BLOCK_FIELD . ' field could not be added to the block checkout: ' . $e->getMessage(), array( 'source' => 'homing' ) );
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
		if ( static::BLOCK_FIELD === $key && $object instanceof WC_Order ) {
			$object->update_meta_data( static::META, wc_string_to_bool( $value ) ? 'yes' : 'no' );
		}
	}
}
