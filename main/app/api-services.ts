import { readFileSync } from "node:fs";
import { basename, join, resolve, sep } from "node:path";

import { isSupportedCountry } from "libphonenumber-js";

import type { AppStatus, Settings } from "../../shared/contract";
import type { ApiServices } from "../api/services";
import { InvalidRequestError, NotFoundError } from "../api/errors";
import { sendTestEvent, type TestCredentials } from "../cli/send-test";
import { createExport, previewExport } from "../export/csv-export";
import {
  DeliveryNotQuarantinedError,
  reprocessQuarantined,
} from "../ingest/reprocess";
import type { LeadCommitted } from "../ingest/delivery";
import type { Db } from "../store/database";
import { getExportRecord, listExportRecords } from "../store/export-queries";
import { generateSecret, type SettingsStore } from "../store/settings-store";
import { DEFAULT_TUNNEL_HOST } from "../tunnel/tunnel-manager";
import type { LeadInboxAppOptions } from "./app-types";
import { resolveEffectiveAuth } from "./effective-auth";

export interface ApiServicesContext {
  db: Db;
  dataDir: string;
  settings: SettingsStore;
  env: NodeJS.ProcessEnv;
  /** The listener's own URL on loopback, for test events. */
  localWebhookUrl(): string;
  /** The URL to paste into LJO: the tunnel's while it is up, else the local one. */
  publicWebhookUrl(): string;
  getStatus(): AppStatus;
  /** Announces leads created by reprocessing, like leads from the listener. */
  announceLead(lead: LeadCommitted): void;
  /** Applies settings that need a restart of a component (the tunnel). */
  onSettingsChanged(): void;
  /** Tunnel options from the command line, which override the settings. */
  tunnelOptions?: LeadInboxAppOptions["tunnel"];
}

/** Implements the services the API handlers delegate to. */
export function createApiServices(context: ApiServicesContext): ApiServices {
  const { db, settings } = context;

  const currentSettings = (): Settings => {
    const stored = settings.get();
    const { auth, source } = resolveEffectiveAuth(stored, context.env);
    return {
      authType: auth.type,
      authSource: source,
      bearerToken: auth.type === "bearer" ? auth.token : stored.bearerToken,
      basicUser: auth.type === "basic" ? auth.user : stored.basicUser,
      basicPassword:
        auth.type === "basic" ? auth.password : stored.basicPassword,
      signatureCheck: stored.signatureCheck,
      signatureSecret: stored.signatureSecret,
      referralSources: settings.getReferralSources(),
      notificationsEnabled: stored.notificationsEnabled,
      tunnelEnabled: context.tunnelOptions?.enabled ?? stored.tunnelEnabled,
      tunnelHost: context.tunnelOptions?.host ?? stored.tunnelHost,
      defaultTunnelHost: DEFAULT_TUNNEL_HOST,
      tunnelSetBy: context.tunnelOptions ? "command-line" : "settings",
      defaultPhoneRegion: stored.defaultPhoneRegion,
      dataDir: context.dataDir,
      webhookUrl: context.publicWebhookUrl(),
      localWebhookUrl: context.localWebhookUrl(),
    };
  };

  const reprocess = (deliveryId?: number) => {
    let outcome;
    try {
      outcome = reprocessQuarantined(db, {
        ...(deliveryId === undefined ? {} : { deliveryId }),
        defaultRegion: settings.get().defaultPhoneRegion,
      });
    } catch (error) {
      if (error instanceof DeliveryNotQuarantinedError) {
        throw new NotFoundError(error.message);
      }
      throw error;
    }
    for (const lead of outcome.leads) context.announceLead(lead);
    return {
      processed: outcome.processed,
      stillQuarantined: outcome.stillQuarantined,
    };
  };

  return {
    previewExport: (options) => previewExport(db, options),
    exportCsv: (options) => createExport(db, context.dataDir, options),
    listExports: () => listExportRecords(db),
    readExportFile(id, fileIndex) {
      const record = getExportRecord(db, id);
      const file = record?.files[fileIndex];
      if (!record || file === undefined) {
        throw new NotFoundError(
          `Export ${id} has no file number ${fileIndex + 1}.`,
        );
      }
      const root = resolve(context.dataDir);
      const path = resolve(join(root, file));
      if (!path.startsWith(root + sep)) {
        throw new NotFoundError(`Export ${id} points outside the data folder.`);
      }
      try {
        return {
          fileName: basename(path),
          content: readFileSync(path, "utf8"),
        };
      } catch {
        throw new NotFoundError(
          `The file of export ${id} (${file}) is missing from the data folder. ` +
            `Export again to create a new one.`,
        );
      }
    },
    reprocessDelivery: (id) => reprocess(id),
    reprocessQuarantined: () => reprocess(),
    getSettings: currentSettings,
    saveSettings(patch) {
      const { referralSources, ...rest } = patch;
      if (referralSources) settings.setReferralSources(referralSources);
      if (rest.tunnelHost !== undefined && rest.tunnelHost !== "") {
        assertHttpUrl(rest.tunnelHost);
      }
      if (
        rest.defaultPhoneRegion !== undefined &&
        !isSupportedCountry(rest.defaultPhoneRegion)
      ) {
        throw new InvalidRequestError(
          `Phone region "${rest.defaultPhoneRegion}" is not a region libphonenumber knows. ` +
            `Use a two-letter code such as US or CA.`,
        );
      }
      settings.update(rest);
      context.onSettingsChanged();
      return currentSettings();
    },
    regenerateCredentials() {
      const stored = settings.update({
        bearerToken: generateSecret(),
        basicPassword: generateSecret(),
      });
      return {
        authType: stored.authType,
        bearerToken: stored.bearerToken,
        basicUser: stored.basicUser,
        basicPassword: stored.basicPassword,
      };
    },
    async sendTestEvent(event) {
      const stored = settings.get();
      const { auth } = resolveEffectiveAuth(stored, context.env);
      const credentials: TestCredentials = auth;
      return sendTestEvent({
        url: context.localWebhookUrl(),
        event,
        credentials,
        ...(stored.signatureCheck && stored.signatureSecret
          ? { signatureSecret: stored.signatureSecret }
          : {}),
      });
    },
    getStatus: () => context.getStatus(),
  };
}

function assertHttpUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidRequestError(
      `Tunnel host "${value}" is not a valid URL. Use a form like https://tunnel.example.com.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidRequestError(
      `Tunnel host "${value}" must start with http:// or https://.`,
    );
  }
}
