/**
 * Words the seller reads in the app and in e-mails about shipping. One source, so the page and
 * the message never disagree (docs/product.md §4).
 */
export const PREP_CHECKLIST: { title: string; detail: string }[] = [
  { title: 'Back up and wipe your data', detail: 'Back up what you want to keep, then erase the device (factory reset).' },
  {
    title: 'Sign out of iCloud, Google and Samsung accounts',
    detail: 'Remove the device from your account even if it no longer works — a device still linked to an account cannot be accepted.',
  },
  { title: 'Include the mandatory accessories', detail: 'Anything listed as mandatory for your model goes in the box.' },
  { title: 'Pack it well', detail: 'Cushion the device in a strong box so nothing moves when you shake it.' },
];

/** The UPS rule for QR drop-off, in full (the page, e-mails) and short (the 4×6 label). */
export const QR_DROP_OFF_RULE =
  'Drop it off at The UPS Store® and show the QR code. Only The UPS Store® retail locations accept QR codes — not UPS Access Points, UPS Customer Centers or UPS drop boxes.';
export const QR_DROP_OFF_NOTICE =
  'QR drop-off only at The UPS Store® locations — not at UPS Access Points, UPS Customer Centers or UPS drop boxes.';
