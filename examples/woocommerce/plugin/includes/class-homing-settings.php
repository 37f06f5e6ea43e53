<?php
/**
 * Settings → Homing: write key, collector URL, script URL, country, locale, phone prompt, the
 * checkout's consent texts (SMS and e-mail), the secret the collector signs "restore" links with
 * (shown so it can be copied to the collector), and the order webhooks with their secret (shown
 * once).
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The options page and access to the saved options.
 */
class Homing_Settings {
	const OPTION = 'homing_options';

	/**
	 * Hooks.
	 */
	public static function init() {
		add_action( 'admin_menu', array( __CLASS__, 'menu' ) );
		add_action( 'admin_init', array( __CLASS__, 'register' ) );
		// Saving through options.php asks for manage_options unless told otherwise: shop managers may.
		add_filter(
			'option_page_capability_homing',
			static function () {
				return 'manage_woocommerce';
			}
		);
	}

	/**
	 * Activation: a restore secret is created once, and the order webhooks are created (or
	 * switched back on) when the connection is already configured.
	 */
	public static function activate() {
		$options = get_option( self::OPTION, array() );
		if ( empty( $options['restore_secret'] ) ) {
			$options['restore_secret'] = wp_generate_password( 48, false, false );
			update_option( self::OPTION, $options );
		}
		Homing_Webhooks::sync();
	}

	/**
	 * One option, with its defaults.
	 *
	 * @param string $name Option key.
	 * @return string
	 */
	public static function get( $name ) {
		$defaults = array(
			'write_key'          => '',
			'collector_url'      => '',
			'script_url'         => plugins_url( 'assets/homing.iife.js', HOMING_PLUGIN_FILE ),
			'country'            => '',
			'locale'             => str_replace( '_', '-', get_locale() ),
			'phone_prompt'       => 'off',
			'restore_secret'     => '',
			'widgets'            => '1',
			'consent_text'       => '',
			'email_consent_text' => '',
		);
		$options  = wp_parse_args( get_option( self::OPTION, array() ), $defaults );
		return (string) $options[ $name ];
	}

	/**
	 * Settings → Homing.
	 */
	public static function menu() {
		add_options_page( __( 'Homing', 'homing' ), __( 'Homing', 'homing' ), 'manage_woocommerce', 'homing', array( __CLASS__, 'page' ) );
	}

	/**
	 * Fields.
	 */
	public static function register() {
		register_setting( 'homing', self::OPTION, array( 'sanitize_callback' => array( __CLASS__, 'sanitize' ) ) );
		add_settings_section( 'homing_main', __( 'Connection', 'homing' ), '__return_false', 'homing' );
		$fields = array(
			'write_key'          => __( 'Write key', 'homing' ),
			'collector_url'      => __( 'Collector URL', 'homing' ),
			'script_url'         => __( 'Script URL (homing.iife.js)', 'homing' ),
			'country'            => __( 'Default phone country (ISO, e.g. IR)', 'homing' ),
			'locale'             => __( 'Widget language (en, fa, ar, he)', 'homing' ),
			'phone_prompt'       => __( 'Phone prompt after add to cart', 'homing' ),
			'widgets'            => __( 'Offers and survey on the order-received page', 'homing' ),
			'consent_text'       => __( 'SMS consent text at checkout (empty: the default in the store\'s language)', 'homing' ),
			'email_consent_text' => __( 'E-mail consent text at checkout (empty: the default in the store\'s language)', 'homing' ),
		);
		foreach ( $fields as $name => $label ) {
			add_settings_field( $name, $label, array( __CLASS__, 'field' ), 'homing', 'homing_main', array( 'name' => $name ) );
		}
	}

	/**
	 * Keeps only valid values; the restore secret is never changed from the form. A value that
	 * fails its check does not erase the saved one (an emptied collector URL would stop the order
	 * webhooks): the saved one is kept and the page says why, instead of "Settings saved." alone.
	 *
	 * @param array $input Submitted values.
	 * @return array
	 */
	public static function sanitize( $input ) {
		$input   = is_array( $input ) ? $input : array();
		$current = get_option( self::OPTION, array() );
		$current = is_array( $current ) ? $current : array();
		$clean   = array(
			'write_key'          => sanitize_text_field( $input['write_key'] ?? '' ),
			'collector_url'      => self::checked( 'collector_url', self::web_address( $input['collector_url'] ?? '' ), $current, __( 'The collector URL must be a web address (https://…); the previous one is kept.', 'homing' ) ),
			'script_url'         => self::checked( 'script_url', self::web_address( $input['script_url'] ?? '' ), $current, __( 'The script URL must be a web address (https://…); the previous one is kept.', 'homing' ) ),
			'country'            => self::checked( 'country', self::matching( '/^[A-Za-z]{2}$/', $input['country'] ?? '' ), $current, __( 'The default phone country must be a two-letter code such as IR; the previous one is kept.', 'homing' ) ),
			'locale'             => self::checked( 'locale', self::matching( '/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/', $input['locale'] ?? '' ), $current, __( 'The widget language must be a language code such as fa or en-US; the previous one is kept.', 'homing' ) ),
			'phone_prompt'       => ( $input['phone_prompt'] ?? '' ) === 'after-add' ? 'after-add' : 'off',
			'widgets'            => empty( $input['widgets'] ) ? '0' : '1',
			'consent_text'       => sanitize_text_field( $input['consent_text'] ?? '' ),
			'email_consent_text' => sanitize_text_field( $input['email_consent_text'] ?? '' ),
			'restore_secret'     => $current['restore_secret'] ?? wp_generate_password( 48, false, false ),
		);
		$clean['country'] = strtoupper( $clean['country'] );
		if ( '' === $clean['script_url'] ) {
			unset( $clean['script_url'] );
		}
		return $clean;
	}

	/**
	 * An http(s) URL, '' when none was given, or null when what was given is not one.
	 *
	 * @param mixed $value Submitted value.
	 * @return string|null
	 */
	private static function web_address( $value ) {
		$value = trim( (string) $value );
		if ( '' === $value ) {
			return '';
		}
		$url = esc_url_raw( $value, array( 'https', 'http' ) );
		return '' === $url ? null : $url;
	}

	/**
	 * The value when it matches, '' when none was given, or null when it does not match.
	 *
	 * @param string $pattern Regular expression.
	 * @param mixed  $value   Submitted value.
	 * @return string|null
	 */
	private static function matching( $pattern, $value ) {
		$value = trim( (string) $value );
		return '' === $value || preg_match( $pattern, $value ) ? $value : null;
	}

	/**
	 * A checked value, or, when it failed its check (null), the saved one and a notice saying why.
	 *
	 * @param string      $name    Option key.
	 * @param string|null $value   From web_address() or matching().
	 * @param array       $current Saved options.
	 * @param string      $message Why the value was refused.
	 * @return string
	 */
	private static function checked( $name, $value, $current, $message ) {
		if ( null !== $value ) {
			return $value;
		}
		add_settings_error( self::OPTION, 'homing_' . $name, $message );
		return (string) ( $current[ $name ] ?? '' );
	}

	/**
	 * One input.
	 *
	 * @param array $args Field arguments.
	 */
	public static function field( $args ) {
		$name  = $args['name'];
		$value = self::get( $name );
		$id    = 'homing_' . $name;
		$field = self::OPTION . '[' . $name . ']';
		if ( 'phone_prompt' === $name ) {
			printf( '<select id="%1$s" name="%2$s"><option value="off"%3$s>%4$s</option><option value="after-add"%5$s>%6$s</option></select>', esc_attr( $id ), esc_attr( $field ), selected( $value, 'off', false ), esc_html__( 'Off', 'homing' ), selected( $value, 'after-add', false ), esc_html__( 'After add to cart', 'homing' ) );
		} elseif ( 'widgets' === $name ) {
			printf( '<input type="checkbox" id="%1$s" name="%2$s" value="1"%3$s>', esc_attr( $id ), esc_attr( $field ), checked( $value, '1', false ) );
		} elseif ( 'consent_text' === $name || 'email_consent_text' === $name ) {
			$default = 'consent_text' === $name ? Homing_Consent::default_label() : Homing_Email_Consent::default_label();
			printf( '<input type="text" class="regular-text" id="%1$s" name="%2$s" value="%3$s" placeholder="%4$s">', esc_attr( $id ), esc_attr( $field ), esc_attr( $value ), esc_attr( $default ) );
		} else {
			printf( '<input type="text" class="regular-text" id="%1$s" name="%2$s" value="%3$s">', esc_attr( $id ), esc_attr( $field ), esc_attr( $value ) );
		}
	}

	/**
	 * The page, with what the collector needs for "restore" links and order webhooks.
	 */
	public static function page() {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'Homing', 'homing' ) . '</h1><form method="post" action="options.php">';
		settings_fields( 'homing' );
		do_settings_sections( 'homing' );
		submit_button();
		echo '</form><h2>' . esc_html__( 'Accepted offers', 'homing' ) . '</h2><p>' . esc_html__( 'Start the collector with these two settings so that an accepted offer opens a new cart here and goes to checkout:', 'homing' ) . '</p>';
		printf( '<pre>HOMING_OFFERS_WOOCOMMERCE_URL=%s' . "\n" . 'HOMING_OFFERS_WOOCOMMERCE_SECRET=%s</pre>', esc_html( home_url( '/' ) ), esc_html( self::get( 'restore_secret' ) ) );
		self::webhooks_section();
		echo '</div>';
	}

	/**
	 * Where orders are sent, and the webhook secret the first time it is shown.
	 */
	private static function webhooks_section() {
		echo '<h2>' . esc_html__( 'Orders', 'homing' ) . '</h2>';
		$url = Homing_Webhooks::delivery_url();
		if ( '' === $url ) {
			echo '<p>' . esc_html__( 'Save the write key and the collector URL: the plugin then creates the WooCommerce webhooks that send every order to the collector.', 'homing' ) . '</p>';
			return;
		}
		/* translators: %s: the collector's webhook URL */
		echo '<p>' . esc_html( sprintf( __( 'New and updated orders are sent to %s.', 'homing' ), $url ) ) . '</p>';
		$secret = Homing_Webhooks::take_secret_to_show();
		if ( '' !== $secret ) {
			echo '<div class="notice notice-warning inline"><p>' . esc_html__( 'Copy this webhook secret into the collector\'s store settings now; it is not shown again:', 'homing' ) . '</p>';
			printf( '<pre>"stores": { "%s": { "woocommerce": { "webhookSecret": "%s" } } }</pre></div>', esc_html( self::get( 'write_key' ) ), esc_html( $secret ) );
		}
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '"><input type="hidden" name="action" value="homing_new_webhook_secret">';
		wp_nonce_field( 'homing_new_webhook_secret' );
		submit_button( __( 'New webhook secret', 'homing' ), 'secondary', 'submit', false );
		echo '</form>';
	}
}
