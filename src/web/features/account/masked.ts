import type { TMe } from '../../api.ts';
import { stateName } from './states.ts';

// The server sends protected values already masked ("•••• 6789"); these only put them in words.

export function describeIdentity(identity: TMe['identity']): string {
  if (!identity) return 'Not added yet';
  return identity.kind === 'drivers_license'
    ? `Driver’s license ${identity.number}, ${stateName(identity.state)}`
    : `Social Security number ${identity.last4}`;
}

export function describePayout(p: NonNullable<TMe['payoutMethod']>): string {
  const type = p.accountType === 'savings' ? 'Savings' : 'Checking';
  return `${type} account ${p.accountNumber} (routing ${p.routingNumber}), ${p.holderNames.join(' and ')}`;
}
