import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { CategoryTiles } from '../features/catalog/CategoryTiles.tsx';
import { HowItWorks } from '../features/catalog/HowItWorks.tsx';
import { ModelSearch } from '../features/catalog/ModelSearch.tsx';
import { usePageTitle } from '../usePageTitle.ts';
import classes from './LandingPage.module.css';

export function LandingPage() {
  usePageTitle(undefined);
  useScrollToHash();
  return (
    <Container>
      <Stack gap={48}>
        <Paper className={classes.hero} p={{ base: 'md', xs: 'lg', sm: 40 }} radius="lg">
          <Stack gap="lg" maw={640}>
            <Group gap={6} className={classes.badge} wrap="nowrap">
              <IconShieldCheck size={16} aria-hidden style={{ flex: 'none' }} />
              <Text span size="sm" fw={600}>
                Refurbishers compete for your device
              </Text>
            </Group>
            <Title order={1} className={classes.title}>
              Get a price for your device in 2 minutes
            </Title>
            <Text size="lg" className={classes.lead}>
              Describe your phone, tablet, laptop, console, watch or headphones and see the highest offer from
              professional refurbishers. Free shipping, paid straight to your bank.
            </Text>
            <Box className={classes.search}>
              <ModelSearch />
            </Box>
          </Stack>
        </Paper>

        <Stack gap="md">
          <Title order={2}>What are you selling?</Title>
          <CategoryTiles />
        </Stack>

        <HowItWorks />
      </Stack>
    </Container>
  );
}

/** The footer links to /#how-it-works; the router does not scroll to fragments on its own. */
function useScrollToHash() {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);
}
