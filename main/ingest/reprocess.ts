import type { ReprocessResult } from "../../shared/contract";
import { createLogger, type Logger } from "../log/logger";
import { parseLeadPayload } from "../ljo/parse";
import type { Db } from "../store/database";
import { DeliveryWriter } from "../store/delivery-writer";
import { LeadWriter } from "../store/lead-writer";
import type { LeadCommitted } from "./delivery";
import { payloadSha256 } from "./payload-hash";

export interface ReprocessOptions {
  /** Only this delivery; all quarantined deliveries when omitted. */
  deliveryId?: number;
  defaultRegion?: string;
  logger?: Logger;
}

export interface ReprocessOutcome extends ReprocessResult {
  /** Lead events created, for notifications and live updates. A delivery
   * that turned out to repeat a stored payload counts as processed but adds none. */
  leads: LeadCommitted[];
}

/** Raised when a delivery to reprocess does not exist or is not quarantined. */
export class DeliveryNotQuarantinedError extends Error {
  constructor(readonly deliveryId: number) {
    super(
      `Delivery ${deliveryId} was not found among quarantined deliveries; ` +
        `only quarantined deliveries can be reprocessed.`,
    );
    this.name = "DeliveryNotQuarantinedError";
  }
}

interface QuarantinedRow {
  id: number;
  body: Buffer;
  received_at: string;
}

/**
 * Runs quarantined deliveries through the parser again, for example after
 * an update taught it a new payload shape. A delivery that now parses gets
 * its lead event; one that still fails keeps its place in quarantine with
 * the new reason. Each delivery commits on its own.
 */
export function reprocessQuarantined(
  db: Db,
  options: ReprocessOptions = {},
): ReprocessOutcome {
  const logger = options.logger ?? createLogger("reprocess");
  const leadWriter = new LeadWriter(db);
  const deliveryWriter = new DeliveryWriter(db);
  const rows = selectQuarantined(db, options.deliveryId);
  if (options.deliveryId !== undefined && rows.length === 0) {
    throw new DeliveryNotQuarantinedError(options.deliveryId);
  }

  const markStatus = db.prepare(
    `UPDATE deliveries SET status = ?, error = ?,
       event = COALESCE(?, event), warnings_json = ?, lead_event_id = ?,
       reprocessed_at = ?
     WHERE id = ?`,
  );
  const outcome: ReprocessOutcome = {
    processed: 0,
    stillQuarantined: 0,
    leads: [],
  };

  for (const row of rows) {
    const now = new Date().toISOString();
    const reprocessOne = db.transaction(() => {
      const json = parseBody(row.body);
      if (json.error !== null) {
        markStatus.run(
          "quarantined",
          json.error,
          null,
          "[]",
          null,
          now,
          row.id,
        );
        return null;
      }
      const parsed = parseLeadPayload(json.value, {
        defaultRegion: (options.defaultRegion ?? "US") as never,
      });
      if (parsed.kind === "quarantine") {
        markStatus.run(
          "quarantined",
          parsed.reason,
          parsed.event,
          "[]",
          null,
          now,
          row.id,
        );
        return null;
      }
      const hash = payloadSha256(json.value);
      const existing = deliveryWriter.findLeadEvent(hash);
      if (existing) {
        // Another copy of this payload was reprocessed or delivered already.
        markStatus.run(
          "duplicate",
          null,
          parsed.lead.event,
          "[]",
          existing.id,
          now,
          row.id,
        );
        return "duplicate" as const;
      }
      const applied = leadWriter.apply(
        parsed.lead,
        row.id,
        hash,
        row.received_at,
      );
      markStatus.run(
        "processed",
        null,
        parsed.lead.event,
        JSON.stringify(parsed.lead.warnings),
        applied.leadEventId,
        now,
        row.id,
      );
      const name = [
        parsed.lead.candidate.firstName,
        parsed.lead.candidate.lastName,
      ]
        .filter(Boolean)
        .join(" ");
      return {
        deliveryId: row.id,
        leadEventId: applied.leadEventId,
        candidateId: applied.candidateId,
        event: parsed.lead.event,
        isNewCandidate: applied.isNewCandidate,
        candidateName: name,
      } satisfies LeadCommitted;
    });

    let lead: ReturnType<typeof reprocessOne>;
    try {
      lead = reprocessOne.immediate();
    } catch (error) {
      // A body that processing fails on (nesting too deep to serialize,
      // for example) stays quarantined instead of ending the whole run.
      if (error instanceof Error && error.name === "SqliteError") throw error;
      logger.warn(
        { deliveryId: row.id, err: error },
        "Reprocessing a quarantined delivery failed; it stays quarantined",
      );
      outcome.stillQuarantined += 1;
      continue;
    }
    if (lead === "duplicate") {
      outcome.processed += 1;
    } else if (lead) {
      outcome.processed += 1;
      outcome.leads.push(lead);
      logger.info(
        { deliveryId: row.id, candidateId: lead.candidateId },
        "Quarantined delivery reprocessed into a lead",
      );
    } else {
      outcome.stillQuarantined += 1;
    }
  }
  return outcome;
}

function selectQuarantined(db: Db, deliveryId?: number): QuarantinedRow[] {
  if (deliveryId !== undefined) {
    return db
      .prepare(
        "SELECT id, body, received_at FROM deliveries WHERE id = ? AND status = 'quarantined'",
      )
      .all(deliveryId) as QuarantinedRow[];
  }
  return db
    .prepare(
      "SELECT id, body, received_at FROM deliveries WHERE status = 'quarantined' ORDER BY id",
    )
    .all() as QuarantinedRow[];
}

function parseBody(
  body: Buffer,
): { value: unknown; error: null } | { value: null; error: string } {
  try {
    return { value: JSON.parse(body.toString("utf8")) as unknown, error: null };
  } catch (error) {
    return { value: null, error: `Body is not valid JSON: ${String(error)}` };
  }
}
