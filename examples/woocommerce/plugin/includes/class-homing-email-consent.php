<?php
/**
 * Consent to marketing e-mail at checkout: an unchecked "Email me offers and news" box on the
 * classic checkout and on the block checkout (in the contact section, next to the e-mail address),
 * saved on the order as `_homing_email_consent` (`yes` / `no`). The collector reads it from the
 * order webhook: campaign e-mails go only to addresses whose owner ticked it.
 *
 * Its name (`homing_email_optin`) and block field id (`homing/email-optin`) must stay clear of the
 * Homing script's SMS consent pattern (sms, consent, text, whatsapp, marketing): a box matching it
 * would be read as consent to text messages for the phone typed in the same form.
 *
 * @package Homing
 */

defined( 'ABSPATH' ) || exit;

/**
 * The marketing e-mail checkbox.
 */
class Homing_Email_Consent extends Homing_Checkout_Checkbox {
	const FIELD       = 'homing_email_optin';
	const BLOCK_FIELD = 'homing/email-optin';
	const META        = '_homing_email_consent';
	const SETTING     = 'email_consent_text';
	const LOCATION    = 'contact';

	/**
	 * The default text, in the site's language.
	 *
	 * @return string
	 */
	public static function default_label() {
		// languages/ holds it in Persian (fa_IR), Hebrew (he_IL) and Arabic (ar).
		return __( 'Email me offers and news', 'homing' );
	}
}
