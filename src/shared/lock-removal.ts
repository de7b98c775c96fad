/**
 * How a seller removes a device from their account remotely (docs/product.md §5, lock hold), per
 * provider: the trade-in page and the lock-hold e-mail show the same steps.
 */
export const LOCK_REMOVAL_STEPS = [
  {
    provider: 'Apple (iCloud)',
    steps: ['Sign in at icloud.com/find', 'Choose All Devices and select the device', 'Remove This Device (erase it first if it is still listed as online)'],
  },
  {
    provider: 'Google',
    steps: ['Sign in at myaccount.google.com/device-activity', 'Select the device', 'Sign out; then remove it at google.com/android/find if it is listed'],
  },
  {
    provider: 'Samsung',
    steps: ['Sign in at smartthingsfind.samsung.com', 'Select the device', 'Remove the device from your Samsung account'],
  },
] as const;
