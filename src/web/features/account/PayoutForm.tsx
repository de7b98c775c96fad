import { Anchor, PasswordInput, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { ZPayoutMethodInput } from '../../../shared/seller-details.ts';
import { api, type PayoutBody, type TMe } from '../../api.ts';
import { RadioOption } from '../../components/RadioOption.tsx';
import { keys, queryClient } from '../../queries.ts';
import { DetailsFormFooter } from './DetailsFormFooter.tsx';
import { accountFormOptions, applyServerFields, useFocusFirstInvalid, zodValidator } from './form-behaviour.ts';

const FIELDS = [
  'routingNumber',
  'accountNumber',
  'accountNumberConfirmation',
  'accountType',
  'holderNames.0',
  'holderNames.1',
  'currentPassword',
] as const;
/** The request body's shape (with room for a second holder), so the form's field paths are the server's. */
interface Values {
  routingNumber: string;
  accountNumber: string;
  accountNumberConfirmation: string;
  accountType: string;
  holderNames: [string, string];
  /** Whether the second holder's input is on screen. */
  secondHolder: boolean;
  currentPassword: string;
}

function toBody(v: Values): PayoutBody {
  return {
    routingNumber: v.routingNumber,
    accountNumber: v.accountNumber,
    accountNumberConfirmation: v.accountNumberConfirmation,
    accountType: v.accountType === 'savings' ? 'savings' : 'checking',
    holderNames: v.secondHolder ? [...v.holderNames] : [v.holderNames[0]],
    currentPassword: v.currentPassword,
  };
}

const validateBody = zodValidator(() => ZPayoutMethodInput, toBody);

function validatePayout(v: Values) {
  const errors = validateBody(v);
  // A message about the list as a whole shows on its first input.
  if (errors.holderNames && !errors['holderNames.0']) errors['holderNames.0'] = errors.holderNames;
  return errors;
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
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<Values>({
    ...accountFormOptions<Values>(),
    initialValues: {
      routingNumber: '',
      accountNumber: '',
      accountNumberConfirmation: '',
      accountType: payoutMethod?.accountType ?? 'checking',
      holderNames: [payoutMethod?.holderNames[0] ?? defaultHolder, payoutMethod?.holderNames[1] ?? ''],
      secondHolder: (payoutMethod?.holderNames.length ?? 0) > 1,
      currentPassword: '',
    },
    validate: validatePayout,
  });
  const secondHolder = form.values.secondHolder;
  const [other, setOther] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: api.savePayoutMethod,
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      onSaved(me);
    },
    onError: (error) => setOther(applyServerFields(form, error, FIELDS, focusFirstInvalid)),
  });

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(toBody(v)), focusFirstInvalid)}>
      <Stack gap="md">
        <TextInput
          label="Routing number"
          description="9 digits, at the bottom left of a check."
          inputMode="numeric"
          autoComplete="off"
          maxLength={9}
          required
          maw={260}
          {...form.getInputProps('routingNumber')}
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
            {...form.getInputProps('accountNumber')}
          />
          <TextInput
            label="Account number again"
            description="Type it once more, so a slip of the finger cannot send your money elsewhere."
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            maxLength={17}
            required
            {...form.getInputProps('accountNumberConfirmation')}
          />
        </SimpleGrid>
        <Radio.Group
          size="md"
          name="accountType"
          label="Account type"
          value={form.values.accountType}
          onChange={(v) => form.setFieldValue('accountType', v)}
          error={form.errors.accountType}
        >
          <SimpleGrid cols={2} spacing="xs" mt={6}>
            <RadioOption value="checking" label="Checking" />
            <RadioOption value="savings" label="Savings" />
          </SimpleGrid>
        </Radio.Group>
        <TextInput label="Account holder name" autoComplete="name" required {...form.getInputProps('holderNames.0')} />
        {secondHolder ? (
          <Stack gap={4}>
            <TextInput label="Second account holder name" autoComplete="off" required {...form.getInputProps('holderNames.1')} />
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                form.setFieldValue('secondHolder', false);
                form.setFieldValue('holderNames.1', '');
                form.clearFieldError('holderNames.1');
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              Remove the second holder
            </Anchor>
          </Stack>
        ) : (
          <Anchor component="button" type="button" size="sm" onClick={() => form.setFieldValue('secondHolder', true)} style={{ alignSelf: 'flex-start' }}>
            + Joint account? Add a second holder
          </Anchor>
        )}
        <PasswordInput
          label="Your Tradeloop password"
          description="Asked again whenever bank details change, to keep your money safe."
          autoComplete="current-password"
          required
          maw={360}
          {...form.getInputProps('currentPassword')}
        />
        <DetailsFormFooter
          save={save}
          other={other}
          problemTitle="We could not save your bank details"
          submitLabel={submitLabel}
          secondary={secondary}
          note="Account and routing numbers are stored encrypted and only ever shown again in part (at most their last 4 digits, fewer for a short account number); refurbishers never see them."
        />
      </Stack>
    </form>
  );
}
