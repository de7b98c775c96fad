import { useMutation } from '@tanstack/react-query';
import { useRef } from 'react';
import type { TSellerAnswerResult } from '../../../shared/api/inspection.ts';
import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { STATUS_LABEL } from '../../../shared/trade-in-machine.ts';
import { ApiError, newIdempotencyKey } from '../../api.ts';
import { keys, queryClient } from '../../queries.ts';

/**
 * A seller's state change on a trade-in (accept or reject a counteroffer, "I removed it"): one
 * Idempotency-Key per attempt, reused when that attempt is retried after a network failure, as
 * cancelling does (features/trade-ins/CancelTradeIn.tsx).
 */
export function useSellerAction(tradeInId: string, call: (id: string, key: string) => Promise<TSellerAnswerResult>, onDone?: () => void) {
  const attemptKey = useRef<string | null>(null);
  const mutation = useMutation({
    mutationFn: (key: string) => call(tradeInId, key),
    onSuccess: (r) => {
      attemptKey.current = null;
      // The answer says where the trade-in stands: shown at once, then the whole page (timeline, dates) is asked again.
      queryClient.setQueryData<TTradeIn>(keys.tradeIn(r.id), (t) => t && { ...t, status: r.status, statusLabel: STATUS_LABEL[r.status], price: r.price, aftercare: r.aftercare });
      void queryClient.invalidateQueries({ queryKey: keys.tradeIn(r.id) });
      void queryClient.invalidateQueries({ queryKey: keys.tradeIns, exact: true });
      onDone?.();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status > 0 && error.status < 500) {
        attemptKey.current = null;
        // E.g. it expired meanwhile: show what is true now.
        void queryClient.invalidateQueries({ queryKey: keys.tradeIn(tradeInId) });
      }
    },
  });
  const run = () => {
    attemptKey.current ??= newIdempotencyKey();
    mutation.mutate(attemptKey.current);
  };
  return { run, mutation };
}
