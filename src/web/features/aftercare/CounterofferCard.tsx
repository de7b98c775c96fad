import { Alert, Badge, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { TCounteroffer } from '../../../shared/api/inspection.ts';
import { formatMoney } from '../../../shared/money.ts';
import { PhotoGallery } from '../inspection/PhotoGallery.tsx';
import { formatMarketDateTime } from '../quote/format.ts';
import { aftercareApi } from './aftercare-api.ts';
import { useSellerAction } from './useSellerAction.ts';

/**
 * A counteroffer as the seller weighs it: their answers beside the refurbisher's, the evidence, a
 * reason per defect, the new price against the old one and against the market's best for the
 * verified grade. Accept or reject, each confirmed; rejecting is a free return, and nothing is
 * ever accepted by silence.
 */
export function CounterofferCard({ tradeInId, counteroffer: c, refurbisherName, canAnswer }: { tradeInId: string; counteroffer: TCounteroffer; refurbisherName: string; canAnswer: boolean }) {
  const drop = c.originalPrice.amountMinor - c.price.amountMinor;
  return (
    <Stack gap="md" data-testid="counteroffer">
      <Group gap="xl" align="flex-end" wrap="wrap">
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            New price
          </Text>
          <Text fw={800} fz={28} lh={1.1} data-testid="counteroffer-price">
            {formatMoney(c.price)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Your offer was
          </Text>
          <Text fw={600} fz="lg" td="line-through" c="dimmed">
            {formatMoney(c.originalPrice)}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Grade
          </Text>
          <Group gap={6}>
            <Badge variant="outline" color="gray">
              declared {c.declaredGrade}
            </Badge>
            <Text aria-hidden>→</Text>
            <Badge variant="light" color="orange">
              verified {c.verifiedGrade}
            </Badge>
          </Group>
        </div>
      </Group>
      <Text size="sm" data-testid="market-best">
        {c.marketBest
          ? `The best price on Tradeloop for this device in ${c.verifiedGrade} condition was ${formatMoney(c.marketBest)} when this counteroffer was made.`
          : `No refurbisher on Tradeloop was buying this device in ${c.verifiedGrade} condition when this counteroffer was made.`}
        {drop > 0 ? ` ${refurbisherName} offers ${formatMoney({ amountMinor: drop, currency: c.price.currency })} less than before.` : ''}
      </Text>

      <div>
        <Title order={3} size="h5" mb={4}>
          Your answers and what the refurbisher found
        </Title>
        {/* Three short columns fit a phone when they wrap: the verified answer must not hide behind a scroll. */}
        <Table.ScrollContainer minWidth={300}>
          <Table data-testid="comparison" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Question</Table.Th>
                <Table.Th>You said</Table.Th>
                <Table.Th>The refurbisher found</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.comparison.map((row) => (
                <Table.Tr key={row.questionId} bg={row.differs ? 'orange.0' : undefined} data-differs={row.differs || undefined}>
                  <Table.Td fz="sm">{row.question}</Table.Td>
                  <Table.Td fz="sm">{row.declared}</Table.Td>
                  <Table.Td fz="sm" fw={row.differs ? 700 : 400}>
                    {row.verified}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>

      <div>
        <Title order={3} size="h5" mb={4}>
          Why
        </Title>
        <List size="sm" data-testid="defects">
          {c.defects.map((d) => (
            <List.Item key={d.subject}>
              <strong>{d.label}:</strong> {d.reason}
            </List.Item>
          ))}
        </List>
      </div>

      {c.photos.length > 0 && (
        <div>
          <Title order={3} size="h5" mb={6}>
            Photos (select one to enlarge)
          </Title>
          <PhotoGallery photos={c.photos} />
        </div>
      )}

      {c.state === 'open' && canAnswer ? (
        <>
          <Alert variant="light" color="blue" p="sm">
            <Text size="sm">
              Answer by <strong data-testid="counteroffer-due">{formatMarketDateTime(c.dueAt)}</strong>. If you don’t answer, nothing is accepted for you: the
              device comes back to you free of charge.
            </Text>
          </Alert>
          <Answer tradeInId={tradeInId} counteroffer={c} refurbisherName={refurbisherName} />
        </>
      ) : (
        <Text size="sm" fw={600} data-testid="counteroffer-answer">
          {c.state === 'accepted'
            ? `You accepted ${formatMoney(c.price)}${c.answeredAt ? ` on ${formatMarketDateTime(c.answeredAt)}` : ''}.`
            : c.state === 'rejected'
              ? `You rejected it${c.answeredAt ? ` on ${formatMarketDateTime(c.answeredAt)}` : ''}: the device is returned to you free of charge.`
              : c.state === 'expired'
                ? 'It expired without an answer: the device is returned to you free of charge.'
                : ''}
        </Text>
      )}
    </Stack>
  );
}

function Answer({ tradeInId, counteroffer: c, refurbisherName }: { tradeInId: string; counteroffer: TCounteroffer; refurbisherName: string }) {
  const [acceptOpen, acceptModal] = useDisclosure(false);
  const [rejectOpen, rejectModal] = useDisclosure(false);
  const accept = useSellerAction(tradeInId, aftercareApi.acceptCounteroffer, acceptModal.close);
  const reject = useSellerAction(tradeInId, aftercareApi.rejectCounteroffer, rejectModal.close);
  return (
    <>
      <Group gap="sm">
        <Button onClick={acceptModal.open}>Accept {formatMoney(c.price)}</Button>
        <Button variant="outline" color="red.9" onClick={rejectModal.open}>
          Reject and get it back
        </Button>
      </Group>
      <Modal opened={acceptOpen} onClose={acceptModal.close} title={`Accept ${formatMoney(c.price)}?`} centered>
        <Stack gap="md">
          <Text size="sm">
            {refurbisherName} buys the device for {formatMoney(c.price)} instead of {formatMoney(c.originalPrice)}. The payment starts at once and reaches your
            bank in 3–6 business days.
          </Text>
          {accept.mutation.isError && <Problem message={accept.mutation.error.message} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={acceptModal.close} data-autofocus>
              Not yet
            </Button>
            <Button onClick={accept.run} loading={accept.mutation.isPending}>
              Yes, accept {formatMoney(c.price)}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={rejectOpen} onClose={rejectModal.close} title="Reject the counteroffer?" centered>
        <Stack gap="md">
          <Text size="sm">
            {refurbisherName} sends the device back to you with a prepaid label, free of charge, within 2 business days of your answer. You are not paid for it;
            you can get a new offer for it once it is back.
          </Text>
          {reject.mutation.isError && <Problem message={reject.mutation.error.message} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={rejectModal.close} data-autofocus>
              Keep thinking
            </Button>
            <Button color="red.9" onClick={reject.run} loading={reject.mutation.isPending}>
              Yes, reject and return it
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Problem({ message }: { message: string }) {
  return (
    <Alert color="red" variant="light" role="alert" p="sm">
      <Text size="sm">{message}</Text>
    </Alert>
  );
}
