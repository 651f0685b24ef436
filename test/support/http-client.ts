import { request as httpRequest, type IncomingMessage } from "node:http";

export interface RawResponse {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * Sends one request to 127.0.0.1 with the path and headers exactly as
 * given: unlike fetch, node:http lets a test set Host and Origin and send
 * "..".
 */
export function sendRaw(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: options.method ?? "GET",
        path: options.path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

/**
 * An open server-sent event stream whose text is collected as it arrives.
 * `waitFor` resolves once the collected text matches, without polling.
 */
export class EventStreamReader {
  text = "";
  status = 0;
  headers: IncomingMessage["headers"] = {};
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];
  private response: IncomingMessage | null = null;

  static open(port: number, path: string): Promise<EventStreamReader> {
    const reader = new EventStreamReader();
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path,
          headers: { host: `127.0.0.1:${port}` },
        },
        (response) => {
          reader.response = response;
          reader.status = response.statusCode ?? 0;
          reader.headers = response.headers;
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => reader.append(chunk));
          resolve(reader);
        },
      );
      request.on("error", reject);
      request.end();
    });
  }

  waitFor(pattern: RegExp): Promise<void> {
    if (pattern.test(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  waitForEnd(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.response || this.response.complete) resolve();
      else this.response.on("end", resolve);
    });
  }

  close(): void {
    this.response?.destroy();
  }

  private append(chunk: string): void {
    this.text += chunk;
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.pattern.test(this.text)) return true;
      waiter.resolve();
      return false;
    });
  }
}
