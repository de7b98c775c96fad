import PDFDocument from 'pdfkit';
import { collect, drawQr, toWinAnsi } from './label.ts';

export interface ErasureCertificateInput {
  code: string;
  deviceName: string;
  /** e.g. 'IMEI 356938035643809', or null when neither the inspector nor the seller gave one. */
  identity: string | null;
  method: string;
  tool: string;
  /** Display date of the erasure, e.g. 'Tuesday, December 1, 2026'. */
  erasedOn: string;
  erasedBy: string;
  refurbisherName: string;
  issuedOn: string;
  verifyUrl: string;
}

const PAGE_W = 612; // US Letter
const M = 56;
const W = PAGE_W - 2 * M;

/** A one-page certificate that the device's data was erased, with a QR code of the page that verifies it. */
export async function renderErasureCertificatePdf(c: ErasureCertificateInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: M, info: { Title: `Data erasure certificate ${c.code}`, Creator: 'Tradeloop' } });
  const out = collect(doc);
  const text = (s: string) => toWinAnsi(s);

  doc.font('Helvetica-Bold').fontSize(22).fillColor('black').text(text('Certificate of Data Erasure'), M, M, { width: W });
  doc.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444')
    .text(text(`Issued through Tradeloop on ${c.issuedOn}. Certificate code ${c.code}.`), { width: W });
  doc.moveDown(1).rect(M, doc.y, W, 1.5).fill('black');
  doc.moveDown(1);

  const rows: [string, string][] = [
    ['Device', c.deviceName],
    ['IMEI / serial number', c.identity ?? 'Not recorded'],
    ['Erasure method', c.method],
    ['Tool', c.tool],
    ['Date of erasure', c.erasedOn],
    ['Erased by', c.erasedBy],
    ['Refurbisher', c.refurbisherName],
    ['Verification code', c.code],
  ];
  let y = doc.y;
  for (const [label, value] of rows) {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(text(label), M, y, { width: 160 });
    doc.font('Helvetica').fontSize(11).text(text(value), M + 170, y, { width: W - 170 });
    y = Math.max(doc.y, y + 16) + 8;
  }

  y += 16;
  const qr = 130;
  drawQr(doc, c.verifyUrl, M - 6, y, qr);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(text('Check this certificate'), M + qr + 10, y + 12, { width: W - qr - 10 });
  doc.font('Helvetica').fontSize(10)
    .text(text('Anyone can confirm that this certificate is genuine by scanning the code or opening:'), M + qr + 10, doc.y + 4, { width: W - qr - 10 })
    .font('Helvetica-Bold').text(text(c.verifyUrl), { width: W - qr - 10, link: c.verifyUrl });

  doc.font('Helvetica').fontSize(8.5).fillColor('#555').text(
    text('The refurbisher named above recorded the erasure of all user data on the device following the method shown (NIST Special Publication 800-88, Guidelines for Media Sanitization).'),
    M, y + qr + 24, { width: W },
  );
  doc.end();
  return out;
}
