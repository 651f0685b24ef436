import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Returns true when `url` is the bundled inbox page, whatever its hash or
 * query. IPC from any other page (a navigation that slipped through, an
 * injected frame) is rejected. Windows paths compare case-insensitively.
 */
export function isRendererPageUrl(
  url: string,
  rendererIndexPath: string,
  platform: NodeJS.Platform = process.platform,
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "file:" || parsed.host !== "") return false;

  let pagePath: string;
  try {
    pagePath = fileURLToPath(parsed);
  } catch {
    return false;
  }

  const expected = path.resolve(rendererIndexPath);
  const actual = path.resolve(pagePath);
  return platform === "win32"
    ? actual.toLowerCase() === expected.toLowerCase()
    : actual === expected;
}
