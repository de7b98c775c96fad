import { escapeHtml } from './protected.ts';

/**
 * One block of an e-mail body: a paragraph, a bullet list, an inline image sent as an
 * attachment with that `cid`, or a muted note (conditions, fine print).
 */
export type EmailBlock =
  | string
  | { readonly list: readonly string[] }
  | { readonly image: { readonly cid: string; readonly alt: string; readonly width?: number } }
  | { readonly note: string };

export interface EmailLayout {
  title: string;
  paragraphs: readonly EmailBlock[];
  /** One call to action, a button in HTML and a bare link in text. Absolute http(s) only. */
  cta?: { label: string; url: string };
  /** Shown by mail clients beside the subject in the inbox list; hidden in the body. */
  preheader?: string;
  footer?: string;
}

export interface EmailBody {
  text: string;
  html: string;
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const INK = '#1f2933';
const MUTED = '#616e7c';
// The web app's brand green (src/web/theme.ts, primary shade 8), so a message looks like the site it links to.
const ACCENT = '#0a8553';
const DEFAULT_FOOTER = 'Tradeloop · trade in your used electronics';

/**
 * The house e-mail: a plain-text part and an HTML part saying the same thing. Every string is
 * escaped; styles are inline and nothing is loaded from elsewhere, because mail clients strip
 * <style> blocks and block remote content.
 */
export function layoutEmail(layout: EmailLayout): EmailBody {
  if (!layout.title.trim()) throw new TypeError('layoutEmail needs a title');
  if (layout.cta) assertHttpUrl(layout.cta.url);
  const footer = layout.footer ?? DEFAULT_FOOTER;
  return { text: renderText(layout, footer), html: renderHtml(layout, footer) };
}

function renderText(layout: EmailLayout, footer: string): string {
  const out: string[] = [layout.title, '='.repeat(Math.min(layout.title.length, 72)), ''];
  for (const block of layout.paragraphs) {
    if (typeof block === 'string') out.push(block, '');
    else if ('list' in block) out.push(...block.list.map((item) => `  * ${item}`), '');
    else if ('image' in block) out.push(`[${block.image.alt}]`, '');
    else out.push(block.note, '');
  }
  if (layout.cta) out.push(`${layout.cta.label}: ${layout.cta.url}`, '');
  out.push('--', footer, '');
  return out.join('\n');
}

function renderHtml(layout: EmailLayout, footer: string): string {
  const e = escapeHtml;
  const p = `margin:0 0 16px;font-size:16px;line-height:24px;color:${INK};`;
  const body = layout.paragraphs
    .map((block) => {
      if (typeof block === 'string') return `<p style="${p}">${e(block)}</p>`;
      if ('list' in block) {
        const items = block.list.map((item) => `<li style="margin:0 0 8px;">${e(item)}</li>`).join('');
        return `<ul style="margin:0 0 16px;padding-left:24px;font-size:16px;line-height:24px;color:${INK};">${items}</ul>`;
      }
      if ('image' in block) {
        const { cid, alt, width } = block.image;
        assertCid(cid);
        const w = width ? ` width="${Math.round(width)}"` : '';
        return `<p style="${p}text-align:center;"><img src="cid:${e(cid)}" alt="${e(alt)}"${w} style="display:inline-block;max-width:100%;height:auto;border:0;"></p>`;
      }
      return `<p style="margin:0 0 16px;font-size:14px;line-height:20px;color:${MUTED};">${e(block.note)}</p>`;
    })
    .join('\n');
  const cta = layout.cta
    ? `<p style="margin:8px 0 24px;"><a href="${e(layout.cta.url)}" style="display:inline-block;padding:12px 20px;background:${ACCENT};color:#ffffff;font-size:16px;font-weight:600;text-decoration:none;border-radius:6px;">${e(layout.cta.label)}</a></p>`
    : '';
  const preheader = layout.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${e(layout.preheader)}</div>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(layout.title)}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;">
${preheader}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;"><tr><td style="padding:32px;font-family:${FONT};">
<h1 style="margin:0 0 24px;font-size:22px;line-height:30px;color:${INK};">${e(layout.title)}</h1>
${body}
${cta}
<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e4e7eb;font-size:12px;line-height:18px;color:${MUTED};">${e(footer)}</p>
</td></tr></table>
</td></tr></table>
</body>
</html>
`;
}

function assertHttpUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`e-mail link ${JSON.stringify(url)} is not an absolute URL`);
  }
  // A javascript: or data: link in an e-mail is an attack, never a feature.
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new TypeError(`e-mail link must be http(s), got ${parsed.protocol}`);
  }
}

function assertCid(cid: string): void {
  if (!/^[\w.@-]+$/.test(cid)) throw new TypeError(`inline image cid ${JSON.stringify(cid)} may only use letters, digits, _ . @ -`);
}
