/** Runs `fn` once the document is parsed (at once when it already is): the theme's elements and body classes exist then. */
export const whenParsed = (fn: () => void): void => (document.readyState == 'loading' ? document.addEventListener('DOMContentLoaded', fn) : fn());
