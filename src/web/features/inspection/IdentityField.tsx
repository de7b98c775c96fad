import { Stack, Text, TextInput } from '@mantine/core';
import type { TDeviceIdentity } from '../../../shared/api/inspection.ts';
import { luhnValid, parseDeviceIdentity } from '../../../shared/device-identity.ts';

const KIND_LABEL = { imei: 'IMEI', serial: 'serial number' } as const;

/** The client's own verdict on what was typed, before the server's (which decides). */
export function identityProblem(raw: string): string | undefined {
  const id = parseDeviceIdentity(raw);
  if (id?.kind === 'imei' && !luhnValid(id.value)) return 'This IMEI’s check digit is wrong: read it again from the device (*#06# or Settings › About).';
  return undefined;
}

/**
 * The IMEI or serial number read from the device, checked as it is typed: an IMEI's Luhn digit,
 * and whether it matches what the seller gave (a mismatch may mean it is not the declared device).
 */
export function IdentityField({
  value,
  onChange,
  declared,
  serverError,
}: {
  value: string;
  onChange: (v: string) => void;
  declared: TDeviceIdentity | null;
  serverError?: string | undefined;
}) {
  const id = parseDeviceIdentity(value);
  const problem = identityProblem(value);
  const mismatch = Boolean(id && !problem && declared && (declared.kind !== id.kind || declared.value.toUpperCase() !== id.value));
  return (
    <Stack gap={4}>
      <TextInput
        label="IMEI or serial number read from the device"
        description={
          declared
            ? `The seller gave ${KIND_LABEL[declared.kind]} ${declared.value}. 15 digits are read as an IMEI.`
            : 'The seller gave none. 15 digits are read as an IMEI, anything else as a serial number.'
        }
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autoComplete="off"
        spellCheck={false}
        error={serverError ?? problem}
        rightSectionWidth={120}
        rightSection={
          id && !problem ? (
            <Text size="xs" c="teal.8" fw={600} data-testid="identity-check">
              {id.kind === 'imei' ? 'Valid IMEI' : 'Serial number'}
            </Text>
          ) : null
        }
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {mismatch && (
        <Text size="sm" c="orange.9" role="status">
          This is not what the seller gave. If it is not the declared device, refuse it below.
        </Text>
      )}
    </Stack>
  );
}
