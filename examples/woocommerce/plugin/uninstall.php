<?php
/**
 * Removes the plugin's settings and the webhooks it created.
 *
 * @package Homing
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

$homing_options = get_option( 'homing_options', array() );
if ( class_exists( 'WC_Webhook' ) && ! empty( $homing_options['webhook_ids'] ) && is_array( $homing_options['webhook_ids'] ) ) {
	foreach ( $homing_options['webhook_ids'] as $homing_webhook_id ) {
		$homing_webhook = new WC_Webhook( (int) $homing_webhook_id );
		if ( $homing_webhook->get_id() ) {
			$homing_webhook->delete( true );
		}
	}
}
delete_option( 'homing_options' );
