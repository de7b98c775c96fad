import type { OperatorFlagKind, TOperatorFlag } from '../../../shared/api/operator-flags.ts';

/** What each kind of flag means, in the operator's words. */
export const FLAG_KIND_LABELS: Record<OperatorFlagKind, string> = {
  shared_bank_account: 'Bank account shared by several sellers',
  blocked_mail: 'E-mail held back: it would have shown protected seller details',
  scan_after_cancel: 'Scanned after the seller cancelled',
  scan_after_expiry: 'Scanned after the shipping window closed',
  label_issue_failed: 'The carrier kept failing to issue the label',
  label_void_failed: 'The carrier kept failing to void a label',
  blocklisted_device: 'Accept refused: the IMEI is on the blocklist',
  inspection_overdue: 'Inspection deadline missed',
  return_not_shipped: 'Free return not shipped in time',
};

export const when = (iso: string) => new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** One line on what happened, from the flag's details (typed by its kind). */
export function flagSummary(f: TOperatorFlag): string {
  switch (f.kind) {
    case 'shared_bank_account':
      return `${f.userIds.length} sellers use the same bank account`;
    case 'blocked_mail':
      return `Message ${f.details.mailKey}`;
    case 'scan_after_cancel':
    case 'scan_after_expiry':
      return `${f.details.eventType.replace(/_/g, ' ')} scan of ${f.details.trackingNumber} at ${when(f.details.occurredAt)}`;
    case 'label_issue_failed':
      return `${f.details.error} (${f.details.attempts} attempts)`;
    case 'label_void_failed':
      return [f.details.trackingNumber, f.details.error].filter(Boolean).join(': ');
    case 'blocklisted_device':
      return `IMEI ending ${f.details.imeiLast4}: ${f.details.reason}`;
    case 'inspection_overdue':
      return `Inspection was due ${when(f.details.dueAt)}`;
    case 'return_not_shipped':
      return `Return was due to ship by ${when(f.details.shipBy)}`;
  }
}
