import { Badge, Box, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { TIncomingDetail } from '../../../shared/api/inspection.ts';
import { INSPECTION_BUSINESS_DAYS } from '../../../shared/deadlines.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatMarketDateTime } from '../quote/format.ts';
import { categoryOf, labelledAnswers } from './answer-labels.ts';

/** What the seller declared, and the dates: what the inspector checks the device against. Only first name and city of the seller. */
export function DeclaredSummary({ detail: d }: { detail: TIncomingDetail }) {
  const answers = labelledAnswers(categoryOf(d.device.categoryId), d.declaredAnswers);
  return (
    <Stack gap="md">
      <Group gap="lg" align="flex-start" wrap="wrap">
        <Fact label="Seller">
          {d.seller.firstName}, {d.seller.city}
        </Fact>
        <Fact label="Declared grade">
          <Badge variant="light">{d.declaredGrade}</Badge>
        </Fact>
        <Fact label="Price">{formatMoney(d.price)}</Fact>
        <Fact label="Declared IMEI / serial">
          <span data-testid="declared-identity">{d.declaredIdentity ? `${d.declaredIdentity.kind === 'imei' ? 'IMEI' : 'Serial'} ${d.declaredIdentity.value}` : 'Not given'}</span>
        </Fact>
      </Group>
      <Box component="dl" m={0}>
        <DateRow label="Shipped" iso={d.shippedAt} />
        <DateRow label="Delivered" iso={d.deliveredAt} />
        <DateRow label={`Inspection due (${INSPECTION_BUSINESS_DAYS} business days after delivery)`} iso={d.inspectionDueAt} overdue={d.bucket === 'overdue'} testId="inspection-due" />
      </Box>
      <div>
        <Title order={3} size="h5" mb={4}>
          Mandatory accessories
        </Title>
        {d.mandatoryAccessories.length === 0 ? (
          <Text size="sm">None for this model.</Text>
        ) : (
          <List size="sm">
            {d.mandatoryAccessories.map((a) => (
              <List.Item key={a}>{a}</List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Title order={3} size="h5" mb={4}>
          The seller’s answers
        </Title>
        <Table data-testid="declared-answers" withRowBorders verticalSpacing={6}>
          <Table.Tbody>
            {answers.map((a) => (
              <Table.Tr key={a.questionId}>
                <Table.Td c="dimmed" fz="sm">
                  {a.question}
                </Table.Td>
                <Table.Td fz="sm" fw={500}>
                  {a.answer}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={600} mt={2} component="div">
        {children}
      </Text>
    </div>
  );
}

function DateRow({ label, iso, overdue, testId }: { label: string; iso: string | null; overdue?: boolean; testId?: string }) {
  if (!iso) return null;
  return (
    <Group justify="space-between" gap="sm" py={4} data-testid={testId} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Group component="dd" m={0} gap={6}>
        <Text size="sm" fw={600}>
          {formatMarketDateTime(iso)}
        </Text>
        {overdue && (
          <Badge color="red" size="sm">
            Overdue
          </Badge>
        )}
      </Group>
    </Group>
  );
}
