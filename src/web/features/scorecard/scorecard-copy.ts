import type { TScorecard } from '../../../shared/api/inspection.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const hours = (h: number) => (h < 10 ? `${Math.round(h * 10) / 10} h` : `${Math.round(h)} h`);

/**
 * The scorecard in one sentence for the seller (docs/product.md §9), honest when there is
 * nothing to say yet: a refurbisher with no inspection in the window has no numbers, not zeros.
 */
export function scorecardSentence(card: TScorecard): string {
  if (card.inspections === 0 && card.onTimeShare === null) {
    return `No inspections in the last ${card.windowDays} days yet, so there is no scorecard to show.`;
  }
  const parts: string[] = [];
  if (card.medianInspectionHours !== null) parts.push(`Inspects in a median of ${hours(card.medianInspectionHours)}`);
  if (card.onTimeShare !== null) parts.push(`${percent(card.onTimeShare)} on time`);
  if (card.counterofferRate !== null) {
    parts.push(
      card.counterofferRate === 0 || card.averageDowngradePercent === null
        ? 'no counteroffers'
        : `counteroffers ${percent(card.counterofferRate)} of devices, average −${Math.round(card.averageDowngradePercent)}%`,
    );
  }
  return `${parts.join('; ')} (last ${card.windowDays} days).`.replace(/^./, (c) => c.toUpperCase());
}
