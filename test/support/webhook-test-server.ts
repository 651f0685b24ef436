import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { connect, type Socket } from "node:net";
import pino from "pino";

import type {
  AuthConfig,
  AuthFailure,
  SignatureConfig,
  WebhookServerOptions,
} from "../../main/http/webhook-config";
import {
  createWebhookServer,
  type WebhookServer,
} from "../../main/http/webhook-server";
import { RecordingIngestor } from "./recording-ingestor";

export const TEST_TOKEN = "test-token-0123456789";

/** A webhook server on 127.0.0.1 with a recording ingestor and captured logs. */
export interface TestServer {
  port: number;
  webhook: WebhookServer;
  ingestor: RecordingIngestor;
  /** Settings the server reads on every request, so tests may change them. */
  settings: {
    auth: AuthConfig;
    signature: SignatureConfig;
    receiving: boolean;
  };
  authFailures: AuthFailure[];
  /** The server's clock in ms, which tests move forward instead of waiting. */
  clock: { now: number };
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export type TestServerOptions = Partial<
  Omit<
    WebhookServerOptions,
    "ingestor" | "getAuth" | "getSignature" | "isReceiving" | "logger"
  >
> & {
  auth?: AuthConfig;
  signature?: SignatureConfig;
};

export async function startTestServer(
  options: TestServerOptions = {},
): Promise<TestServer> {
  const { auth, signature, ...serverOptions } = options;
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "debug" },
    {
      write(line: string) {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const ingestor = new RecordingIngestor();
  const settings: TestServer["settings"] = {
    auth: auth ?? { type: "bearer", token: TEST_TOKEN },
    signature: signature ?? { enabled: false },
    receiving: true,
  };
  const authFailures: AuthFailure[] = [];
  const clock = { now: Date.UTC(2025, 0, 2, 3, 4, 5) };

  const webhook = createWebhookServer({
    ingestor,
    getAuth: () => settings.auth,
    getSignature: () => settings.signature,
    isReceiving: () => settings.receiving,
    logger,
    onAuthFailure: (failure) => authFailures.push(failure),
    now: () => clock.now,
    ...serverOptions,
  });
  const { port } = await webhook.listen(0, "127.0.0.1");
  return {
    port,
    webhook,
    ingestor,
    settings,
    authFailures,
    clock,
    logs,
    close: () => webhook.close(),
  };
}

export interface TestRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Source address on the loopback network, for per-address checks. */
  localAddress?: string;
}

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: JsonAnswer | undefined;
}

/** The fields of the listener's JSON responses, success and error alike. */
export interface JsonAnswer {
  status?: string;
  deliveryId?: number;
  candidateId?: number | null;
  warnings?: string[];
  reason?: string;
  error?: string;
  details?: string[];
}

export const bearer = { authorization: `Bearer ${TEST_TOKEN}` };

/** Sends one request on a fresh connection and reads the whole response. */
export function send(
  port: number,
  request: TestRequest = {},
): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method: request.method ?? "POST",
        path: request.path ?? "/webhook",
        headers: request.headers ?? {},
        localAddress: request.localAddress,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: parseOrUndefined(text),
          });
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** Posts a JSON value with the test token. */
export function postJson(
  port: number,
  value: unknown,
  headers: Record<string, string> = {},
): Promise<TestResponse> {
  return send(port, {
    headers: { ...bearer, "content-type": "application/json", ...headers },
    body: JSON.stringify(value),
  });
}

/** A response read from a raw socket. */
export interface RawResponse {
  status: number;
  /** Header names lowercased. */
  headers: Record<string, string>;
  text: string;
  json: JsonAnswer | undefined;
}

/**
 * Opens a raw TCP connection, lets `write` send whatever it likes, and
 * collects bytes until the server closes the connection. Socket errors
 * after the server responded (EPIPE, ECONNRESET) are expected when the
 * server stops reading a body, so they end the exchange instead of failing.
 */
export function rawExchange(
  port: number,
  write: (socket: Socket) => void | Promise<void>,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {
      // The close event that follows reports what arrived.
    });
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(parseRawResponse(raw));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.on("connect", () => {
      Promise.resolve(write(socket)).catch(() => {
        // A write failing after the server closed is part of these tests.
      });
    });
  });
}

/** Writes `total` bytes of body in chunked encoding, honoring backpressure. */
export async function writeChunked(
  socket: Socket,
  total: number,
  chunkSize = 64 * 1024,
): Promise<void> {
  const chunk = Buffer.alloc(chunkSize, 0x20);
  for (let sent = 0; sent < total; sent += chunkSize) {
    if (socket.destroyed || socket.writableEnded) return;
    const ok = socket.write(`${chunkSize.toString(16)}\r\n`);
    const okBody = socket.write(chunk);
    const okEnd = socket.write("\r\n");
    if (!(ok && okBody && okEnd)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          socket.off("drain", done);
          socket.off("close", done);
          resolve();
        };
        socket.on("drain", done);
        socket.on("close", done);
      });
    }
  }
  if (!socket.destroyed) socket.write("0\r\n\r\n");
}

function parseRawResponse(raw: string): RawResponse {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd === -1) {
    throw new Error(
      `no complete HTTP response before close: ${JSON.stringify(raw)}`,
    );
  }
  const [statusLine = "", ...headerLines] = raw.slice(0, headEnd).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line
      .slice(colon + 1)
      .trim();
  }
  const text = raw.slice(headEnd + 4);
  return {
    status: Number(statusLine.split(" ")[1]),
    headers,
    text,
    json: parseOrUndefined(text),
  };
}

function parseOrUndefined(text: string): JsonAnswer | undefined {
  try {
    return JSON.parse(text) as JsonAnswer;
  } catch {
    return undefined;
  }
}
