import { Button, Skeleton } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import { useSession } from '../../queries.ts';

// The signed-in menu (a Mantine Menu, with its popover machinery) loads only for signed-in
// people: visitors on their way to an offer do not download it.
const SignedInMenu = lazy(async () => ({ default: (await import('./SignedInMenu.tsx')).SignedInMenu }));

/** The header's right side: "My trade-ins" and the account menu when signed in, "Sign in" when not. */
export function AccountMenu() {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) return null;
  const user = session.data?.user;
  if (!user) {
    if (location.pathname === '/sign-in') return null;
    const next = encodeURIComponent(location.pathname + location.search);
    return (
      <Button component={Link} to={`/sign-in?next=${next}`} variant="default" size="sm">
        Sign in
      </Button>
    );
  }
  return (
    <Suspense fallback={<Skeleton height={32} width={140} radius="xl" />}>
      <SignedInMenu user={user} />
    </Suspense>
  );
}
