import type { TDeviceIdentity } from '../../../shared/api/inspection.ts';
import { hasImei, parseDeviceIdentity } from '../../../shared/device-identity.ts';

/**
 * What the seller typed in "IMEI or serial number (optional)", read as the server will: digits
 * only on a device that has an IMEI is an IMEI (15 digits, check digit), anything else a serial
 * number. Empty is fine: the field is optional.
 */
export function readDeviceId(text: string, device: { categoryId: string; variantLabel: string }): { deviceId: TDeviceIdentity | null; error: string | null } {
  const compact = text.replace(/[\s-]+/g, '');
  if (compact === '') return { deviceId: null, error: null };
  const kind = hasImei(device) && /^[0-9]+$/.test(compact) ? 'imei' : 'serial';
  const parsed = parseDeviceIdentity({ kind, value: text });
  return parsed.ok ? { deviceId: parsed.identity, error: null } : { deviceId: null, error: parsed.message };
}
