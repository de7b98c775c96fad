import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { ERASURE_METHOD_LABEL, type TErasureCertificate } from '../../../shared/api/inspection.ts';
import { formatMarketShortDate } from '../quote/format.ts';

/** The data-erasure certificate: what was erased, how, by whom, and the code anyone can check. Both sides see it. */
export function ErasureCertificateCard({ certificate: c, pdfUrl }: { certificate: TErasureCertificate; pdfUrl: string | null }) {
  return (
    <Stack gap="xs" data-testid="erasure-certificate">
      <Text size="sm">
        {c.device.modelName} ({c.device.variantLabel})
        {c.identity ? `, ${c.identity.kind === 'imei' ? 'IMEI' : 'serial'} ${c.identity.value}` : ''}: erased with {ERASURE_METHOD_LABEL[c.method]} using {c.tool} on{' '}
        {formatMarketShortDate(`${c.erasedOn}T12:00:00Z`)} by {c.erasedBy}, {c.refurbisherName}.
      </Text>
      <Text size="sm">
        Verification code:{' '}
        <Text span ff="monospace" fw={700} data-testid="verification-code">
          {c.code}
        </Text>{' '}
        ·{' '}
        {/* A full page load: the verification page is public and may be served apart from the app. */}
        <Anchor href={`/verify/${encodeURIComponent(c.code)}`} size="sm">
          check it
        </Anchor>
      </Text>
      {pdfUrl && (
        <Group>
          <Button component="a" href={pdfUrl} download variant="light" leftSection={<IconDownload size={18} aria-hidden />}>
            Download the certificate (PDF)
          </Button>
        </Group>
      )}
    </Stack>
  );
}
