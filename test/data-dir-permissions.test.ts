import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer, waitForHealth, type ServerProcess } from './server-process.ts';

/**
 * DATA_DIR holds the database, generated secrets and e-mails with names and addresses: on a
 * real start and a real e-mail, every folder in it is 0700 and every file 0600, and modes an
 * older version left open are repaired at start.
 */
const started: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

async function modesUnder(root: string): Promise<{ path: string; mode: string; dir: boolean }[]> {
  const out: { path: string; mode: string; dir: boolean }[] = [];
  const walk = async (dir: string) => {
    out.push({ path: path.relative(root, dir) || '.', mode: ((await fs.stat(dir)).mode & 0o777).toString(8), dir: true });
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push({ path: path.relative(root, p), mode: ((await fs.lstat(p)).mode & 0o777).toString(8), dir: false });
    }
  };
  await walk(root);
  return out;
}

async function acceptAnOfferAsTheDemoSeller(url: string): Promise<void> {
  const origin = { origin: url };
  const signIn = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...origin },
    body: JSON.stringify({ email: 'seller@example.com', password: 'tradeloop-demo' }),
  });
  expect(signIn.status, await signIn.clone().text()).toBe(200);
  const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const models = (await (await fetch(`${url}/api/catalog/models?q=${encodeURIComponent('iPhone 13')}`)).json()) as { id: string }[];
  const detail = (await (await fetch(`${url}/api/catalog/models/${models[0]!.id}`)).json()) as {
    variants: { id: string }[];
    questionnaire: { id: string; options: { id: string }[] }[];
  };
  const quote = await fetch(`${url}/api/assessments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ variantId: detail.variants[0]!.id, answers: Object.fromEntries(detail.questionnaire.map((q) => [q.id, q.options[0]!.id])) }),
  });
  const { offer } = (await quote.json()) as { offer: { id: string } };
  const accepted = await fetch(`${url}/api/offers/${offer.id}/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'idempotency-key': `modes-${Date.now()}`, ...origin },
    body: '{}',
  });
  expect(accepted.status, await accepted.clone().text()).toBe(201);
}

describe('DATA_DIR permissions', () => {
  it('a real start and a real e-mail leave only owner-only folders and files, and repair older ones', { timeout: 180_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-modes-'));
    dirs.push(dataDir);
    // What an older version left behind: an open folder, a world-readable e-mail.
    await fs.chmod(dataDir, 0o755);
    await fs.mkdir(path.join(dataDir, 'outbox'), { mode: 0o755 });
    const old = path.join(dataDir, 'outbox', '2026-01-01T00-00-00.000Z-00000000000000000000000000000000.eml');
    await fs.writeFile(old, 'Subject: old\r\n\r\nold\r\n');
    await fs.chmod(old, 0o644);

    const server = startServer({ PORT: String(await freePort()), DATA_DIR: dataDir });
    started.push(server);
    await waitForHealth(server);
    await acceptAnOfferAsTheDemoSeller(server.url);
    // The acceptance e-mail is a background job: wait for it to land in the outbox.
    const deadline = Date.now() + 30_000;
    while ((await fs.readdir(path.join(dataDir, 'outbox'))).filter((n) => n.endsWith('.eml')).length < 2) {
      if (Date.now() > deadline) throw new Error(`no acceptance e-mail in the outbox:\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const running = await modesUnder(dataDir);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const stopped = await modesUnder(dataDir);

    for (const entries of [running, stopped]) {
      expect(entries.filter((e) => e.path.startsWith('pgdata/')).length).toBeGreaterThan(100);
      expect(entries.filter((e) => e.path.startsWith('secrets/')).length).toBeGreaterThan(0);
      const open = entries.filter((e) => e.mode !== (e.dir ? '700' : '600'));
      expect(open, 'folders must be 0700 and files 0600').toEqual([]);
    }
  });
});
