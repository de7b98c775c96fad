import PDFDocument from 'pdfkit';
import bwipjs from 'bwip-js';
import { QR_DROP_OFF_NOTICE } from '../../../shared/shipping-copy.ts';
import { formatTrackingNumber } from '../../../shared/tracking-number.ts';

export interface LabelAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface LabelInput {
  trackingNumber: string;
  from: LabelAddress;
  to: LabelAddress;
  /** e.g. 'UPS Ground' */
  service: string;
  /** e.g. 'Up to 2 lb' */
  weightClass: string;
  /** Display date, e.g. 'Thu, Dec 17, 2026' */
  shipBy: string;
  /** The trade-in id. */
  reference: string;
  qrPayload: string;
}


const PAGE_W = 288; // 4 in
const PAGE_H = 432; // 6 in
const M = 12;
const CONTENT_W = PAGE_W - 2 * M;

type Doc = PDFKit.PDFDocument;

// The standard 14 fonts only carry WinAnsi glyphs; anything else comes out as unrelated
// characters, which on a carrier label is worse than a plain '?'. Accents outside WinAnsi
// (e.g. ő) are reduced to their base letter first.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function isWinAnsi(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}
export function toWinAnsi(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC').replace(/[\t\r\n]+/g, ' ')) {
    if (isWinAnsi(ch)) {
      out += ch;
      continue;
    }
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base.length > 0 && [...base].every(isWinAnsi) ? base : '?';
  }
  return out;
}

interface LineOpts {
  font: 'Helvetica' | 'Helvetica-Bold';
  size: number;
  /** Shrinks down to this size before truncating. */
  minSize?: number;
  width?: number;
  align?: 'left' | 'right' | 'center';
}

/**
 * One line of text that never wraps or spills: long names and addresses shrink, then
 * get an ellipsis. Returns the font size used.
 */
function line(doc: Doc, raw: string, x: number, y: number, o: LineOpts): number {
  const width = o.width ?? CONTENT_W;
  let text = toWinAnsi(raw);
  let size = o.size;
  doc.font(o.font);
  const fits = () => doc.fontSize(size).widthOfString(text) <= width;
  while (!fits() && size > (o.minSize ?? o.size)) size = Math.max(size - 0.5, o.minSize ?? o.size);
  if (!fits()) {
    while (text.length > 1 && doc.widthOfString(`${text}…`) > width) text = text.slice(0, -1);
    text = `${text.trimEnd()}…`;
  }
  const w = doc.widthOfString(text);
  const dx = o.align === 'right' ? width - w : o.align === 'center' ? (width - w) / 2 : 0;
  doc.text(text, x + dx, y, { lineBreak: false });
  return size;
}

function rule(doc: Doc, y: number, thickness: number): void {
  doc.rect(M, y, CONTENT_W, thickness).fill('black');
}

function addressLines(a: LabelAddress): string[] {
  return [a.line1, a.line2, `${a.city}, ${a.state} ${a.zip}`].filter(
    (l): l is string => l !== undefined && l.trim() !== '',
  );
}

interface LinearSymbol {
  sbs: number[];
}
interface MatrixSymbol {
  pixs: number[];
  pixx: number;
  pixy: number;
}

/**
 * Draws the Code 128 as vector bars rather than an embedded bitmap: a bitmap scaled to
 * the label's size gets uneven bar widths on 203/300 dpi printers, vectors stay exact.
 */
function drawCode128(doc: Doc, text: string, y: number, height: number): void {
  const [sym] = bwipjs.raw({ bcid: 'code128', text }) as unknown as LinearSymbol[];
  if (!sym) throw new Error('bwip-js returned no Code 128 symbol');
  const modules = sym.sbs.reduce((a, b) => a + b, 0);
  // 10-module quiet zone each side is what scanners need; cap X so short codes stay sane.
  const x = Math.min(1.5, CONTENT_W / (modules + 20));
  let cursor = M + (CONTENT_W - modules * x) / 2;
  sym.sbs.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(cursor, y, w * x, height);
    cursor += w * x;
  });
  doc.fill('black');
}

/** Draws a QR code (with its 4-module quiet zone) inside a size×size square. */
export function drawQr(doc: Doc, payload: string, x0: number, y0: number, size: number): void {
  const [sym] = bwipjs.raw({ bcid: 'qrcode', text: payload }) as unknown as MatrixSymbol[];
  if (!sym) throw new Error('bwip-js returned no QR symbol');
  const m = size / (sym.pixx + 8);
  const left = x0 + 4 * m;
  const top = y0 + 4 * m;
  for (let row = 0; row < sym.pixy; row++) {
    // Runs of dark modules become one rectangle: fewer path operators, and no hairline
    // seams between neighbouring modules when rasterized.
    let run = -1;
    for (let col = 0; col <= sym.pixx; col++) {
      const dark = col < sym.pixx && sym.pixs[row * sym.pixx + col] === 1;
      if (dark && run < 0) run = col;
      if (!dark && run >= 0) {
        doc.rect(left + run * m, top + row * m, (col - run) * m, m);
        run = -1;
      }
    }
  }
  doc.fill('black');
}

export function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** A 4×6 in carrier-style shipping label, one page. */
export async function renderLabelPdf(input: LabelInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [PAGE_W, PAGE_H],
    margin: M,
    info: { Title: `Shipping label ${input.trackingNumber}`, Creator: 'Tradeloop' },
  });
  const out = collect(doc);
  doc.fillColor('black');

  // FROM (small, top left) and the trade-in reference (top right).
  let y = M;
  line(doc, 'FROM:', M, y, { font: 'Helvetica-Bold', size: 6.5 });
  y += 8;
  line(doc, input.from.name, M, y, { font: 'Helvetica-Bold', size: 8, minSize: 6.5, width: 160 });
  for (const l of addressLines(input.from)) {
    y += 9.5;
    line(doc, l, M, y, { font: 'Helvetica', size: 8, minSize: 6.5, width: 160 });
  }
  const refX = M + 168;
  const refW = CONTENT_W - 168;
  line(doc, 'REF', refX, M, { font: 'Helvetica-Bold', size: 6.5, width: refW, align: 'right' });
  line(doc, input.reference, refX, M + 8, {
    font: 'Helvetica',
    size: 8,
    minSize: 5.5,
    width: refW,
    align: 'right',
  });
  rule(doc, 64, 0.75);

  // SHIP TO: the biggest text on the label, as on carrier labels.
  y = 70;
  line(doc, 'SHIP TO:', M, y, { font: 'Helvetica-Bold', size: 8 });
  const toX = M + 14;
  const toW = CONTENT_W - 14;
  y += 11;
  y += line(doc, input.to.name, toX, y, { font: 'Helvetica-Bold', size: 14, minSize: 9, width: toW }) + 3;
  const toLines = addressLines(input.to);
  toLines.forEach((l, i) => {
    const last = i === toLines.length - 1;
    line(doc, l, toX, y, {
      font: last ? 'Helvetica-Bold' : 'Helvetica',
      size: last ? 14 : 12,
      minSize: 9,
      width: toW,
    });
    y += last ? 17 : 15;
  });
  rule(doc, 160, 3);

  // Service, weight class, ship-by.
  line(doc, input.service.toUpperCase(), M, 168, {
    font: 'Helvetica-Bold',
    size: 20,
    minSize: 12,
    width: 150,
  });
  line(doc, 'SHIP BY', M + 154, 167, {
    font: 'Helvetica-Bold',
    size: 6.5,
    width: CONTENT_W - 154,
    align: 'right',
  });
  line(doc, input.shipBy, M + 154, 176, {
    font: 'Helvetica-Bold',
    size: 10,
    minSize: 7,
    width: CONTENT_W - 154,
    align: 'right',
  });
  line(doc, `Weight class: ${input.weightClass}`, M, 194, { font: 'Helvetica', size: 9, minSize: 7 });
  line(doc, `TRACKING #: ${formatTrackingNumber(input.trackingNumber)}`, M, 206, {
    font: 'Helvetica-Bold',
    size: 9,
    minSize: 7,
  });
  rule(doc, 218, 3);

  // Tracking barcode with the human-readable number under it.
  drawCode128(doc, input.trackingNumber, 228, 64);
  line(doc, formatTrackingNumber(input.trackingNumber), M, 297, {
    font: 'Helvetica-Bold',
    size: 11,
    minSize: 7,
    align: 'center',
  });
  rule(doc, 314, 0.75);

  // Drop-off QR and the restriction that has to sit next to it.
  const qrSize = 100;
  drawQr(doc, input.qrPayload, M - 4, 318, qrSize);
  const noteX = M + qrSize;
  const noteW = CONTENT_W - qrSize;
  line(doc, 'DROP-OFF QR CODE', noteX, 326, { font: 'Helvetica-Bold', size: 8, width: noteW });
  doc
    .font('Helvetica')
    .fontSize(7.5)
    .text(toWinAnsi(QR_DROP_OFF_NOTICE), noteX, 338, { width: noteW, height: 44, lineGap: 1 });
  line(doc, 'Prepaid label · Tradeloop trade-in', noteX, 403, {
    font: 'Helvetica',
    size: 7,
    width: noteW,
  });

  doc.end();
  return out;
}

/** A QR code PNG with its quiet zone on white (transparent PNGs vanish in dark-mode mail). */
export async function renderQrPng(payload: string, scale = 4): Promise<Buffer> {
  // bwip-js draws a QR module as 2 units, so padding 8 is the 4-module quiet zone.
  return bwipjs.toBuffer({ bcid: 'qrcode', text: payload, scale, padding: 8, backgroundcolor: 'FFFFFF' });
}

/** A Code 128 PNG with the human-readable text and a 10-module quiet zone, on white. */
export async function renderCode128Png(text: string): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: 'code128',
    text,
    scale: 3,
    height: 15, // mm
    includetext: true,
    textxalign: 'center',
    paddingwidth: 10,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
  });
}
