import { describe, expect, it } from 'vitest';
import { layoutEmail } from './layout.ts';

const hostile = `<script>alert("x")</script> & 'quotes'`;

describe('layoutEmail', () => {
  it('escapes every string in the HTML part and keeps the text part literal', () => {
    const { text, html } = layoutEmail({
      title: `Hello ${hostile}`,
      paragraphs: [hostile, { list: [hostile] }, { note: hostile }, { image: { cid: 'qr@tradeloop', alt: hostile } }],
      cta: { label: hostile, url: 'https://tradeloop.test/a?b=1&c="2"' },
      preheader: hostile,
      footer: hostile,
    });
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"x"`);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(html).toContain('href="https://tradeloop.test/a?b=1&amp;c=&quot;2&quot;"');
    expect(text).toContain(`Hello ${hostile}`);
    expect(text).toContain(`  * ${hostile}`);
    expect(text).toContain(`${hostile}: https://tradeloop.test/a?b=1&c="2"`);
  });

  it('says the same thing in both parts', () => {
    const { text, html } = layoutEmail({
      title: 'Ship by 17 December',
      paragraphs: ['Back up and wipe your phone.', { list: ['Sign out of iCloud', 'Pack it cushioned'] }],
      cta: { label: 'Download the label', url: 'https://tradeloop.test/label.pdf' },
    });
    for (const s of ['Ship by 17 December', 'Back up and wipe your phone.', 'Sign out of iCloud', 'Pack it cushioned', 'Download the label']) {
      expect(text).toContain(s);
      expect(html).toContain(s);
    }
    expect(text).toMatch(/^Ship by 17 December\n=+\n/);
  });

  it('loads nothing from elsewhere: inline styles, images only by cid', () => {
    const { html } = layoutEmail({
      title: 't',
      paragraphs: [{ image: { cid: 'qr@tradeloop', alt: 'QR', width: 180 } }],
      cta: { label: 'Go', url: 'https://tradeloop.test/' },
    });
    expect(html).not.toMatch(/<style|<link|<script|url\(/i);
    expect([...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1])).toEqual(['cid:qr@tradeloop']);
    expect(html).toContain('width="180"');
  });

  it('refuses a link that is not http(s) and a cid that could break out of the attribute', () => {
    expect(() => layoutEmail({ title: 't', paragraphs: [], cta: { label: 'x', url: 'javascript:alert(1)' } })).toThrow(/http/);
    expect(() => layoutEmail({ title: 't', paragraphs: [], cta: { label: 'x', url: '/relative' } })).toThrow(/absolute/);
    expect(() => layoutEmail({ title: 't', paragraphs: [{ image: { cid: 'a" onerror="x', alt: '' } }] })).toThrow(/cid/);
    expect(() => layoutEmail({ title: ' ', paragraphs: [] })).toThrow(/title/);
  });
});
