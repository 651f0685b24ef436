import type { z } from "zod";

import type {
  saveSettingsRequestSchema,
  Settings,
} from "../../../../shared/contract";

export type SettingsChanges = z.input<typeof saveSettingsRequestSchema>;

/** Saves changes and resolves to the stored settings, or null after showing the error. */
export type SaveSettings = (
  changes: SettingsChanges,
  successMessage: string,
) => Promise<Settings | null>;
