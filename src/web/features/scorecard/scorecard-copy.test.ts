import { describe, expect, it } from 'vitest';
import type { TScorecard } from '../../../shared/api/inspection.ts';
import { scorecardSentence } from './scorecard-copy.ts';

const card = (over: Partial<TScorecard>): TScorecard => ({
  refurbisherId: 'ref_1',
  refurbisherName: 'Renewed Circuit',
  windowDays: 90,
  inspections: 0,
  medianInspectionHours: null,
  onTimeShare: null,
  counterofferRate: null,
  averageDowngradePercent: null,
  returnsOnTimeShare: null,
  weekly: [],
  ...over,
});

describe('scorecardSentence', () => {
  it('says there is no history instead of showing zeros', () => {
    expect(scorecardSentence(card({}))).toBe('No inspections in the last 90 days yet, so there is no scorecard to show.');
  });

  it('gives speed, punctuality and counteroffers', () => {
    expect(scorecardSentence(card({ inspections: 12, medianInspectionHours: 19.4, onTimeShare: 0.916, counterofferRate: 0.25, averageDowngradePercent: 14.6 }))).toBe(
      'Inspects in a median of 19 h; 92% on time; counteroffers 25% of devices, average −15% (last 90 days).',
    );
    expect(scorecardSentence(card({ inspections: 3, medianInspectionHours: 4.25, onTimeShare: 1, counterofferRate: 0 }))).toBe(
      'Inspects in a median of 4.3 h; 100% on time; no counteroffers (last 90 days).',
    );
  });

  it('counts a missed deadline without any inspection as late', () => {
    expect(scorecardSentence(card({ inspections: 0, onTimeShare: 0 }))).toBe('0% on time (last 90 days).');
  });
});
