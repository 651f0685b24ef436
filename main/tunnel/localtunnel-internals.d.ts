/**
 * Types for the parts of @n8n/localtunnel 3.0.0 that the package's own
 * declarations leave out. `open-tunnel.ts` subclasses `Tunnel` and replaces
 * its `_init`, because the stock handshake retries every second forever and
 * cannot be cancelled.
 */
declare module "@n8n/localtunnel/lib/Tunnel" {
  import { EventEmitter } from "node:events";

  namespace Tunnel {
    /** Options that the client keeps in `opts`, where `port` is the local port. */
    interface Options {
      port: number;
      host: string;
      subdomain?: string;
      local_host?: string;
    }

    /** Connection facts that `_getInfo` derives from the handshake body. */
    interface Info {
      name: string;
      url: string;
      max_conn: number;
    }

    type InitCallback = (error: Error | null, info?: Info) => void;
  }

  class Tunnel extends EventEmitter {
    constructor(options: Tunnel.Options);
    opts: Tunnel.Options;
    closed: boolean;
    /** The id that the server granted, set when `open` succeeds. */
    clientId?: string;
    url?: string;
    _getInfo(body: unknown): Tunnel.Info;
    _init(callback: Tunnel.InitCallback): void;
    open(callback: (error?: Error) => void): void;
    close(): void;
  }

  export = Tunnel;
}
