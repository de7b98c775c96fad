import PDFDocument from 'pdfkit';
import type { TStatement } from '../../../shared/api/statements.ts';
import { formatMoney } from '../../../shared/money.ts';
import { collect, toWinAnsi } from './label.ts';

const PAGE_W = 612; // US Letter
const PAGE_H = 792;
const M = 48;
const W = PAGE_W - 2 * M;
const BOTTOM = PAGE_H - M;

/**
 * A refurbisher's statement as a PDF (US Letter, as many pages as its approvals need): the
 * same numbers as the JSON and the CSV, from the same object. Text is real text, so
 * `pdftotext` reads it back (the tests do).
 */
export async function renderStatementPdf(s: TStatement): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'LETTER', margin: M, info: { Title: `Statement ${s.refurbisher.name} ${s.period.from} to ${s.period.to}`, Creator: 'Tradeloop' } });
  const out = collect(doc);
  const t = (v: string) => toWinAnsi(v);
  const $ = (m: { amountMinor: number; currency: string }) => formatMoney(m);

  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text(t('Statement'), M, M, { width: W });
  doc.font('Helvetica').fontSize(11).fillColor('#222').text(t(s.refurbisher.name), { width: W });
  doc.fontSize(9).fillColor('#555').text(t(`Period ${s.period.from} to ${s.period.to} (dates in ${s.period.timeZone}). Generated ${s.generatedAt}.`), { width: W });
  doc.moveDown(0.8).rect(M, doc.y, W, 1.2).fill('black');
  doc.moveDown(0.8);

  // The summary: label left, amount right-aligned.
  const summary: [string, string, boolean?][] = [
    ['Opening balance', $(s.openingBalance)],
    [`Approvals (${s.totals.approvals})`, $(s.totals.price)],
    ['Commission', $(s.totals.commission)],
    ['Payments and corrections', $(s.totals.adjustments)],
    ['Closing balance (amount owed)', $(s.closingBalance), true],
    [`Devices returned to sellers (no charge)`, String(s.totals.returns)],
  ];
  let y = doc.y;
  for (const [label, value, bold] of summary) {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(11).fillColor('black');
    doc.text(t(label), M, y, { width: 320, lineBreak: false });
    doc.text(t(value), M + 320, y, { width: W - 320, align: 'right', lineBreak: false });
    y += 18;
  }

  const table = (title: string, columns: { head: string; width: number; align?: 'left' | 'right' }[], rows: string[][], empty: string) => {
    y += 16;
    if (y > BOTTOM - 60) {
      doc.addPage();
      y = M;
    }
    doc.font('Helvetica-Bold').fontSize(13).fillColor('black').text(t(title), M, y, { width: W, lineBreak: false });
    y += 20;
    const header = () => {
      let x = M;
      doc.font('Helvetica-Bold').fontSize(8.5).fillColor('#333');
      for (const c of columns) {
        doc.text(t(c.head), x, y, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false });
        x += c.width;
      }
      y += 13;
      doc.rect(M, y - 2, W, 0.6).fill('#999');
      y += 3;
    };
    header();
    if (rows.length === 0) {
      doc.font('Helvetica').fontSize(9).fillColor('#555').text(t(empty), M, y, { width: W, lineBreak: false });
      y += 14;
      return;
    }
    for (const r of rows) {
      if (y > BOTTOM - 14) {
        doc.addPage();
        y = M;
        header();
      }
      let x = M;
      doc.font('Helvetica').fontSize(8.5).fillColor('black');
      r.forEach((cell, i) => {
        const c = columns[i]!;
        doc.text(t(cell), x, y, { width: c.width - 6, align: c.align ?? 'left', lineBreak: false, ellipsis: true });
        x += c.width;
      });
      y += 13;
    }
  };

  table(
    'Approvals',
    [
      { head: 'Date', width: 58 },
      { head: 'Trade-in', width: 150 },
      { head: 'Device', width: 128 },
      { head: 'Price', width: 60, align: 'right' },
      { head: 'Commission', width: 60, align: 'right' },
      { head: 'Total', width: 60, align: 'right' },
    ],
    s.approvals.map((a) => [a.date, a.tradeInId, a.device, $(a.price), $(a.commission), $(a.total)]),
    'No approvals in this period.',
  );
  table(
    'Devices returned to sellers (no charge)',
    [
      { head: 'Shipped', width: 58 },
      { head: 'Trade-in', width: 150 },
      { head: 'Device', width: 308 },
    ],
    s.returns.map((r) => [r.date, r.tradeInId, r.device]),
    'No returns in this period.',
  );
  if (s.adjustments.length > 0) {
    table(
      'Payments and corrections',
      [
        { head: 'Date', width: 58 },
        { head: 'Entry', width: 150 },
        { head: 'Description', width: 248 },
        { head: 'Amount', width: 60, align: 'right' },
      ],
      s.adjustments.map((a) => [a.date, a.entryId, a.memo, $(a.amount)]),
      '',
    );
  }
  doc.end();
  return out;
}
