import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, waitForHealth, type ServerProcess } from './server-process.ts';

/**
 * The embedded database's promises, checked on the real process: one process per data folder,
 * nothing acknowledged lost after kill -9, a clean stop on SIGTERM, reopened as it was.
 */
const started: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});


async function firstQuoteInput(url: string) {
  const [model] = await (await fetch(`${url}/api/catalog/models?category=smartphones&limit=1`)).json();
  const detail = await (await fetch(`${url}/api/catalog/models/${model.id}`)).json();
  const answers = Object.fromEntries(detail.questionnaire.map((q: { id: string; options: { id: string }[] }) => [q.id, q.options[0]!.id]));
  return { variantId: detail.variants[0].id as string, answers };
}

// The quote limit is lifted: these writers hammer quotes from one address on purpose.
describe('npm start on the embedded database', () => {
  it('refuses a second process on the same DATA_DIR, keeps acknowledged writes across kill -9, stops cleanly', { timeout: 180_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-life-'));
    dirs.push(dataDir);

    const first = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, QUOTE_RATE_PER_MINUTE: '0' });
    started.push(first);
    await waitForHealth(first);

    const second = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, QUOTE_RATE_PER_MINUTE: '0' });
    started.push(second);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toMatch(/in use by another Tradeloop process/);

    // Write for a while, keeping only what the server acknowledged, then kill it mid-stream.
    const input = await firstQuoteInput(first.url);
    const acknowledged: string[] = [];
    const writers = Array.from({ length: 4 }, async () => {
      for (;;) {
        try {
          const res = await fetch(`${first.url}/api/assessments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
          if (res.status !== 201) return;
          acknowledged.push((await res.json()).assessmentId);
        } catch {
          return; // the server died
        }
      }
    });
    await new Promise((r) => setTimeout(r, 2500));
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    await first.exited;
    expect(acknowledged.length).toBeGreaterThan(20);

    const third = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir, QUOTE_RATE_PER_MINUTE: '0' });
    started.push(third);
    await waitForHealth(third);
    const missing: string[] = [];
    for (const id of acknowledged) {
      const res = await fetch(`${third.url}/api/assessments/${id}`);
      if (res.status !== 200) missing.push(id);
    }
    expect(missing).toEqual([]);

    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    await expect(fs.access(path.join(dataDir, 'tradeloop.lock'))).rejects.toThrow();
    expect(third.output()).toMatch(/SIGTERM received, shutting down/);
  });
});
