import { Alert, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { REFUSAL_REASON_LABEL, type InspectionOutcome, type RefusalReason } from '../../../shared/api/inspection.ts';
import { COUNTEROFFER_ANSWER_DAYS, LOCK_HOLD_DAYS } from '../../../shared/deadlines.ts';
import type { Grade } from '../../../shared/grade.ts';
import { formatMoney, type Money } from '../../../shared/money.ts';

/** What the server will decide from these facts, in words, before the final click (an inspection cannot be undone). */
export function OutcomePreview({
  outcome,
  verifiedGrade,
  price,
  counterPriceCents,
  refusal,
}: {
  outcome: InspectionOutcome | null;
  verifiedGrade: Grade | null;
  price: Money;
  counterPriceCents: number | null;
  refusal: RefusalReason | null;
}) {
  let title: string;
  let text: string;
  switch (outcome) {
    case null:
      title = 'Answer every question';
      text = 'The outcome appears here once the device is described.';
      break;
    case 'match':
      title = `Approve at ${formatMoney(price)}`;
      text = `The device matches${verifiedGrade ? ` (${verifiedGrade})` : ''}: the trade-in is approved at the offer price and the seller’s payment starts at once. Record the data erasure next.`;
      break;
    case 'counteroffer':
      title = `Counteroffer${counterPriceCents !== null ? ` of ${formatMoney({ amountMinor: counterPriceCents, currency: price.currency })}` : ''}`;
      text = `Verified ${verifiedGrade ?? '…'} instead of the offer’s condition, or an accessory is missing. The seller sees your reasons and photos and has ${COUNTEROFFER_ANSWER_DAYS} days to accept or reject; rejecting, or not answering, means you ship the device back free of charge.`;
      break;
    case 'lock_hold':
      title = 'Lock hold';
      text = `The device is still linked to an account. The seller is asked to remove it remotely and has ${LOCK_HOLD_DAYS} days; then you check it again. Not removed in time, it goes back to the seller.`;
      break;
    case 'refused':
      title = 'Refuse and return';
      text = `${refusal ? REFUSAL_REASON_LABEL[refusal] : 'Refused'}: no payment, and you ship the device back to the seller with a prepaid return label within 2 business days.`;
      break;
  }
  return (
    <Alert variant="light" color={outcome === 'match' ? 'teal' : outcome === null ? 'gray' : 'orange'} icon={<IconInfoCircle aria-hidden />} title={title} data-testid="outcome-preview" aria-live="polite">
      <Text size="sm">{text}</Text>
    </Alert>
  );
}
