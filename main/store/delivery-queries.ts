import type { z } from "zod";

import type {
  DeliveryDetail,
  DeliverySummary,
  deliveryFilterSchema,
} from "../../shared/contract";
import type { Db } from "./database";
import { decodeStringList, decodeStringRecord } from "./json-columns";

export type DeliveryFilter = z.output<typeof deliveryFilterSchema>;
export type DeliveryKind = DeliverySummary["kind"];

/** Status shown for a request rejected before a delivery was stored. */
const REJECTED_STATUS = "rejected";

interface DeliverySummaryRow {
  kind: DeliveryKind;
  id: number;
  received_at: string;
  event: string | null;
  status: string;
  status_code: number;
  latency_ms: number | null;
  error: string | null;
  candidate_id: number | null;
}

interface DeliveryDetailRow extends DeliverySummaryRow {
  headers_json: string;
  body: Buffer | null;
  warnings_json: string;
  signature_valid: number | null;
}

/**
 * The WHERE clauses of each filter, for the deliveries arm and the
 * rejected_requests arm. Every rejected request counts as failed.
 */
const FILTER_CLAUSES: Record<
  DeliveryFilter,
  { deliveries: string; rejected: string }
> = {
  all: { deliveries: "1", rejected: "1" },
  failed: { deliveries: "status_code >= 400", rejected: "1" },
  quarantined: { deliveries: "status = 'quarantined'", rejected: "0" },
};

const SUMMARY_COLUMNS = {
  deliveries: `'delivery' AS kind, d.id, d.received_at, d.event, d.status,
    d.status_code, d.latency_ms, d.error, le.candidate_id`,
  rejected: `'rejected' AS kind, r.id, r.received_at, NULL AS event,
    '${REJECTED_STATUS}' AS status, r.status_code, r.latency_ms, r.error,
    NULL AS candidate_id`,
};

/**
 * Returns one page of stored deliveries and rejected requests together,
 * newest first. The page is chosen on (kind, id, received_at) alone and its
 * columns are read afterwards, so paging does not join every row.
 */
export function listDeliveries(
  db: Db,
  query: { filter: DeliveryFilter; offset: number; limit: number },
): { total: number; rows: DeliverySummary[] } {
  const clauses = FILTER_CLAUSES[query.filter];
  const union = `
    SELECT 'delivery' AS kind, id, received_at FROM deliveries
    WHERE ${clauses.deliveries}
    UNION ALL
    SELECT 'rejected' AS kind, id, received_at FROM rejected_requests
    WHERE ${clauses.rejected}`;

  const { total } = db
    .prepare(`SELECT COUNT(*) AS total FROM (${union})`)
    .get() as { total: number };
  const page = db
    .prepare(
      `SELECT kind, id FROM (${union})
       ORDER BY received_at DESC, kind, id DESC
       LIMIT ? OFFSET ?`,
    )
    .all(query.limit, query.offset) as { kind: DeliveryKind; id: number }[];

  const rows = page.flatMap((entry) => {
    const row = readSummaryRow(db, entry.kind, entry.id);
    return row ? [toSummary(row)] : [];
  });
  return { total, rows };
}

/** Returns one delivery or rejected request, or undefined for an unknown id. */
export function readDeliveryDetail(
  db: Db,
  kind: DeliveryKind,
  id: number,
): (Omit<DeliveryDetail, "body"> & { body: Buffer }) | undefined {
  const row = (
    kind === "delivery"
      ? db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS.deliveries}, d.headers_json, d.body,
                    d.warnings_json, d.signature_valid
             FROM deliveries d LEFT JOIN lead_events le ON le.id = d.lead_event_id
             WHERE d.id = ?`,
          )
          .get(id)
      : db
          .prepare(
            `SELECT ${SUMMARY_COLUMNS.rejected}, r.headers_json, r.body,
                    '[]' AS warnings_json, NULL AS signature_valid
             FROM rejected_requests r WHERE r.id = ?`,
          )
          .get(id)
  ) as DeliveryDetailRow | undefined;
  if (!row) return undefined;

  return {
    ...toSummary(row),
    headers: decodeStringRecord(row.headers_json),
    body: row.body ?? Buffer.alloc(0),
    warnings: decodeStringList(row.warnings_json),
    signatureValid:
      row.signature_valid === null ? null : row.signature_valid === 1,
  };
}

function readSummaryRow(
  db: Db,
  kind: DeliveryKind,
  id: number,
): DeliverySummaryRow | undefined {
  const sql =
    kind === "delivery"
      ? `SELECT ${SUMMARY_COLUMNS.deliveries}
         FROM deliveries d LEFT JOIN lead_events le ON le.id = d.lead_event_id
         WHERE d.id = ?`
      : `SELECT ${SUMMARY_COLUMNS.rejected} FROM rejected_requests r WHERE r.id = ?`;
  return db.prepare(sql).get(id) as DeliverySummaryRow | undefined;
}

function toSummary(row: DeliverySummaryRow): DeliverySummary {
  return {
    kind: row.kind,
    id: row.id,
    receivedAt: row.received_at,
    event: row.event,
    status: row.status,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    candidateId: row.candidate_id,
  };
}
