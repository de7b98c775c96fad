import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bankReturnFile, corrected, sentPayout, sentPayouts, type BankItem, type SentPayout } from '../../../../test/ach-returns.ts';
import { useTestApp } from '../../../../test/app.ts';
import { as, GOOD_PASSWORD, makeUser, validPayout, type TestUser } from '../../../../test/accounts.ts';
import { newKey, readySeller } from '../../../../test/journey.ts';

const ctx = useTestApp();
let operator: TestUser;
let seller: TestUser;
beforeAll(async () => {
  operator = await makeUser(ctx.app, ctx.database.db, 'operator');
  seller = await readySeller(ctx);
});

const db = () => ctx.database.db;
const upload = (text: string, opts: { key?: string; user?: TestUser; fileName?: string } = {}) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/admin/ach-returns?fileName=${opts.fileName ?? 'returns-20301231.ach'}`,
    headers: { ...as(opts.user ?? operator), 'content-type': 'text/plain', 'idempotency-key': opts.key ?? newKey() },
    payload: text,
  });
const returnOf = (p: SentPayout, code: string, over: Partial<BankItem> = {}): BankItem => ({ kind: 'return', code, traceNumber: p.traceNumber, amountMinor: p.amountMinor, payoutId: p.payoutId, ...over }) as BankItem;
const sellerView = async (id: string, user = seller) => (await ctx.app.inject({ method: 'GET', url: `/api/trade-ins/${id}`, headers: as(user) })).json();
const payoutRow = (id: string) => db().selectFrom('payouts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Row counts of everything a return or a notice writes: an upload refused with 422 must change none. */
async function footprint() {
  const count = async (table: 'ach_returns' | 'journal_entries' | 'journal_lines' | 'trade_in_events' | 'audit_log') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const returned = await db().selectFrom('payouts').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'returned').executeTakeFirstOrThrow();
  return {
    achReturns: await count('ach_returns'),
    entries: await count('journal_entries'),
    lines: await count('journal_lines'),
    events: await count('trade_in_events'),
    audit: await count('audit_log'),
    returnedPayouts: Number(returned.n),
  };
}

/** Every journal entry sums to zero (the trigger's promise, checked from the outside). */
async function unbalancedEntries() {
  const { rows } = await sql<{ entry_id: string }>`select entry_id from journal_lines group by entry_id, currency having sum(amount_minor) <> 0`.execute(db());
  return rows;
}

async function mailsAbout(email: string, subject: RegExp, tradeInId: string) {
  await ctx.runtime.jobs.runDue();
  const found = [];
  for (const m of (await ctx.runtime.mailer.listOutbox()).filter((x) => x.to === email && subject.test(x.subject))) {
    const full = await ctx.runtime.mailer.readOutboxMessage(m.id);
    if (full?.text.includes(tradeInId)) found.push(full);
  }
  return found;
}

describe('the bank returns a payout', () => {
  it('a return the seller can fix (R03 no account): payout returned, ledger reversed by a new entry, trade-in on hold, seller asked to correct their details', async () => {
    const p = await sentPayout(ctx, seller);
    expect((await sellerView(p.tradeInId)).status).toBe('paid');
    const res = await upload(bankReturnFile([returnOf(p, 'R03')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fileName: 'returns-20301231.ach', returns: 1, changes: 0, alreadyRecorded: 0, items: [{ payoutId: p.payoutId, tradeInId: p.tradeInId, kind: 'return', code: 'R03', source: 'file', traceNumber: p.traceNumber }] });

    const payout = await payoutRow(p.payoutId);
    expect(payout.status).toBe('returned');
    expect(payout.returned_at).not.toBeNull();

    // The ledger: the sent entry stands; a new entry undoes it and names it.
    const entries = await db().selectFrom('journal_entries').selectAll().where('payout_id', '=', p.payoutId).orderBy('seq').execute();
    expect(entries.map((e) => e.kind)).toEqual(['payout_sent', 'payout_returned']);
    expect(entries[1]!.reverses_entry_id).toBe(entries[0]!.id);
    const lines = await db().selectFrom('journal_lines').select(['entry_id', 'account_code', 'amount_minor']).where('entry_id', 'in', entries.map((e) => e.id)).execute();
    const net = (account: string) => lines.filter((l) => l.account_code === account).reduce((s, l) => s + Number(l.amount_minor), 0);
    expect(net('platform:ach_clearing')).toBe(0);
    expect(net(`seller:${p.sellerId}:payable`)).toBe(0);
    // What is owed to the seller is the whole price again.
    const owed = await db().selectFrom('journal_lines').select((eb) => eb.fn.sum<number>('amount_minor').as('s')).where('account_code', '=', `seller:${p.sellerId}:payable`).executeTakeFirstOrThrow();
    expect(Number(owed.s)).toBeLessThanOrEqual(-p.amountMinor);
    expect(await unbalancedEntries()).toEqual([]);

    // The trade-in: paid → payout_on_hold through the machine, with the bank's code on the timeline.
    const t = await sellerView(p.tradeInId);
    expect(t.status).toBe('payout_on_hold');
    // What the trade-in page shows: the payout returned, with the bank's code and reason.
    expect(t.payout).toMatchObject({ status: 'returned', returned: { code: 'R03', reason: expect.stringMatching(/could not find an account/) } });
    const hold = await db().selectFrom('trade_in_events').selectAll().where('trade_in_id', '=', p.tradeInId).where('type', '=', 'hold_payout').executeTakeFirstOrThrow();
    expect(hold).toMatchObject({ from_status: 'paid', to_status: 'payout_on_hold' });
    expect(JSON.stringify(hold.data)).toContain('R03');

    const [mail] = await mailsAbout(seller.email, /bank returned the payment/, p.tradeInId);
    expect(mail, 'the payout_returned e-mail').toBeDefined();
    expect(mail!.text).toContain('R03');
    expect(mail!.text).toMatch(/\/settings/);
    expect(mail!.text.replace(/\s+/g, ' ')).toMatch(/Correct your bank details in Settings/);
    expect(mail!.text).not.toContain(p.accountNumber);
  });

  it('a return new details will not cure (R15 account holder deceased): the same hold, and the seller is told new details will not fix it', async () => {
    const p = await sentPayout(ctx, seller);
    const res = await upload(bankReturnFile([returnOf(p, 'R15')]));
    expect(res.statusCode, res.body).toBe(200);
    expect((await payoutRow(p.payoutId)).status).toBe('returned');
    expect((await sellerView(p.tradeInId)).status).toBe('payout_on_hold');
    const [mail] = await mailsAbout(seller.email, /bank returned the payment/, p.tradeInId);
    expect(mail!.text).toContain('R15');
    const text = mail!.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/new bank details will not fix/);
    expect(text).not.toMatch(/Correct your bank details in Settings/);
    expect(await unbalancedEntries()).toEqual([]);
  });

  it('a file of several returns is recorded in one go; re-uploading it records nothing twice', async () => {
    const [a, b] = (await sentPayouts(ctx, seller, [undefined, 123_456])) as [SentPayout, SentPayout];
    const file = bankReturnFile([returnOf(a, 'R02'), returnOf(b, 'R04')]);
    const key = newKey();
    const first = await upload(file, { key });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ returns: 2, changes: 0, alreadyRecorded: 0 });
    const before = await footprint();

    // The same request again (same key): the first answer, nothing done.
    const replay = await upload(file, { key });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());

    // The same file under a new key (an operator uploading it twice): every entry already recorded.
    const again = await upload(file);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ returns: 0, changes: 0, alreadyRecorded: 2 });
    expect(again.json().items.map((i: { id: string }) => i.id).sort()).toEqual(first.json().items.map((i: { id: string }) => i.id).sort());
    expect(await footprint()).toEqual(before);
  });
});

describe('which payout a return answers', () => {
  it('trace numbers run on across files: a returns file naming entries of two days picks each payout', async () => {
    const older = await sentPayout(ctx, seller);
    const newer = await sentPayout(ctx, seller);
    // Each batch numbers its entries after the batches before it: two files never share a trace number.
    expect(newer.traceNumber).not.toBe(older.traceNumber);
    expect(newer.amountMinor).toBe(older.amountMinor);
    const res = await upload(bankReturnFile([returnOf(older, 'R03')]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].payoutId).toBe(older.payoutId);
    expect((await payoutRow(older.payoutId)).status).toBe('returned');
    expect((await payoutRow(newer.payoutId)).status).toBe('sent');
  });
});

describe('the seller corrects their bank details', () => {
  it('a held trade-in gets a new payout (attempt 2, ready, the new account) and the returned one stays as it was', async () => {
    const owner = await readySeller(ctx);
    const p = await sentPayout(ctx, owner);
    expect((await upload(bankReturnFile([returnOf(p, 'R02')]))).statusCode).toBe(200);
    expect((await sellerView(p.tradeInId, owner)).status).toBe('payout_on_hold');
    const put = await ctx.app.inject({ method: 'PUT', url: '/api/me/payout-method', headers: as(owner), payload: validPayout(GOOD_PASSWORD, { accountNumber: '4440001111', accountNumberConfirmation: '4440001111' }) });
    expect(put.statusCode, put.body).toBe(200);
    const payouts = await db().selectFrom('payouts').selectAll().where('trade_in_id', '=', p.tradeInId).orderBy('attempt').execute();
    expect(payouts.map((x) => [x.attempt, x.status])).toEqual([
      [1, 'returned'],
      [2, 'ready'],
    ]);
    expect((await sellerView(p.tradeInId, owner)).payout).toMatchObject({ attempt: 2, status: 'ready', accountMasked: '•••• 1111' });
    expect(await unbalancedEntries()).toEqual([]);
  });
});

describe('a file that cannot be taken changes nothing', () => {
  it('malformed lines: 422 ach_file_invalid naming every bad line, nothing recorded', async () => {
    const p = await sentPayout(ctx, seller);
    const lines = bankReturnFile([returnOf(p, 'R03')]).split('\n');
    lines[2] = lines[2]!.slice(0, 50); // the entry, cut short
    lines[3] = `X${lines[3]!.slice(1)}`; // the addenda, an unknown record type
    const before = await footprint();
    const res = await upload(lines.join('\n'));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('ach_file_invalid');
    const problemLines = res.json().error.details.problems.map((x: { line: number }) => x.line);
    expect(problemLines).toContain(3);
    expect(problemLines).toContain(4);
    expect(await footprint()).toEqual(before);
    expect((await payoutRow(p.payoutId)).status).toBe('sent');
  });

  it('a trace number that matches no payout we sent, or an amount that is not the payout’s: 422 listing both, and the good entry is not recorded either', async () => {
    const [good, other] = (await sentPayouts(ctx, seller, [undefined, undefined])) as [SentPayout, SentPayout];
    const before = await footprint();
    const res = await upload(bankReturnFile([returnOf(good, 'R03'), returnOf(good, 'R03', { traceNumber: '021000029999999' }), returnOf(other, 'R02', { amountMinor: other.amountMinor + 1 })]));
    expect(res.statusCode, res.body).toBe(422);
    const problems = res.json().error.details.problems as { line: number; message: string }[];
    expect(problems).toHaveLength(2);
    expect(problems[0]!.message).toMatch(/021000029999999.*matches no payout/);
    expect(problems[1]!.message).toMatch(/\$/);
    expect(problems.every((x) => x.line > 0)).toBe(true);
    expect(await footprint()).toEqual(before);
    expect((await payoutRow(good.payoutId)).status).toBe('sent');
    expect((await sellerView(good.tradeInId)).status).toBe('paid');
  });

  it('operators only; an Idempotency-Key is required', async () => {
    const p = await sentPayout(ctx, seller);
    const file = bankReturnFile([returnOf(p, 'R03')]);
    expect((await upload(file, { user: seller })).statusCode).toBe(403);
    const noKey = await ctx.app.inject({ method: 'POST', url: '/api/admin/ach-returns', headers: { ...as(operator), 'content-type': 'text/plain' }, payload: file });
    expect(noKey.statusCode).toBe(400);
    expect((await payoutRow(p.payoutId)).status).toBe('sent');
  });
});

describe('a return recorded by hand', () => {
  const manual = (body: Record<string, unknown>, user = operator, key = newKey()) =>
    ctx.app.inject({ method: 'POST', url: '/api/admin/ach-returns/manual', headers: { ...as(user), 'idempotency-key': key }, payload: body });

  it('has the same effect as a file return, and is audited', async () => {
    const p = await sentPayout(ctx, seller);
    const res = await manual({ payoutId: p.payoutId, code: 'R04', note: 'Bank called: account number invalid' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ payoutId: p.payoutId, tradeInId: p.tradeInId, kind: 'return', code: 'R04', source: 'manual', fileName: null, recordedBy: operator.id });
    expect((await payoutRow(p.payoutId)).status).toBe('returned');
    expect((await sellerView(p.tradeInId)).status).toBe('payout_on_hold');
    const entries = await db().selectFrom('journal_entries').select(['id', 'kind', 'reverses_entry_id']).where('payout_id', '=', p.payoutId).orderBy('seq').execute();
    expect(entries[1]).toMatchObject({ kind: 'payout_returned', reverses_entry_id: entries[0]!.id });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'ach_return.recorded').where('subject', '=', p.payoutId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: operator.id, reason: 'R04: Bank called: account number invalid' });

    // Twice is a conflict; the file's later copy of it records nothing.
    expect((await manual({ payoutId: p.payoutId, code: 'R04', note: 'again' })).statusCode).toBe(409);
    const later = await upload(bankReturnFile([returnOf(p, 'R04')]));
    expect(later.json()).toMatchObject({ returns: 0, alreadyRecorded: 1 });
  });

  it('refuses an unknown payout (404), an unknown code (400), a non-operator (403)', async () => {
    const p = await sentPayout(ctx, seller);
    expect((await manual({ payoutId: 'pay_nope', code: 'R03', note: 'x' })).statusCode).toBe(404);
    expect((await manual({ payoutId: p.payoutId, code: 'R99', note: 'x' })).statusCode).toBe(400);
    expect((await manual({ payoutId: p.payoutId, code: 'C01', note: 'x' })).statusCode).toBe(400);
    expect((await manual({ payoutId: p.payoutId, code: 'R03', note: 'x' }, seller)).statusCode).toBe(403);
    expect((await payoutRow(p.payoutId)).status).toBe('sent');
  });
});

describe('notifications of change', () => {
  const notices = async (user: TestUser) => ctx.app.inject({ method: 'GET', url: '/api/me/payout-change-notices', headers: as(user) });
  const answer = (user: TestUser, id: string, what: 'confirm' | 'dismiss', payload: Record<string, unknown> = {}) =>
    ctx.app.inject({ method: 'POST', url: `/api/me/payout-change-notices/${id}/${what}`, headers: as(user), payload });

  it('are stored sealed, shown masked, confirmed only with the current password, and only by their seller', async () => {
    const owner = await readySeller(ctx);
    const p = await sentPayout(ctx, owner);
    const newAccount = '55501234567';
    const res = await upload(bankReturnFile([{ kind: 'change', code: 'C01', traceNumber: p.traceNumber, payoutId: p.payoutId, correctedData: corrected.account(newAccount) }]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ returns: 0, changes: 1, items: [{ kind: 'notification_of_change', code: 'C01' }] });
    // Nothing about the payout or the trade-in changes.
    expect((await payoutRow(p.payoutId)).status).toBe('sent');
    expect((await sellerView(p.tradeInId, owner)).status).toBe('paid');
    const row = await db().selectFrom('ach_returns').selectAll().where('payout_id', '=', p.payoutId).executeTakeFirstOrThrow();
    expect(row.corrected_field).toBe('account_number');
    expect(row.corrected_data_sealed).not.toContain(newAccount);
    expect(await mailsAbout(owner.email, /updated your account details/, p.tradeInId)).toHaveLength(1);

    const list = await notices(owner);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([{ id: row.id, code: 'C01', field: 'account_number', proposed: { routingMasked: null, accountMasked: '•••• 4567', accountType: null }, receivedAt: expect.any(String) }]);
    expect(list.body).not.toContain(newAccount);

    // Another seller: it does not exist for them, with or without the right password.
    expect((await notices(seller)).json().items.map((n: { id: string }) => n.id)).not.toContain(row.id);
    expect((await answer(seller, row.id, 'confirm', { currentPassword: GOOD_PASSWORD })).statusCode).toBe(404);
    expect((await answer(seller, row.id, 'dismiss')).statusCode).toBe(404);
    // The wrong password: 403 naming the field, nothing applied.
    const wrong = await answer(owner, row.id, 'confirm', { currentPassword: 'not-my-password-1' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.fields).toHaveProperty('currentPassword');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: as(owner) })).json().payoutMethod.accountNumber).not.toBe('•••• 4567');

    const copiedBefore = (await payoutRow(p.payoutId)).account_number_sealed;
    const ok = await answer(owner, row.id, 'confirm', { currentPassword: GOOD_PASSWORD });
    expect(ok.statusCode, ok.body).toBe(204);
    const me = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: as(owner) })).json();
    expect(me.payoutMethod).toMatchObject({ accountNumber: '•••• 4567', routingNumber: '•••• 0021', accountType: 'checking' });
    expect((await notices(owner)).json().items).toEqual([]);
    expect((await answer(owner, row.id, 'confirm', { currentPassword: GOOD_PASSWORD })).statusCode).toBe(409);
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'payout_method.corrected').where('subject', '=', owner.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toContain('C01');
    // The payout that left keeps the details it copied.
    expect((await payoutRow(p.payoutId)).account_number_sealed).toBe(copiedBefore);
  });

  it('can be dismissed: nothing changes', async () => {
    const owner = await readySeller(ctx);
    const p = await sentPayout(ctx, owner);
    const before = (await ctx.app.inject({ method: 'GET', url: '/api/me', headers: as(owner) })).json().payoutMethod;
    const res = await upload(bankReturnFile([{ kind: 'change', code: 'C05', traceNumber: p.traceNumber, payoutId: p.payoutId, correctedData: corrected.transactionCode(32) }]));
    expect(res.statusCode, res.body).toBe(200);
    const [n] = (await notices(owner)).json().items;
    expect(n).toMatchObject({ code: 'C05', field: 'account_type', proposed: { accountType: 'savings' } });
    expect((await answer(owner, n.id, 'dismiss')).statusCode).toBe(204);
    expect((await notices(owner)).json().items).toEqual([]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: as(owner) })).json().payoutMethod).toEqual(before);
    const row = await db().selectFrom('ach_returns').selectAll().where('id', '=', n.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ resolution: 'dismissed' });
    // Re-uploading the file brings back nothing.
    expect((await upload(bankReturnFile([{ kind: 'change', code: 'C05', traceNumber: p.traceNumber, payoutId: p.payoutId, correctedData: corrected.transactionCode(32) }]))).json()).toMatchObject({ changes: 0, alreadyRecorded: 1 });
    expect((await notices(owner)).json().items).toEqual([]);
  });
});

describe('the operator’s list', () => {
  it('pages on the server and exports CSV', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/api/admin/ach-returns?limit=2&offset=0', headers: as(operator) });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBe(Number((await db().selectFrom('ach_returns').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
    const next = (await ctx.app.inject({ method: 'GET', url: '/api/admin/ach-returns?limit=2&offset=2', headers: as(operator) })).json();
    expect(next.items[0].id).not.toBe(body.items[0].id);
    const csv = await ctx.app.inject({ method: 'GET', url: '/api/admin/ach-returns?format=csv', headers: as(operator) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = csv.body.trim().split('\n');
    expect(rows[0]).toBe('id,received_at,kind,code,title,payout_id,trade_in_id,trace_number,source,file_name,recorded_by,resolution');
    expect(rows).toHaveLength(body.total + 1);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/admin/ach-returns', headers: as(seller) })).statusCode).toBe(403);
  });
});
