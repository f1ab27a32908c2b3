import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The standalone viewer for exported HTML files: one classic script with three.js inlined, so
 * an exported page needs no module loading, no server and no network.
 */
const root = resolve(__dirname, '..');

export default defineConfig({
  publicDir: false,
  build: {
    outDir: resolve(root, 'out/viewer'),
    emptyOutDir: true,
    minify: true,
    lib: {
      entry: resolve(root, 'renderer/viewer/viewer.ts'),
      formats: ['iife'],
      name: 'EmbeddingExplorerViewer',
      fileName: () => 'viewer.js',
    },
  },
});
