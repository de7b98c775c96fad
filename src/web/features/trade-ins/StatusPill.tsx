import type { CSSProperties } from 'react';
import type { TTradeInStatus } from '../../../shared/api/trade-ins.ts';
import classes from './StatusPill.module.css';

// Blue: the seller's move. Indigo/cyan: travelling, with the refurbisher. Green: money. Red: needs
// attention. Grey: over.
const TONE: Record<TTradeInStatus, string> = {
  awaiting_shipment: 'blue',
  in_transit: 'indigo',
  delivered: 'cyan',
  counteroffered: 'red',
  account_locked: 'red',
  approved: 'brand',
  payout_on_hold: 'red',
  paid: 'brand',
  return_pending: 'gray',
  returning: 'gray',
  returned: 'gray',
  expired: 'gray',
  cancelled: 'gray',
};

export function StatusPill({ status, label }: { status: TTradeInStatus; label: string }) {
  const tone = TONE[status];
  const style = {
    '--pill-fg': `var(--mantine-color-${tone}-9)`,
    '--pill-bg': `var(--mantine-color-${tone}-${tone === 'gray' ? 2 : 1})`,
  } as CSSProperties;
  return (
    <span className={classes.pill} style={style} data-status={status} data-testid="trade-in-status">
      <span className={classes.dot} aria-hidden />
      {label}
    </span>
  );
}
