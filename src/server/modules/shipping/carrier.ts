import type { LabelAddress } from '../../platform/pdf/label.ts';
import { generateUpsTrackingNumber, UPS_GROUND_SERVICE_CODE } from './tracking-number.ts';

export interface IssueLabelInput {
  reference: string;
  from: LabelAddress;
  to: LabelAddress;
  weightClass: string;
}

export interface IssuedLabel {
  trackingNumber: string;
  service: string;
}

/**
 * What Tradeloop needs from a carrier. It is only ever called from the label jobs
 * (label.jobs.ts), never inside a database transaction: a real carrier is an HTTP call. A job
 * may run twice (a crash after the call), so a real carrier should treat `reference` (the
 * trade-in id) as its idempotency key, and voiding a voided label must not be an error.
 */
export interface Carrier {
  readonly name: string;
  issueLabel(input: IssueLabelInput): Promise<IssuedLabel>;
  voidLabel(trackingNumber: string): Promise<void>;
}

/** Issues UPS-style `1Z…` numbers with a valid check digit; used in embedded/demo mode. */
export class BuiltInCarrier implements Carrier {
  readonly name = 'ups';
  readonly #shipper: string;
  constructor(shipper = 'TRDLP0') {
    this.#shipper = shipper;
  }
  async issueLabel(): Promise<IssuedLabel> {
    return { trackingNumber: generateUpsTrackingNumber(this.#shipper, UPS_GROUND_SERVICE_CODE), service: 'UPS Ground' };
  }
  async voidLabel(): Promise<void> {
    // Nothing was bought from a carrier, so nothing to refund; the label row is marked void.
  }
}

/** A phone, watch or headphones ships light; a laptop or console needs a bigger class. */
export function weightClassFor(categoryId: string): string {
  switch (categoryId) {
    case 'laptops':
      return 'Up to 10 lb';
    case 'consoles':
      return 'Up to 15 lb';
    case 'tablets':
      return 'Up to 5 lb';
    default:
      return 'Up to 2 lb';
  }
}
