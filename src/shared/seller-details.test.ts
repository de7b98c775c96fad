import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ZIdentityInput,
  ZPayoutMethodInput,
  ZProfileInput,
  ageOn,
  checkAccountNumber,
  checkPhone,
  checkRoutingNumber,
  isAdult,
  isValidRoutingNumber,
  isValidStateCode,
  routingChecksumOk,
  zProfileInputAt,
} from './seller-details.ts';

/** Issues as [path joined by '.', message] so a test can assert which field was named. */
function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function pathsOf(result: Parameters<typeof issuesOf>[0]): string[] {
  return issuesOf(result).map((i) => i.path);
}

describe('routing numbers', () => {
  it('accepts a real routing number', () => {
    expect(checkRoutingNumber('021000021')).toEqual({ ok: true, value: '021000021' });
    expect(isValidRoutingNumber('021000021')).toBe(true);
  });

  it('refuses a wrong check digit as a checksum problem', () => {
    const r = checkRoutingNumber('021000022');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('checksum');
  });

  it('refuses prefixes outside the Fed ranges even when the checksum holds', () => {
    expect(routingChecksumOk('500000005')).toBe(true);
    expect(routingChecksumOk('000000000')).toBe(true);
    for (const s of ['500000005', '000000000']) {
      const r = checkRoutingNumber(s);
      expect(!r.ok && r.reason).toBe('prefix');
    }
  });

  it("refuses traveler's cheque (80) numbers", () => {
    // 80 + 0000000 + check digit 6: 3·8 + 6 = 30
    expect(routingChecksumOk('800000006')).toBe(true);
    const r = checkRoutingNumber('800000006');
    expect(!r.ok && r.reason).toBe('prefix');
  });

  it('refuses anything that is not exactly 9 digits as a format problem', () => {
    for (const s of ['', '02100002', '0210000210', '02100002a', '021 000 021']) {
      const r = checkRoutingNumber(s);
      expect(!r.ok && r.reason).toBe('format');
    }
  });

  const validPrefix = fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 21, max: 32 }), fc.integer({ min: 61, max: 72 }));
  const validRouting = fc
    .tuple(validPrefix, fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }))
    .map(([prefix, middle]) => {
      const first8 = [Math.floor(prefix / 10), prefix % 10, ...middle];
      const weights = [3, 7, 1, 3, 7, 1, 3, 7];
      const partial = first8.reduce((sum, d, i) => sum + d * weights[i]!, 0);
      return [...first8, (10 - (partial % 10)) % 10].join('');
    });

  it('accepts every 9-digit number with a valid prefix and a correct check digit', () => {
    fc.assert(
      fc.property(validRouting, (s) => {
        expect(checkRoutingNumber(s)).toEqual({ ok: true, value: s });
      }),
    );
  });

  it('refuses any single-digit change of a valid routing number', () => {
    fc.assert(
      fc.property(validRouting, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (s, pos, delta) => {
        const changed = String((Number(s[pos]) + delta) % 10);
        const mutated = s.slice(0, pos) + changed + s.slice(pos + 1);
        expect(isValidRoutingNumber(mutated)).toBe(false);
      }),
    );
  });
});

describe('account numbers', () => {
  it('accepts 4 and 17 digits and keeps leading zeros', () => {
    expect(checkAccountNumber('0001')).toEqual({ ok: true, value: '0001' });
    expect(checkAccountNumber('00012345678901234')).toEqual({ ok: true, value: '00012345678901234' });
  });

  it('refuses 3 and 18 digits, all zeros and letters', () => {
    for (const s of ['123', '123456789012345678', '0000', '00000000', '12345a', '']) {
      expect(checkAccountNumber(s).ok).toBe(false);
    }
  });
});

const goodPayout = {
  routingNumber: '021000021',
  accountNumber: '000123456789',
  accountNumberConfirmation: '000123456789',
  accountType: 'checking',
  holderNames: ['Ada Lovelace'],
  currentPassword: 'correct horse',
};

describe('ZPayoutMethodInput', () => {
  it('parses good input and keeps the account number as a string with its leading zeros', () => {
    const r = ZPayoutMethodInput.parse({ ...goodPayout, holderNames: ['  Ada Lovelace ', 'Charles Babbage'] });
    expect(r.accountNumber).toBe('000123456789');
    expect(r.holderNames).toEqual(['Ada Lovelace', 'Charles Babbage']);
  });

  it.each([
    ['routing checksum', { routingNumber: '021000022' }, 'routingNumber'],
    ['routing prefix', { routingNumber: '500000005' }, 'routingNumber'],
    ['3-digit account', { accountNumber: '123', accountNumberConfirmation: '123' }, 'accountNumber'],
    ['18-digit account', { accountNumber: '1'.repeat(18), accountNumberConfirmation: '1'.repeat(18) }, 'accountNumber'],
    ['all-zero account', { accountNumber: '000000', accountNumberConfirmation: '000000' }, 'accountNumber'],
    ['account with letters', { accountNumber: '12345X', accountNumberConfirmation: '12345X' }, 'accountNumber'],
    ['mismatched confirmation', { accountNumberConfirmation: '000123456780' }, 'accountNumberConfirmation'],
    ['unknown account type', { accountType: 'brokerage' }, 'accountType'],
    ['no holder', { holderNames: [] }, 'holderNames'],
    ['three holders', { holderNames: ['Ann Lee', 'Bob Lee', 'Cy Lee'] }, 'holderNames'],
    ['one-letter holder', { holderNames: ['Ann Lee', ' B '] }, 'holderNames.1'],
    ['holder of 101 chars', { holderNames: ['x'.repeat(101)] }, 'holderNames.0'],
    ['missing password', { currentPassword: '' }, 'currentPassword'],
  ])('refuses %s, naming the field', (_name, patch, path) => {
    const result = ZPayoutMethodInput.safeParse({ ...goodPayout, ...patch });
    expect(pathsOf(result)).toEqual([path]);
  });

  it('says what is wrong with the routing number', () => {
    const [issue] = issuesOf(ZPayoutMethodInput.safeParse({ ...goodPayout, routingNumber: '021000022' }));
    expect(issue?.message).toMatch(/routing number/i);
  });

  it('names every missing field at once', () => {
    const paths = pathsOf(ZPayoutMethodInput.safeParse({}));
    expect(paths.sort()).toEqual(
      ['accountNumber', 'accountNumberConfirmation', 'accountType', 'currentPassword', 'holderNames', 'routingNumber'].sort(),
    );
  });
});

const goodProfile = {
  legalName: { first: 'Ada', last: 'Lovelace' },
  dateOfBirth: '1990-12-10',
  address: { line1: '1 Main St', city: 'Albany', state: 'NY', zip: '12207' },
  phone: '(212) 555-0199',
};

describe('ZProfileInput', () => {
  it('normalises the phone to E.164 and the state to upper case', () => {
    const r = ZProfileInput.parse({ ...goodProfile, address: { ...goodProfile.address, state: 'ny', line2: '' } });
    expect(r.phone).toBe('+12125550199');
    expect(r.address.state).toBe('NY');
    expect(r.address.line2).toBeUndefined();
  });

  it.each([
    ['bad phone', { phone: '(123) 456-7890' }, 'phone'],
    ['foreign phone', { phone: '+44 20 7946 0958' }, 'phone'],
    ['short ZIP', { address: { ...goodProfile.address, zip: '1220' } }, 'address.zip'],
    ['ZIP+3', { address: { ...goodProfile.address, zip: '12207-123' } }, 'address.zip'],
    ['unknown state', { address: { ...goodProfile.address, state: 'XX' } }, 'address.state'],
    ['military state', { address: { ...goodProfile.address, state: 'AE' } }, 'address.state'],
    ['empty first name', { legalName: { first: '  ', last: 'Lovelace' } }, 'legalName.first'],
    ['long last name', { legalName: { first: 'Ada', last: 'x'.repeat(101) } }, 'legalName.last'],
    ['30 February', { dateOfBirth: '1990-02-30' }, 'dateOfBirth'],
    ['US date order', { dateOfBirth: '12/10/1990' }, 'dateOfBirth'],
    ['ZIP of another state', { address: { ...goodProfile.address, zip: '10001', state: 'TX' } }, 'address.zip'],
    ['ZIP of no state', { address: { ...goodProfile.address, zip: '00000' } }, 'address.zip'],
    ['military ZIP', { address: { ...goodProfile.address, zip: '09012' } }, 'address.zip'],
  ])('refuses %s, naming the field', (_name, patch, path) => {
    expect(pathsOf(ZProfileInput.safeParse({ ...goodProfile, ...patch }))).toEqual([path]);
  });

  it('says which state a mismatched ZIP code is in', () => {
    const r = ZProfileInput.safeParse({ ...goodProfile, address: { ...goodProfile.address, zip: '10001', state: 'TX' } });
    expect(issuesOf(r)).toEqual([{ path: 'address.zip', message: 'ZIP code 10001 is in NY, not TX' }]);
  });

  it.each([
    ['10001', 'NY'], ['77002', 'TX'], ['88510', 'TX'], ['90210', 'CA'], ['20500', 'DC'], ['20171', 'VA'], ['00901', 'PR'], ['00802', 'VI'],
    ['96910', 'GU'], ['96799', 'AS'], ['96950', 'MP'], ['99501', 'AK'], ['02108', 'MA'], ['05501', 'MA'], ['05401', 'VT'], ['06103', 'CT'],
    ['00501', 'NY'], ['83702', 'ID'], ['12207-1234', 'NY'],
  ])('accepts ZIP %s in %s', (zip, state) => {
    expect(ZProfileInput.safeParse({ ...goodProfile, address: { ...goodProfile.address, zip, state } }).success).toBe(true);
  });

  it('accepts territory phones and addresses', () => {
    expect(checkPhone('787-555-1234')).toEqual({ ok: true, value: '+17875551234' });
    expect(isValidStateCode('PR')).toBe(true);
    expect(isValidStateCode('DC')).toBe(true);
  });

  it('refuses a date of birth in the future or under 18 only when given today', () => {
    const now = new Date('2026-06-15T16:00:00Z');
    const schema = zProfileInputAt(now);
    expect(schema.safeParse(goodProfile).success).toBe(true);
    const future = issuesOf(schema.safeParse({ ...goodProfile, dateOfBirth: '2026-06-16' }));
    expect(future).toEqual([{ path: 'dateOfBirth', message: expect.stringMatching(/future/) }]);
    const minor = issuesOf(schema.safeParse({ ...goodProfile, dateOfBirth: '2010-01-01' }));
    expect(minor).toEqual([{ path: 'dateOfBirth', message: expect.stringMatching(/18/) }]);
    // 1901 is a typo, not a 125-year-old seller; 120 is the oldest age taken.
    expect(issuesOf(schema.safeParse({ ...goodProfile, dateOfBirth: '1901-03-04' }))).toEqual([{ path: 'dateOfBirth', message: 'Date of birth would make you 125: check the year' }]);
    expect(schema.safeParse({ ...goodProfile, dateOfBirth: '1905-06-16' }).success).toBe(true);
    expect(schema.safeParse({ ...goodProfile, dateOfBirth: '1905-06-15' }).success).toBe(false);
  });
});

describe('age', () => {
  // 16:00 UTC is noon in New York (EDT): the same calendar day in both.
  const now = new Date('2026-06-15T16:00:00Z');

  it('is adult on the 18th birthday and not the day before it', () => {
    expect(isAdult('2008-06-15', now)).toBe(true);
    expect(ageOn('2008-06-15', now)).toBe(18);
    expect(isAdult('2008-06-16', now)).toBe(false);
    expect(ageOn('2008-06-16', now)).toBe(17);
  });

  it('uses the New York date, not the UTC date', () => {
    // 02:00 UTC on the 15th is still 22:00 on the 14th in New York.
    const lateEvening = new Date('2026-06-15T02:00:00Z');
    expect(isAdult('2008-06-15', lateEvening)).toBe(false);
    expect(ageOn('2008-06-15', lateEvening, 'UTC')).toBe(18);
    expect(isAdult('2008-06-15', new Date('2026-06-15T04:00:00Z'))).toBe(true);
  });

  it('makes a 29 February birthday count from 1 March in non-leap years', () => {
    expect(ageOn('2008-02-29', new Date('2026-02-28T17:00:00Z'))).toBe(17);
    expect(ageOn('2008-02-29', new Date('2026-03-01T17:00:00Z'))).toBe(18);
    expect(ageOn('2008-02-29', new Date('2028-02-29T17:00:00Z'))).toBe(20);
  });

  it('refuses a date that is not a real date', () => {
    expect(() => ageOn('2007-02-29', now)).toThrow(RangeError);
    expect(isAdult('not a date', now)).toBe(false);
  });
});

describe('ZIdentityInput', () => {
  it('normalises a licence number', () => {
    expect(ZIdentityInput.parse({ kind: 'drivers_license', number: 'd123-456 789', state: 'ca' })).toEqual({
      kind: 'drivers_license',
      number: 'D123456789',
      state: 'CA',
    });
  });

  it('accepts SSN last 4', () => {
    expect(ZIdentityInput.parse({ kind: 'ssn_last4', last4: '6789' })).toEqual({ kind: 'ssn_last4', last4: '6789' });
  });

  it.each([
    ['SSN 0000', { kind: 'ssn_last4', last4: '0000' }, 'last4'],
    ['SSN of 3 digits', { kind: 'ssn_last4', last4: '678' }, 'last4'],
    ['licence with punctuation', { kind: 'drivers_license', number: 'D12.34', state: 'CA' }, 'number'],
    ['licence of 21 chars', { kind: 'drivers_license', number: 'A'.repeat(21), state: 'CA' }, 'number'],
    ['empty licence', { kind: 'drivers_license', number: ' - ', state: 'CA' }, 'number'],
    ['licence state', { kind: 'drivers_license', number: 'D1234', state: 'ZZ' }, 'state'],
    ['unknown kind', { kind: 'passport', number: 'X1' }, 'kind'],
  ])('refuses %s, naming the field', (_name, input, path) => {
    expect(pathsOf(ZIdentityInput.safeParse(input))).toEqual([path]);
  });
});
