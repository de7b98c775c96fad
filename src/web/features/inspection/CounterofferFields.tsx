import { Alert, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import type { Grade } from '../../../shared/grade.ts';
import { formatMoney, type Money } from '../../../shared/money.ts';
import { dollarsToCents } from '../refurbisher/format.ts';
import type { DefectSubject } from './inspection-outcome.ts';

/** The server's price rules, checked as the price is typed: not below the refurbisher's own price, not above the offer. */
export function counterPriceProblem(cents: number | null, floor: Money | null, original: Money, verifiedGrade: Grade): string | undefined {
  if (cents === null) return undefined;
  if (floor && cents < floor.amountMinor) return `No lower than ${formatMoney(floor)}: your own wishlist pays that for ${verifiedGrade}.`;
  if (cents > original.amountMinor) return `A counteroffer is at most the offer, ${formatMoney(original)}.`;
  return undefined;
}

/**
 * The counteroffer's price and its reasons. The price starts at this refurbisher's own live
 * wishlist price for the verified grade and cannot go below it (no bait and switch, docs/product.md §5).
 */
export function CounterofferFields({
  verifiedGrade,
  declaredGrade,
  original,
  floor,
  priceCents,
  onPrice,
  defects,
  reasons,
  onReason,
  errors,
}: {
  verifiedGrade: Grade;
  declaredGrade: Grade;
  original: Money;
  floor: Money | null;
  priceCents: number | null;
  onPrice: (cents: number | null) => void;
  defects: DefectSubject[];
  reasons: Record<string, string>;
  onReason: (subject: string, reason: string) => void;
  errors: { price?: string | undefined; reasons: Record<string, string> };
}) {
  const problem = counterPriceProblem(priceCents, floor, original, verifiedGrade);
  const priceError = errors.price ?? problem;
  return (
    <Stack gap="md" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }} data-testid="counteroffer-fields">
      <Title order={3} size="h4" component="legend">
        Counteroffer
      </Title>
      <Text size="sm">
        Declared {declaredGrade}, verified <strong>{verifiedGrade}</strong>. The offer was {formatMoney(original)}.
      </Text>
      <NumberInput
        label="New price (US dollars)"
        description={
          floor
            ? `Your wishlist pays ${formatMoney(floor)} for this device in ${verifiedGrade} condition: a counteroffer cannot be lower.`
            : `Your wishlist has no live price for ${verifiedGrade}, so no floor applies. The seller sees the market’s best price for ${verifiedGrade} beside yours.`
        }
        value={priceCents === null ? '' : priceCents / 100}
        // Mantine hands over a string while the typed form is not a plain number ("87.00", "87.").
        onChange={(v) => onPrice(dollarsToCents(v))}
        min={floor ? floor.amountMinor / 100 : 0.01}
        decimalScale={2}
        fixedDecimalScale
        thousandSeparator=","
        prefix="$"
        error={priceError}
        required
        w={{ base: '100%', sm: 320 }}
      />
      <Stack gap="sm">
        <Text fw={600} size="sm">
          A reason for each defect
        </Text>
        {defects.length === 0 ? (
          <Alert color="yellow" variant="light" p="sm">
            <Text size="sm">The grade is worse but no answer differs from the seller’s: check the answers above.</Text>
          </Alert>
        ) : (
          defects.map((d) => (
            <Textarea
              key={d.subject}
              label={d.label}
              data-subject={d.subject}
              value={reasons[d.subject] ?? d.suggestedReason}
              onChange={(e) => onReason(d.subject, e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={500}
              error={errors.reasons[d.subject]}
              required
            />
          ))
        )}
      </Stack>
    </Stack>
  );
}
