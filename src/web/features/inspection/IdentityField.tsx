import { SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { TDeviceIdentity } from '../../../shared/api/inspection.ts';
import { parseDeviceIdentity } from '../../../shared/device-identity.ts';

export interface IdentityDraft {
  kind: TDeviceIdentity['kind'];
  value: string;
}

const KIND_LABEL = { imei: 'IMEI', serial: 'serial number' } as const;

/** What the form sends: nothing when nothing was typed, the normalised identity when it is valid. */
export function identityOf(draft: IdentityDraft): { identity: TDeviceIdentity | null; problem?: string } {
  if (draft.value.trim() === '') return { identity: null };
  const parsed = parseDeviceIdentity(draft);
  return parsed.ok ? { identity: parsed.identity } : { identity: null, problem: parsed.message };
}

/**
 * The IMEI or serial number read from the device, checked as it is typed by the server's own
 * rules (an IMEI's Luhn digit), and compared with what the seller gave: a mismatch may mean it
 * is not the declared device.
 */
export function IdentityField({
  draft,
  onChange,
  declared,
  serverError,
}: {
  draft: IdentityDraft;
  onChange: (d: IdentityDraft) => void;
  declared: TDeviceIdentity | null;
  serverError?: string | undefined;
}) {
  const { identity, problem } = identityOf(draft);
  const mismatch = Boolean(identity && declared && (declared.kind !== identity.kind || declared.value !== identity.value));
  const label = draft.kind === 'imei' ? 'IMEI read from the device' : 'Serial number read from the device';
  return (
    <Stack gap={6}>
      <SegmentedControl
        aria-label="Identify the device by"
        value={draft.kind}
        onChange={(kind) => onChange({ ...draft, kind: kind as IdentityDraft['kind'] })}
        data={[
          { value: 'imei', label: 'IMEI' },
          { value: 'serial', label: 'Serial number' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <TextInput
        label={label}
        description={
          declared
            ? `The seller gave ${KIND_LABEL[declared.kind]} ${declared.value}: read it on the device.`
            : draft.kind === 'imei'
              ? 'The seller gave none. Dial *#06# or look in Settings › About.'
              : 'The seller gave none.'
        }
        required={Boolean(declared)}
        value={draft.value}
        onChange={(e) => onChange({ ...draft, value: e.currentTarget.value })}
        autoComplete="off"
        spellCheck={false}
        error={serverError ?? problem}
        rightSectionWidth={110}
        rightSection={
          identity ? (
            <Text size="xs" c="teal.8" fw={600} data-testid="identity-check">
              {identity.kind === 'imei' ? 'Valid IMEI' : 'Serial number'}
            </Text>
          ) : null
        }
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      {mismatch && (
        <Text size="sm" c="orange.9" role="status">
          This is not what the seller gave. If it is another device, refuse it as not the declared one.
        </Text>
      )}
    </Stack>
  );
}
