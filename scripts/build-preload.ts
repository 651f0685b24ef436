// Bundles the preload script. A sandboxed preload can require only
// `electron` (and a few Node built-ins), so the contract and zod must be
// inlined into one file.
import { build } from "esbuild";

build({
  entryPoints: ["preload/index.ts"],
  outfile: "dist/preload/index.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "chrome140",
  external: ["electron"],
  minify: true,
  sourcemap: true,
  logLevel: "warning",
}).catch((error: unknown) => {
  console.error("Preload build failed:", error);
  process.exitCode = 1;
});
