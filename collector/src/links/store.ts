// Creating short links and reading them back. Codes are 8 characters of an unambiguous alphabet
// (57^8 ≈ 1.1e14): short enough to keep an SMS in one segment, too many to guess.
import { customAlphabet } from 'nanoid';
import type { Sql } from '../feature.js';

const newCode = customAlphabet('23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz', 8);

export interface NewLink {
  writeKey: string;
  targetUrl: string;
  campaign?: string;
  step?: number;
  outboxId?: number;
  anonymousId?: string | null;
  phone?: string | null;
  cartId?: string | null;
}

export async function createShortLink(db: Sql, link: NewLink, now: Date): Promise<string> {
  const code = newCode();
  await db.run(
    `INSERT INTO links_links (code, write_key, target_url, campaign, step, outbox_id, anonymous_id, phone, cart_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [code, link.writeKey, link.targetUrl, link.campaign ?? null, link.step ?? null, link.outboxId ?? null, link.anonymousId ?? null, link.phone ?? null, link.cartId ?? null, now.toISOString()],
  );
  return code;
}

export function shortUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/r/${code}`;
}

/**
 * Records the click and returns where to send the shopper; undefined for an unknown code, null for a
 * link whose target `allowed` refuses (not counted: nobody is sent there).
 */
export async function followLink(
  db: Sql,
  code: string,
  now: Date,
  userAgent: string | undefined,
  allowed: (writeKey: string, target: string) => boolean,
): Promise<string | null | undefined> {
  const [link] = await db.query<{ target_url: string; write_key: string }>('SELECT target_url, write_key FROM links_links WHERE code = $1', [code]);
  if (!link) return undefined;
  if (!allowed(link.write_key, link.target_url)) return null;
  // Link previewers (chat apps unfurling the URL) are not shoppers: do not count them.
  if (!isPreviewBot(userAgent)) {
    await db.run('INSERT INTO links_clicks (code, clicked_at, user_agent) VALUES ($1, $2, $3)', [code, now.toISOString(), userAgent?.slice(0, 300) ?? null]);
  }
  return link.target_url;
}

const PREVIEW_BOTS = /bot\b|facebookexternalhit|WhatsApp|TelegramBot|Slackbot|Twitterbot|Discordbot|SkypeUriPreview|LinkedInBot|Googlebot|bingbot/i;
export const isPreviewBot = (userAgent: string | undefined) => !!userAgent && PREVIEW_BOTS.test(userAgent);
