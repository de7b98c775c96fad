import type { TMe } from '../../../shared/api/accounts.ts';
import { ConfirmEmail } from '../account/ConfirmEmail.tsx';
import { StepCard, StepHeading } from './StepCard.tsx';
import type { AcceptFlow } from './useAcceptFlow.ts';

/** The last thing before the review: the address must be confirmed (the server refuses the accept otherwise). */
export function ConfirmEmailStep({ flow, me }: { flow: AcceptFlow; me: TMe }) {
  return (
    <StepCard>
      <StepHeading headingRef={flow.headingRef} step={flow.step}>
        Check your e-mail
      </StepHeading>
      <ConfirmEmail email={me.user.email} next={`/offers/${flow.offerId}/accept`} />
    </StepCard>
  );
}
