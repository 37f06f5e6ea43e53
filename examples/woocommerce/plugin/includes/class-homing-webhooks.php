<?php
/**
 * Orders from the server: WooCommerce webhooks (`order.created`, `order.updated`) to
 * `{collector}/v1/webhooks/woocommerce/{writeKey}`, signed with a secret generated here. So an
 * order reaches the collector even when the shopper never sees the order-received page.
 *
 * Created on activation and whenever the collector URL or write key change; disabled on
 * deactivation. Their ids are kept, so activating again updates the same two webhooks instead of
 * adding more. The secret is shown once on the settings page, for the collector's store settings
 * (`stores.<writeKey>.woocommerce.webhookSecret`).
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's two webhooks and their secret.
 */
class Homing_Webhooks {
	const OPTION = 'homing_webhooks';
	const TOPICS = array( 'order.created', 'order.updated' );

	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'update_option_' . Homing_Settings::OPTION, array( __CLASS__, 'settings_saved' ), 10, 2 );
		add_action( 'add_option_' . Homing_Settings::OPTION, array( __CLASS__, 'sync' ) );
		add_action( 'admin_post_homing_new_webhook_secret', array( __CLASS__, 'new_secret' ) );
	}

	/**
	 * Ids, secret, and whether the secret still has to be shown.
	 *
	 * @return array{ids: array<string,int>, secret: string, show_secret: bool}
	 */
	private static function state() {
		$state = get_option( self::OPTION, array() );
		return wp_parse_args(
			is_array( $state ) ? $state : array(),
			array(
				'ids'         => array(),
				'secret'      => '',
				'show_secret' => false,
			)
		);
	}

	/**
	 * Where WooCommerce delivers, or '' while the connection is not configured.
	 *
	 * @return string
	 */
	public static function delivery_url() {
		$collector = Homing_Settings::get( 'collector_url' );
		$write_key = Homing_Settings::get( 'write_key' );
		if ( '' === $collector || '' === $write_key ) {
			return '';
		}
		return untrailingslashit( $collector ) . '/v1/webhooks/woocommerce/' . rawurlencode( $write_key );
	}

	/**
	 * Only a change of where orders go touches the webhooks.
	 *
	 * @param mixed $old Previous settings.
	 * @param mixed $new New settings.
	 */
	public static function settings_saved( $old, $new ) {
		$old = is_array( $old ) ? $old : array();
		$new = is_array( $new ) ? $new : array();
		foreach ( array( 'collector_url', 'write_key' ) as $name ) {
			if ( ( $old[ $name ] ?? '' ) !== ( $new[ $name ] ?? '' ) ) {
				self::sync();
				return;
			}
		}
	}

	/**
	 * Creates or updates the two webhooks (active), or disables them while the connection is not
	 * configured.
	 */
	public static function sync() {
		if ( ! class_exists( 'WC_Webhook' ) ) {
			return;
		}
		$url = self::delivery_url();
		if ( '' === $url ) {
			self::disable();
			return;
		}
		$state = self::state();
		if ( '' === $state['secret'] ) {
			$state['secret']      = wp_generate_password( 40, false, false );
			$state['show_secret'] = true;
		}
		foreach ( self::TOPICS as $topic ) {
			$webhook = isset( $state['ids'][ $topic ] ) ? wc_get_webhook( (int) $state['ids'][ $topic ] ) : null;
			if ( ! $webhook ) {
				$webhook = new WC_Webhook();
				// The payload is built with this user's rights: someone who can read orders.
				$webhook->set_user_id( get_current_user_id() );
			}
			/* translators: %s: webhook topic, e.g. order.created */
			$webhook->set_name( sprintf( __( 'Homing: %s', 'homing' ), $topic ) );
			$webhook->set_topic( $topic );
			$webhook->set_delivery_url( $url );
			$webhook->set_secret( $state['secret'] );
			$webhook->set_api_version( 'wp_api_v3' );
			$webhook->set_status( 'active' );
			$state['ids'][ $topic ] = (int) $webhook->save();
		}
		update_option( self::OPTION, $state, false );
	}

	/**
	 * Deactivation: the webhooks stay (with their ids) but deliver nothing.
	 */
	public static function disable() {
		if ( ! function_exists( 'wc_get_webhook' ) ) {
			return;
		}
		foreach ( self::state()['ids'] as $id ) {
			$webhook = wc_get_webhook( (int) $id );
			if ( $webhook && 'disabled' !== $webhook->get_status() ) {
				$webhook->set_status( 'disabled' );
				$webhook->save();
			}
		}
	}

	/**
	 * The secret, once: the first settings page after it was made shows it, later ones do not.
	 *
	 * @return string The secret, or '' when it was already shown.
	 */
	public static function take_secret_to_show() {
		$state = self::state();
		if ( ! $state['show_secret'] || '' === $state['secret'] ) {
			return '';
		}
		$state['show_secret'] = false;
		update_option( self::OPTION, $state, false );
		return $state['secret'];
	}

	/**
	 * Whether the webhooks exist (for the settings page).
	 *
	 * @return bool
	 */
	public static function configured() {
		return '' !== self::state()['secret'];
	}

	/**
	 * Settings page button: a new secret (the old one may have been lost or leaked), put on both
	 * webhooks and shown once.
	 */
	public static function new_secret() {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to do this.', 'homing' ), 403 );
		}
		check_admin_referer( 'homing_new_webhook_secret' );
		$state           = self::state();
		$state['secret'] = '';
		update_option( self::OPTION, $state, false );
		self::sync();
		wp_safe_redirect( admin_url( 'options-general.php?page=homing' ) );
		exit;
	}
}
