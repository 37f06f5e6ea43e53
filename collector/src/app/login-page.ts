// The sign-in page in the owner's language, with the app's stylesheet and language links.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as e } from '../html.js';
import { LANGS, translator, type Key } from './i18n/index.js';
import { createFormat, TZ_COOKIE, validTimeZone } from './format.js';
import { documentStart } from './layout.js';
import { cookieValue, pickLang, sendHtml } from './shell.js';

/** Where to go after signing in: an app path of this site only (never `//elsewhere`). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/app(\/[\w\-./]*)?(\?[\w\-=&%.+]*)?$/.test(value) && !value.includes('..') ? value : '/app';
}

export function sendLoginPage(request: FastifyRequest, reply: FastifyReply, status: number, message?: Key): FastifyReply {
  const lang = pickLang(request, reply);
  const t = translator(lang.lang);
  const query = (request.query as Record<string, unknown> | undefined) ?? {};
  const body = (request.body as Record<string, unknown> | undefined) ?? {};
  const next = safeNext(body.next ?? query.next);
  const view = { lang, fmt: createFormat(lang, validTimeZone(cookieValue(request, TZ_COOKIE)) ?? 'UTC', t, () => new Date()) };
  const langs = LANGS.map(
    (l) => `<li><a href="/login?lang=${l.lang}&amp;next=${e(encodeURIComponent(next))}" lang="${l.lang}" hreflang="${l.lang}"${l.lang === lang.lang ? ' aria-current="true"' : ''}>${e(l.name)}</a></li>`,
  ).join('');
  return sendHtml(
    reply,
    status,
    `${documentStart(view, `${t('login.title')} · ${t('app.name')}`)}
<main class="login"><ul class="langs" aria-label="${e(t('shell.language'))}">${langs}</ul>
<h1>${e(t('login.heading'))}</h1>
${message ? `<p class="error" role="alert">${e(t(message))}</p>` : ''}
<form method="post" action="/login"><label for="token">${e(t('login.label'))}</label>
<input id="token" name="token" type="password" autocomplete="current-password" dir="ltr" required autofocus>
<input type="hidden" name="next" value="${e(next)}">
<p class="muted">${e(t('login.hint'))}</p>
<button type="submit">${e(t('login.submit'))}</button></form></main></body></html>`,
  );
}
