import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { devStyleNonce } from './scripts/dev-csp';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // One bundle per process entry; worker entries are loaded by path (see core/workers.ts).
        input: {
          electron: resolve(root, 'main/electron/main.ts'),
          cli: resolve(root, 'main/cli/cli.ts'),
          bench: resolve(root, 'main/bench/bench.ts'),
          'import-worker': resolve(root, 'main/core/import/import-worker.ts'),
          'scan-worker': resolve(root, 'main/core/search/scan-worker.ts'),
          'knn-worker': resolve(root, 'main/core/projection/knn-worker.ts'),
          'layout-part-worker': resolve(root, 'main/core/projection/layout-part-worker.ts'),
          'file-import-worker': resolve(root, 'main/core/import/file-import-worker.ts'),
          'parse-worker': resolve(root, 'main/core/import/parse-worker.ts'),
          'train-worker': resolve(root, 'main/core/train/train-worker.ts'),
          'train-thread': resolve(root, 'main/core/train/train-thread.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        // The bench drives Chromium through playwright-core (a dev dependency): load it, never bundle it.
        external: ['playwright-core'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    worker: { format: 'es' },
    // Dev server only: lets Vite's injected <style> tags through the page's CSP (scripts/dev-csp.ts).
    plugins: [devStyleNonce()],
  },
});
