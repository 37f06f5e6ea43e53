// Review links an SMS carries: `{publicUrl}/review/{order}?k={write key}&t={token}&lang={language}`
// (../../links/signed-order-link.ts).
import { signedOrderLinks } from '../../links/signed-order-link.js';

const review = signedOrderLinks('review', '/review/');
export const reviewLink = review.link;
export const verifyReviewToken = review.verify;
