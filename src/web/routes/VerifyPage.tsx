import { Alert, Badge, Container, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ERASURE_METHOD_LABEL, type TErasureCertificate } from '../../shared/api/inspection.ts';
import { ApiError, request } from '../api.ts';
import { usePageTitle } from '../usePageTitle.ts';

const DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
const formatDay = (d: string) => DATE.format(new Date(`${d}T12:00:00Z`));

/**
 * The public check of a data erasure certificate (the QR code and the link on the PDF lead
 * here): whether the code belongs to a certificate Tradeloop issued, and what it certifies.
 * The IMEI or serial comes masked but for its last 4 characters, to compare with the device.
 */
export function VerifyPage() {
  const code = useParams().code ?? '';
  const q = useQuery({
    queryKey: ['verify', code],
    queryFn: () => request<TErasureCertificate>(`/api/verify/${encodeURIComponent(code)}`),
    retry: (n, err) => !(err instanceof ApiError && err.status === 404) && n < 2,
  });
  const unknown = q.error instanceof ApiError && q.error.status === 404;
  usePageTitle(q.data ? 'Genuine erasure certificate' : unknown ? 'Certificate not found' : 'Check an erasure certificate');

  return (
    <Container size="sm">
      <Paper withBorder p={{ base: 'md', sm: 'xl' }}>
        {q.isPending ? (
          <Loader aria-label="Checking the certificate" />
        ) : q.data ? (
          <Genuine c={q.data} />
        ) : (
          <Stack gap="md" align="flex-start">
            <Title order={1} size="h2">
              {unknown ? 'No certificate has this code' : 'We could not check this code'}
            </Title>
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {unknown
                ? `Tradeloop never issued a data erasure certificate with the code ${code}. Check the code on the document; if it matches, the document is not genuine.`
                : 'Please try again in a moment.'}
            </Alert>
          </Stack>
        )}
      </Paper>
    </Container>
  );
}

function Genuine({ c }: { c: TErasureCertificate }) {
  const rows: [string, string][] = [
    ['Device', `${c.device.modelName} (${c.device.variantLabel})`],
    [c.identity?.kind === 'imei' ? 'IMEI' : 'Serial number', c.identity ? c.identity.value : 'Not recorded'],
    ['Method', ERASURE_METHOD_LABEL[c.method]],
    ['Tool', c.tool],
    ['Erased on', formatDay(c.erasedOn)],
    ['Erased by', c.erasedBy],
    ['Refurbisher', c.refurbisherName],
    ['Issued', formatDay(c.issuedAt.slice(0, 10))],
  ];
  return (
    <Stack gap="md">
      <Stack gap="xs" align="flex-start">
        <IconShieldCheck size={40} color="var(--mantine-color-green-7)" aria-hidden />
        <Badge color="green" size="lg">
          Genuine
        </Badge>
        <Title order={1} size="h2">
          This erasure certificate is genuine
        </Title>
        <Text>
          Certificate <strong>{c.code}</strong> was issued through Tradeloop. It certifies that {c.refurbisherName} erased all user data on the device
          below following {ERASURE_METHOD_LABEL[c.method]}.
        </Text>
      </Stack>
      <Table variant="vertical" withTableBorder>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={160}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        The IMEI or serial number shows only its last 4 characters here: compare them with the device or the document you hold.
      </Text>
    </Stack>
  );
}
