// The widget's own element and Shadow DOM. Styles go in a constructable stylesheet (allowed under
// a strict CSP: no inline <style>); browsers without adoptedStyleSheets get a <style> carrying the
// page's nonce. https://developer.mozilla.org/docs/Web/API/ShadowRoot/adoptedStyleSheets
//
// Space: inside a container the page reserved (`[data-homing-thank-you]`, min-height given in the
// README) the widget takes exactly that height; without one it becomes a card fixed to the
// bottom of the viewport. Neither moves the page's content: no layout shift.
export function attachWidget(container: Element | null, css: string, nonce: string | undefined, name: string): { el: HTMLElement; root: ShadowRoot } {
  const el = document.createElement('div');
  el.setAttribute('data-homing-widget', name);
  const root = el.attachShadow({ mode: 'open' });
  const base = `:host{display:block;box-sizing:border-box;height:var(--homing-height,260px);overflow:hidden;contain:strict}
:host([data-fixed]){position:fixed;inset-inline:0;bottom:0;z-index:2147483000;max-width:32rem;margin-inline:auto;box-shadow:0 -2px 16px #0003;border-radius:12px 12px 0 0}
*{box-sizing:border-box}`;
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet == 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(base + css);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = base + css;
    root.append(style);
  }
  if (container) {
    // Reuse the page's reservation: its content (a placeholder) is replaced, its size is kept.
    const style = getComputedStyle(container);
    const reserved = container.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    if (reserved > 0) el.style.setProperty('--homing-height', `${reserved}px`);
    container.replaceChildren(el);
  } else {
    el.setAttribute('data-fixed', '');
    document.body.append(el);
  }
  return { el, root };
}
