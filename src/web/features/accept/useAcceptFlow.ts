import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { detailsOf } from '../../../shared/api/errors.ts';
import type { TQuote } from '../../../shared/api/quotes.ts';
import { api, ApiError, newIdempotencyKey } from '../../api.ts';
import { keys, queryClient, resetAccountData, SESSION_KEYS, useMe, useQuote, useSession } from '../../queries.ts';
import type { TAcceptOffer } from '../../../shared/api/trade-ins.ts';
import { readDeviceId } from './device-id.ts';
import { currentStep, progressOf, type Step } from './steps.ts';

/** The 409 `offer_changed` carries the new best quote for the same device and answers (its details, typed in shared/api/errors.ts). */
export function newQuoteOf(error: ApiError): TQuote | undefined {
  return error.code === 'offer_changed' ? detailsOf('offer_changed', error.details)?.newQuote : undefined;
}

/**
 * Everything the accept page decides (PRODUCT.md §3): which step the seller is on, the step
 * being edited, "add payout later", and the accept itself with one Idempotency-Key per attempt.
 * The page and its step components only show what this returns.
 */
export function useAcceptFlow(offerId: string) {
  const navigate = useNavigate();
  const quote = useQuote({ offerId });
  const session = useSession();
  const signedIn = !!session.data;
  const me = useMe(signedIn);
  const [editing, setEditing] = useState<Step | null>(null);
  // "Add later" holds for the browser session: a price change or a reload does not ask again.
  const [payoutLater, setPayoutLaterState] = useState(() => sessionStorage.getItem(SESSION_KEYS.payoutLater) === '1');
  const setPayoutLater = (later: boolean) => {
    setPayoutLaterState(later);
    if (later) sessionStorage.setItem(SESSION_KEYS.payoutLater, '1');
    else sessionStorage.removeItem(SESSION_KEYS.payoutLater);
  };

  // One Idempotency-Key per accept attempt; a retry after a lost answer reuses it, so the server
  // can never make two trade-ins out of one press.
  const attemptKey = useRef<string | null>(null);
  // The optional IMEI or serial number (docs/product.md §9), checked here with the server's own rules.
  const [deviceIdText, setDeviceIdTextState] = useState('');
  const [deviceIdChecked, setDeviceIdChecked] = useState(false);
  const deviceId = quote.data ? readDeviceId(deviceIdText, quote.data.device) : { deviceId: null, error: null };
  const setDeviceIdText = (text: string) => {
    setDeviceIdTextState(text);
    // Another body is another request: a retry must not reuse the last attempt's key.
    attemptKey.current = null;
    if (accept.error) accept.reset();
  };
  const accept = useMutation({
    mutationFn: ({ key, body }: { key: string; body: TAcceptOffer }) => api.acceptOffer(offerId, key, body),
    onSuccess: (tradeIn) => {
      queryClient.setQueryData(keys.tradeIn(tradeIn.id), tradeIn);
      void queryClient.invalidateQueries({ queryKey: keys.tradeIns, exact: true });
      void navigate(`/trade-ins/${tradeIn.id}/accepted`, { replace: true });
    },
    onError: (error) => {
      // No answer, or the server failed: the same attempt may be retried with the same key.
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) return;
      attemptKey.current = null;
      if (error.status === 401) void resetAccountData();
      // The server knows better than our copy of the account: read it again, and the step follows.
      if (error.code === 'profile_incomplete' || error.code === 'email_unverified') void queryClient.invalidateQueries({ queryKey: keys.me });
      const newQuote = newQuoteOf(error);
      if (newQuote?.offer) queryClient.setQueryData(keys.offer(newQuote.offer.id), newQuote);
    },
  });
  const submitAccept = () => {
    setDeviceIdChecked(true);
    if (deviceId.error) return;
    attemptKey.current ??= newIdempotencyKey();
    accept.mutate({ key: attemptKey.current, body: deviceId.deviceId ? { deviceId: deviceId.deviceId } : {} });
  };
  const edit = (step: Step | null) => {
    accept.reset();
    setEditing(step);
  };

  const step = currentStep({ signedIn, sessionPending: session.isPending, me: me.data, editing, payoutLater });

  // Each new step is announced: focus moves to its heading, and the page starts at the top.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current === step) return;
    previous.current = step;
    window.scrollTo({ top: 0 });
    headingRef.current?.focus({ preventScroll: true });
  }, [step]);

  const offer = quote.data?.offer ?? null;
  return {
    offerId,
    quote,
    /** The offer, once loaded; null while loading or when the quote has none. */
    offer,
    /** The server says whether the offer is past its ship-by date (the demo clock included). */
    expired: offer?.expired ?? false,
    session,
    me,
    step,
    progress: progressOf(step),
    editing,
    edit,
    setPayoutLater,
    accept,
    submitAccept,
    deviceIdField: {
      value: deviceIdText,
      onChange: setDeviceIdText,
      onBlur: () => setDeviceIdChecked(deviceIdText.trim() !== ''),
      /** Our own check once the seller left the field or pressed accept; else the server's word on it. */
      error: (deviceIdChecked ? deviceId.error : null) ?? (accept.error instanceof ApiError ? (accept.error.fields.deviceId ?? null) : null),
    },
    headingRef,
  };
}

export type AcceptFlow = ReturnType<typeof useAcceptFlow>;
