import {
  IconDeviceGamepad2,
  IconDeviceLaptop,
  IconDeviceMobile,
  IconDeviceTablet,
  IconDeviceWatch,
  IconDevices,
  IconHeadphones,
  type TablerIcon,
} from '@tabler/icons-react';

// Named one by one so the bundle carries six icons, not the whole set of thousands.
const ICONS: Record<string, TablerIcon> = {
  IconDeviceMobile,
  IconDeviceTablet,
  IconDeviceLaptop,
  IconDeviceGamepad2,
  IconDeviceWatch,
  IconHeadphones,
};

export function CategoryIcon({ name, size = 28 }: { name: string; size?: number }) {
  const Component = ICONS[name] ?? IconDevices;
  return <Component size={size} stroke={1.6} aria-hidden />;
}
