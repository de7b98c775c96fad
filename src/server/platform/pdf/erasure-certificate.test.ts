import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { renderErasureCertificatePdf, type ErasureCertificateInput } from './erasure-certificate.ts';

// Read the certificate as a person and a phone camera do: poppler's text and rasterized pixels.
// A missing poppler fails loudly (see label.test.ts).
function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (needs poppler-utils): ${r.error?.message ?? r.stderr}`);
  return r.stdout;
}

const input: ErasureCertificateInput = {
  code: '7KQ2-M9XD-4TRB',
  deviceName: 'iPhone 13 (128 GB, Midnight)',
  identity: 'IMEI 356938035643809',
  method: 'NIST SP 800-88 Purge',
  tool: 'Blancco Mobile Diagnostics 5.2',
  erasedOn: 'Tuesday, December 1, 2026',
  erasedBy: 'Indigo Inspector',
  refurbisherName: 'Zoë Renewals — Brooklyn',
  issuedOn: 'Wednesday, December 2, 2026',
  verifyUrl: 'https://tradeloop.example/verify/7KQ2-M9XD-4TRB',
};

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tradeloop-certificate-'));
  const file = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) }, fireImmediately: true });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the data erasure certificate PDF', () => {
  it('is one page that says what it certifies, and its QR code opens the verification page', async () => {
    const pdf = await renderErasureCertificatePdf(input);
    const path = join(dir, 'certificate.pdf');
    writeFileSync(path, pdf);
    expect(run('pdfinfo', [path])).toMatch(/^Pages:\s+1$/m);
    const text = run('pdftotext', ['-layout', path, '-']);
    for (const s of ['Certificate of Data Erasure', input.deviceName, input.identity!, input.method, input.tool, input.erasedOn, input.erasedBy, 'Zoë Renewals', input.code, input.verifyUrl]) {
      expect(text).toContain(s);
    }
    run('pdftoppm', ['-r', '150', '-png', '-singlefile', path, join(dir, 'page')]);
    const img = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const results = await readBarcodes(
      { data: new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), width: img.width, height: img.height, colorSpace: 'srgb' } as ImageData,
      { formats: ['QRCode'], tryHarder: true },
    );
    expect(results.filter((r) => r.isValid).map((r) => r.text)).toEqual([input.verifyUrl]);
  });

  it('says "Not recorded" when there is no IMEI or serial number', async () => {
    const path = join(dir, 'no-identity.pdf');
    writeFileSync(path, await renderErasureCertificatePdf({ ...input, identity: null }));
    expect(run('pdftotext', [path, '-'])).toContain('Not recorded');
  });
});
