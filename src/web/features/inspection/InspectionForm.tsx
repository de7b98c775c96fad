import { Button, Checkbox, Divider, Group, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { REFUSAL_REASON_LABEL, REFUSAL_REASONS, type RefusalReason, type TIncomingDetail, type TInspectionRequest, type TPhoto } from '../../../shared/api/inspection.ts';
import type { CategoryId } from '../../../shared/catalog-types.ts';
import { ApiError } from '../../api.ts';
import { RadioOption } from '../../components/RadioOption.tsx';
import { FormProblem } from '../account/FormProblem.tsx';
import { QuestionField } from '../quote/QuestionField.tsx';
import { counterPriceProblem, CounterofferFields } from './CounterofferFields.tsx';
import { IdentityField, identityOf, type IdentityDraft } from './IdentityField.tsx';
import { inspectionApi, inspectionKeys } from './inspection-api.ts';
import { answersToSend, defectSubjects, previewOutcome, questionsToAnswer, verifiedGradeOf } from './inspection-outcome.ts';
import { OUTCOME_ACTION } from './outcome-copy.ts';
import { OutcomePreview } from './OutcomePreview.tsx';
import { PhotoUpload } from './PhotoUpload.tsx';
import { splitFieldErrors } from './field-errors.ts';

/**
 * The inspection: the questionnaire answered again on the device (→ the verified grade, by the
 * quote's own grading code), its identity, accessories, account link, photos and notes; a
 * counteroffer when it is worse than declared. The server decides; the form previews its decision.
 */
export function InspectionForm({ detail, category }: { detail: TIncomingDetail; category: CategoryId }) {
  const queryClient = useQueryClient();
  const declared = detail.declaredAnswers;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [accessories, setAccessories] = useState<Record<string, boolean>>(() => Object.fromEntries(detail.mandatoryAccessories.map((a) => [a, false])));
  const [stillLinked, setStillLinked] = useState<boolean | null>(null);
  const [refusal, setRefusal] = useState<RefusalReason | null>(null);
  const [identity, setIdentity] = useState<IdentityDraft>(() => ({
    kind: detail.declaredIdentity?.kind ?? (category === 'smartphones' || category === 'tablets' ? 'imei' : 'serial'),
    value: '',
  }));
  const readIdentity = identityOf(identity);
  const [photos, setPhotos] = useState<TPhoto[]>([]);
  const [notes, setNotes] = useState('');
  // Untouched, the price follows the floor of the verified grade; typed, it is the inspector's.
  const [typedPrice, setTypedPrice] = useState<{ grade: string; cents: number | null } | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const draft = { answers, accessories, stillLinked: stillLinked ?? false, refusal };
  const grade = verifiedGradeOf(category, draft);
  const outcome = stillLinked === null && !refusal ? null : previewOutcome(category, detail.declaredGrade, draft);
  const defects = defectSubjects(category, declared, draft);
  const floor = grade ? (detail.floorByGrade[grade] ?? null) : null;
  const priceCents = typedPrice && typedPrice.grade === grade ? typedPrice.cents : (floor?.amountMinor ?? null);

  const inspect = useMutation({
    mutationFn: (body: TInspectionRequest) => inspectionApi.inspect(detail.id, body),
    onSuccess: (next) => {
      queryClient.setQueryData(inspectionKeys.detail(detail.id), next);
      void queryClient.invalidateQueries({ queryKey: inspectionKeys.all });
    },
    onError: (error) => {
      // Decided meanwhile (another inspector, or the deadline): show what is true now.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: inspectionKeys.detail(detail.id) });
    },
  });

  const serverFields = inspect.error instanceof ApiError ? inspect.error.fields : {};
  const fieldErrors = splitFieldErrors(serverFields, {
    questions: questionsToAnswer(category).map((q) => q.id),
    defects: outcome === 'counteroffer' ? defects.map((d) => d.subject) : [],
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!outcome || inspect.isPending || readIdentity.problem) return;
    const id = readIdentity.identity;
    const body: TInspectionRequest = {
      answers: answersToSend(category, draft),
      accessories: detail.mandatoryAccessories.map((name) => ({ name, present: accessories[name] ?? false })),
      stillLinked: stillLinked ?? false,
      photoIds: photos.map((p) => p.id),
      notes: notes.trim(),
      ...(id ? { identity: id } : {}),
      ...(refusal ? { refusal } : {}),
      ...(outcome === 'counteroffer' && priceCents !== null
        ? {
            counteroffer: {
              price: { amountMinor: priceCents, currency: detail.price.currency },
              defects: defects.map((d) => ({ subject: d.subject, reason: (reasons[d.subject] ?? d.suggestedReason).trim() })),
            },
          }
        : {}),
    };
    inspect.mutate(body);
  };

  const photosNeeded = outcome !== null && outcome !== 'match';
  const blocked =
    !outcome ||
    Boolean(readIdentity.problem) ||
    (outcome === 'counteroffer' && (!grade || priceCents === null || Boolean(counterPriceProblem(priceCents, floor, detail.price, grade))));

  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="inspect-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <div>
            <Title order={2} size="h3" id="inspect-heading">
              Inspect the device
            </Title>
            <Text size="sm" c="dimmed">
              Answer every question from the device itself. The seller’s answer is shown under each question.
            </Text>
          </div>

          {questionsToAnswer(category).map((q, i) => {
            const was = q.options.find((o) => o.id === declared[q.id]);
            return (
              <QuestionField
                key={q.id}
                question={{ ...q, help: `Seller: ${was?.label ?? 'no answer'}` }}
                number={i + 1}
                value={answers[q.id]}
                error={fieldErrors.questions[q.id]}
                onChange={(optionId) => setAnswers((a) => ({ ...a, [q.id]: optionId }))}
              />
            );
          })}

          <Group gap="sm" data-testid="verified-grade" aria-live="polite">
            <Text fw={600}>Verified grade:</Text>
            <Text fw={800}>{grade ?? '— (answer every question)'}</Text>
            <Text c="dimmed" size="sm">
              declared {detail.declaredGrade}
            </Text>
          </Group>

          <Divider />

          <Radio.Group
            label="Still linked to an account (iCloud, Google, Samsung)?"
            description="Try to set the device up: an activation lock screen means it is still linked."
            value={stillLinked === null ? null : stillLinked ? 'yes' : 'no'}
            onChange={(v) => setStillLinked(v === 'yes')}
            error={fieldErrors.named.stillLinked}
            required
          >
            <Stack gap="xs" mt="xs">
              <RadioOption value="no" label="No, it is signed out of every account" />
              <RadioOption value="yes" label="Yes, it is still linked to an account" />
            </Stack>
          </Radio.Group>

          {detail.mandatoryAccessories.length > 0 && (
            <Checkbox.Group
              data-testid="accessories"
              label="Mandatory accessories in the box"
              description="Tick each one that arrived."
              value={Object.entries(accessories)
                .filter(([, present]) => present)
                .map(([name]) => name)}
              onChange={(present) => setAccessories(Object.fromEntries(detail.mandatoryAccessories.map((a) => [a, present.includes(a)])))}
              error={fieldErrors.named.accessories}
            >
              <Stack gap="xs" mt="xs">
                {detail.mandatoryAccessories.map((a) => (
                  <Checkbox key={a} value={a} label={a} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}

          <IdentityField draft={identity} onChange={setIdentity} declared={detail.declaredIdentity} serverError={fieldErrors.named.identity} />

          <Select
            label="Refuse the device"
            description="Only when it is not the declared device, counterfeit, or reported lost or stolen."
            placeholder="Not refused"
            data={REFUSAL_REASONS.map((r) => ({ value: r, label: REFUSAL_REASON_LABEL[r] }))}
            value={refusal}
            onChange={(v) => setRefusal(v as RefusalReason | null)}
            clearable
            error={fieldErrors.named.refusal}
            w={{ base: '100%', sm: 420 }}
          />

          <PhotoUpload tradeInId={detail.id} photos={photos} onChange={setPhotos} required={photosNeeded} serverError={fieldErrors.named.photoIds} />

          {outcome === 'counteroffer' && grade && (
            <CounterofferFields
              verifiedGrade={grade}
              declaredGrade={detail.declaredGrade}
              original={detail.price}
              floor={floor}
              priceCents={priceCents}
              onPrice={(cents) => setTypedPrice({ grade, cents })}
              defects={defects}
              reasons={reasons}
              onReason={(subject, reason) => setReasons((r) => ({ ...r, [subject]: reason }))}
              errors={{ price: fieldErrors.named.price, reasons: fieldErrors.defects }}
            />
          )}

          <Textarea label="Notes" description="For your team; the seller does not see them." value={notes} onChange={(e) => setNotes(e.currentTarget.value)} maxLength={2000} autosize minRows={2} error={fieldErrors.named.notes} />

          <OutcomePreview outcome={outcome} verifiedGrade={grade} price={detail.price} counterPriceCents={priceCents} refusal={refusal} />
          {inspect.isError && <FormProblem error={inspect.error} other={fieldErrors.other} title="The inspection was not recorded" />}
          <Button type="submit" size="md" loading={inspect.isPending} disabled={blocked} style={{ alignSelf: 'flex-start' }}>
            {outcome ? OUTCOME_ACTION[outcome] : 'Record the inspection'}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
