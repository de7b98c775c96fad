import type { TTradeIn } from '../../../shared/api/trade-ins.ts';
import { SectionCard } from '../../components/SectionCard.tsx';
import { ErasureCertificateCard } from '../inspection/ErasureCertificateCard.tsx';
import { ReturnShipmentView } from '../inspection/ReturnShipmentView.tsx';
import { aftercareApi } from './aftercare-api.ts';
import { CounterofferCard } from './CounterofferCard.tsx';
import { LockHoldCard } from './LockHoldCard.tsx';

/** What followed the delivery, on the seller's trade-in page: each card only when it applies. */
export function AftercareSections({ tradeIn: t }: { tradeIn: TTradeIn }) {
  const a = t.aftercare;
  return (
    <>
      {a.counteroffer && (
        <SectionCard title={a.counteroffer.state === 'open' ? 'A counteroffer for your device' : 'Counteroffer'} id="counteroffer">
          <CounterofferCard tradeInId={t.id} counteroffer={a.counteroffer} refurbisherName={t.refurbisher.name} canAnswer={t.status === 'counteroffered'} />
        </SectionCard>
      )}
      {a.lockHold && (t.status === 'account_locked' || a.lockHold.sellerClearedAt) && (
        <SectionCard title="Remove your account from the device" id="lock-hold">
          <LockHoldCard tradeInId={t.id} hold={a.lockHold} active={t.status === 'account_locked'} />
        </SectionCard>
      )}
      {a.returnShipment && (
        <SectionCard title="Your device is coming back" id="return">
          <ReturnShipmentView shipment={a.returnShipment} who="seller" />
        </SectionCard>
      )}
      {a.erasure && (
        <SectionCard title="Data erasure certificate" id="certificate">
          <ErasureCertificateCard certificate={a.erasure} pdfUrl={aftercareApi.certificatePdfUrl(t.id)} />
        </SectionCard>
      )}
    </>
  );
}
