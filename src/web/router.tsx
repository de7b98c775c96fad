import { Center, Loader } from '@mantine/core';
import { createBrowserRouter } from 'react-router';
import { PAGE_PATHS } from '../shared/page-paths.ts';
import { Layout } from './components/Layout.tsx';
import { AssessPage } from './routes/AssessPage.tsx';
import { CategoryPage } from './routes/CategoryPage.tsx';
import { CrashPage } from './routes/CrashPage.tsx';
import { LandingPage } from './routes/LandingPage.tsx';
import { ModelPage } from './routes/ModelPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { OfferPage } from './routes/OfferPage.tsx';

// Landing → category → model → condition → offer: five screens (docs/product.md §1), in the main bundle.
// Everything after the offer (accounts, forms with their validators, trade-ins, demo tools) loads
// when first needed, so the way to an offer stays light.
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <CrashPage />,
    // A page whose code loads lazily (opened directly, or reloaded) shows this until it arrives.
    hydrateFallbackElement: (
      <Center mih="60vh" aria-busy="true" aria-label="Loading">
        <Loader />
      </Center>
    ),
    children: [
      { path: PAGE_PATHS.landing, element: <LandingPage /> },
      { path: PAGE_PATHS.category, element: <CategoryPage /> },
      { path: PAGE_PATHS.model, element: <ModelPage /> },
      { path: PAGE_PATHS.assess, element: <AssessPage /> },
      { path: PAGE_PATHS.offer, element: <OfferPage /> },
      { path: PAGE_PATHS.assessment, element: <OfferPage /> },
      { path: PAGE_PATHS.accept, lazy: async () => ({ Component: (await import('./routes/AcceptPage.tsx')).AcceptPage }) },
      { path: PAGE_PATHS.signIn, lazy: async () => ({ Component: (await import('./routes/SignInPage.tsx')).SignInPage }) },
      { path: PAGE_PATHS.tradeIns, lazy: async () => ({ Component: (await import('./routes/TradeInsPage.tsx')).TradeInsPage }) },
      { path: PAGE_PATHS.tradeIn, lazy: async () => ({ Component: (await import('./routes/TradeInPage.tsx')).TradeInPage }) },
      { path: PAGE_PATHS.accepted, lazy: async () => ({ Component: (await import('./routes/AcceptedPage.tsx')).AcceptedPage }) },
      { path: PAGE_PATHS.portal, lazy: async () => ({ Component: (await import('./routes/PortalPage.tsx')).PortalPage }) },
      { path: PAGE_PATHS.incomingTradeIn, lazy: async () => ({ Component: (await import('./routes/IncomingTradeInPage.tsx')).IncomingTradeInPage }) },
      { path: PAGE_PATHS.operator, lazy: async () => ({ Component: (await import('./routes/OperatorPage.tsx')).OperatorPage }) },
      { path: PAGE_PATHS.invitation, lazy: async () => ({ Component: (await import('./routes/InvitationPage.tsx')).InvitationPage }) },
      { path: PAGE_PATHS.emailVerified, lazy: async () => ({ Component: (await import('./routes/EmailVerifiedPage.tsx')).EmailVerifiedPage }) },
      { path: PAGE_PATHS.settings, lazy: async () => ({ Component: (await import('./routes/SettingsPage.tsx')).SettingsPage }) },
      { path: PAGE_PATHS.verify, lazy: async () => ({ Component: (await import('./routes/VerifyPage.tsx')).VerifyPage }) },
      { path: PAGE_PATHS.mailbox, lazy: async () => ({ Component: (await import('./routes/MailboxPage.tsx')).MailboxPage }) },
      { path: PAGE_PATHS.mailboxMessage, lazy: async () => ({ Component: (await import('./routes/MailboxPage.tsx')).MailboxPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
