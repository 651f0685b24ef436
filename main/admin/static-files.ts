import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, resolve, sep } from "node:path";

import type { Logger } from "../log/logger";
import { sendJsonError } from "./security-headers";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
};

const MISSING_BUILD_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Locum Lead Inbox: UI not built</title></head>
<body>
<h1>The inbox UI has not been built</h1>
<p>The admin server is running, but it found no index.html in its folder of
UI files. Run <code>npm run build:renderer</code> in the project folder, then
reload this page.</p>
</body>
</html>
`;

/**
 * Serves the built single-page app from `staticDir`. Any path that names no
 * file gets index.html, so that the app's own routes survive a reload. A
 * path that resolves outside `staticDir` or names a dotfile gets a 404
 * response.
 */
export async function serveStaticFile(
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  staticDir: string,
  logger: Logger,
): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD");
    sendJsonError(
      response,
      405,
      `${request.method} is not allowed on ${pathname}.`,
    );
    return;
  }

  const root = resolve(staticDir);
  const target = resolveInside(root, pathname);
  if (target === null) {
    sendJsonError(response, 404, `No file at ${pathname}.`);
    return;
  }

  const file = (await isFile(target)) ? target : resolve(root, "index.html");
  if (!(await isFile(file))) {
    logger.warn({ staticDir: root }, "Inbox UI build missing");
    sendHtml(response, 503, MISSING_BUILD_PAGE, request.method === "HEAD");
    return;
  }
  sendFile(request, response, file, logger);
}

/** Resolves a URL path inside `root`, or returns null when it would leave it. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;

  const segments = decoded.split(/[/\\]+/).filter((segment) => segment !== "");
  if (segments.some((segment) => segment.startsWith("."))) return null;

  const target = resolve(root, ...segments);
  if (target !== root && !target.startsWith(root + sep)) return null;
  return target;
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  logger: Logger,
): void {
  response.writeHead(200, {
    "Content-Type":
      CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    // The build is replaced in place on upgrade; revalidate every time.
    "Cache-Control": "no-cache",
  });
  if (request.method === "HEAD") {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", (error) => {
    logger.error({ err: error, file }, "Failed to read a UI file");
    response.destroy(error);
  });
  stream.pipe(response);
}

function sendHtml(
  response: ServerResponse,
  statusCode: number,
  html: string,
  headOnly: boolean,
): void {
  response.writeHead(statusCode, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
    "Cache-Control": "no-store",
  });
  response.end(headOnly ? undefined : html);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
