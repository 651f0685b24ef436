import type { IncomingMessage } from "node:http";

export type BodyReadResult =
  | { kind: "complete"; body: Buffer }
  | { kind: "too-large"; receivedBytes: number }
  | { kind: "timed-out"; receivedBytes: number }
  /** The client closed the connection or the socket failed mid-body. */
  | { kind: "aborted"; receivedBytes: number; error: Error | null };

/**
 * Reads the raw request body. Reading stops (and the stream is paused) as
 * soon as more than `maxBytes` arrived or `timeoutMs` passed, so that the
 * caller can respond 413 or 408 and close the connection without buffering
 * the rest.
 */
export function readRequestBody(
  request: IncomingMessage,
  options: { maxBytes: number; timeoutMs: number },
): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;

    const finish = (result: BodyReadResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      request.off("close", onClose);
      if (result.kind !== "complete") request.pause();
      resolve(result);
    };

    const onData = (chunk: Buffer): void => {
      receivedBytes += chunk.length;
      if (receivedBytes > options.maxBytes) {
        finish({ kind: "too-large", receivedBytes });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      finish({ kind: "complete", body: Buffer.concat(chunks, receivedBytes) });
    };
    const onError = (error: Error): void => {
      finish({ kind: "aborted", receivedBytes, error });
    };
    const onClose = (): void => {
      finish({ kind: "aborted", receivedBytes, error: null });
    };

    const timer = setTimeout(() => {
      finish({ kind: "timed-out", receivedBytes });
    }, options.timeoutMs);

    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
    request.on("close", onClose);
  });
}
