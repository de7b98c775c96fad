import { Alert, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconHandStop } from '@tabler/icons-react';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ADULT_AGE, ageOn, checkDateOfBirthFormat, zProfileInputAt } from '../../../shared/seller-details.ts';
import { api, type ProfileBody, type TMe } from '../../api.ts';
import { keys, queryClient } from '../../queries.ts';
import { DetailsFormFooter } from './DetailsFormFooter.tsx';
import { STATE_OPTIONS } from './states.ts';
import { accountFormOptions, applyServerFields, useFocusFirstInvalid, zodValidator } from './form-behaviour.ts';

const FIELDS = [
  'legalName.first',
  'legalName.last',
  'dateOfBirth',
  'address.line1',
  'address.line2',
  'address.city',
  'address.state',
  'address.zip',
  'phone',
] as const;
/** The request body's shape, so the form's field paths are the server's. */
interface Values {
  legalName: { first: string; last: string };
  dateOfBirth: string;
  address: { line1: string; line2: string; city: string; state: string; zip: string };
  phone: string;
}

function toBody(v: Values): ProfileBody {
  const { line2, ...address } = v.address;
  return { ...v, address: { ...address, ...(line2.trim() ? { line2 } : {}) } };
}

/** The saved profile, without the date of birth: it is protected and never comes back in full. */
function initialValues(profile: TMe['profile']): Values {
  const phone = profile?.phone ? (parsePhoneNumberFromString(profile.phone)?.formatNational() ?? profile.phone) : '';
  return {
    legalName: { first: profile?.legalName.first ?? '', last: profile?.legalName.last ?? '' },
    dateOfBirth: '',
    address: {
      line1: profile?.address.line1 ?? '',
      line2: profile?.address.line2 ?? '',
      city: profile?.address.city ?? '',
      state: profile?.address.state ?? '',
      zip: profile?.address.zip ?? '',
    },
    phone,
  };
}

const validateProfile = zodValidator(() => zProfileInputAt(new Date()), toBody);

/** True when the date of birth is a real, past date of someone under 18 today (New York). */
function isUnderage(dob: string): boolean {
  if (!checkDateOfBirthFormat(dob).ok) return false;
  const age = ageOn(dob, new Date());
  return age >= 0 && age < ADULT_AGE;
}

/**
 * Legal name, date of birth (18+), US address and phone (docs/product.md §3). Checked as typed with the
 * server's own validators; whatever the server still refuses shows on the same inputs.
 */
export function ProfileForm({
  profile,
  submitLabel,
  onSaved,
  secondary,
}: {
  profile: TMe['profile'];
  submitLabel: string;
  onSaved: (me: TMe) => void;
  secondary?: ReactNode;
}) {
  const { formRef, focusFirstInvalid } = useFocusFirstInvalid();
  const form = useForm<Values>({
    ...accountFormOptions<Values>(),
    initialValues: initialValues(profile),
    validate: (v) => {
      const errors = validateProfile(v);
      // A date input reads '' until all of month, day and year are typed: say what is missing,
      // not the YYYY-MM-DD form the seller never sees.
      if (!v.dateOfBirth) errors.dateOfBirth = 'Enter your date of birth: month, day and year';
      return errors;
    },
  });
  const [other, setOther] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: api.saveProfile,
    onSuccess: (me) => {
      queryClient.setQueryData(keys.me, me);
      onSaved(me);
    },
    onError: (error) => setOther(applyServerFields(form, error, FIELDS, focusFirstInvalid)),
  });
  const underage = isUnderage(form.values.dateOfBirth);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <form ref={formRef} noValidate onSubmit={form.onSubmit((v) => save.mutate(toBody(v)), focusFirstInvalid)}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" verticalSpacing="md">
          <TextInput label="Legal first name" autoComplete="given-name" required {...form.getInputProps('legalName.first')} />
          <TextInput label="Legal last name" autoComplete="family-name" required {...form.getInputProps('legalName.last')} />
        </SimpleGrid>
        <TextInput
          type="date"
          label="Date of birth"
          description={
            profile
              ? 'For your protection we never show it again; enter it once more to save changes.'
              : `You must be ${ADULT_AGE} or older to sell.`
          }
          autoComplete="bday"
          max={today}
          min="1900-01-01"
          required
          maw={260}
          {...form.getInputProps('dateOfBirth')}
        />
        {underage && (
          <Alert color="red" variant="light" icon={<IconHandStop aria-hidden />} title={`You must be ${ADULT_AGE} or older to sell`} role="alert">
            Tradeloop can only buy devices from adults. If the date is a typo, correct it; otherwise please ask a parent or
            guardian to sell the device from their own account.
          </Alert>
        )}
        <TextInput label="Address line 1" description="Street and number" autoComplete="address-line1" required {...form.getInputProps('address.line1')} />
        <TextInput
          label="Address line 2 (optional)"
          description="Apartment, suite, unit"
          autoComplete="address-line2"
          {...form.getInputProps('address.line2')}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md" verticalSpacing="md">
          <TextInput label="City" autoComplete="address-level2" required {...form.getInputProps('address.city')} />
          <NativeSelect
            label="State"
            autoComplete="address-level1"
            required
            data={STATE_OPTIONS}
            {...form.getInputProps('address.state')}
          />
          <TextInput label="ZIP code" autoComplete="postal-code" inputMode="numeric" required {...form.getInputProps('address.zip')} />
        </SimpleGrid>
        <TextInput
          type="tel"
          label="Phone"
          description="A US number. We only call or text about this trade-in."
          autoComplete="tel-national"
          required
          maw={320}
          {...form.getInputProps('phone')}
        />
        <DetailsFormFooter
          save={save}
          other={other}
          problemTitle="We could not save your details"
          submitLabel={submitLabel}
          submitDisabled={underage}
          secondary={secondary}
          note="Your date of birth is stored encrypted and is never shown to refurbishers."
        />
      </Stack>
    </form>
  );
}
