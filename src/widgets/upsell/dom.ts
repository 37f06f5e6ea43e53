// DOM helpers shared by the thank-you widgets. Text is only ever set as text (textContent), never
// parsed as markup, and URLs from offers are kept only when they are http(s): hostile offer text
// stays text, and `javascript:` links or images never reach the page.
type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name == 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** The URL when it is absolute http(s), else undefined. */
export function safeUrl(value: unknown): string | undefined {
  try {
    const url = new URL(String(value), location.href);
    return /^https?:$/.test(url.protocol) && value ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Language and direction for widget text: the client's locale, else the page's, else the browser's. */
export function pickLocale<T>(texts: Record<string, T>, locale: string | undefined): { lang: string; locale: string; dir: 'rtl' | 'ltr'; t: T } {
  const full = locale || document.documentElement.lang || navigator.language || 'en';
  const lang = full.slice(0, 2).toLowerCase();
  const known = lang in texts ? lang : 'en';
  return { lang: known, locale: full, dir: /^(fa|ar|he)$/.test(known) ? 'rtl' : 'ltr', t: texts[known] };
}

export const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

/** Once per (order, item) across reloads: a deterministic messageId the collector dedupes on. */
export function onceId(prefix: string, ...parts: string[]): string {
  const id = `${prefix}-${parts.join('-')}`;
  if (id.length <= 100) return id;
  // Two independent 32-bit FNV-1a hashes: a 64-bit id for long order/offer ids.
  const fnv = (text: string, seed: number) => {
    let hash = seed;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    return (hash >>> 0).toString(36);
  };
  return `${prefix}-${fnv(id, 0x811c9dc5)}${fnv(id, 0x12345678)}`;
}
