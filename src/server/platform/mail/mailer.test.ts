import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type ReceivedMail } from '../../../../test/smtp.ts';
import { AdjustableClock } from '../clock.ts';
import { layoutEmail } from './layout.ts';
import { createMailer, type MailAttachment, type OutgoingMail } from './mailer.ts';
import { readMessage } from './read-message.ts';
import { ProtectedDataError } from './protected.ts';

const FROM = 'Tradeloop <no-reply@tradeloop.test>';

// Binary on purpose (every byte value), so any text-mode mangling on the way shows.
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(4096), Buffer.from('\n%%EOF\n')]);
const png = (() => {
  const img = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) % 256;
  return PNG.sync.write(img);
})();

function acceptedMail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  const body = layoutEmail({
    title: 'Your label is ready',
    paragraphs: [
      'Print the label and tape it to the box. Ship by 17 December 2026.',
      { image: { cid: 'qr@tradeloop', alt: 'Drop-off QR code', width: 180 } },
      { note: 'The QR code is accepted only at The UPS Store, not at UPS Access Points, Customer Centers or drop boxes.' },
    ],
    cta: { label: 'See your trade-in', url: 'https://tradeloop.test/trade-ins/tin_1' },
  });
  const attachments: MailAttachment[] = [
    { filename: 'label.pdf', content: pdf, contentType: 'application/pdf' },
    { filename: 'qr.png', content: png, contentType: 'image/png', cid: 'qr@tradeloop' },
  ];
  return {
    to: 'seller@example.com',
    // Non-ASCII, so the subject travels as an RFC 2047 encoded word.
    subject: 'Your label is ready — ship by 17 December',
    ...body,
    attachments,
    idempotencyKey: 'trade-in:tin_1:accepted',
    forbidden: [],
    ...overrides,
  };
}

describe('mail over SMTP (a real server)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let port: number;
  let received: ReceivedMail[];

  beforeAll(async () => {
    smtp = await startSmtpServer({ refuse: (address) => address.startsWith('bounce@') });
    port = smtp.port;
    received = smtp.received;
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(() => {
    received.length = 0;
  });

  const smtpMailer = () =>
    createMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      outboxDir: '/nonexistent',
      from: FROM,
      clock: new AdjustableClock({ frozenAt: new Date('2026-11-26T15:00:00Z') }),
    });

  it('delivers text and HTML, the PDF attached and the QR code inline, bytes intact', async () => {
    const mailer = smtpMailer();
    try {
      const sent = await mailer.send(acceptedMail());
      expect(mailer.mode).toBe('smtp');
      expect(sent.messageId).toBe(`<${sent.id}@tradeloop.test>`);
    } finally {
      mailer.close();
    }

    expect(received).toHaveLength(1);
    const [msg] = received;
    expect(msg!.mailFrom).toBe('no-reply@tradeloop.test');
    expect(msg!.rcptTo).toEqual(['seller@example.com']);

    const m = await readMessage(msg!.raw, { keepCidLinks: true });
    expect(m.subject).toBe('Your label is ready — ship by 17 December');
    expect(m.to).toBe('seller@example.com');
    expect(m.date!.toISOString()).toBe('2026-11-26T15:00:00.000Z');

    expect(m.text).toContain('Ship by 17 December 2026.');
    expect(m.text).toContain('See your trade-in: https://tradeloop.test/trade-ins/tin_1');
    expect(m.html).toContain('<img src="cid:qr@tradeloop"');
    expect(m.html).toContain('not at UPS Access Points');

    const label = m.attachments.find((p) => p.filename === 'label.pdf')!;
    expect(label.contentType).toBe('application/pdf');
    expect(label.disposition).toBe('attachment');
    expect(label.content.equals(pdf)).toBe(true);
    const qr = m.attachments.find((p) => p.contentId === 'qr@tradeloop')!;
    expect(qr.contentType).toBe('image/png');
    expect(qr.disposition).toBe('inline');
    expect(qr.content.equals(png)).toBe(true);
    // A reader (the demo mailbox) gets the inline image itself in place of its cid: link.
    expect((await readMessage(msg!.raw)).html).toContain(`<img src="data:image/png;base64,${png.toString('base64')}"`);
    expect(PNG.sync.read(qr.content).width).toBe(8);
  });

  it('fails the send when the server refuses the recipient, so the job is retried', async () => {
    const mailer = smtpMailer();
    try {
      await expect(mailer.send(acceptedMail({ to: 'bounce@example.com' }))).rejects.toThrow();
    } finally {
      mailer.close();
    }
    expect(received).toHaveLength(0);
  });

  it('refuses a message carrying a protected value before connecting', async () => {
    const mailer = smtpMailer();
    try {
      const mail = acceptedMail({ forbidden: [null, '', '021000021'] });
      await expect(mailer.send({ ...mail, text: `${mail.text}\nRouting 021000021` })).rejects.toThrow(ProtectedDataError);
    } finally {
      mailer.close();
    }
    expect(received).toHaveLength(0);
  });
});

describe('mail to the outbox (no SMTP_URL)', () => {
  let dir: string;
  let clock: AdjustableClock;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-outbox-'));
    clock = new AdjustableClock({ frozenAt: new Date('2026-11-26T15:00:00Z') });
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  const outboxMailer = () => createMailer({ outboxDir: path.join(dir, 'outbox'), from: FROM, clock });

  it('writes one readable .eml per message, named by time and id, and lists it', async () => {
    const mailer = outboxMailer();
    expect(mailer.mode).toBe('outbox');
    expect(await mailer.listOutbox()).toEqual([]);
    const sent = await mailer.send(acceptedMail());
    expect(sent.duplicate).toBe(false);

    const files = await fs.readdir(path.join(dir, 'outbox'));
    expect(files).toEqual([`2026-11-26T15-00-00.000Z-${sent.id}.eml`]);
    const raw = await fs.readFile(path.join(dir, 'outbox', files[0]!));
    expect(raw.toString('latin1')).toMatch(/^(?:[\w-]+: .*\r\n(?:[ \t].*\r\n)*)+\r\n/);
    expect((await mailer.readOutboxEml(sent.id))!.equals(raw)).toBe(true);

    const list = await mailer.listOutbox();
    expect(list).toEqual([
      {
        id: sent.id,
        messageId: sent.messageId,
        date: '2026-11-26T15:00:00.000Z',
        from: FROM,
        to: 'seller@example.com',
        subject: 'Your label is ready — ship by 17 December',
        attachments: [
          { filename: 'qr.png', contentType: 'image/png', cid: 'qr@tradeloop', inline: true, size: png.length },
          { filename: 'label.pdf', contentType: 'application/pdf', cid: undefined, inline: false, size: pdf.length },
        ],
      },
    ]);

    const full = (await mailer.readOutboxMessage(sent.id))!;
    expect(full.text).toContain('Ship by 17 December 2026.');
    expect(full.html).toContain('<h1');
    expect(full.attachments.find((a) => a.filename === 'label.pdf')!.content.equals(pdf)).toBe(true);
  });

  it('writes a key once, even when sent twice at the same moment', async () => {
    const mailer = outboxMailer();
    const [a, b] = await Promise.all([mailer.send(acceptedMail()), mailer.send(acceptedMail())]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    clock.advance(60_000);
    expect((await mailer.send(acceptedMail())).duplicate).toBe(true);
    expect(await fs.readdir(path.join(dir, 'outbox'))).toHaveLength(1);
  });

  it('lists newest first', async () => {
    const mailer = outboxMailer();
    await mailer.send(acceptedMail({ subject: 'first', idempotencyKey: 'k1', attachments: [] }));
    clock.advance(3_600_000);
    await mailer.send(acceptedMail({ subject: 'second', idempotencyKey: 'k2', attachments: [] }));
    expect((await mailer.listOutbox()).map((m) => m.subject)).toEqual(['second', 'first']);
  });

  it('reads only its own ids, never a path', async () => {
    const mailer = outboxMailer();
    await mailer.send(acceptedMail());
    expect(await mailer.readOutboxMessage('../../../etc/passwd')).toBeNull();
    expect(await mailer.readOutboxEml('0'.repeat(32))).toBeNull();
  });

  it('refuses a message without recipient, subject or idempotency key', async () => {
    const mailer = outboxMailer();
    await expect(mailer.send(acceptedMail({ to: [] }))).rejects.toThrow(/recipient/);
    await expect(mailer.send(acceptedMail({ subject: ' ' }))).rejects.toThrow(/subject/);
    await expect(mailer.send(acceptedMail({ idempotencyKey: '' }))).rejects.toThrow(/idempotencyKey/);
    expect(await mailer.listOutbox()).toEqual([]);
  });
});
