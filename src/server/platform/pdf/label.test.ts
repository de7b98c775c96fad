import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { LabelInput } from './label.ts';
import { renderCode128Png, renderLabelPdf, renderQrPng, toWinAnsi } from './label.ts';

// These tests look at the label the way a carrier scanner and a person do: rasterize the
// PDF with poppler and decode the pixels. A missing poppler must fail loudly, never skip,
// or CI would pass without ever checking that the barcodes scan.
function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `${cmd} not found: the label tests need poppler-utils (apt-get install -y poppler-utils)`
        : `${cmd} failed to start: ${r.error.message}`,
    );
  }
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

function decodePng(png: Buffer) {
  const img = PNG.sync.read(png);
  const imageData = {
    data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length),
    width: img.width,
    height: img.height,
    colorSpace: 'srgb',
  } as ImageData;
  return readBarcodes(imageData, { formats: ['Code128', 'QRCode'], tryHarder: true, maxNumberOfSymbols: 8 });
}

const input: LabelInput = {
  trackingNumber: '1Z999AA10123456784',
  from: { name: 'Zoë Ångström', line1: '12 Elm St', line2: 'Apt 4B', city: 'Brooklyn', state: 'NY', zip: '11201' },
  to: {
    name: 'Renewed Devices LLC',
    line1: '4400 Commerce Blvd',
    line2: 'Dock 7',
    city: 'Louisville',
    state: 'KY',
    zip: '40218-1234',
  },
  service: 'UPS Ground',
  weightClass: 'Up to 2 lb',
  shipBy: 'Thu, Dec 17, 2026',
  reference: 'tin_01jd5v7x9k2m3n4p5q6r7s8t9v',
  qrPayload: 'https://tradeloop.example/drop-off/tin_01jd5v7x9k2m3n4p5q6r7s8t9v?c=8f3a2b91',
};

let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-label-'));
  // zxing-wasm fetches its .wasm from a CDN unless handed the packaged one.
  const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const file = readFileSync(wasmPath);
  const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function renderToFile(name: string, li: LabelInput): Promise<string> {
  const pdf = await renderLabelPdf(li);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

describe('renderLabelPdf', () => {
  it('is a one-page 4×6 in PDF', async () => {
    const info = run('pdfinfo', [await renderToFile('size', input)]);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+288 x 432 pts/m);
  });

  it.each([300, 203])('scans back at %i dpi: Code 128 = tracking number, QR = payload', async (dpi) => {
    const pdf = await renderToFile(`scan-${dpi}`, input);
    const prefix = join(dir, `scan-${dpi}`);
    run('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', pdf, prefix]);
    const results = await decodePng(readFileSync(`${prefix}.png`));
    const byFormat = (f: string) => results.filter((r) => r.isValid && r.format === f).map((r) => r.text);
    expect(byFormat('Code128')).toEqual([input.trackingNumber]);
    expect(byFormat('QRCode')).toEqual([input.qrPayload]);
  });

  it('shows the recipient, ship-by date, service and the UPS Store restriction as text', async () => {
    const text = run('pdftotext', ['-layout', await renderToFile('text', input), '-']);
    for (const s of [
      'Renewed Devices LLC',
      '4400 Commerce Blvd',
      'Louisville, KY 40218-1234',
      'Thu, Dec 17, 2026',
      'UPS GROUND',
      'Up to 2 lb',
      '1Z 999 AA1 01 2345 678 4',
      input.reference,
      'Zoë Ångström',
    ]) {
      expect(text).toContain(s);
    }
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('QR drop-off only at The UPS Store® locations');
    expect(flat).toContain('not at UPS Access Points, UPS Customer Centers or UPS drop boxes.');
  });

  it('keeps overlong and non-Latin input on one page without garbling it', async () => {
    const long = 'Extraordinarily Long Company Name Incorporated International Receiving Department';
    const path = await renderToFile('long', {
      ...input,
      to: { ...input.to, name: long, line1: `${long} Building 12345`, line2: '東京 Suite 9' },
    });
    expect(run('pdfinfo', [path])).toMatch(/^Pages:\s+1$/m);
    const text = run('pdftotext', [path, '-']);
    expect(text).toContain('Extraordinarily Long');
    expect(text).toContain('…');
    expect(text).toContain('?? Suite 9');
  });
});

describe('PNG codes for the web page and e-mail', () => {
  it('renders a QR PNG that decodes to the payload', async () => {
    const results = await decodePng(await renderQrPng(input.qrPayload));
    expect(results.map((r) => [r.format, r.text])).toEqual([['QRCode', input.qrPayload]]);
  });

  it('renders a Code 128 PNG that decodes to the text', async () => {
    const results = await decodePng(await renderCode128Png(input.trackingNumber));
    expect(results.map((r) => [r.format, r.text])).toEqual([['Code128', input.trackingNumber]]);
  });
});

describe('toWinAnsi', () => {
  it('keeps WinAnsi text, strips accents it cannot draw, and replaces the rest', () => {
    expect(toWinAnsi('Zoë — “Ñandú” €5')).toBe('Zoë — “Ñandú” €5');
    expect(toWinAnsi('Erdős Łódź')).toBe('Erdos ?ódz');
    expect(toWinAnsi('東京\nSuite')).toBe('?? Suite');
  });
});
