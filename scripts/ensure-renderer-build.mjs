// Runs before `npm run serve`: builds the inbox UI when dist/renderer is
// missing or older than the sources, so a fresh clone serves a working UI.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const builtIndex = join(root, "dist", "renderer", "index.html");

function newestModification(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const time = entry.isDirectory()
      ? newestModification(path)
      : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

const sources = [join(root, "renderer"), join(root, "shared")];
const sourceTime = Math.max(...sources.map(newestModification));
const isFresh =
  existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sourceTime;

if (!isFresh) {
  process.stderr.write("Building the inbox UI (vite build)...\n");
  const result = spawnSync("npx", ["vite", "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}
