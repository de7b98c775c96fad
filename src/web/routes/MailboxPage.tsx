import { Anchor, Box, Container, Group, Paper, Skeleton, Stack, Tabs, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { IconArrowLeft, IconFlask, IconMail, IconPaperclip } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { api, type MailMessage } from '../api.ts';
import { LoadError, NotFoundMessage } from '../components/LoadError.tsx';
import { RequireSignIn } from '../features/account/RequireSignIn.tsx';
import { formatMarketDateTime } from '../features/quote/format.ts';
import { keys, useHealth } from '../queries.ts';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './MailboxPage.module.css';

/**
 * Demo mode only: the e-mails Tradeloop "sent" (written to the outbox instead of SMTP), for a
 * signed-in user: their own e-mail, or everyone's for an operator. The list refreshes every 5 s;
 * a message opens beside it (below it on a phone).
 */
export function MailboxPage() {
  const health = useHealth();
  const { messageId } = useParams();
  usePageTitle('Demo mailbox');
  if (health.isPending) return null;
  if (health.data?.mode !== 'demo') {
    return (
      <Container>
        <NotFoundMessage what="that page" />
      </Container>
    );
  }
  return (
    <RequireSignIn
      title="Demo mailbox"
      why="Sign in to use the demo tools. The mailbox shows the e-mails Tradeloop sent to you; an operator's shows everyone's."
    >
      {(session) => <Mailbox messageId={messageId} everyone={session.user.role === 'operator'} />}
    </RequireSignIn>
  );
}

function Mailbox({ messageId, everyone }: { messageId: string | undefined; everyone: boolean }) {
  const list = useQuery({ queryKey: keys.mailbox, queryFn: api.mailbox, refetchInterval: 5_000, staleTime: 0 });
  const mails = list.data?.toSorted((a, b) => b.date.localeCompare(a.date));

  return (
    <Container>
      <Stack gap="lg">
        <div>
          <Group gap="xs">
            <IconFlask size={22} aria-hidden />
            <Title order={1}>Demo mailbox</Title>
          </Group>
          <Text c="dimmed" mt={4}>
            {everyone
              ? 'Every e-mail Tradeloop sent in this demo, to anyone, newest first (you are an operator).'
              : 'The e-mails Tradeloop sent to you in this demo, newest first.'}{' '}
            In production they go out by SMTP instead.
          </Text>
        </div>
        <div className={classes.layout} data-open={messageId ? '' : undefined}>
          <Paper withBorder className={classes.list} component="nav" aria-label="Messages">
            {list.isError ? (
              <Box p="md">
                <LoadError error={list.error} onRetry={() => void list.refetch()} what="the mailbox" />
              </Box>
            ) : !mails ? (
              <Stack gap={0} aria-busy="true" aria-label="Loading messages">
                {Array.from({ length: 4 }, (_, i) => (
                  <Skeleton key={i} height={64} radius={0} mb={1} />
                ))}
              </Stack>
            ) : mails.length === 0 ? (
              <Stack align="center" gap={6} p="xl" ta="center">
                <IconMail size={32} stroke={1.5} aria-hidden />
                <Text fw={600}>No e-mails yet</Text>
                <Text size="sm" c="dimmed">
                  Accept an offer and the confirmation with the label lands here.
                </Text>
              </Stack>
            ) : (
              <ul className={classes.items} data-testid="mail-list">
                {mails.map((m) => (
                  <li key={m.id}>
                    <UnstyledButton
                      component={Link}
                      to={`/dev/mailbox/${m.id}`}
                      className={classes.item}
                      aria-current={m.id === messageId ? 'true' : undefined}
                    >
                      <Text size="sm" fw={700} lineClamp={2}>
                        {m.subject}
                      </Text>
                      <Text size="xs" c="dimmed" truncate="end">
                        To {m.to}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {formatMarketDateTime(m.date)}
                      </Text>
                    </UnstyledButton>
                  </li>
                ))}
              </ul>
            )}
          </Paper>
          <div className={classes.reader}>
            {messageId ? (
              <Reader id={messageId} />
            ) : (
              <Paper withBorder p="xl" h="100%" visibleFrom="md">
                <Text c="dimmed" ta="center">
                  Choose a message to read it.
                </Text>
              </Paper>
            )}
          </div>
        </div>
      </Stack>
    </Container>
  );
}

function Reader({ id }: { id: string }) {
  const mail = useQuery({ queryKey: keys.mail(id), queryFn: () => api.mail(id), staleTime: Infinity });
  if (mail.isError) return <LoadError error={mail.error} onRetry={() => void mail.refetch()} what="this message" />;
  if (!mail.data) return <Skeleton height={400} radius="md" aria-label="Loading the message" />;
  return <Message mail={mail.data} />;
}

function Message({ mail }: { mail: MailMessage }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="article" aria-labelledby="mail-subject">
      <Stack gap="md">
        <Anchor component={Link} to="/dev/mailbox" size="sm" hiddenFrom="md">
          <Group gap={4} component="span">
            <IconArrowLeft size={16} aria-hidden /> All messages
          </Group>
        </Anchor>
        <div>
          <Title order={2} size="h3" id="mail-subject">
            {mail.subject}
          </Title>
          <Text size="sm" c="dimmed">
            To {mail.to} · {formatMarketDateTime(mail.date)}
          </Text>
        </div>
        {mail.attachments.length > 0 && (
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Attachments">
            {mail.attachments.map((a, i) => (
              <Group component="li" key={`${a.filename ?? 'inline'}-${i}`} gap={6} wrap="nowrap" align="flex-start">
                <IconPaperclip size={16} aria-hidden style={{ flex: 'none', marginTop: 2 }} />
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Anchor href={a.url} download={a.filename ?? undefined}>
                    {a.filename ?? 'Inline part'}
                  </Anchor>{' '}
                  <Text span size="sm" c="dimmed">
                    ({a.contentType}, {formatSize(a.size)}
                    {a.inline ? ', shown in the message' : ''})
                  </Text>
                </Text>
              </Group>
            ))}
          </Stack>
        )}
        <Tabs defaultValue={mail.html ? 'html' : 'text'}>
          <Tabs.List>
            <Tabs.Tab value="html" disabled={!mail.html}>
              HTML
            </Tabs.Tab>
            <Tabs.Tab value="text">Plain text</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="html" pt="md">
            {/* No scripts, no same-origin access, no forms: an e-mail is somebody else's markup. */}
            <iframe title={`E-mail: ${mail.subject}`} sandbox="" srcDoc={mail.html} className={classes.frame} />
          </Tabs.Panel>
          <Tabs.Panel value="text" pt="md">
            <pre className={classes.text}>{mail.text}</pre>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
