import { simpleParser, type AddressObject } from 'mailparser';

/**
 * An e-mail as a reader sees it, parsed by mailparser (MIME trees, encodings and
 * encoded-words are a kept library's job, not ours). By default an inline image's `cid:`
 * link in the HTML becomes a `data:` URI, so the demo mailbox shows the QR code; pass
 * `keepCidLinks` to see the HTML exactly as sent.
 */
export interface ReadAttachment {
  filename: string | undefined;
  contentType: string;
  /** Without the angle brackets. */
  contentId: string | undefined;
  disposition: 'attachment' | 'inline' | undefined;
  size: number;
  content: Buffer;
}

export interface ReadMessage {
  messageId: string;
  date: Date | undefined;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: ReadAttachment[];
}

/** The addresses as a person reads them ("Tradeloop <no-reply@…>", or the bare address), decoded. */
const addresses = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : [])
    .flatMap((o) => o.value)
    .map((v) => (v.name ? `${v.name} <${v.address ?? ''}>` : (v.address ?? '')))
    .join(', ');

export async function readMessage(raw: Buffer | string, opts: { keepCidLinks?: boolean } = {}): Promise<ReadMessage> {
  const m = await simpleParser(raw, { keepCidLinks: opts.keepCidLinks ?? false, skipTextToHtml: true });
  return {
    messageId: m.messageId ?? '',
    date: m.date,
    from: addresses(m.from),
    to: addresses(m.to),
    subject: m.subject ?? '',
    text: m.text ?? '',
    html: typeof m.html === 'string' ? m.html : '',
    attachments: m.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      contentId: a.contentId?.replace(/^<|>$/g, ''),
      disposition: a.contentDisposition === 'attachment' || a.contentDisposition === 'inline' ? a.contentDisposition : undefined,
      size: a.size,
      content: a.content,
    })),
  };
}
