import { Anchor, PasswordInput, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ZPayoutMethodInput } from '../../../shared/seller-details.ts';
import { api, type PayoutBody, type TMe } from '../../api.ts';
import { RadioOption } from '../../components/RadioOption.tsx';
import { keys, queryClient } from '../../queries.ts';
import { DetailsFormFooter } from './DetailsFormFooter.tsx';
import { useFieldForm, zodFieldErrors } from './useFieldForm.ts';

const FIELDS = [
  'routingNumber',
  'accountNumber',
  'accountNumberConfirmation',
  'accountType',
  'holderNames.0',
  'holderNames.1',
  'currentPassword',
] as const;
type Values = Record<(typeof FIELDS)[number], string>;

function toBody(v: Values, secondHolder: boolean): PayoutBody {
  return {
    routingNumber: v.routingNumber,
    accountNumber: v.accountNumber,
    accountNumberConfirmation: v.accountNumberConfirmation,
    accountType: v.accountType === 'savings' ? 'savings' : 'checking',
    holderNames: secondHolder ? [v['holderNames.0'], v['holderNames.1']] : [v['holderNames.0']],
    currentPassword: v.currentPassword,
  };
}

/**
 * The bank account payouts go to (ACH credit). The one change that redirects money, so the current
 * password is asked again. Account and routing numbers are protected: the form never shows the
 * saved ones, only the holder names and account type come back.
 */
export function PayoutForm({
  payoutMethod,
  defaultHolder,
  submitLabel,
  onSaved,
  secondary,
}: {
  payoutMethod: TMe['payoutMethod'];
  /** The seller's legal name, a good first guess for the holder. */
  defaultHolder: string;
  submitLabel: string;
  onSaved: (me: TMe) => void;
  secondary?: ReactNode;
}) {
  const [secondHolder, setSecondHolder] = useState((payoutMethod?.holderNames.length ?? 0) > 1);
  const form = useFieldForm<Values>(
    {
      routingNumber: '',
      accountNumber: '',
      accountNumberConfirmation: '',
      accountType: payoutMethod?.accountType ?? 'checking',
      'holderNames.0': payoutMethod?.holderNames[0] ?? defaultHolder,
      'holderNames.1': payoutMethod?.holderNames[1] ?? '',
      currentPassword: '',
    },
    (v) => zodFieldErrors(ZPayoutMethodInput, toBody(v, secondHolder)),
  );
  const [other, setOther] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: api.savePayoutMethod,
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      onSaved(me);
    },
    onError: (error) => setOther(form.applyServerError(error, FIELDS)),
  });

  return (
    <form ref={form.formRef} noValidate onSubmit={form.onSubmit(() => save.mutate(toBody(form.values, secondHolder)))}>
      <Stack gap="md">
        <TextInput
          label="Routing number"
          description="9 digits, at the bottom left of a check."
          inputMode="numeric"
          autoComplete="off"
          maxLength={9}
          required
          maw={260}
          {...form.field('routingNumber')}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput
            label="Account number"
            description="4 to 17 digits. Keep any leading zeros."
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={17}
            required
            {...form.field('accountNumber')}
          />
          <TextInput
            label="Account number again"
            description="Type it once more, so a slip of the finger cannot send your money elsewhere."
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={17}
            required
            {...form.field('accountNumberConfirmation')}
          />
        </SimpleGrid>
        <Radio.Group
          size="md"
          name="accountType"
          label="Account type"
          value={form.values.accountType}
          onChange={(v) => form.setValue('accountType', v)}
          error={form.errorOf('accountType')}
        >
          <SimpleGrid cols={2} spacing="xs" mt={6}>
            <RadioOption value="checking" label="Checking" />
            <RadioOption value="savings" label="Savings" />
          </SimpleGrid>
        </Radio.Group>
        <TextInput label="Account holder name" autoComplete="name" required {...form.field('holderNames.0')} />
        {secondHolder ? (
          <Stack gap={4}>
            <TextInput label="Second account holder name" autoComplete="off" required {...form.field('holderNames.1')} />
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setSecondHolder(false);
                form.setValue('holderNames.1', '');
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              Remove the second holder
            </Anchor>
          </Stack>
        ) : (
          <Anchor component="button" type="button" size="sm" onClick={() => setSecondHolder(true)} style={{ alignSelf: 'flex-start' }}>
            + Joint account? Add a second holder
          </Anchor>
        )}
        <PasswordInput
          label="Your Tradeloop password"
          description="Asked again whenever bank details change, to keep your money safe."
          autoComplete="current-password"
          required
          maw={360}
          {...form.field('currentPassword')}
        />
        <DetailsFormFooter
          save={save}
          other={other}
          problemTitle="We could not save your bank details"
          submitLabel={submitLabel}
          secondary={secondary}
          note="Account and routing numbers are stored encrypted; only their last 4 digits are ever shown again, and refurbishers never see them."
        />
      </Stack>
    </form>
  );
}
