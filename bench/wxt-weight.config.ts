// The extension's own build (wxt.config.ts) with source maps, into a directory of its own, so
// that bench/content-script-weight.ts can give every byte of a content script to its source
// without touching the shared .output.
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  outDir: process.env.WEIGHT_OUT_DIR ?? '.output/weight',
  vite: async (env) => {
    const own = typeof base.vite === 'function' ? await base.vite(env) : {};
    return { ...own, build: { ...own.build, sourcemap: true } };
  },
});
