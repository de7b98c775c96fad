import { Alert, Box, Button, Container, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { TMe } from '../api.ts';
import { LoadError } from '../components/LoadError.tsx';
import { ConfirmEmail } from '../features/account/ConfirmEmail.tsx';
import { IdentityForm } from '../features/account/IdentityForm.tsx';
import { describeIdentity } from '../features/account/masked.ts';
import { PayoutForm } from '../features/account/PayoutForm.tsx';
import { ChangeNotices } from '../features/payouts/ChangeNotices.tsx';
import { OnHoldSettingsBanner } from '../features/payouts/PayoutOnHold.tsx';
import { ProfileForm } from '../features/account/ProfileForm.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { stateName } from '../features/account/states.ts';
import { useMe } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './SettingsPage.module.css';

type Part = 'profile' | 'identity' | 'payout';
const PARTS: readonly Part[] = ['profile', 'identity', 'payout'];

export function SettingsPage() {
  usePageTitle('Settings');
  return (
    <RequireSignIn title="Settings" why="Sign in to see and change your details.">
      {() => <Settings />}
    </RequireSignIn>
  );
}

/**
 * The seller's details, each part with its current values (protected ones masked, as the server
 * sends them) and an editor. `?edit=payout` opens that editor straight away (the trade-in banner
 * links there).
 */
function Settings() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('edit');
  const [editing, setEditing] = useState<Part | null>(PARTS.includes(requested as Part) ? (requested as Part) : null);
  const [saved, setSaved] = useState<Part | null>(null);

  const edit = (part: Part | null) => {
    setEditing(part);
    setSaved(null);
    if (params.has('edit')) setParams({}, { replace: true });
  };
  const done = (part: Part) => {
    setEditing(null);
    setSaved(part);
    if (params.has('edit')) setParams({}, { replace: true });
  };

  if (me.isError) {
    return (
      <Container size="sm">
        <LoadError error={me.error} onRetry={() => void me.refetch()} what="your details" />
      </Container>
    );
  }
  const m = me.data;

  return (
    <Container size="sm">
      <Stack gap="lg">
        <div>
          <Title order={1}>Settings</Title>
          {m && (
            <Text c="dimmed" mt={4}>
              Signed in as {m.user.name} ({m.user.email})
            </Text>
          )}
        </div>
        {m && <EmailPart me={m} />}
        {!m ? (
          <Stack gap="md" aria-busy="true" aria-label="Loading your details">
            {PARTS.map((p) => (
              <Skeleton key={p} height={160} radius="md" />
            ))}
          </Stack>
        ) : m.user.role !== 'seller' ? (
          <Text>Seller details belong to seller accounts; this account has none.</Text>
        ) : (
          <>
            <OnHoldSettingsBanner />
            <ChangeNotices />
            <Part
              id="profile"
              title="Profile"
              intro="Your legal name, date of birth, address and phone."
              editing={editing === 'profile'}
              saved={saved === 'profile'}
              onEdit={() => edit('profile')}
              editLabel={m.profile ? 'Edit profile' : 'Add profile'}
              summary={<ProfileSummary me={m} />}
            >
              <ProfileForm profile={m.profile} submitLabel="Save profile" onSaved={() => done('profile')} secondary={<CancelButton onClick={() => edit(null)} />} />
            </Part>
            <Part
              id="identity"
              title="Identity"
              intro="Your driver’s licence or the last 4 digits of your SSN."
              editing={editing === 'identity'}
              saved={saved === 'identity'}
              onEdit={() => edit('identity')}
              editLabel={m.identity ? 'Change identity' : 'Add identity'}
              summary={m.identity ? <Rows rows={[['On file', describeIdentity(m.identity)]]} /> : <Text size="sm">Not added yet.</Text>}
            >
              <IdentityForm identity={m.identity} submitLabel="Save identity" onSaved={() => done('identity')} secondary={<CancelButton onClick={() => edit(null)} />} />
            </Part>
            <Part
              id="payout"
              title="Payout method"
              intro="The US bank account your payments go to."
              editing={editing === 'payout'}
              saved={saved === 'payout'}
              onEdit={() => edit('payout')}
              editLabel={m.payoutMethod ? 'Change bank account' : 'Add bank account'}
              summary={
                m.payoutMethod ? (
                  <Rows
                    rows={[
                      ['Account', `${m.payoutMethod.accountType === 'savings' ? 'Savings' : 'Checking'} ${m.payoutMethod.accountNumber}`],
                      ['Routing number', m.payoutMethod.routingNumber],
                      ['Account holder', m.payoutMethod.holderNames.join(' and ')],
                    ]}
                  />
                ) : (
                  <Alert color="orange" variant="light" p="sm">
                    Not added yet. No payment can be sent until you add a bank account.
                  </Alert>
                )
              }
            >
              <PayoutForm
                payoutMethod={m.payoutMethod}
                defaultHolder={m.profile ? `${m.profile.legalName.first} ${m.profile.legalName.last}` : m.user.name}
                submitLabel="Save bank account"
                onSaved={() => done('payout')}
                secondary={<CancelButton onClick={() => edit(null)} />}
              />
            </Part>
          </>
        )}
      </Stack>
    </Container>
  );
}

/** Whether the address is confirmed; if not, where the link went and "Send it again". */
function EmailPart({ me }: { me: TMe }) {
  const confirmed = me.readiness.emailVerified;
  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby="email-heading" data-testid="email-status">
      <Stack gap="md">
        <Title order={2} size="h3" id="email-heading" className={classes.heading}>
          E-mail address
        </Title>
        <Rows rows={[['E-mail', me.user.email], ['Status', confirmed ? 'Confirmed' : 'Not confirmed yet: needed to accept an offer']]} />
        {!confirmed && <ConfirmEmail email={me.user.email} next="/settings" />}
      </Stack>
    </Paper>
  );
}

function ProfileSummary({ me }: { me: TMe }) {
  const p = me.profile;
  if (!p) return <Text size="sm">Not added yet.</Text>;
  const phone = parsePhoneNumberFromString(p.phone)?.formatNational() ?? p.phone;
  return (
    <Rows
      rows={[
        ['Legal name', `${p.legalName.first} ${p.legalName.last}`],
        ['Date of birth', p.dateOfBirth],
        [
          'Address',
          <>
            {p.address.line1}
            {p.address.line2 && <>, {p.address.line2}</>}
            <br />
            {p.address.city}, {stateName(p.address.state)} {p.address.zip}
          </>,
        ],
        ['Phone', phone],
      ]}
    />
  );
}

function Rows({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Box component="dl" m={0} className={classes.rows}>
      {rows.map(([label, value]) => (
        <div key={label} className={classes.row}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} size="sm" fw={500}>
            {value}
          </Text>
        </div>
      ))}
    </Box>
  );
}

function Part({
  id,
  title,
  intro,
  editing,
  saved,
  onEdit,
  editLabel,
  summary,
  children,
}: {
  id: Part;
  title: string;
  intro: string;
  editing: boolean;
  saved: boolean;
  onEdit: () => void;
  editLabel: string;
  summary: ReactNode;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  // null on the first render: an editor open on arrival (`?edit=`) is treated like one just opened.
  const wasEditing = useRef<boolean | null>(null);
  // Opening the editor moves focus into it; closing it returns focus to its button.
  useEffect(() => {
    const first = wasEditing.current === null;
    if (editing === wasEditing.current) return;
    wasEditing.current = editing;
    if (editing) {
      headingRef.current?.scrollIntoView({ block: 'start', behavior: first ? 'auto' : 'smooth' });
      headingRef.current?.closest('section')?.querySelector<HTMLElement>('form input:not([type="radio"]), form select')?.focus({ preventScroll: true });
    } else if (!first) {
      editButtonRef.current?.focus();
    }
  }, [editing]);

  return (
    <Paper withBorder p={{ base: 'md', sm: 'xl' }} component="section" aria-labelledby={`${id}-heading`} id={id}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <div>
            <Title order={2} size="h3" id={`${id}-heading`} ref={headingRef} className={classes.heading}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          </div>
          {!editing && (
            <Button variant="default" size="sm" onClick={onEdit} ref={editButtonRef}>
              {editLabel}
            </Button>
          )}
        </Group>
        {saved && (
          <Alert color="brand" variant="light" icon={<IconCircleCheck aria-hidden />} p="sm" role="status">
            Saved.
          </Alert>
        )}
        {editing ? children : summary}
      </Stack>
    </Paper>
  );
}

function CancelButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="subtle" onClick={onClick}>
      Cancel
    </Button>
  );
}
