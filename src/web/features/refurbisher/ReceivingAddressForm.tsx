import { Alert, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { ZReceivingAddress, type TOrganisation, type TReceivingAddress } from '../../../shared/api/refurbishers.ts';
import { queryClient } from '../../queries.ts';
import { DetailsFormFooter } from '../account/DetailsFormFooter.tsx';
import { accountFormOptions, applyServerFields, useFocusFirstInvalid, zodValidator } from '../account/form-behaviour.ts';
import { STATE_OPTIONS } from '../account/states.ts';
import { portalApi } from './portal-api.ts';

/** The request body's shape (line2 always a string in the form), so the form's field paths are the server's. */
type Values = Required<TReceivingAddress>;
const FIELDS = ['name', 'line1', 'line2', 'city', 'state', 'zip'] as const;

function toBody(v: Values): TReceivingAddress {
  const { line2, ...rest } = v;
  return { ...rest, ...(line2.trim() ? { line2 } : {}) };
}

const validate = zodValidator(() => ZReceivingAddress, toBody);

/**
 * Where sellers ship the devices this refurbisher buys. Admins change it (refurbishers.policy.ts
 * `canEditSettings`); the other roles see it. Checked as typed with the server's own schema;
 * whatever the server still refuses shows on the same inputs.
 */
export function ReceivingAddressSettings({ organisation }: { organisation: TOrganisation }) {
  const a = organisation.receivingAddress;
  if (!organisation.can.editSettings) {
    return (
      <Stack gap="xs" maw={560}>
        <Text fw={600}>Receiving address</Text>
        <Text data-testid="receiving-address">
          {a.name}, {a.line1}
          {a.line2 ? `, ${a.line2}` : ''}, {a.city}, {a.state} {a.zip}
        </Text>
        <Text size="sm" c="dimmed">
          Only an admin of your organisation can change it.
        </Text>
      </Stack>
    );
  }
  return <ReceivingAddressForm address={a} />;
}

function ReceivingAddressForm({ address }: { address: TReceivingAddress }) {
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<Values>({
    ...accountFormOptions<Values>(),
    initialValues: { ...address, line2: address.line2 ?? '' },
    validate,
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: portalApi.setReceivingAddress,
    onSuccess: (org) => {
      queryClient.setQueryData(['account', 'organisation'], org);
      const saved = { ...org.receivingAddress, line2: org.receivingAddress.line2 ?? '' };
      form.setInitialValues(saved);
      form.setValues(saved);
      setOther({});
    },
    onError: (error) => setOther(applyServerFields(form, error, FIELDS, focusFirstInvalid)),
  });

  return (
    <form ref={formRef} noValidate aria-label="Receiving address" onSubmit={form.onSubmit((v) => save.mutate(toBody(v)), focusFirstInvalid)}>
      <Stack gap="md" maw={560}>
        <div>
          <Text fw={600}>Receiving address</Text>
          <Text size="sm" c="dimmed">
            Sellers ship the devices you buy to this address.
          </Text>
        </div>
        <TextInput label="Name" description="Who receives: your company or its receiving dock" required {...form.getInputProps('name')} />
        <TextInput label="Address line 1" autoComplete="address-line1" required {...form.getInputProps('line1')} />
        <TextInput label="Address line 2 (optional)" autoComplete="address-line2" {...form.getInputProps('line2')} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" verticalSpacing="md">
          <TextInput label="City" autoComplete="address-level2" required {...form.getInputProps('city')} />
          <NativeSelect label="State" autoComplete="address-level1" required data={STATE_OPTIONS} {...form.getInputProps('state')} />
          <TextInput label="ZIP code" autoComplete="postal-code" inputMode="numeric" required {...form.getInputProps('zip')} />
        </SimpleGrid>
        {save.isSuccess && !form.isDirty() && (
          <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
            Receiving address saved.
          </Alert>
        )}
        <DetailsFormFooter
          save={save}
          other={other}
          problemTitle="We could not save the receiving address"
          submitLabel="Save address"
          note="Every member of your organisation sees this address; only admins change it."
        />
      </Stack>
    </form>
  );
}
