import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web; the server serves the build from dist/web (see src/server/app.ts).
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    rollupOptions: {
      onLog(level, log, handler) {
        // Mantine and TanStack ship "use client" directives for React Server Components; in a
        // client-only bundle they mean nothing, and Vite warns about every one of them.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // `npm run dev` runs the API on :3000; the Vite dev server forwards to it.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
