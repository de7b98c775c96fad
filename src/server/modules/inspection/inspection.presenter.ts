import type { CategoryId } from '../../../shared/catalog-types.ts';
import type { TCounteroffer, TDefect, TInspectionRecord, TLockHold, TPhoto } from '../../../shared/api/inspection.ts';
import { QUESTIONNAIRES } from '../../../shared/questionnaires.ts';
import type { CounterofferRow, InspectionRow } from './inspection.repository.ts';
import type { LockHoldsTable } from './inspection.tables.ts';
import type { Selectable } from 'kysely';

export const ACCESSORY_SUBJECT = 'accessory:';

export function presentInspection(row: InspectionRow, photos: TPhoto[]): TInspectionRecord {
  return {
    id: row.id,
    outcome: row.outcome,
    verifiedGrade: row.verified_grade,
    declaredGrade: row.declared_grade,
    answers: row.answers,
    identity: row.identity_kind && row.identity_value ? { kind: row.identity_kind, value: row.identity_value } : null,
    accessories: row.accessories,
    stillLinked: row.still_linked,
    refusal: row.refusal_reason,
    notes: row.notes,
    photos,
    inspectedAt: row.created_at.toISOString(),
    inspectorName: row.inspector_name,
  };
}

/** What the seller may see of an inspection: never the inspector's notes or name. */
export function forSeller(record: TInspectionRecord): Omit<TInspectionRecord, 'notes' | 'inspectorName'> {
  const { notes: _notes, inspectorName: _name, ...rest } = record;
  return rest;
}

/** A defect's subject in words: the question, or the missing accessory. */
export function defectLabel(category: CategoryId, subject: string): string {
  if (subject.startsWith(ACCESSORY_SUBJECT)) return `Missing accessory: ${subject.slice(ACCESSORY_SUBJECT.length)}`;
  return QUESTIONNAIRES[category].questions.find((q) => q.id === subject)?.text ?? subject;
}

/** Declared and verified answers per question, as labels, for the side-by-side view. */
export function compareAnswers(category: CategoryId, declared: Record<string, string>, verified: Record<string, string>): TCounteroffer['comparison'] {
  return QUESTIONNAIRES[category].questions.map((q) => {
    const label = (id: string | undefined) => q.options.find((o) => o.id === id)?.label ?? '—';
    return { questionId: q.id, question: q.text, declared: label(declared[q.id]), verified: label(verified[q.id]), differs: declared[q.id] !== verified[q.id] };
  });
}

export function presentCounteroffer(
  co: CounterofferRow,
  c: { category: CategoryId; declaredAnswers: Record<string, string>; verifiedAnswers: Record<string, string>; photos: TPhoto[] },
): TCounteroffer {
  const currency = co.currency.trim();
  return {
    id: co.id,
    state: co.state,
    declaredGrade: co.declared_grade,
    verifiedGrade: co.verified_grade,
    comparison: compareAnswers(c.category, c.declaredAnswers, c.verifiedAnswers),
    defects: co.defects.map((d: TDefect) => ({ ...d, label: defectLabel(c.category, d.subject) })),
    photos: c.photos,
    originalPrice: { amountMinor: co.original_price_minor, currency },
    price: { amountMinor: co.price_minor, currency },
    marketBest: co.market_best_minor === null ? null : { amountMinor: co.market_best_minor, currency },
    createdAt: co.created_at.toISOString(),
    dueAt: co.due_at.toISOString(),
    answeredAt: co.answered_at ? co.answered_at.toISOString() : null,
  };
}

export function presentLockHold(h: Selectable<LockHoldsTable>): TLockHold {
  return {
    startedAt: h.created_at.toISOString(),
    dueAt: h.due_at.toISOString(),
    sellerClearedAt: h.seller_cleared_at ? h.seller_cleared_at.toISOString() : null,
  };
}
