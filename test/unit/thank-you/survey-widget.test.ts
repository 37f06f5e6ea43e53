// The survey widget: a rating is required, the answer is sent once per order, RTL languages.
import { beforeEach, describe, expect, it } from 'vitest';
import { showSurvey } from '../../../src/widgets/survey/survey.lazy.js';
import { fakeHost } from './fake-host.js';

const root = () => document.querySelector('[data-homing-widget=survey]')!.shadowRoot!;
const submit = () => root().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));

describe('survey widget', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div data-homing-thank-you style="height:260px"></div>';
  });

  it('asks for a rating first, then records it with the comment and the order key once per order', async () => {
    const { host, tracked } = fakeHost();
    const options = { order: { order_id: '1042', order_key: 'wc_order_abc' }, container: document.querySelector('[data-homing-thank-you]'), survey: true };
    await showSurvey(host, options);
    submit();
    await Promise.resolve();
    expect(root().querySelector('[role=status]')!.textContent).toBe('Choose a rating first');
    expect(tracked).toEqual([]);

    root().querySelectorAll<HTMLInputElement>('input[name=rating]')[4].checked = true;
    root().querySelector('textarea')!.value = '  <b>great</b>  ';
    submit();
    await new Promise((r) => setTimeout(r, 0));
    expect(tracked).toEqual([{ event: 'Survey Submitted', properties: { order_id: '1042', rating: 5, comment: '<b>great</b>', order_key: 'wc_order_abc' }, options: { messageId: 'survey-1042', urgent: true } }]);
    expect(root().querySelector('h2')!.textContent).toBe('Thank you for your answer!');

    // Answered already: not asked again on this order.
    document.body.innerHTML = '<div data-homing-thank-you></div>';
    await showSurvey(host, { ...options, container: document.querySelector('[data-homing-thank-you]') });
    expect(document.querySelector('[data-homing-widget=survey]')).toBeNull();
  });

  it('speaks Hebrew right to left, with the ratings labelled for screen readers', async () => {
    await showSurvey(fakeHost({ locale: 'he' }).host, { order: { order_id: '1' }, container: null, survey: true });
    const el = document.querySelector<HTMLElement>('[data-homing-widget=survey]')!;
    expect(el.dir).toBe('rtl');
    expect(root().querySelector('h2')!.textContent).toBe('איך הייתה ההזמנה שלך?');
    expect(root().querySelector('input')!.getAttribute('aria-label')).toBe('1 מתוך 5');
  });
});
