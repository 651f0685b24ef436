import type { z } from "zod";

import type {
  AppStatus,
  ExportPreview,
  ExportRecord,
  ReprocessResult,
  Settings,
  exportOptionsSchema,
  regenerateCredentialsResponseSchema,
  saveSettingsRequestSchema,
  sendTestEventResponseSchema,
} from "../../shared/contract";
import type { LeadEventType } from "../../shared/lead-events";

type Awaitable<T> = T | Promise<T>;

/** Export options after the schema filled in its defaults. */
export type ResolvedExportOptions = z.output<typeof exportOptionsSchema>;
export type SettingsPatch = z.output<typeof saveSettingsRequestSchema>;
export type RegeneratedCredentials = z.infer<
  typeof regenerateCredentialsResponseSchema
>;
export type TestEventResult = z.infer<typeof sendTestEventResponseSchema>;

/** One written export file, read back for a download. */
export interface ExportFile {
  /** The file's base name, offered as the download name. */
  fileName: string;
  content: string;
}

/**
 * The parts of the app that the API handlers call but that do not read the
 * candidate, delivery and mapping tables themselves: export, settings,
 * reprocessing, the test sender and the status. Requests arrive already
 * validated. A method throws `NotFoundError` (main/api/errors.ts) for a
 * missing export or delivery, and `InvalidRequestError` or `ConflictError`
 * for a request it cannot carry out. The guard reports any other error as
 * internal.
 */
export interface ApiServices {
  previewExport(options: ResolvedExportOptions): Awaitable<ExportPreview>;
  exportCsv(options: ResolvedExportOptions): Awaitable<ExportRecord>;
  /** Past exports, newest first. */
  listExports(): Awaitable<ExportRecord[]>;
  /** Reads file `fileIndex` of export `id`, for a download. */
  readExportFile(id: number, fileIndex: number): Awaitable<ExportFile>;
  reprocessDelivery(id: number): Awaitable<ReprocessResult>;
  reprocessQuarantined(): Awaitable<ReprocessResult>;
  getSettings(): Awaitable<Settings>;
  saveSettings(patch: SettingsPatch): Awaitable<Settings>;
  regenerateCredentials(): Awaitable<RegeneratedCredentials>;
  /** Posts a sample payload of `event` to the app's own webhook listener. */
  sendTestEvent(event: LeadEventType): Awaitable<TestEventResult>;
  getStatus(): Awaitable<AppStatus>;
}
