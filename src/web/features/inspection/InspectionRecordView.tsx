import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { REFUSAL_REASON_LABEL, type TInspectionRecord } from '../../../shared/api/inspection.ts';
import { formatMarketDateTime } from '../quote/format.ts';
import { categoryOf, labelledAnswers } from './answer-labels.ts';
import { OUTCOME_LABEL } from './outcome-copy.ts';
import { PhotoGallery } from './PhotoGallery.tsx';

/** One inspection as it was recorded: final, so shown as it is, never edited. */
export function InspectionRecordView({ record: r, categoryId }: { record: TInspectionRecord; categoryId: string }) {
  const answers = labelledAnswers(categoryOf(categoryId), r.answers);
  return (
    <Stack gap="sm" data-testid="inspection-record">
      <Group gap="sm">
        <Badge color={r.outcome === 'match' ? 'teal' : r.outcome === 'refused' ? 'red' : 'orange'} size="lg" variant="light">
          {OUTCOME_LABEL[r.outcome]}
        </Badge>
        <Text size="sm" c="dimmed">
          {formatMarketDateTime(r.inspectedAt)} by {r.inspectorName}
        </Text>
      </Group>
      <Text size="sm">
        Verified <strong>{r.verifiedGrade}</strong>, declared {r.declaredGrade}. {r.identity ? `${r.identity.kind === 'imei' ? 'IMEI' : 'Serial'} ${r.identity.value}.` : 'No IMEI or serial read.'}{' '}
        {r.stillLinked ? 'Still linked to an account.' : 'Signed out of every account.'}
        {r.refusal ? ` Refused: ${REFUSAL_REASON_LABEL[r.refusal]}.` : ''}
      </Text>
      {r.accessories.length > 0 && (
        <Text size="sm">
          Accessories: {r.accessories.map((a) => `${a.name} ${a.present ? '✓' : '(missing)'}`).join(', ')}
        </Text>
      )}
      <Table withRowBorders verticalSpacing={4}>
        <Table.Tbody>
          {answers.map((a) => (
            <Table.Tr key={a.questionId}>
              <Table.Td c="dimmed" fz="sm">
                {a.question}
              </Table.Td>
              <Table.Td fz="sm">{a.answer}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {r.notes && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          Notes: {r.notes}
        </Text>
      )}
      <PhotoGallery photos={r.photos} label="Inspection photo" />
    </Stack>
  );
}
