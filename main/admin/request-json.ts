import type { IncomingMessage } from "node:http";

/** Largest admin API body: a mappings CSV of 5,000,000 characters plus JSON escaping. */
export const MAX_ADMIN_BODY_BYTES = 6 * 1024 * 1024;

export type JsonBody =
  | { kind: "json"; value: unknown }
  | { kind: "too-large" }
  | { kind: "invalid"; message: string };

/**
 * Reads a request body as JSON. An empty body is `undefined`, which the API
 * guard treats as `{}`. Reading stops as soon as the body passes `maxBytes`.
 */
export function readJsonBody(
  request: IncomingMessage,
  maxBytes = MAX_ADMIN_BODY_BYTES,
): Promise<JsonBody> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > maxBytes) return Promise.resolve({ kind: "too-large" });

  return new Promise((resolvePromise, rejectPromise) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;

    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        request.off("data", onData);
        request.pause();
        resolvePromise({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.on("error", (error) => {
      if (!done) rejectPromise(error);
    });
    request.on("end", () => {
      if (done) return;
      resolvePromise(parseJson(Buffer.concat(chunks).toString("utf8")));
    });
  });
}

function parseJson(text: string): JsonBody {
  if (text.trim() === "") return { kind: "json", value: undefined };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      kind: "invalid",
      message: `The request body is not valid JSON (${(error as Error).message}). Send the request object as JSON.`,
    };
  }
}
