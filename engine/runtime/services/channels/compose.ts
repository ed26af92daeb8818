/**
 * Turn a rendered text into what a channel sends. Email gets an HTML part (paragraphs,
 * links made clickable, every value escaped) and, when tracked, its links rewritten to
 * the click redirect, an open pixel, an unsubscribe footer and the List-Unsubscribe
 * headers of RFC 2369 / RFC 8058 (one-click). SMS gets the advertising prefix and, when
 * asked, loses its Vietnamese marks.
 */
import type { AdvertisingRules } from '../../../plugins/contract.js';
import { stripDiacritics, type Lang } from '../../core/index.js';

const URL_PATTERN = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Text made safe inside HTML, in content and in attribute values. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface EmailTracking {
  /** The click redirect for a URL of the message. */
  click: (url: string) => string;
  openPixel: string;
  unsubscribe: string;
}

const FOOTER: Record<Lang, (url: string) => string> = {
  vi: (url) => `Bạn nhận email này vì đã đăng ký nhận tin. Hủy đăng ký: ${url}`,
  en: (url) => `You receive this email because you subscribed to our news. Unsubscribe: ${url}`,
};

/** The HTML of a text: paragraphs on blank lines, line breaks kept, links clickable (through `link`). */
export function textToHtml(text: string, link: (url: string) => string = (u) => u): string {
  const paragraphs = text.split(/\n{2,}/).map((paragraph) => {
    let html = '';
    let last = 0;
    for (const match of paragraph.matchAll(URL_PATTERN)) {
      const url = match[0];
      html += escapeHtml(paragraph.slice(last, match.index)) + `<a href="${escapeHtml(link(url))}">${escapeHtml(url)}</a>`;
      last = (match.index ?? 0) + url.length;
    }
    html += escapeHtml(paragraph.slice(last));
    return `<p>${html.replace(/\n/g, '<br>')}</p>`;
  });
  return paragraphs.join('\n');
}

/** An email's parts; tracked (marketing) emails carry the pixel, redirects and unsubscribe. */
export function composeEmail(
  rendered: { subject: string; text: string },
  lang: Lang,
  tracking?: EmailTracking,
): { subject: string; text: string; html: string; headers: Record<string, string> } {
  if (!tracking) return { subject: rendered.subject, text: rendered.text, html: wrap(textToHtml(rendered.text), lang), headers: {} };
  const footer = FOOTER[lang](tracking.unsubscribe);
  const text = `${rendered.text}\n\n--\n${footer}`;
  const html =
    textToHtml(rendered.text, tracking.click) +
    `\n<hr><p style="font-size:12px;color:#666">${escapeHtml(footer).replace(escapeHtml(tracking.unsubscribe), `<a href="${escapeHtml(tracking.unsubscribe)}">${escapeHtml(tracking.unsubscribe)}</a>`)}</p>` +
    `\n<img src="${escapeHtml(tracking.openPixel)}" width="1" height="1" alt="" style="display:block;border:0">`;
  return {
    subject: rendered.subject,
    text,
    html: wrap(html, lang),
    headers: { 'List-Unsubscribe': `<${tracking.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

function wrap(body: string, lang: Lang): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>\n${body}\n</body></html>`;
}

/** An SMS text under the channel's advertising rules: the prefix once, marks stripped when asked. */
export function composeSms(text: string, options: { advertising?: AdvertisingRules | undefined; marketing: boolean; strip: boolean }): string {
  let out = text.trim();
  const prefix = options.marketing ? options.advertising?.prefix : undefined;
  if (prefix && !out.startsWith(prefix.trim())) out = `${prefix}${out}`;
  return options.strip ? stripDiacritics(out) : out;
}
