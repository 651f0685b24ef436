import http from "node:http";
import https from "node:https";

export interface HttpGetOptions {
  headers?: Record<string, string>;
  /** Deadline for the whole exchange, body included, in milliseconds. */
  timeoutMs: number;
  /** Cancels the request, for example when the tunnel manager stops. */
  signal?: AbortSignal;
  /** Bodies longer than this many bytes are rejected. */
  maxBodyBytes?: number;
}

export interface HttpGetResponse {
  statusCode: number;
  body: string;
}

/**
 * Sends one GET request and reads the body as UTF-8. Each request uses its
 * own connection (no keep-alive agent), so nothing stays open afterwards that
 * would keep the process alive.
 */
export function httpGet(
  url: string,
  options: HttpGetOptions,
): Promise<HttpGetResponse> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, timeout])
    : timeout;
  const client = url.startsWith("https:") ? https : http;

  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => {
      if (timeout.aborted) {
        reject(
          new Error(`GET ${url} timed out after ${options.timeoutMs} ms`, {
            cause: error,
          }),
        );
      } else if (options.signal?.aborted) {
        reject(new Error(`GET ${url} was cancelled`, { cause: error }));
      } else {
        reject(
          new Error(`GET ${url} failed: ${error.message}`, { cause: error }),
        );
      }
    };

    const request = client.get(
      url,
      { agent: false, headers: options.headers, signal },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            request.destroy(
              new Error(`response body exceeds ${maxBodyBytes} bytes`),
            );
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          resolve({
            statusCode: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
        response.on("error", fail);
      },
    );
    request.on("error", fail);
  });
}
