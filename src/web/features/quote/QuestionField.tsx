import { Radio, Stack } from '@mantine/core';
import type { TModelDetail } from '../../../shared/api/catalog.ts';
import { RadioOption } from '../../components/RadioOption.tsx';

type Question = TModelDetail['questionnaire'][number];

/** One question of the assessment: its text is the group's label, its help the description. */
export function QuestionField({
  question,
  number,
  value,
  error,
  onChange,
}: {
  question: Question;
  number: number;
  value: string | undefined;
  error: string | undefined;
  onChange: (optionId: string) => void;
}) {
  return (
    <Radio.Group
      name={question.id}
      value={value ?? null}
      onChange={onChange}
      label={`${number}. ${question.text}`}
      description={question.help}
      error={error}
      styles={{
        label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 700, marginBottom: 4 },
        description: { fontSize: 'var(--mantine-font-size-sm)', marginBottom: 'var(--mantine-spacing-sm)' },
        error: { marginTop: 'var(--mantine-spacing-xs)', fontSize: 'var(--mantine-font-size-sm)' },
      }}
      data-question={question.id}
    >
      <Stack gap="xs">
        {question.options.map((o) => (
          <RadioOption key={o.id} value={o.id} label={o.label} />
        ))}
      </Stack>
    </Radio.Group>
  );
}
