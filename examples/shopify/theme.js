// A Dawn-style theme's scripts, reduced to the cart paths (Dawn: assets/product-form.js,
// cart.js, cart-drawer.js): <product-form> posts the product form's FormData with fetch to
// routes.cart_add_url and renders the sections it asked for; <cart-items> posts JSON to
// routes.cart_change_url; <cart-drawer> opens after an add.
const root = /^\/[a-z]{2}(?:-[a-z]{2})?\//.exec(location.pathname)?.[0] ?? '/';
window.routes = { root_url: root, cart_url: `${root}cart`, cart_add_url: `${root}cart/add`, cart_change_url: `${root}cart/change`, cart_update_url: `${root}cart/update` };

function fetchConfig(type = 'json') {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: `application/${type}` } };
}

function renderBubble(html) {
  const next = new DOMParser().parseFromString(html, 'text/html').querySelector('.cart-count-bubble');
  const bubble = document.querySelector('#cart-icon-bubble .cart-count-bubble');
  if (next && bubble) bubble.replaceWith(next);
}

class CartDrawer extends HTMLElement {
  connectedCallback() {
    this.querySelector('.drawer__close')?.addEventListener('click', () => this.close());
  }
  open() {
    this.classList.add('active');
    this.setAttribute('aria-hidden', 'false');
  }
  close() {
    this.classList.remove('active');
    this.setAttribute('aria-hidden', 'true');
  }
  getSectionsToRender() {
    return [{ id: 'cart-drawer' }, { id: 'cart-icon-bubble' }];
  }
  renderContents(parsed) {
    const items = new DOMParser().parseFromString(parsed.sections['cart-drawer'], 'text/html').querySelector('.drawer__items');
    this.querySelector('.drawer__items').replaceWith(items);
    renderBubble(parsed.sections['cart-icon-bubble']);
    this.open();
  }
}
customElements.define('cart-drawer', CartDrawer);

class ProductForm extends HTMLElement {
  connectedCallback() {
    this.form = this.querySelector('form');
    this.form.addEventListener('submit', this.onSubmitHandler.bind(this));
    this.cart = document.querySelector('cart-drawer');
    this.submitButton = this.querySelector('[type="submit"]');
  }
  onSubmitHandler(evt) {
    evt.preventDefault();
    if (this.submitButton.getAttribute('aria-disabled') === 'true') return;
    this.submitButton.setAttribute('aria-disabled', 'true');
    const config = fetchConfig('javascript');
    config.headers['X-Requested-With'] = 'XMLHttpRequest';
    delete config.headers['Content-Type'];
    const formData = new FormData(this.form);
    formData.append('sections', this.cart.getSectionsToRender().map((section) => section.id));
    formData.append('sections_url', window.location.pathname);
    config.body = formData;
    fetch(routes.cart_add_url, config)
      .then((response) => response.json())
      .then((response) => {
        if (response.status) {
          this.querySelector('.form__message').textContent = response.description;
          return;
        }
        this.cart.renderContents(response);
        document.body.dataset.themeAdded = String(Number(document.body.dataset.themeAdded ?? 0) + 1);
      })
      .finally(() => this.submitButton.removeAttribute('aria-disabled'));
  }
}
customElements.define('product-form', ProductForm);

const money = (cents, currency) => new Intl.NumberFormat('en-CA', { style: 'currency', currency }).format(cents / 100);

class CartItems extends HTMLElement {
  connectedCallback() {
    fetch(`${root}cart.js`).then((r) => r.json()).then((cart) => this.render(cart));
    this.addEventListener('change', (event) => {
      if (event.target.name === 'updates[]') this.updateQuantity(Number(event.target.dataset.index), Number(event.target.value));
    });
    this.addEventListener('click', (event) => {
      const remove = event.target.closest('cart-remove-button');
      if (remove) this.updateQuantity(Number(remove.dataset.index), 0);
    });
  }
  updateQuantity(line, quantity) {
    const body = JSON.stringify({ line, quantity, sections: ['cart-icon-bubble'], sections_url: window.location.pathname });
    fetch(routes.cart_change_url, { ...fetchConfig(), body })
      .then((response) => response.text())
      .then((state) => {
        const parsed = JSON.parse(state);
        this.render(parsed);
        renderBubble(parsed.sections['cart-icon-bubble']);
      });
  }
  render(cart) {
    this.querySelector('tbody').innerHTML = cart.items
      .map(
        (item, i) => `<tr class="cart-item" data-variant="${item.variant_id}"><td>${item.title}</td><td>${money(item.final_price, cart.currency)}</td>
        <td><input type="number" name="updates[]" min="0" value="${item.quantity}" data-index="${i + 1}" aria-label="Quantity for ${item.title}"></td>
        <td><cart-remove-button data-index="${i + 1}"><button type="button" aria-label="Remove ${item.title}">×</button></cart-remove-button></td></tr>`,
      )
      .join('');
    this.querySelector('.totals__total-value').textContent = money(cart.total_price, cart.currency);
    // A code from an SMS link (cart permalink ?discount=) is shown here and applied at checkout, as on Shopify.
    const code = cart.discount_codes?.find((discount) => discount.applicable)?.code;
    this.querySelector('.totals__discount').hidden = !code;
    if (code)
      import('/examples/coupons.mjs').then(({ findCoupon, discountOf }) => {
        const discount = discountOf(cart.total_price, findCoupon(code));
        this.querySelector('.totals__discount-code').textContent = code.toUpperCase();
        this.querySelector('.totals__discount-value').textContent = `−${money(discount, cart.currency)}`;
        this.querySelector('.totals__total-value').textContent = money(cart.total_price - discount, cart.currency);
      });
    document.body.dataset.cartRendered = String(cart.item_count);
  }
}
customElements.define('cart-items', CartItems);
