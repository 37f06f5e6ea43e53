<?php
/**
 * The Homing script tag on every storefront page, with its settings as data-* attributes, and the
 * stub queue before it (calls made before the script loads are kept and replayed).
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues homing.iife.js (async) and its settings.
 */
class Homing_Script {
	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'wp_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_filter( 'script_loader_tag', array( __CLASS__, 'attributes' ), 10, 2 );
	}

	/**
	 * Script, stub and (on the order-received page) the stylesheet reserving the widgets' space.
	 */
	public static function enqueue() {
		if ( '' === Homing_Settings::get( 'write_key' ) || '' === Homing_Settings::get( 'collector_url' ) ) {
			return;
		}
		wp_enqueue_script( 'homing', Homing_Settings::get( 'script_url' ), array(), HOMING_PLUGIN_VERSION, array( 'strategy' => 'async', 'in_footer' => false ) );
		wp_add_inline_script( 'homing', 'window.homing = window.homing || [];', 'before' );
		if ( function_exists( 'is_order_received_page' ) && is_order_received_page() && '1' === Homing_Settings::get( 'widgets' ) ) {
			wp_enqueue_style( 'homing', plugins_url( 'assets/homing.css', HOMING_PLUGIN_FILE ), array(), HOMING_PLUGIN_VERSION );
		}
	}

	/**
	 * Adds the data-* attributes to our script tag only.
	 *
	 * @param string $tag    The <script> tag.
	 * @param string $handle Script handle.
	 * @return string
	 */
	public static function attributes( $tag, $handle ) {
		if ( 'homing' !== $handle ) {
			return $tag;
		}
		$attributes = array(
			'data-write-key'    => Homing_Settings::get( 'write_key' ),
			'data-collector'    => Homing_Settings::get( 'collector_url' ),
			'data-platform'     => 'woocommerce',
			'data-country'      => Homing_Settings::get( 'country' ),
			'data-locale'       => Homing_Settings::get( 'locale' ),
			'data-phone-prompt' => Homing_Settings::get( 'phone_prompt' ),
		);
		$html = '';
		foreach ( $attributes as $name => $value ) {
			if ( '' !== $value ) {
				$html .= sprintf( ' %s="%s"', $name, esc_attr( $value ) );
			}
		}
		// Only the tag WordPress gives our handle's id gets them (the inline stub before it is
		// `homing-js-before`). Found by id, not by src: WordPress escapes the src its own way (a
		// query string's `&`) and CDN plugins rewrite it.
		return preg_replace( '/<script(?=[^>]*\sid=(["\'])homing-js\1)/', '<script' . $html, $tag, 1 );
	}
}
