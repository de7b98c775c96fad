import { z } from 'zod';

// Imported first by main.tsx, before any schema exists. Zod compiles object parsers with
// `new Function` unless told not to, and its probe for that ("may I eval?") is a violation of
// the site's Content-Security-Policy (script-src 'self', no 'unsafe-eval') that the browser
// reports even though Zod catches the error. Without it, Zod parses the same, a little slower.
z.config({ jitless: true });
