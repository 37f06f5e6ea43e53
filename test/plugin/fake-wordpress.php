<?php
/**
 * Just enough of WordPress for the plugin to run in php-cli: hooks that really run, options that
 * really store (with the sanitize callbacks and update_option_* actions WordPress runs), the
 * settings API printing its fields, nonces, capabilities, escaping, and translations read from
 * the plugin's .mo files. Everything the plugin asks of WordPress is recorded in $GLOBALS['fake'].
 */

$GLOBALS['fake'] = array(
	'hooks'        => array(),
	'done'         => array(),
	'options'      => array(),
	'locale'       => 'en_US',
	'caps'         => array(),
	'user_id'      => 0,
	'redirect'     => null,
	'died'         => null,
	'scripts'      => array(),
	'inline'       => array(),
	'styles'       => array(),
	'settings'     => array(),
	'settings_errors' => array(),
	'pages'        => array(),
	'translations' => array(),
	'textdomains'  => array(),
	'activation'   => null,
	'deactivation' => null,
);

define( 'DAY_IN_SECONDS', 86400 );
define( 'WP_PLUGIN_DIR', dirname( __DIR__, 2 ) . '/examples/woocommerce' );

// Hooks.
function add_filter( $name, $callback, $priority = 10, $accepted_args = 1 ) {
	$GLOBALS['fake']['hooks'][ $name ][ $priority ][] = array( $callback, $accepted_args );
	return true;
}
function add_action( $name, $callback, $priority = 10, $accepted_args = 1 ) {
	return add_filter( $name, $callback, $priority, $accepted_args );
}
function apply_filters( $name, $value, ...$args ) {
	$by_priority = $GLOBALS['fake']['hooks'][ $name ] ?? array();
	ksort( $by_priority );
	foreach ( $by_priority as $callbacks ) {
		foreach ( $callbacks as list( $callback, $accepted ) ) {
			$value = call_user_func_array( $callback, array_slice( array_merge( array( $value ), $args ), 0, $accepted ) );
		}
	}
	return $value;
}
function do_action( $name, ...$args ) {
	$GLOBALS['fake']['done'][ $name ] = ( $GLOBALS['fake']['done'][ $name ] ?? 0 ) + 1;
	$by_priority = $GLOBALS['fake']['hooks'][ $name ] ?? array();
	ksort( $by_priority );
	foreach ( $by_priority as $callbacks ) {
		foreach ( $callbacks as list( $callback, $accepted ) ) {
			call_user_func_array( $callback, array_slice( $args, 0, $accepted ) );
		}
	}
}
function did_action( $name ) {
	return $GLOBALS['fake']['done'][ $name ] ?? 0;
}
function register_activation_hook( $file, $callback ) {
	$GLOBALS['fake']['activation'] = $callback;
}
function register_deactivation_hook( $file, $callback ) {
	$GLOBALS['fake']['deactivation'] = $callback;
}

// Options, as wp-includes/option.php: sanitized on the way in, actions after a change.
function get_option( $name, $default = false ) {
	return array_key_exists( $name, $GLOBALS['fake']['options'] ) ? $GLOBALS['fake']['options'][ $name ] : $default;
}
function update_option( $name, $value, $autoload = null ) {
	$value = apply_filters( 'sanitize_option_' . $name, $value, $name );
	if ( ! array_key_exists( $name, $GLOBALS['fake']['options'] ) ) {
		$GLOBALS['fake']['options'][ $name ] = $value;
		do_action( 'add_option_' . $name, $name, $value );
		return true;
	}
	$old = $GLOBALS['fake']['options'][ $name ];
	if ( $old === $value ) {
		return false;
	}
	$GLOBALS['fake']['options'][ $name ] = $value;
	do_action( 'update_option_' . $name, $old, $value, $name );
	return true;
}
function delete_option( $name ) {
	unset( $GLOBALS['fake']['options'][ $name ] );
	return true;
}
function wp_parse_args( $args, $defaults = array() ) {
	return array_merge( $defaults, is_array( $args ) ? $args : array() );
}

// Settings API: the page prints its fields as WordPress would.
function register_setting( $group, $name, $args = array() ) {
	$GLOBALS['fake']['settings'][ $name ] = $group;
	if ( isset( $args['sanitize_callback'] ) ) {
		add_filter( 'sanitize_option_' . $name, $args['sanitize_callback'] );
	}
}
function add_settings_section( $id, $title, $callback, $page ) {
	$GLOBALS['fake']['sections'][ $page ][ $id ] = $title;
}
function add_settings_field( $id, $title, $callback, $page, $section, $args = array() ) {
	$GLOBALS['fake']['fields'][ $page ][] = array( $id, $title, $callback, $args );
}
function do_settings_sections( $page ) {
	foreach ( $GLOBALS['fake']['sections'][ $page ] ?? array() as $title ) {
		echo '<h2>' . $title . '</h2>';
	}
	echo '<table class="form-table">';
	foreach ( $GLOBALS['fake']['fields'][ $page ] ?? array() as list( $id, $title, $callback, $args ) ) {
		echo '<tr><th>' . $title . '</th><td>';
		call_user_func( $callback, $args );
		echo '</td></tr>';
	}
	echo '</table>';
}
function settings_fields( $group ) {
	echo '<input type="hidden" name="option_page" value="' . esc_attr( $group ) . '">';
	wp_nonce_field( $group . '-options' );
}
function submit_button( $text = null, $type = 'primary', $name = 'submit', $wrap = true ) {
	echo '<input type="submit" name="' . esc_attr( $name ) . '" class="button button-' . esc_attr( $type ) . '" value="' . esc_attr( $text ?? 'Save Changes' ) . '">';
}
function add_settings_error( $setting, $code, $message, $type = 'error' ) {
	$GLOBALS['fake']['settings_errors'][] = array( 'setting' => $setting, 'code' => $code, 'message' => $message, 'type' => $type );
}
function add_options_page( $page_title, $menu_title, $capability, $slug, $callback ) {
	$GLOBALS['fake']['pages'][ $slug ] = array( 'capability' => $capability, 'callback' => $callback );
}
function selected( $a, $b, $echo = true ) {
	return (string) $a === (string) $b ? ' selected="selected"' : '';
}
function checked( $a, $b, $echo = true ) {
	return (string) $a === (string) $b ? ' checked="checked"' : '';
}

// Users, capabilities, nonces.
function current_user_can( $capability ) {
	return in_array( $capability, $GLOBALS['fake']['caps'], true );
}
function get_current_user_id() {
	return $GLOBALS['fake']['user_id'];
}
function wp_create_nonce( $action ) {
	return substr( hash_hmac( 'sha256', $action . '|' . $GLOBALS['fake']['user_id'], 'fake-nonce-salt' ), 0, 10 );
}
function wp_nonce_field( $action ) {
	echo '<input type="hidden" id="_wpnonce" name="_wpnonce" value="' . esc_attr( wp_create_nonce( $action ) ) . '">';
}
function check_admin_referer( $action ) {
	if ( ( $_REQUEST['_wpnonce'] ?? '' ) !== wp_create_nonce( $action ) ) {
		wp_die( 'The link you followed has expired.', 403 );
	}
	return 1;
}
function wp_die( $message = '', $status = 500 ) {
	$GLOBALS['fake']['died'] = array( 'message' => $message, 'status' => $status );
	exit;
}
function wp_send_json( $response, $status_code = null ) {
	$GLOBALS['fake']['json'] = array( 'status' => $status_code ?? 200, 'body' => $response );
	exit;
}
function wp_safe_redirect( $url ) {
	$GLOBALS['fake']['redirect'] = $url;
	return true;
}

// Escaping and sanitizing.
function esc_html( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}
function esc_attr( $text ) {
	return htmlspecialchars( (string) $text, ENT_QUOTES, 'UTF-8' );
}
function esc_url( $url ) {
	return preg_match( '#^(https?:)?//|^/#i', (string) $url ) ? htmlspecialchars( (string) $url, ENT_QUOTES, 'UTF-8' ) : '';
}
function esc_url_raw( $url, $protocols = null ) {
	return preg_match( '#^https?://#i', (string) $url ) ? (string) $url : '';
}
function sanitize_text_field( $text ) {
	return trim( preg_replace( '/[\r\n\t ]+/', ' ', strip_tags( (string) $text ) ) );
}
function sanitize_textarea_field( $text ) {
	return trim( strip_tags( (string) $text ) );
}
function wp_unslash( $value ) {
	return is_array( $value ) ? array_map( 'wp_unslash', $value ) : stripslashes( (string) $value );
}
function absint( $value ) {
	return abs( (int) $value );
}
function untrailingslashit( $text ) {
	return rtrim( $text, '/\\' );
}
function is_email( $email ) {
	return false !== filter_var( $email, FILTER_VALIDATE_EMAIL ) ? $email : false;
}
function wp_json_encode( $data, $flags = 0 ) {
	return json_encode( $data, $flags );
}
function wp_generate_password( $length = 12, $special = true, $extra = false ) {
	$chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	$out   = '';
	for ( $i = 0; $i < $length; $i++ ) {
		$out .= $chars[ random_int( 0, strlen( $chars ) - 1 ) ];
	}
	return $out;
}
function is_wp_error( $thing ) {
	return false;
}

// URLs.
function home_url( $path = '' ) {
	return 'https://shop.example' . $path;
}
function admin_url( $path = '' ) {
	return 'https://shop.example/wp-admin/' . $path;
}
function plugin_basename( $file ) {
	return ltrim( substr( $file, strlen( WP_PLUGIN_DIR ) ), '/' );
}
function plugins_url( $path, $file ) {
	return 'https://shop.example/wp-content/plugins/' . dirname( plugin_basename( $file ) ) . '/' . $path;
}

// Scripts: the tag WordPress prints for an async script, through the script_loader_tag filter.
function wp_enqueue_script( $handle, $src, $deps = array(), $version = false, $args = array() ) {
	$GLOBALS['fake']['scripts'][ $handle ] = array( 'src' => $src, 'version' => $version, 'args' => $args );
}
function wp_add_inline_script( $handle, $code, $position = 'after' ) {
	$GLOBALS['fake']['inline'][ $handle ][ $position ][] = $code;
}
function wp_enqueue_style( $handle, $src ) {
	$GLOBALS['fake']['styles'][ $handle ] = $src;
}
function fake_print_scripts() {
	foreach ( $GLOBALS['fake']['scripts'] as $handle => $script ) {
		$src   = $script['src'] . ( $script['version'] ? '?ver=' . $script['version'] : '' );
		$async = ( $script['args']['strategy'] ?? '' ) === 'async' ? ' async data-wp-strategy="async"' : '';
		$tag   = '';
		foreach ( $GLOBALS['fake']['inline'][ $handle ]['before'] ?? array() as $code ) {
			$tag .= '<script id="' . $handle . '-js-before">' . $code . "</script>\n";
		}
		$tag .= '<script src="' . esc_url( $src ) . '" id="' . $handle . '-js"' . $async . "></script>\n";
		echo apply_filters( 'script_loader_tag', $tag, $handle, $src );
	}
}

// Translations: the plugin's own .mo files, read as WordPress's MO class reads them.
function get_locale() {
	return $GLOBALS['fake']['locale'];
}

/** WordPress 5.0+: the locale of the current request (the shopper's at checkout). */
function determine_locale() {
	return $GLOBALS['fake']['locale'];
}
function load_plugin_textdomain( $domain, $deprecated = false, $relative_path = false ) {
	$file = WP_PLUGIN_DIR . '/' . $relative_path . '/' . $domain . '-' . get_locale() . '.mo';
	$GLOBALS['fake']['textdomains'][ $domain ] = $file;
	if ( is_readable( $file ) ) {
		$GLOBALS['fake']['translations'][ $domain ] = fake_read_mo( $file );
	}
	return is_readable( $file );
}
function fake_read_mo( $file ) {
	$data = file_get_contents( $file );
	list( , $magic, , $count, $originals, $translations ) = unpack( 'V5', $data );
	if ( 0x950412de !== $magic ) {
		return array();
	}
	$map = array();
	for ( $i = 0; $i < $count; $i++ ) {
		$o = unpack( 'Vlength/Voffset', substr( $data, $originals + 8 * $i, 8 ) );
		$t = unpack( 'Vlength/Voffset', substr( $data, $translations + 8 * $i, 8 ) );
		$map[ substr( $data, $o['offset'], $o['length'] ) ] = substr( $data, $t['offset'], $t['length'] );
	}
	return $map;
}
function __( $text, $domain = 'default' ) {
	$translated = $GLOBALS['fake']['translations'][ $domain ][ $text ] ?? '';
	return '' !== $translated ? $translated : $text;
}
function esc_html__( $text, $domain = 'default' ) {
	return esc_html( __( $text, $domain ) );
}
function esc_attr__( $text, $domain = 'default' ) {
	return esc_attr( __( $text, $domain ) );
}
function esc_html_e( $text, $domain = 'default' ) {
	echo esc_html__( $text, $domain );
}

// Content the order JSON reads.
function get_permalink( $id ) {
	return 'https://shop.example/?p=' . $id;
}
function wp_get_attachment_image_url( $id, $size ) {
	return false;
}
function wp_get_post_terms( $id, $taxonomy, $args = array() ) {
	return array();
}

// Comments (product reviews): kept in $GLOBALS['fake']['comments'] with their meta.
function wp_insert_comment( $data ) {
	$id                                  = count( $GLOBALS['fake']['comments'] ?? array() ) + 1;
	$GLOBALS['fake']['comments'][ $id ] = $data;
	return $id;
}
function get_comments( $args ) {
	$found = array_filter(
		$GLOBALS['fake']['comments'] ?? array(),
		static function ( $c ) use ( $args ) {
			return ( ! isset( $args['post_id'] ) || $c['comment_post_ID'] === $args['post_id'] )
				&& ( ! isset( $args['meta_key'] ) || ( $c['comment_meta'][ $args['meta_key'] ] ?? null ) === $args['meta_value'] );
		}
	);
	return empty( $args['count'] ) ? array_values( $found ) : count( $found );
}
