<?php
/**
 * SMS consent at checkout: an unchecked "Text me about my order and offers" box on the classic
 * checkout (next to the phone) and on the block checkout (in the order section), saved on the order
 * as `_homing_sms_consent` (`yes` / `no`), which the collector reads from the order webhook.
 *
 * The box's name (`homing_sms_consent`) and the block field's id (`homing/sms-consent`) both match
 * the Homing script's consent pattern, so ticking it also links the cart captured before checkout
 * to a consented phone number.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The SMS consent checkbox.
 */
class Homing_Consent extends Homing_Checkout_Checkbox {
	const FIELD       = 'homing_sms_consent';
	const BLOCK_FIELD = 'homing/sms-consent';
	const META        = '_homing_sms_consent';
	const SETTING     = 'consent_text';
	const LOCATION    = 'order';

	/**
	 * The default text, in the site's language.
	 *
	 * @return string
	 */
	public static function default_label() {
		// languages/ holds it in Persian (fa_IR), Hebrew (he_IL) and Arabic (ar).
		return __( 'Text me about my order and offers', 'homing' );
	}
}
