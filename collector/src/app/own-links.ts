// A message's text as HTML, with the links this collector made clickable: its short links (/r/),
// survey (/s/), review (/review/) and unsubscribe (/u/) pages under its public URL. Nothing else
// becomes a link (a template's other URLs, any other text stay plain text), and everything is escaped.
import { escapeHtml as e } from '../html.js';

const OWN_PAGES = ['r', 's', 'review', 'u'];
// A URL ends at white space, a quote or an angle bracket; a sentence's punctuation after it is not part of it.
const URL_LIKE = /https?:\/\/[^\s<>"'`]+/g;
const TRAILING = /[.,;:!?)\]}»،؛؟]+$/;

/** True when the URL is one of this collector's own pages (same scheme, host and port; under its path). */
function ownLink(url: string, publicUrl: string): boolean {
  const base = publicUrl.replace(/\/+$/, '');
  return OWN_PAGES.some((page) => url.startsWith(`${base}/${page}/`) && url.length > base.length + page.length + 2);
}

export function linkOwnUrls(text: string, publicUrl: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_LIKE)) {
    const url = match[0].replace(TRAILING, '');
    if (!ownLink(url, publicUrl)) continue;
    html += `${e(text.slice(last, match.index))}<a href="${e(url)}" dir="ltr" target="_blank" rel="noreferrer">${e(url)}</a>`;
    last = match.index + url.length;
  }
  return html + e(text.slice(last));
}
