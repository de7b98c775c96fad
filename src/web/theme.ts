import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A deep green: money and "good as new". Shade 8 (the primary) keeps white text above 4.5:1 contrast.
const brand: MantineColorsTuple = [
  '#e7f8f1',
  '#d3efe3',
  '#a6dec6',
  '#76cca7',
  '#4fbd8d',
  '#36b47c',
  '#27ad72',
  '#17975f',
  '#0a8553',
  '#007344',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 8,
  colors: { brand },
  defaultRadius: 'md',
  // Keyboard users always see where they are; mouse users are not distracted.
  focusRing: 'auto',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: {
    fontWeight: '700',
    textWrap: 'balance',
    sizes: {
      h1: { fontSize: '2rem', lineHeight: '1.2' },
      h2: { fontSize: '1.5rem', lineHeight: '1.25' },
      h3: { fontSize: '1.125rem', lineHeight: '1.35' },
    },
  },
  components: {
    Button: { defaultProps: { size: 'md' } },
    TextInput: { defaultProps: { size: 'md' } },
    PasswordInput: { defaultProps: { size: 'md' } },
    NativeSelect: { defaultProps: { size: 'md' } },
    Container: { defaultProps: { size: 'md' } },
  },
});

// Mantine's "dimmed" grey is 3.3:1 on white, too faint for the small print people rely on here
// (deadlines, price differences). This one is above 4.5:1 on white and on the page's grey.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Likewise the error red (red-6, 3.3:1): error messages use red-9 (5.4:1).
  light: { '--mantine-color-dimmed': '#5f6770', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
