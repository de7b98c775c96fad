import { useEffect } from 'react';

/** Each screen names itself in the tab and the history list; screen readers announce it on navigation. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Tradeloop` : 'Tradeloop — sell your used electronics';
  }, [title]);
}
