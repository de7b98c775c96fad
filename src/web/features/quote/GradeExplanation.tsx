import { List, Text, Title } from '@mantine/core';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { GRADE_MEANING } from '../../../shared/grade.ts';

/** The grade, what it means, and which answers brought it there. */
export function GradeExplanation({ quote }: { quote: TQuote }) {
  return (
    <section aria-labelledby="why-heading">
      <Title order={2} size="h3" id="why-heading">
        Why {quote.grade}?
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {quote.grade}: {GRADE_MEANING[quote.grade]}
      </Text>
      {quote.gradeReasons.length === 0 ? (
        <Text size="sm">Every answer matched a like-new device.</Text>
      ) : (
        <List size="sm" spacing={6}>
          {quote.gradeReasons.map((r) => (
            <List.Item key={r.questionId}>
              {r.reason}{' '}
              <Text span size="sm" c="dimmed">
                (You answered “{r.answer}” to “{r.question}”)
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}
