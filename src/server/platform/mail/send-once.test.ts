import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/db.ts';
import { AdjustableClock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { createMailer, type Mailer, type OutgoingMail } from './mailer.ts';
import { sendMailOnce } from './send-once.ts';

let database: Database;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tradeloop-send-once-'));
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const mail = (key: string): OutgoingMail => ({
  to: 'seller@example.com',
  subject: 'Your trade-in expired',
  text: 'It expired.',
  html: '<p>It expired.</p>',
  idempotencyKey: key,
  forbidden: [],
});

describe('sendMailOnce', () => {
  it('sends once per key, however often the job runs', async () => {
    const mailer = createMailer({ outboxDir: path.join(dir, 'a'), from: 'Tradeloop <no-reply@tradeloop.test>', clock: new AdjustableClock() });
    expect(await sendMailOnce(database.db, mailer, mail('tin_1:expired'))).toBe('sent');
    expect(await sendMailOnce(database.db, mailer, mail('tin_1:expired'))).toBe('already_sent');
    expect(await mailer.listOutbox()).toHaveLength(1);
  });

  it('gives the claim back when the send fails, so the retry sends it', async () => {
    const real = createMailer({ outboxDir: path.join(dir, 'b'), from: 'Tradeloop <no-reply@tradeloop.test>' });
    const broken: Mailer = { ...real, send: async () => Promise.reject(new Error('SMTP 421 try again later')) };
    await expect(sendMailOnce(database.db, broken, mail('tin_2:expired'))).rejects.toThrow('421');
    expect(await sendMailOnce(database.db, real, mail('tin_2:expired'))).toBe('sent');
    expect(await real.listOutbox()).toHaveLength(1);
  });
});
