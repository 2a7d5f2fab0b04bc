// Builds the web app from src/web into dist/web. Routes are split with lazy
// imports so the first page loads only the shell and Today.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // No inline <script>: the CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    // The dev server forwards the API to a running `kith serve`.
    proxy: { '/api': 'http://127.0.0.1:4580', '/feed': 'http://127.0.0.1:4580' },
  },
});
