/**
 * Vite build of the web app: a relative base so one build works under any path, and the
 * service worker emitted as a fixed `sw.js` beside index.html so its scope covers the app.
 */
import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The React plugin's types resolve against the newer Vite that Vitest brings along; the
  // plugin supports both at run time.
  plugins: [react() as unknown as PluginOption],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The bundle carries the EN crypto and protobuf code; one chunk keeps offline start simple.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        sw: fileURLToPath(new URL('./src/sw/service-worker.ts', import.meta.url)),
      },
      output: {
        // The worker must keep a stable name: the page registers `./sw.js` by that name.
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: { host: '127.0.0.1' },
});
