// Theme paths that are not AJAX: a full-page form post to Shopify's /cart/add or WooCommerce's
// `form.cart`. The submit is seen in the capture phase (before any theme handler), and judged
// once every handler has run: if no theme script took it over with preventDefault() (then its
// fetch/XHR is observed instead), the page is about to navigate and the callback records the
// event durably at once, without holding the navigation up.
import { safe } from './safe.js';

export type CartFormKind = 'add' | 'checkout';
export type CartFormListener = (kind: CartFormKind, data: FormData, form: HTMLFormElement) => void;

function kindOf(form: HTMLFormElement, submitter: HTMLElement | null): CartFormKind | undefined {
  if ((submitter as HTMLButtonElement | null)?.name == 'checkout') return 'checkout';
  // form.action: the resolved URL the browser will post to.
  if (/\/cart\/add(\.js)?([?#]|$)/.test(form.action)) return 'add';
  if (form.matches('form.cart') && ((submitter as HTMLButtonElement | null)?.name == 'add-to-cart' || form.querySelector('[name="add-to-cart"]'))) return 'add';
  return undefined;
}

export function watchCartForms(listener: CartFormListener): void {
  const onSubmit = safe((event: SubmitEvent) => {
    const form = event.target as HTMLFormElement;
    const kind = form instanceof HTMLFormElement && kindOf(form, event.submitter);
    if (!kind) return;
    let done = false;
    const judge = safe(() => {
      if (done) return;
      done = true;
      removeEventListener('submit', judge);
      // Read only for a real navigation: the values as submitted, the clicked button's
      // name=value included (an AJAX theme that prevented it costs nothing more).
      if (!event.defaultPrevented) listener(kind, new FormData(form, event.submitter), form);
    });
    // Runs after every theme handler (bubble phase on window, added during dispatch); the timer
    // covers a theme that stopped the event's propagation.
    addEventListener('submit', judge);
    setTimeout(judge);
  });
  addEventListener('submit', onSubmit, true);
}
