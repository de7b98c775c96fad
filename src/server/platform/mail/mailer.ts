import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { realClock, type Clock } from '../clock.ts';
import { readMessage } from './read-message.ts';
import { assertNoProtectedData } from './protected.ts';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  /** Set for an image the HTML shows inline (`<img src="cid:…">`). */
  cid?: string;
}

export interface OutgoingMail {
  to: string | readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments?: readonly MailAttachment[];
  /**
   * Names this message for good ("trade-in tin_… accepted"). It becomes the Message-ID, so a
   * receiving system can drop a repeat, and the outbox writes a key only once.
   */
  idempotencyKey: string;
  /**
   * The recipient's protected values; send() refuses a message that contains one. Required, so
   * no sender can forget the guard: a message to someone with no protected data passes `[]`.
   */
  forbidden: readonly (string | null | undefined)[];
}

export interface SentMail {
  /** 32 hex characters derived from the idempotency key; the outbox's id for the message. */
  id: string;
  messageId: string;
  /** True when the outbox already held this key and nothing was written. */
  duplicate: boolean;
}

export interface OutboxAttachment {
  filename: string | undefined;
  contentType: string;
  cid: string | undefined;
  /** Shown in the HTML (the QR code) rather than offered as a download. */
  inline: boolean;
  size: number;
}

export interface OutboxSummary {
  id: string;
  messageId: string;
  /** When it was sent, by the application clock. */
  date: string;
  from: string;
  to: string;
  subject: string;
  attachments: OutboxAttachment[];
}

export interface OutboxMessage extends OutboxSummary {
  text: string;
  html: string;
  attachments: (OutboxAttachment & { content: Buffer })[];
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SentMail>;
  /** Newest first. Empty in SMTP mode. */
  listOutbox(): Promise<OutboxSummary[]>;
  readOutboxMessage(id: string): Promise<OutboxMessage | null>;
  /** The message as written, for download or a mail client. */
  readOutboxEml(id: string): Promise<Buffer | null>;
  close(): void;
}

export interface MailerOptions {
  /** smtp://user:pass@host:587 or smtps://…; without it, messages go to `outboxDir`. */
  smtpUrl?: string | undefined;
  outboxDir: string;
  /** 'Tradeloop <no-reply@tradeloop.example>' */
  from: string;
  /** Dates the messages (product time): a demo clock makes the mailbox read like the demo's timeline. */
  clock?: Clock;
}

const ID_RE = /^[0-9a-f]{32}$/;
const EML_RE = /^(.+)-([0-9a-f]{32})\.eml$/;

/**
 * Mail through nodemailer: SMTP when `smtpUrl` is set, otherwise one `.eml` file per message in
 * `outboxDir` (named `<ISO time with '-' for ':'>-<id>.eml`, so names sort by time), which a
 * demo mailbox page lists and any mail client opens.
 *
 * Exactly-once delivery is the caller's job (the mail job's `effectDone`/`onceKey`): SMTP offers no way to ask
 * whether a message was already accepted. The outbox does skip a key it already holds.
 */
export function createMailer(opts: MailerOptions): Mailer {
  const clock = opts.clock ?? realClock;
  const domain = /@([^>\s]+)>?\s*$/.exec(opts.from)?.[1] ?? 'tradeloop.invalid';
  const outboxDir = path.resolve(opts.outboxDir);
  const transport = opts.smtpUrl
    ? nodemailer.createTransport({
        url: opts.smtpUrl,
        // Bounded, so a dead server fails the job (and pg-boss retries it) instead of hanging it.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  // One write per key at a time, so two concurrent sends of one key cannot both miss the file.
  const writing = new Map<string, Promise<SentMail>>();

  function compose(mail: OutgoingMail, id: string) {
    return {
      from: opts.from,
      to: typeof mail.to === 'string' ? mail.to : [...mail.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${id}@${domain}>`,
      date: clock.now(),
      attachments: (mail.attachments ?? []).map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
        ...(a.cid ? { cid: a.cid } : {}),
      })),
    };
  }

  async function findEml(id: string): Promise<string | undefined> {
    let names: string[];
    try {
      names = await fs.readdir(outboxDir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return names.find((n) => n.endsWith(`-${id}.eml`));
  }

  async function writeOutbox(mail: OutgoingMail, id: string): Promise<SentMail> {
    const existing = await findEml(id);
    if (existing) return { id, messageId: `<${id}@${domain}>`, duplicate: true };
    const composed = compose(mail, id);
    const info = await transport.sendMail(composed);
    const message = (info as { message?: unknown }).message;
    if (!Buffer.isBuffer(message)) throw new Error('stream transport did not return a buffer');
    // Owner-only: these messages carry names, home addresses and labels.
    await fs.mkdir(outboxDir, { recursive: true, mode: 0o700 });
    const stamp = composed.date.toISOString().replace(/:/g, '-');
    const file = path.join(outboxDir, `${stamp}-${id}.eml`);
    // Written aside and renamed: a reader never sees half a message, and a crash leaves only
    // a temporary file behind.
    const tmp = path.join(outboxDir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    await fs.writeFile(tmp, message, { mode: 0o600 });
    await fs.rename(tmp, file);
    return { id, messageId: composed.messageId, duplicate: false };
  }

  async function summaryOf(name: string, raw: Buffer): Promise<OutboxMessage> {
    const m = await readMessage(raw);
    return {
      id: EML_RE.exec(name)![2]!,
      messageId: m.messageId,
      date: m.date ? m.date.toISOString() : '',
      from: m.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, cid: a.contentId, inline: a.disposition === 'inline', size: a.size, content: a.content })),
    };
  }

  async function readEml(id: string): Promise<{ name: string; raw: Buffer } | null> {
    // The id reaches here from a URL: only our own hex ids, never a path.
    if (!ID_RE.test(id)) return null;
    const name = await findEml(id);
    if (!name) return null;
    return { name, raw: await fs.readFile(path.join(outboxDir, name)) };
  }

  return {
    mode: opts.smtpUrl ? 'smtp' : 'outbox',

    async send(mail) {
      if (!mail.idempotencyKey) throw new TypeError('send() needs an idempotencyKey');
      const to = typeof mail.to === 'string' ? [mail.to] : mail.to;
      if (to.length === 0 || to.some((t) => !t.trim())) throw new TypeError('send() needs at least one recipient');
      if (!mail.subject.trim()) throw new TypeError('send() needs a subject');
      assertNoProtectedData(mail, mail.forbidden, mail.idempotencyKey);
      const id = createHash('sha256').update(mail.idempotencyKey).digest('hex').slice(0, 32);

      if (opts.smtpUrl) {
        const info = await transport.sendMail(compose(mail, id));
        return { id, messageId: info.messageId, duplicate: false };
      }
      const previous = writing.get(id) ?? Promise.resolve();
      const write = previous.catch(() => undefined).then(() => writeOutbox(mail, id));
      writing.set(id, write);
      try {
        return await write;
      } finally {
        if (writing.get(id) === write) writing.delete(id);
      }
    },

    async listOutbox() {
      if (opts.smtpUrl) return [];
      let names: string[];
      try {
        names = await fs.readdir(outboxDir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const emls = names.filter((n) => EML_RE.test(n)).sort().reverse();
      const out: OutboxSummary[] = [];
      for (const name of emls) {
        const { text: _text, html: _html, attachments, ...summary } = await summaryOf(
          name,
          await fs.readFile(path.join(outboxDir, name)),
        );
        out.push({ ...summary, attachments: attachments.map(({ content: _c, ...a }) => a) });
      }
      return out;
    },

    async readOutboxMessage(id) {
      const eml = await readEml(id);
      return eml ? summaryOf(eml.name, eml.raw) : null;
    },

    async readOutboxEml(id) {
      return (await readEml(id))?.raw ?? null;
    },

    close() {
      transport.close();
    },
  };
}
