// Survey links a shopper can open from an SMS: `{publicUrl}/s/{order}?k={write key}&t={token}&lang={language}`
// (../links/signed-order-link.ts).
import { signedOrderLinks } from '../links/signed-order-link.js';

const survey = signedOrderLinks('survey', '/s/');
export const surveyLink = survey.link;
export const verifySurveyToken = survey.verify;
