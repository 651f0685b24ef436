import Tunnel from "@n8n/localtunnel/lib/Tunnel";
import { z } from "zod";

import type { Logger } from "../log/logger";
import { httpGet } from "./http-get";
import { maskSubdomain } from "./subdomain";

/** The localtunnel server's reply to `GET /?new` and `GET /<subdomain>`. */
const handshakeSchema = z.object({
  id: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  max_conn_count: z.number().int().min(1).max(100).optional(),
  url: z.string().min(1),
  ip: z.string().optional(),
  cached_url: z.string().optional(),
});
export type TunnelHandshake = z.infer<typeof handshakeSchema>;

export interface OpenTunnelOptions {
  /** localtunnel server, for example https://localtunnel.me. */
  host: string;
  /** Requested subdomain. The server may grant another id. */
  subdomain?: string;
  /** Local port that requests are relayed to, on 127.0.0.1. */
  localPort: number;
  /** Deadline for the handshake and the first relay socket together. */
  timeoutMs: number;
  signal: AbortSignal;
  logger: Logger;
}

/** A tunnel whose first relay socket has connected. */
export interface OpenedTunnel {
  /** The id that the server granted. */
  readonly clientId: string;
  readonly url: string;
  /**
   * Registers the listener for the first failure after opening: a relay
   * socket error, or the tunnel closing by any means other than `close()`.
   */
  onFailure(listener: (error: Error) => void): void;
  close(): void;
}

const LOCAL_HOST = "127.0.0.1";

/**
 * Asks the server for a tunnel. Unlike the client's built-in handshake, this
 * fails on the first error (HTTP status, network, timeout) so that the tunnel
 * manager decides when to retry.
 */
export async function requestTunnel(
  host: string,
  subdomain: string | undefined,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<TunnelHandshake> {
  const url = `${host.replace(/\/+$/, "")}/${subdomain ?? "?new"}`;
  const response = await httpGet(url, options);

  if (response.statusCode !== 200) {
    const message = parseServerMessage(response.body);
    throw new Error(
      `tunnel server ${host} returned HTTP ${response.statusCode}` +
        (message ? `: ${message}` : "") +
        "; check the tunnel host setting or try again later",
    );
  }

  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new Error(
      `tunnel server ${host} returned a body that is not JSON; ` +
        "check that the tunnel host is a localtunnel server",
    );
  }
  const parsed = handshakeSchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `tunnel server ${host} returned an invalid handshake ` +
        `(${parsed.error.issues.map((issue) => issue.path.join(".")).join(", ")}); ` +
        "check that the tunnel host is a localtunnel server",
    );
  }
  return parsed.data;
}

function parseServerMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "message" in parsed &&
      typeof parsed.message === "string"
    ) {
      return parsed.message.slice(0, 200);
    }
  } catch {
    // Not JSON: the status code alone describes the failure.
  }
  return null;
}

/**
 * A localtunnel client that starts from a handshake done beforehand. The
 * stock `_init` would repeat `GET /?new` every second until it succeeds, even
 * after `close()`, which leaves a timer running and later registers an unused
 * tunnel on the server.
 *
 * NOTE: `_init` and `_getInfo` are private methods of @n8n/localtunnel 3.0.0.
 * The tunnel tests fail if a later version renames them.
 */
class PreparedTunnel extends Tunnel {
  constructor(
    options: Tunnel.Options,
    private readonly handshake: TunnelHandshake,
  ) {
    super(options);
  }

  override _init(callback: Tunnel.InitCallback): void {
    callback(null, this._getInfo(this.handshake));
  }
}

/**
 * Opens a tunnel to `127.0.0.1:localPort` and resolves once the first relay
 * socket is connected. On failure, timeout or abort it closes whatever it
 * opened and rejects.
 */
export async function openTunnel(
  options: OpenTunnelOptions,
): Promise<OpenedTunnel> {
  const deadline = Date.now() + options.timeoutMs;

  let handshake: TunnelHandshake;
  try {
    handshake = await requestTunnel(options.host, options.subdomain, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw abortError();
    throw error;
  }

  const remainingMs = Math.max(1, deadline - Date.now());
  const signal = AbortSignal.any([
    options.signal,
    AbortSignal.timeout(remainingMs),
  ]);

  const tunnel = new PreparedTunnel(
    {
      port: options.localPort,
      host: options.host,
      subdomain: options.subdomain,
      local_host: LOCAL_HOST,
    },
    handshake,
  );
  const log = options.logger.child({
    clientId: maskSubdomain(handshake.id),
  });
  return connectRelay(
    tunnel,
    handshake,
    signal,
    () => {
      if (options.signal.aborted) return abortError();
      return new Error(
        `tunnel ${handshake.id} did not connect to ${options.host} within ` +
          `${options.timeoutMs} ms; check that TCP port ${handshake.port} ` +
          "of the tunnel server is reachable through the firewall",
      );
    },
    log,
  );
}

function connectRelay(
  tunnel: PreparedTunnel,
  handshake: TunnelHandshake,
  signal: AbortSignal,
  abortReason: () => Error,
  log: Logger,
): Promise<OpenedTunnel> {
  return new Promise((resolve, reject) => {
    let opened = false;
    let closedByOwner = false;
    let failureListener: ((error: Error) => void) | null = null;
    let pendingFailure: Error | null = null;

    const fail = (error: Error): void => {
      if (closedByOwner) {
        log.debug({ err: error }, "relay socket error after tunnel close");
        return;
      }
      if (!opened) {
        closeTunnel();
        reject(
          new Error(`tunnel ${handshake.id} failed to open: ${error.message}`),
        );
        return;
      }
      const listener = failureListener;
      failureListener = null;
      if (listener) listener(error);
      else pendingFailure ??= error;
    };

    const closeTunnel = (): void => {
      if (closedByOwner) return;
      closedByOwner = true;
      signal.removeEventListener("abort", onAbort);
      tunnel.close();
    };

    const onAbort = (): void => {
      if (opened) return;
      closeTunnel();
      reject(abortReason());
    };

    // The client emits `error` once per failing relay socket. Without a
    // listener, EventEmitter would throw and crash the process.
    tunnel.on("error", fail);
    tunnel.on("close", () => {
      if (!closedByOwner) fail(new Error(`tunnel ${handshake.id} closed`));
    });
    tunnel.once("url", () => {
      if (closedByOwner) return;
      opened = true;
      signal.removeEventListener("abort", onAbort);
      resolve({
        clientId: tunnel.clientId ?? handshake.id,
        url: tunnel.url ?? handshake.url,
        onFailure(listener) {
          if (pendingFailure) {
            const error = pendingFailure;
            pendingFailure = null;
            listener(error);
          } else {
            failureListener = listener;
          }
        },
        close: closeTunnel,
      });
    });

    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort);

    tunnel.open((error) => {
      if (error) fail(error);
    });
  });
}

function abortError(): Error {
  const error = new Error("opening the tunnel was cancelled");
  error.name = "AbortError";
  return error;
}
