import type { ApiHandlers } from "../app/app-types";
import { maskHeaders } from "../http/masked-headers";
import type { Logger } from "../log/logger";
import { readCandidateDetail } from "../store/candidate-detail-queries";
import { listCandidates } from "../store/candidate-queries";
import type { Db } from "../store/database";
import { listDeliveries, readDeliveryDetail } from "../store/delivery-queries";
import {
  applyMappingChanges,
  listMappingRows,
  readCategoryConflicts,
  readMappingRow,
} from "../store/mapping-queries";
import { NotFoundError } from "./errors";
import { guardAll } from "./guard";
import { formatMappingsCsv, parseMappingsCsv } from "./mapping-csv";
import type { ApiServices } from "./services";
import { normalizeTimeBound } from "./time-bounds";

export interface ApiHandlerOptions {
  /** The current time as ISO 8601, for mapping timestamps; tests fix it. */
  now?: () => string;
}

/**
 * Implements every contract method: candidates, deliveries and mappings are
 * read from `db` here, and everything else is delegated to `services`. The
 * guard wraps each method, so a method validates its request and returns
 * failures as error results instead of throwing.
 */
export function createApiHandlers(
  db: Db,
  services: ApiServices,
  logger: Logger,
  options: ApiHandlerOptions = {},
): ApiHandlers {
  const now = options.now ?? (() => new Date().toISOString());

  return guardAll(
    {
      listCandidates: (request) =>
        listCandidates(db, {
          ...request,
          from: normalizeTimeBound("from", request.from),
          to: normalizeTimeBound("to", request.to),
        }),

      getCandidate: ({ id }) => {
        const detail = readCandidateDetail(db, id);
        if (!detail) {
          throw new NotFoundError(
            `Candidate ${id} was not found. Reload the list and try again.`,
          );
        }
        return detail;
      },

      listDeliveries: (request) => listDeliveries(db, request),

      getDelivery: ({ kind, id }) => {
        const detail = readDeliveryDetail(db, kind, id);
        if (!detail) {
          const label = kind === "delivery" ? "Delivery" : "Rejected request";
          throw new NotFoundError(
            `${label} ${id} was not found. Reload the list and try again.`,
          );
        }
        return {
          ...detail,
          // Stored headers are masked when written. Masking again keeps a
          // row written by an older version from showing a credential.
          headers: maskHeaders(lowercaseNames(detail.headers)),
          body: detail.body.toString("utf8"),
        };
      },

      reprocessDelivery: ({ id }) => services.reprocessDelivery(id),
      reprocessQuarantined: () => services.reprocessQuarantined(),

      listMappings: ({ kind }) => {
        const rows = listMappingRows(db, kind);
        return {
          rows,
          // Names listed without an ATS value: catalog entries and names
          // that candidates carry.
          unmappedCount: rows.filter((row) => row.atsValue === null).length,
          categoryConflicts: readCategoryConflicts(db),
        };
      },

      saveMapping: ({ kind, name, atsValue }) => {
        const value = atsValue?.trim() ?? "";
        applyMappingChanges(
          db,
          [{ kind, name, atsValue: value === "" ? null : value }],
          now(),
        );
        logger.info({ kind, removed: value === "" }, "Mapping saved");
        return readMappingRow(db, kind, name);
      },

      importMappingsCsv: ({ csv }) => {
        const { changes, errors } = parseMappingsCsv(csv);
        applyMappingChanges(db, changes, now());
        logger.info(
          { imported: changes.length, rejectedRows: errors.length },
          "Mappings imported",
        );
        return { imported: changes.length, errors };
      },

      exportMappingsCsv: () => ({
        csv: formatMappingsCsv([
          ...listMappingRows(db, "license"),
          ...listMappingRows(db, "specialty"),
        ]),
      }),

      previewExport: (request) => services.previewExport(request),
      exportCsv: (request) => services.exportCsv(request),
      listExports: () => services.listExports(),
      downloadExport: ({ id, fileIndex }) =>
        services.readExportFile(id, fileIndex),

      getSettings: () => services.getSettings(),
      saveSettings: (request) => services.saveSettings(request),
      regenerateCredentials: () => services.regenerateCredentials(),
      sendTestEvent: ({ event }) => services.sendTestEvent(event),
      getStatus: () => services.getStatus(),
    },
    logger,
  );
}

function lowercaseNames(
  headers: Record<string, string>,
): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    lowered[name.toLowerCase()] = value;
  }
  return lowered;
}
