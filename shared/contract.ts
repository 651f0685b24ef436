import { z } from "zod";

import { LEAD_EVENT_TYPES } from "./lead-events";

/**
 * The one contract between the inbox UI and the app. Each method has a
 * request schema and a response schema. The receiving side validates every
 * request with them: the IPC handler in the desktop app, or the admin HTTP
 * API in headless mode. Both transports carry `ApiResult` values.
 */

export const leadEventTypeSchema = z.enum(LEAD_EVENT_TYPES);
export const catalogKindSchema = z.enum(["license", "specialty"]);
export type CatalogKind = z.infer<typeof catalogKindSchema>;

const pageSchema = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
};

// Candidates

export const candidateSortFieldSchema = z.enum([
  "last_event_at",
  "first_seen_at",
  "last_name",
  "first_name",
  "email",
  "license",
  "state",
]);

export const listCandidatesRequestSchema = z.object({
  ...pageSchema,
  /** Matches name, email or phone, case-insensitively. */
  search: z.string().max(200).optional(),
  eventTypes: z.array(leadEventTypeSchema).optional(),
  status: z.enum(["all", "new", "exported"]).default("all"),
  /** Inclusive bounds on the last event time, ISO 8601. */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  unmappedOnly: z.boolean().default(false),
  sort: candidateSortFieldSchema.default("last_event_at"),
  direction: z.enum(["asc", "desc"]).default("desc"),
});
export type ListCandidatesRequest = z.input<typeof listCandidatesRequestSchema>;

export const candidateSummarySchema = z.object({
  id: z.number().int(),
  ljoCandidateId: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string(),
  license: z.string(),
  specialties: z.array(z.string()),
  state: z.string(),
  lastEvent: z.string(),
  lastEventAt: z.string(),
  firstSeenAt: z.string(),
  eventCount: z.number().int(),
  exportedAt: z.string().nullable(),
  possibleDuplicateOf: z.number().int().nullable(),
  /** License or specialty names that have no ATS value yet. */
  unmappedValues: z.array(z.string()),
});
export type CandidateSummary = z.infer<typeof candidateSummarySchema>;

export const listCandidatesResponseSchema = z.object({
  total: z.number().int(),
  rows: z.array(candidateSummarySchema),
});
export type ListCandidatesResponse = z.infer<
  typeof listCandidatesResponseSchema
>;

export const idRequestSchema = z.object({ id: z.number().int().min(1) });

export const mappedValueSchema = z.object({
  name: z.string(),
  atsValue: z.string().nullable(),
  /** False when LJO's published list does not contain the name. */
  known: z.boolean(),
});

export const leadEventSchema = z.object({
  id: z.number().int(),
  event: z.string(),
  occurredAt: z.string().nullable(),
  receivedAt: z.string(),
  referralSource: z.string(),
  unlockedBy: z.string().nullable(),
  deliveryId: z.number().int(),
  jobReferenceNumbers: z.array(z.string()),
});

export const jobSchema = z.object({
  id: z.number().int(),
  ljoJobId: z.string(),
  title: z.string(),
  license: z.string(),
  specialty: z.string(),
  city: z.string().nullable(),
  state: z.string(),
  zip: z.string().nullable(),
  referenceNumber: z.string(),
  startDate: z.string().nullable(),
  posted: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const candidateDetailSchema = candidateSummarySchema.extend({
  phoneE164: z.string(),
  phoneExtension: z.string(),
  address: z.string(),
  address2: z.string(),
  city: z.string(),
  zip: z.string(),
  experience: z.string(),
  licensedStates: z.array(z.string()),
  referralSource: z.string(),
  lastSeenAt: z.string(),
  licenseMapping: mappedValueSchema.nullable(),
  specialtyMappings: z.array(mappedValueSchema),
  extra: z.record(z.string(), z.unknown()),
  events: z.array(leadEventSchema),
  jobs: z.array(jobSchema),
});
export type CandidateDetail = z.infer<typeof candidateDetailSchema>;

// Deliveries

export const deliveryFilterSchema = z.enum(["all", "failed", "quarantined"]);

export const listDeliveriesRequestSchema = z.object({
  ...pageSchema,
  filter: deliveryFilterSchema.default("all"),
});
export type ListDeliveriesRequest = z.input<typeof listDeliveriesRequestSchema>;

export const deliverySummarySchema = z.object({
  /** "delivery" for stored bodies, "rejected" for requests refused before storage. */
  kind: z.enum(["delivery", "rejected"]),
  id: z.number().int(),
  receivedAt: z.string(),
  event: z.string().nullable(),
  status: z.string(),
  statusCode: z.number().int(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
  candidateId: z.number().int().nullable(),
});
export type DeliverySummary = z.infer<typeof deliverySummarySchema>;

export const listDeliveriesResponseSchema = z.object({
  total: z.number().int(),
  rows: z.array(deliverySummarySchema),
});

export const deliveryDetailSchema = deliverySummarySchema.extend({
  /** Headers with credentials and signatures masked. */
  headers: z.record(z.string(), z.string()),
  /** The body as UTF-8 text (invalid sequences replaced). */
  body: z.string(),
  warnings: z.array(z.string()),
  signatureValid: z.boolean().nullable(),
});
export type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;

export const reprocessResultSchema = z.object({
  processed: z.number().int(),
  stillQuarantined: z.number().int(),
});
export type ReprocessResult = z.infer<typeof reprocessResultSchema>;

// Mappings

export const listMappingsRequestSchema = z.object({ kind: catalogKindSchema });

export const mappingRowSchema = z.object({
  kind: catalogKindSchema,
  name: z.string(),
  ljoId: z.number().int().nullable(),
  fullName: z.string(),
  category: z.string(),
  /** "ljo" for LJO's list, "seen" for a name first seen in a payload. */
  source: z.enum(["ljo", "seen"]),
  atsValue: z.string().nullable(),
  /** How many candidates carry this value. */
  candidateCount: z.number().int(),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;

export const listMappingsResponseSchema = z.object({
  rows: z.array(mappingRowSchema),
  unmappedCount: z.number().int(),
  /** License and specialty pairs that break LJO's medical/dental rule. */
  categoryConflicts: z.array(
    z.object({
      candidateId: z.number().int(),
      /** "Last, First", or empty when LJO sent no name. */
      candidateName: z.string(),
      license: z.string(),
      specialty: z.string(),
      message: z.string(),
    }),
  ),
});
export type ListMappingsResponse = z.infer<typeof listMappingsResponseSchema>;

export const saveMappingRequestSchema = z.object({
  kind: catalogKindSchema,
  name: z.string().min(1).max(200),
  /** Empty or null removes the mapping. */
  atsValue: z.string().max(200).nullable(),
});

export const importMappingsCsvRequestSchema = z.object({
  csv: z.string().max(5_000_000),
});
export const importMappingsCsvResponseSchema = z.object({
  imported: z.number().int(),
  errors: z.array(z.string()),
});

export const exportMappingsCsvResponseSchema = z.object({ csv: z.string() });

// Export

export const exportPresetSchema = z.enum(["generic", "bullhorn"]);
export type ExportPreset = z.infer<typeof exportPresetSchema>;

export const exportOptionsSchema = z.object({
  preset: exportPresetSchema.default("generic"),
  newOnly: z.boolean().default(false),
  markExported: z.boolean().default(false),
  bom: z.boolean().default(false),
});
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export const exportPreviewSchema = z.object({
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  total: z.number().int(),
  rowsWithUnmappedValues: z.number().int(),
  /** Problems that would make the ATS reject the file. */
  warnings: z.array(z.string()),
});
export type ExportPreview = z.infer<typeof exportPreviewSchema>;

export const exportRecordSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  preset: z.string(),
  rowCount: z.number().int(),
  files: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;

export const downloadExportRequestSchema = z.object({
  id: z.number().int().min(1),
  fileIndex: z.number().int().min(0).default(0),
});
export const downloadExportResponseSchema = z.object({
  fileName: z.string(),
  content: z.string(),
});

// Settings

export const authTypeSchema = z.enum(["bearer", "basic", "none"]);
export type AuthType = z.infer<typeof authTypeSchema>;

/** ISO 3166-1 alpha-2 region code in upper case, such as "US". */
const phoneRegionSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "Use a two-letter region code in capitals, such as US");

/** A Basic auth user name: RFC 7617 forbids a colon in it. */
const basicUserSchema = z
  .string()
  .trim()
  .min(1, "The user name must not be empty")
  .max(200)
  .refine(
    (value) => !value.includes(":"),
    "The user name must not contain a colon",
  );

export const settingsSchema = z.object({
  /**
   * The credentials the listener checks right now, shown so that the
   * recruiter can paste them into LJO. They come from the environment when
   * `authSource` is "environment", and then cannot be changed in the UI.
   */
  authType: authTypeSchema,
  authSource: z.enum(["environment", "settings"]),
  bearerToken: z.string(),
  basicUser: z.string(),
  basicPassword: z.string(),
  signatureCheck: z.boolean(),
  signatureSecret: z.string(),
  referralSources: z.record(leadEventTypeSchema, z.string()),
  notificationsEnabled: z.boolean(),
  tunnelEnabled: z.boolean(),
  tunnelHost: z.string(),
  /** The localtunnel server used when tunnelHost is empty. */
  defaultTunnelHost: z.string(),
  /**
   * "command-line" when `npm run serve` options decide the tunnel, so that
   * the Settings screen cannot change it.
   */
  tunnelSetBy: z.enum(["settings", "command-line"]),
  defaultPhoneRegion: phoneRegionSchema,
  /** Read-only facts for the Settings screen. */
  dataDir: z.string(),
  webhookUrl: z.string(),
  localWebhookUrl: z.string(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const saveSettingsRequestSchema = z.object({
  signatureCheck: z.boolean().optional(),
  signatureSecret: z.string().max(500).optional(),
  referralSources: z
    .record(leadEventTypeSchema, z.string().min(1).max(200))
    .optional(),
  notificationsEnabled: z.boolean().optional(),
  tunnelEnabled: z.boolean().optional(),
  tunnelHost: z.string().max(500).optional(),
  defaultPhoneRegion: phoneRegionSchema.optional(),
  authType: authTypeSchema.optional(),
  basicUser: basicUserSchema.optional(),
});

export const regenerateCredentialsResponseSchema = z.object({
  authType: authTypeSchema,
  bearerToken: z.string(),
  basicUser: z.string(),
  basicPassword: z.string(),
});

export const sendTestEventRequestSchema = z.object({
  event: leadEventTypeSchema,
});
export const sendTestEventResponseSchema = z.object({
  statusCode: z.number().int(),
  body: z.string(),
});

export const statusSchema = z.object({
  receiving: z.boolean(),
  webhookUrl: z.string(),
  localWebhookUrl: z.string(),
  tunnel: z.object({
    state: z.enum(["off", "connecting", "up", "down"]),
    url: z.string().nullable(),
    lastProbeAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  candidateCount: z.number().int(),
  quarantinedCount: z.number().int(),
  recentAuthFailures: z.number().int(),
});
export type AppStatus = z.infer<typeof statusSchema>;

/** Pushed to the UI after each committed lead event. */
export const leadReceivedSchema = z.object({
  candidateId: z.number().int(),
  event: z.string(),
  isNewCandidate: z.boolean(),
  name: z.string(),
});
export type LeadReceived = z.infer<typeof leadReceivedSchema>;

const empty = z.object({}).strict();

/** Every method: its request schema and response schema. */
export const API_METHODS = {
  listCandidates: {
    request: listCandidatesRequestSchema,
    response: listCandidatesResponseSchema,
  },
  getCandidate: { request: idRequestSchema, response: candidateDetailSchema },
  listDeliveries: {
    request: listDeliveriesRequestSchema,
    response: listDeliveriesResponseSchema,
  },
  getDelivery: {
    request: z.object({
      id: z.number().int().min(1),
      kind: z.enum(["delivery", "rejected"]),
    }),
    response: deliveryDetailSchema,
  },
  reprocessDelivery: {
    request: idRequestSchema,
    response: reprocessResultSchema,
  },
  reprocessQuarantined: { request: empty, response: reprocessResultSchema },
  listMappings: {
    request: listMappingsRequestSchema,
    response: listMappingsResponseSchema,
  },
  saveMapping: {
    request: saveMappingRequestSchema,
    response: mappingRowSchema,
  },
  importMappingsCsv: {
    request: importMappingsCsvRequestSchema,
    response: importMappingsCsvResponseSchema,
  },
  exportMappingsCsv: {
    request: empty,
    response: exportMappingsCsvResponseSchema,
  },
  previewExport: {
    request: exportOptionsSchema,
    response: exportPreviewSchema,
  },
  exportCsv: { request: exportOptionsSchema, response: exportRecordSchema },
  listExports: { request: empty, response: z.array(exportRecordSchema) },
  downloadExport: {
    request: downloadExportRequestSchema,
    response: downloadExportResponseSchema,
  },
  getSettings: { request: empty, response: settingsSchema },
  saveSettings: {
    request: saveSettingsRequestSchema,
    response: settingsSchema,
  },
  regenerateCredentials: {
    request: empty,
    response: regenerateCredentialsResponseSchema,
  },
  sendTestEvent: {
    request: sendTestEventRequestSchema,
    response: sendTestEventResponseSchema,
  },
  getStatus: { request: empty, response: statusSchema },
} as const;

export type ApiMethodName = keyof typeof API_METHODS;
export type ApiRequest<M extends ApiMethodName> = z.input<
  (typeof API_METHODS)[M]["request"]
>;
export type ApiParsedRequest<M extends ApiMethodName> = z.output<
  (typeof API_METHODS)[M]["request"]
>;
export type ApiResponse<M extends ApiMethodName> = z.infer<
  (typeof API_METHODS)[M]["response"]
>;

/** Result of every call: a value or an error, so that no exception crosses the transport. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: ApiErrorCode; message: string } };

export type ApiErrorCode =
  "invalid_request" | "not_found" | "conflict" | "internal";

/** The typed API the renderer uses, whatever the transport. */
export type LeadInboxApi = {
  [M in ApiMethodName]: (
    request: ApiRequest<M>,
  ) => Promise<ApiResult<ApiResponse<M>>>;
} & {
  /** Subscribes to new lead events; returns the function that unsubscribes. */
  onLeadReceived(listener: (lead: LeadReceived) => void): () => void;
};

/**
 * A view the desktop app requests the inbox window to show, for example
 * after a click on a notification.
 */
export type NavigateRequest =
  | { view: "candidate"; candidateId: number }
  | { view: "inbox" }
  | { view: "settings" };

/** IPC channel of a method in the desktop app. */
export function ipcChannel(method: ApiMethodName): string {
  return `lead-inbox:${method}`;
}
export const LEAD_RECEIVED_CHANNEL = "lead-inbox:lead-received";
/** Pushes a `NavigateRequest` to the inbox window. */
export const NAVIGATE_CHANNEL = "lead-inbox:navigate";
/** Sent by the preload when it has loaded, so queued pushes can flow. */
export const RENDERER_READY_CHANNEL = "lead-inbox:renderer-ready";
