import { randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import http from "node:http";
import net from "node:net";

/**
 * A localtunnel server for tests, listening on 127.0.0.1 only. It speaks the
 * client's protocol: `GET /?new` or `GET /<id>` returns
 * `{id, port, max_conn_count, url}`, then the client opens `max_conn_count`
 * TCP sockets to `port` and the server relays public HTTP requests over them.
 *
 * The real server routes by subdomain, but subdomains of localhost do not
 * resolve here, so each tunnel id gets its own public HTTP port and its URL
 * is `http://127.0.0.1:<publicPort>`. The port is kept per id while the
 * server object lives, so a tunnel that reconnects keeps its URL.
 */

export interface LocaltunnelTestServerOptions {
  /** Relay sockets that each client opens. */
  maxConnCount?: number;
  /**
   * How long a tunnel with no relay socket stays registered, in ms. The real
   * server waits 1 s before freeing the id.
   */
  graceMs?: number;
}

export interface HandshakeRecord {
  /** The subdomain asked for, or null for `/?new`. */
  requested: string | null;
  statusCode: number;
  /** The granted id, or null when the handshake failed. */
  id: string | null;
}

interface Events {
  handshake: [HandshakeRecord];
  /** A relay socket of tunnel `id` connected. */
  "socket-connected": [string];
}

interface RegisteredTunnel {
  id: string;
  relayServer: net.Server;
  sockets: Set<net.Socket>;
  idle: net.Socket[];
  waiting: ((socket: net.Socket | null) => void)[];
  graceTimer: NodeJS.Timeout | null;
}

const SUBDOMAIN_PATTERN =
  /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

/** Headers that describe one connection and must not be forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
]);

export class LocaltunnelTestServer extends EventEmitter<Events> {
  /** When true, every handshake fails with HTTP 503. */
  down = false;
  readonly handshakes: HandshakeRecord[] = [];

  private readonly maxConnCount: number;
  private readonly graceMs: number;
  private readonly control: http.Server;
  private controlPort = 0;
  private readonly tunnels = new Map<string, RegisteredTunnel>();
  private readonly publicServers = new Map<string, http.Server>();
  /** Public port per id, remembered across stop() and start(). */
  private readonly publicPorts = new Map<string, number>();
  private readonly reserved = new Set<string>();

  constructor(options: LocaltunnelTestServerOptions = {}) {
    super();
    this.maxConnCount = options.maxConnCount ?? 2;
    this.graceMs = options.graceMs ?? 1000;
    this.control = http.createServer((request, response) => {
      this.handleHandshake(request, response);
    });
  }

  static async create(
    options?: LocaltunnelTestServerOptions,
  ): Promise<LocaltunnelTestServer> {
    const server = new LocaltunnelTestServer(options);
    await server.start();
    return server;
  }

  /** The tunnel host that clients are given. */
  get url(): string {
    return `http://127.0.0.1:${this.controlPort}`;
  }

  /** Listens again after stop(), on the same control port. */
  async start(): Promise<void> {
    this.control.listen(this.controlPort, "127.0.0.1");
    await once(this.control, "listening");
    this.controlPort = (this.control.address() as net.AddressInfo).port;
  }

  /** Closes every port and socket, as a server that went away. */
  async stop(): Promise<void> {
    for (const id of [...this.tunnels.keys()]) this.dropTunnel(id);
    const servers = [this.control, ...this.publicServers.values()];
    this.publicServers.clear();
    await Promise.all(
      servers.map((server) => {
        const closed = once(server, "close");
        server.close();
        server.closeAllConnections();
        return closed;
      }),
    );
  }

  /** Makes `id` unavailable, so a request for it gets a random id. */
  reserve(id: string): void {
    this.reserved.add(id);
  }

  release(id: string): void {
    this.reserved.delete(id);
  }

  hasTunnel(id: string): boolean {
    return this.tunnels.has(id);
  }

  /** Destroys the tunnel's sockets and closes its relay port, which frees the id. */
  dropTunnel(id: string): void {
    const tunnel = this.tunnels.get(id);
    if (!tunnel) throw new Error(`no tunnel "${id}" to drop`);
    this.tunnels.delete(id);
    if (tunnel.graceTimer) clearTimeout(tunnel.graceTimer);
    tunnel.relayServer.close();
    for (const socket of tunnel.sockets) socket.destroy();
    for (const waiter of tunnel.waiting.splice(0)) waiter(null);
  }

  private handleHandshake(
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): void {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const isNew = url.pathname === "/" && url.searchParams.has("new");
    const requested = isNew ? null : url.pathname.slice(1);

    const reply = (statusCode: number, body: object, id: string | null) => {
      response.writeHead(statusCode, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
      const record = { requested, statusCode, id };
      this.handshakes.push(record);
      this.emit("handshake", record);
    };

    if (request.method !== "GET" || (!isNew && requested?.includes("/"))) {
      reply(404, { message: "not found" }, null);
      return;
    }
    if (requested !== null && !SUBDOMAIN_PATTERN.test(requested)) {
      reply(403, { message: "Invalid subdomain." }, null);
      return;
    }
    if (this.down) {
      reply(503, { message: "test server is down" }, null);
      return;
    }

    const idInUse =
      requested === null ||
      this.reserved.has(requested) ||
      this.tunnels.has(requested);
    const id = idInUse ? `t${randomBytes(6).toString("hex")}` : requested;
    this.registerTunnel(id).then(
      ({ relayPort, publicPort }) => {
        reply(
          200,
          {
            id,
            port: relayPort,
            max_conn_count: this.maxConnCount,
            url: `http://127.0.0.1:${publicPort}`,
          },
          id,
        );
      },
      (error: unknown) => {
        reply(500, { message: String(error) }, null);
      },
    );
  }

  private async registerTunnel(
    id: string,
  ): Promise<{ relayPort: number; publicPort: number }> {
    const tunnel: RegisteredTunnel = {
      id,
      relayServer: net.createServer((socket) => this.addSocket(tunnel, socket)),
      sockets: new Set(),
      idle: [],
      waiting: [],
      graceTimer: null,
    };
    tunnel.relayServer.listen(0, "127.0.0.1");
    await once(tunnel.relayServer, "listening");
    this.tunnels.set(id, tunnel);
    this.startGrace(tunnel);

    const publicPort = await this.ensurePublicServer(id);
    const relayPort = (tunnel.relayServer.address() as net.AddressInfo).port;
    return { relayPort, publicPort };
  }

  private startGrace(tunnel: RegisteredTunnel): void {
    tunnel.graceTimer = setTimeout(() => {
      if (this.tunnels.get(tunnel.id) === tunnel) this.dropTunnel(tunnel.id);
    }, this.graceMs);
  }

  private addSocket(tunnel: RegisteredTunnel, socket: net.Socket): void {
    if (this.tunnels.get(tunnel.id) !== tunnel) {
      socket.destroy();
      return;
    }
    if (tunnel.graceTimer) clearTimeout(tunnel.graceTimer);
    tunnel.graceTimer = null;
    tunnel.sockets.add(socket);
    socket.on("error", () => socket.destroy());
    socket.once("close", () => {
      tunnel.sockets.delete(socket);
      tunnel.idle = tunnel.idle.filter((idle) => idle !== socket);
      const active = this.tunnels.get(tunnel.id) === tunnel;
      if (active && tunnel.sockets.size === 0) this.startGrace(tunnel);
    });

    const waiter = tunnel.waiting.shift();
    if (waiter) waiter(socket);
    else tunnel.idle.push(socket);
    this.emit("socket-connected", tunnel.id);
  }

  private async ensurePublicServer(id: string): Promise<number> {
    const existing = this.publicServers.get(id);
    if (existing) return (existing.address() as net.AddressInfo).port;

    const server = http.createServer((request, response) => {
      this.relay(id, request, response);
    });
    this.publicServers.set(id, server);
    server.listen(this.publicPorts.get(id) ?? 0, "127.0.0.1");
    await once(server, "listening");
    const port = (server.address() as net.AddressInfo).port;
    this.publicPorts.set(id, port);
    return port;
  }

  /** Sends one public request over one relay socket and pipes the response back. */
  private relay(
    id: string,
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): void {
    const tunnel = this.tunnels.get(id);
    if (!tunnel) {
      response.writeHead(404).end(`tunnel ${id} not found`);
      return;
    }

    const forward = (socket: net.Socket | null): void => {
      if (!socket) {
        response.writeHead(502).end(`tunnel ${id} went away`);
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          ([name]) => !HOP_BY_HOP.has(name),
        ),
      );
      const upstream = http.request(
        {
          method: request.method,
          path: request.url,
          headers: { ...headers, connection: "close" },
          createConnection: () => socket,
        },
        (upstreamResponse) => {
          response.writeHead(
            upstreamResponse.statusCode ?? 502,
            upstreamResponse.headers,
          );
          upstreamResponse.pipe(response);
        },
      );
      upstream.on("error", (error) => {
        if (!response.headersSent) response.writeHead(502);
        response.end(`relay through tunnel ${id} failed: ${error.message}`);
      });
      request.pipe(upstream);
    };

    const idle = tunnel.idle.shift();
    if (idle) forward(idle);
    else tunnel.waiting.push(forward);
  }
}
