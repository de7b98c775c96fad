import { createBrowserRouter } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { AcceptPage } from './routes/AcceptPage.tsx';
import { AssessPage } from './routes/AssessPage.tsx';
import { CategoryPage } from './routes/CategoryPage.tsx';
import { CrashPage } from './routes/CrashPage.tsx';
import { LandingPage } from './routes/LandingPage.tsx';
import { ModelPage } from './routes/ModelPage.tsx';
import { NotFoundPage } from './routes/NotFoundPage.tsx';
import { OfferPage } from './routes/OfferPage.tsx';

// Landing → category → model → condition → offer: five screens (PRODUCT.md §1).
export const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <CrashPage />,
    children: [
      { path: '/', element: <LandingPage /> },
      { path: '/sell/:categoryId', element: <CategoryPage /> },
      { path: '/models/:modelId', element: <ModelPage /> },
      { path: '/models/:modelId/:variantId/assess', element: <AssessPage /> },
      { path: '/offers/:offerId', element: <OfferPage /> },
      { path: '/assessments/:assessmentId', element: <OfferPage /> },
      { path: '/offers/:offerId/accept', element: <AcceptPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
