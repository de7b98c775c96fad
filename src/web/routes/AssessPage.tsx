import { Alert, Box, Button, Container, Divider, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api.ts';
import { Crumbs } from '../components/Crumbs.tsx';
import { JourneySteps } from '../components/JourneySteps.tsx';
import { LoadError, NotFoundMessage } from '../components/LoadError.tsx';
import { QuestionField } from '../features/quote/QuestionField.tsx';
import { keys, queryClient, useCategories, useModel } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './AssessPage.module.css';

export function AssessPage() {
  const { modelId = '', variantId = '' } = useParams();
  const navigate = useNavigate();
  const model = useModel(modelId);
  const categories = useCategories();
  const [answers, setAnswers] = useState<Record<string, string>>({});
  // Server messages per question; an answer the seller changes clears its message.
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [showMissing, setShowMissing] = useState(false);

  const m = model.data;
  const variant = m?.variants.find((v) => v.id === variantId);
  const category = categories.data?.find((c) => c.id === m?.categoryId);
  usePageTitle(m && variant ? `Condition of your ${m.name}` : 'Describe the condition');

  const submit = useMutation({
    mutationFn: api.createAssessment,
    onSuccess: (quote) => {
      const key = quote.offer ? keys.offer(quote.offer.id) : keys.assessment(quote.assessmentId);
      queryClient.setQueryData(key, quote);
      // Replace, so Back from the offer goes to the model, and a reload shows this same offer.
      void navigate(quote.offer ? `/offers/${quote.offer.id}` : `/assessments/${quote.assessmentId}`, { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      setFieldErrors(error.fields);
      // Bring the first question that needs fixing into view; on a phone it may be screens away.
      const first = m?.questionnaire.find((q) => error.fields[`answers.${q.id}`]);
      if (first) requestAnimationFrame(() => document.querySelector(`[data-question="${first.id}"]`)?.scrollIntoView({ block: 'center' }));
    },
  });

  if (model.isError) {
    return (
      <Container>
        <LoadError error={model.error} onRetry={() => void model.refetch()} what="this model" />
      </Container>
    );
  }
  if (m && !variant) {
    return (
      <Container>
        <NotFoundMessage what="that version of the device" />
      </Container>
    );
  }

  const questions = m?.questionnaire ?? [];
  const answered = questions.filter((q) => answers[q.id]).length;
  const complete = questions.length > 0 && answered === questions.length;
  // Field errors that belong to no question on screen (should not happen, but must not vanish).
  const otherErrors = Object.entries(fieldErrors).filter(([k]) => !questions.some((q) => `answers.${q.id}` === k));

  const firstMissing = questions.find((q) => !answers[q.id]);
  // The button stays enabled: pressed too early, it names every unanswered question and takes
  // the seller to the first, rather than greying out with no reason given.
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (submit.isPending) return;
    if (firstMissing) {
      setFieldErrors(Object.fromEntries(questions.filter((q) => !answers[q.id]).map((q) => [`answers.${q.id}`, 'Choose an answer to see your offer'])));
      setShowMissing(true);
      requestAnimationFrame(() => {
        const group = document.querySelector(`[data-question="${firstMissing.id}"]`);
        group?.scrollIntoView({ block: 'center' });
        group?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus({ preventScroll: true });
      });
      return;
    }
    submit.mutate({ variantId, answers });
  };

  return (
    <Container size="sm">
      <JourneySteps
        current="Condition"
        links={{ Device: '/', Model: m ? `/models/${m.id}` : undefined }}
      />
      <Crumbs
        items={[
          { label: 'Home', to: '/' },
          { label: category?.name ?? '…', to: m ? `/sell/${m.categoryId}` : '/' },
          { label: m?.name ?? '…', to: m ? `/models/${m.id}` : '/' },
          { label: variant?.label ?? '…' },
        ]}
      />
      {!m || !variant ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading questions">
          <Skeleton height={36} width="70%" />
          {Array.from({ length: 3 }, (_, i) => (
            <Stack key={i} gap="xs">
              <Skeleton height={22} width="50%" />
              <Skeleton height={48} />
              <Skeleton height={48} />
            </Stack>
          ))}
        </Stack>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="xl">
            <div>
              <Title order={1}>What condition is it in?</Title>
              <Text c="dimmed" mt={4}>
                {m.brand} {m.name}, {variant.label}. Be honest: the refurbisher checks it, and an accurate answer
                keeps the price you see.
              </Text>
            </div>

            {questions.map((q, i) => (
              <Paper key={q.id} withBorder p={{ base: 'md', sm: 'lg' }} radius="md">
                <QuestionField
                  question={q}
                  number={i + 1}
                  value={answers[q.id]}
                  error={fieldErrors[`answers.${q.id}`]}
                  onChange={(optionId) => {
                    setAnswers((a) => ({ ...a, [q.id]: optionId }));
                    setFieldErrors(({ [`answers.${q.id}`]: _, ...rest }) => rest);
                  }}
                />
              </Paper>
            ))}

            {submit.isError && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="We could not make your offer" role="alert">
                {submit.error.message}
                {otherErrors.map(([k, v]) => (
                  <Text key={k} size="sm">
                    {v}
                  </Text>
                ))}
              </Alert>
            )}

            <Box className={classes.submitBar}>
              <Divider mb="md" hiddenFrom="sm" />
              <Stack gap={6}>
                <Button type="submit" size="lg" fullWidth loading={submit.isPending}>
                  See my offer
                </Button>
                <Text size="sm" c={showMissing && firstMissing ? 'red.8' : 'dimmed'} ta="center" aria-live="polite" data-testid="answer-status">
                  {complete
                    ? 'All set — no obligation to sell.'
                    : showMissing && firstMissing
                      ? `${answered} of ${questions.length} answered. Next: question ${questions.indexOf(firstMissing) + 1}, “${firstMissing.text}”`
                      : `${answered} of ${questions.length} answered`}
                </Text>
              </Stack>
            </Box>
          </Stack>
        </form>
      )}
    </Container>
  );
}
