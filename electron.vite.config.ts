import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

/**
 * Three builds with explicit entries: the main process (and the trainer's utility-process entry),
 * the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules), and the Svelte renderer,
 * which `cli serve` also serves to browsers.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          'trainer-process': resolve('electron/main/trainer-process.ts'),
          // The agent's bootstrap worker thread (electron/agent/bootstrapper.ts finds it beside its chunk).
          'bootstrap-worker': resolve('electron/agent/bootstrap-worker.ts'),
        },
        // Native and optional modules stay outside the bundle and are resolved at run time.
        external: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [svelte()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
