import { NativeSelect, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { ZIdentityInput } from '../../../shared/seller-details.ts';
import { api, type IdentityBody, type TMe } from '../../api.ts';
import { RadioOption } from '../../components/RadioOption.tsx';
import { keys, queryClient } from '../../queries.ts';
import { DetailsFormFooter } from './DetailsFormFooter.tsx';
import { STATE_OPTIONS } from './states.ts';
import { accountFormOptions, applyServerFields, useFocusFirstInvalid, zodValidator } from './form-behaviour.ts';

const FIELDS = ['kind', 'number', 'state', 'last4'] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const validateIdentity = zodValidator(() => ZIdentityInput, toBody);

function toBody(v: Values): IdentityBody {
  return v.kind === 'ssn_last4' ? { kind: 'ssn_last4', last4: v.last4 } : { kind: 'drivers_license', number: v.number, state: v.state };
}

/** A driver's licence number with its issuing state, or the last 4 digits of the SSN. */
export function IdentityForm({
  identity,
  submitLabel,
  onSaved,
  secondary,
}: {
  identity: TMe['identity'];
  submitLabel: string;
  onSaved: (me: TMe) => void;
  secondary?: ReactNode;
}) {
  // The numbers are protected and never come back; only the kind (and a licence's state) do.
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<Values>({
    ...accountFormOptions<Values>(),
    initialValues: {
      kind: identity?.kind ?? 'drivers_license',
      number: '',
      state: identity?.kind === 'drivers_license' ? identity.state : '',
      last4: '',
    },
    validate: validateIdentity,
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: api.saveIdentity,
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      onSaved(me);
    },
    onError: (error) => setOther(applyServerFields(form, error, FIELDS, focusFirstInvalid)),
  });
  const licence = form.values.kind !== 'ssn_last4';

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(toBody(v)), focusFirstInvalid)}>
      <Stack gap="md">
        <Radio.Group
          size="md"
          name="kind"
          label="Which one will you give?"
          value={form.values.kind}
          onChange={(v) => form.setFieldValue('kind', v)}
          error={form.errors.kind}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt={6}>
            <RadioOption value="drivers_license" label="Driver’s license" description="The full number and the state that issued it" />
            <RadioOption value="ssn_last4" label="Social Security number" description="Only the last 4 digits" />
          </SimpleGrid>
        </Radio.Group>
        {licence ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
            <TextInput
              label="Driver’s license number"
              description="As printed on the card; spaces and dashes are fine."
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              required
              {...form.getInputProps('number')}
            />
            <NativeSelect label="Issuing state" required data={STATE_OPTIONS} {...form.getInputProps('state')} />
          </SimpleGrid>
        ) : (
          <TextInput
            label="Last 4 digits of your SSN"
            description="Never the full number."
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            required
            maw={200}
            {...form.getInputProps('last4')}
          />
        )}
        <DetailsFormFooter
          save={save}
          other={other}
          problemTitle="We could not save your identity details"
          submitLabel={submitLabel}
          secondary={secondary}
          note="We use it to confirm who is selling the device. It is stored encrypted and only ever shown again in part (the last 4 characters of a license number, the last 2 of your SSN’s four); refurbishers never see it."
        />
      </Stack>
    </form>
  );
}
