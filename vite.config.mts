import { resolve } from "node:path";

import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The same build is served by the headless admin server and loaded from
// file:// by the desktop window, so asset URLs stay relative. The page must run
// under `script-src 'self'`: Vite emits only external module scripts, and the
// module-preload polyfill is off because modern Chromium needs none.
export default defineConfig({
  root: resolve(import.meta.dirname, "renderer"),
  base: "./",
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, "dist/renderer"),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});
