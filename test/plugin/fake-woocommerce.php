<?php
/**
 * Just enough of WooCommerce for the plugin (WooCommerce cannot be installed here): webhooks,
 * coupons, orders with meta, the cart, the customer, the block checkout's field API, the
 * features API. Objects are kept in $GLOBALS['fake'] so a test sees what the plugin saved.
 */

namespace Automattic\WooCommerce\Utilities {
	class FeaturesUtil {
		public static function declare_compatibility( $feature, $plugin_file, $compatible = true ) {
			$GLOBALS['fake']['compatibility'][ $feature ] = array( basename( $plugin_file ), $compatible );
			return true;
		}
	}
}

namespace {
	$GLOBALS['fake'] += array(
		'webhooks'       => array(),
		'coupons'        => array(),
		'orders'         => array(),
		'notices'        => array(),
		'checkout_field' => array(),
		'compatibility'  => array(),
		'cart'           => array(
			'items'   => array(),
			'coupons' => array(),
		),
		'next_id'        => 100,
	);

	class WooCommerce {
	}

	/** Saved objects: props set through set_*, read back through get_*, kept by id. */
	abstract class Fake_WC_Data {
		protected $id    = 0;
		protected $props = array();
		abstract protected static function store();
		public function __construct( $id = 0 ) {
			$saved = $GLOBALS['fake'][ static::store() ][ $id ] ?? null;
			if ( $id && $saved ) {
				$this->id    = (int) $id;
				$this->props = $saved;
			}
		}
		public function get_id() {
			return $this->id;
		}
		public function __call( $method, $args ) {
			if ( 0 === strpos( $method, 'set_' ) ) {
				$this->props[ substr( $method, 4 ) ] = $args[0];
				return null;
			}
			if ( 0 === strpos( $method, 'get_' ) ) {
				return $this->props[ substr( $method, 4 ) ] ?? '';
			}
			throw new BadMethodCallException( static::class . '::' . $method );
		}
		public function save() {
			if ( ! $this->id ) {
				$this->id = $GLOBALS['fake']['next_id']++;
			}
			$GLOBALS['fake'][ static::store() ][ $this->id ] = $this->props;
			return $this->id;
		}
		public function delete( $force = false ) {
			unset( $GLOBALS['fake'][ static::store() ][ $this->id ] );
			$this->id = 0;
		}
	}

	class WC_Webhook extends Fake_WC_Data {
		protected static function store() {
			return 'webhooks';
		}
	}
	function wc_get_webhook( $id ) {
		$webhook = new WC_Webhook( $id );
		return $webhook->get_id() ? $webhook : null;
	}

	class WC_Coupon extends Fake_WC_Data {
		protected static function store() {
			return 'coupons';
		}
	}
	function wc_get_coupon_id_by_code( $code ) {
		foreach ( $GLOBALS['fake']['coupons'] as $id => $props ) {
			if ( ( $props['code'] ?? '' ) === $code ) {
				return $id;
			}
		}
		return 0;
	}
	function wc_format_coupon_code( $code ) {
		return strtolower( trim( $code ) );
	}

	class WC_Order extends Fake_WC_Data {
		protected static function store() {
			return 'orders';
		}
		public function update_meta_data( $key, $value ) {
			$this->props['meta_data'][ $key ] = $value;
		}
		public function get_meta( $key ) {
			return $this->props['meta_data'][ $key ] ?? '';
		}
		public function has_status( $status ) {
			return ( $this->props['status'] ?? 'processing' ) === $status;
		}
		/** Line items from props `line_items`: [{product_id}]. */
		public function get_items() {
			return array_map(
				static function ( $line ) {
					return new Fake_Order_Item( $line );
				},
				$this->props['line_items'] ?? array()
			);
		}
	}
	class Fake_Order_Item {
		private $line;
		public function __construct( $line ) {
			$this->line = $line;
		}
		public function get_product_id() {
			return (int) ( $this->line['product_id'] ?? 0 );
		}
	}
	function wc_get_order( $id ) {
		$order = new WC_Order( $id );
		return $order->get_id() ? $order : false;
	}

	/** The cart: lines added and coupons applied; a coupon applies only if it exists. */
	class Fake_Cart {
		public function empty_cart() {
			$GLOBALS['fake']['cart'] = array(
				'items'   => array(),
				'coupons' => array(),
			);
		}
		public function add_to_cart( $product_id, $quantity = 1, $variation_id = 0, $variation = array(), $data = array() ) {
			if ( ! in_array( $product_id, $GLOBALS['fake']['products'] ?? array(), true ) ) {
				return false;
			}
			$GLOBALS['fake']['cart']['items'][] = array( $product_id, $quantity, $variation_id, $data );
			return md5( wp_json_encode( array( $product_id, $variation_id, $data ) ) );
		}
		public function has_discount( $code ) {
			return in_array( $code, $GLOBALS['fake']['cart']['coupons'], true );
		}
		public function apply_coupon( $code ) {
			if ( ! wc_get_coupon_id_by_code( $code ) ) {
				wc_add_notice( sprintf( 'Coupon "%s" does not exist!', $code ), 'error' );
				return false;
			}
			$GLOBALS['fake']['cart']['coupons'][] = $code;
			return true;
		}
		public function get_cart() {
			return array();
		}
	}
	class Fake_Customer {
		public function get_billing_email() {
			return $GLOBALS['fake']['billing_email'] ?? '';
		}
	}
	function WC() {
		static $wc = null;
		if ( null === $wc ) {
			$wc           = new stdClass();
			$wc->cart     = new Fake_Cart();
			$wc->customer = new Fake_Customer();
			$wc->session  = null;
		}
		return $wc;
	}

	function wc_add_notice( $message, $type = 'success' ) {
		$GLOBALS['fake']['notices'][] = array( $type, $message );
	}
	function wc_get_cart_url() {
		return home_url( '/cart/' );
	}
	function wc_get_checkout_url() {
		return home_url( '/checkout/' );
	}
	function get_woocommerce_currency() {
		return $GLOBALS['fake']['currency'] ?? 'USD';
	}
	function wc_string_to_bool( $value ) {
		return is_bool( $value ) ? $value : ( 'yes' === strtolower( (string) $value ) || 'true' === strtolower( (string) $value ) || '1' === (string) $value );
	}
	function is_order_received_page() {
		return false;
	}

	/** As CheckoutFields::register_checkout_field: an id taken twice is refused. */
	function woocommerce_register_additional_checkout_field( $options ) {
		foreach ( $GLOBALS['fake']['checkout_field'] as $field ) {
			if ( $field['id'] === $options['id'] ) {
				throw new Exception( 'The field is already registered.' );
			}
		}
		$GLOBALS['fake']['checkout_field'][] = $options;
	}
}
