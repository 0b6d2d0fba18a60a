import { defineConfig } from 'vitest/config';

// Preact JSX through esbuild (no React plugin). Tauri serves dist/ from
// tauri://localhost with a strict CSP, so the build must not inline scripts.
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
