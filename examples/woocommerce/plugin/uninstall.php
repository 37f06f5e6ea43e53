<?php
/**
 * Removes the plugin's settings.
 *
 * @package Homing
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'homing_options' );
