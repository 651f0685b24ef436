import type { IncomingMessage, ServerResponse } from "node:http";

import type { AppStatus, LeadReceived } from "../../shared/contract";
import type { LeadCommitted } from "../ingest/delivery";
import type { Logger } from "../log/logger";

/** A message from the app that the admin server forwards to every open event stream. */
export type AdminPush =
  { type: "lead"; lead: LeadCommitted } | { type: "status"; status: AppStatus };

/** Proxies and browsers drop an idle stream; a comment this often keeps it open. */
export const DEFAULT_HEARTBEAT_MS = 25_000;

/**
 * The open server-sent event streams of `GET /api/events`. Events are
 * `lead-received` (a LeadReceived) and `status` (an AppStatus), each with
 * one line of JSON as data.
 */
export class EventStreams {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly heartbeatMs = DEFAULT_HEARTBEAT_MS,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /** Opens a stream on `response`; it is dropped when the client disconnects. */
  open(
    request: IncomingMessage,
    response: ServerResponse,
    initialStatus: AppStatus | null,
  ): void {
    response.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    response.write("retry: 3000\n\n");
    if (initialStatus) writeEvent(response, "status", initialStatus);

    this.clients.add(response);
    this.startHeartbeat();
    this.logger.info({ clients: this.clients.size }, "Event stream opened");

    request.on("close", () => {
      this.clients.delete(response);
      if (this.clients.size === 0) this.stopHeartbeat();
      this.logger.info({ clients: this.clients.size }, "Event stream closed");
    });
  }

  push(push: AdminPush): void {
    if (push.type === "lead") {
      const lead: LeadReceived = {
        candidateId: push.lead.candidateId,
        event: push.lead.event,
        isNewCandidate: push.lead.isNewCandidate,
        name: push.lead.candidateName,
      };
      this.broadcast("lead-received", lead);
    } else {
      this.broadcast("status", push.status);
    }
  }

  /** Ends every stream, for shutdown. */
  closeAll(): void {
    this.stopHeartbeat();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private broadcast(event: string, data: unknown): void {
    for (const client of this.clients) writeEvent(client, event, data);
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(": heartbeat\n\n");
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}

/** JSON.stringify never emits a raw newline, so the data fits on one `data:` line. */
function writeEvent(
  response: ServerResponse,
  event: string,
  data: unknown,
): void {
  response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}
