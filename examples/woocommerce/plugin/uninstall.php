<?php
/**
 * Removes the plugin's settings and the webhooks it created.
 *
 * @package Homing
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$homing_webhooks = get_option( 'homing_webhooks', array() );
if ( function_exists( 'wc_get_webhook' ) && ! empty( $homing_webhooks['ids'] ) && is_array( $homing_webhooks['ids'] ) ) {
	foreach ( $homing_webhooks['ids'] as $homing_webhook_id ) {
		$homing_webhook = wc_get_webhook( (int) $homing_webhook_id );
		if ( $homing_webhook ) {
			$homing_webhook->delete( true );
		}
	}
}
delete_option( 'homing_webhooks' );
delete_option( 'homing_options' );
