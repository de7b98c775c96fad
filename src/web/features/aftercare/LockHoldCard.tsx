import { Alert, Anchor, Button, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TLockHold } from '../../../shared/api/inspection.ts';
import { formatMarketDateTime } from '../quote/format.ts';
import { aftercareApi } from './aftercare-api.ts';
import { useSellerAction } from './useSellerAction.ts';

const link = (href: string, text: string) => (
  <Anchor href={href} target="_blank" rel="noopener noreferrer">
    {text}
  </Anchor>
);

/** How to remove each kind of account remotely: the device is with the refurbisher, so nothing is done on it. */
const STEPS: { id: string; title: string; steps: ReactNode[] }[] = [
  {
    id: 'icloud',
    title: 'Apple (iCloud, Find My)',
    steps: [
      <>Open {link('https://www.icloud.com/find', 'icloud.com/find')} on a computer, or the Find My app on another Apple device, and sign in with your Apple ID.</>,
      <>Choose All Devices, then the device you sent.</>,
      <>Choose Remove This Device (Remove from Account) and confirm. If it is offered, choose Erase This Device first.</>,
      <>The device no longer appears in your list: the activation lock is gone.</>,
    ],
  },
  {
    id: 'google',
    title: 'Google (Android)',
    steps: [
      <>Open {link('https://myaccount.google.com/device-activity', 'myaccount.google.com › Security › Your devices')} and sign in with the Google account that was on the device.</>,
      <>Choose the device you sent, then Sign out.</>,
      <>In {link('https://www.google.com/android/find', 'Find My Device')}, choose the device and Erase device if it is still listed.</>,
      <>Once signed out, the device’s Factory Reset Protection no longer asks for your account.</>,
    ],
  },
  {
    id: 'samsung',
    title: 'Samsung (Galaxy)',
    steps: [
      <>Open {link('https://smartthingsfind.samsung.com', 'SmartThings Find')} and sign in with your Samsung account.</>,
      <>Choose the device you sent and choose Erase data if it is offered.</>,
      <>Then open {link('https://account.samsung.com', 'account.samsung.com')}, go to your devices, choose the device and Remove it from your account.</>,
      <>If the device also had a Google account, follow the Google steps too.</>,
    ],
  },
];

/**
 * The device arrived still linked to the seller's account: what to do, step by step, by when, and
 * the "I removed it" button that asks the refurbisher to check again.
 */
export function LockHoldCard({ tradeInId, hold, active }: { tradeInId: string; hold: TLockHold; active: boolean }) {
  const removed = useSellerAction(tradeInId, aftercareApi.lockRemoved);
  return (
    <Stack gap="md" data-testid="lock-hold">
      <Text>
        The refurbisher cannot use the device while it is linked to your account. Remove the account remotely by{' '}
        <strong data-testid="lock-hold-due">{formatMarketDateTime(hold.dueAt)}</strong>. If it is still linked then, the device is sent back to you, free of
        charge.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        {STEPS.map((s) => (
          <div key={s.id}>
            <Title order={3} size="h5" mb={6}>
              {s.title}
            </Title>
            <List type="ordered" size="sm" spacing={4}>
              {s.steps.map((step, i) => (
                <List.Item key={i}>{step}</List.Item>
              ))}
            </List>
          </div>
        ))}
      </SimpleGrid>
      {hold.sellerClearedAt ? (
        <Alert color="teal" variant="light" role="status" data-testid="lock-removed-note">
          <Text size="sm">
            You told us you removed it ({formatMarketDateTime(hold.sellerClearedAt)}). The refurbisher checks the device again and you hear from us by e-mail.
          </Text>
        </Alert>
      ) : (
        active && (
          <Stack gap={6} align="flex-start">
            <Button onClick={removed.run} loading={removed.mutation.isPending}>
              I removed it
            </Button>
            <Text size="xs" c="dimmed">
              The refurbisher is told to check the device again.
            </Text>
            {removed.mutation.isError && (
              <Text size="sm" c="red.8" role="alert">
                {removed.mutation.error.message}
              </Text>
            )}
          </Stack>
        )
      )}
    </Stack>
  );
}
