import type { AuthConfig } from "../http/webhook-config";
import type { StoredSettings } from "../store/settings-store";

/** Raised when the LEAD_INBOX_* environment variables contradict each other. */
export class AuthEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthEnvironmentError";
  }
}

export interface EffectiveAuth {
  auth: AuthConfig;
  /** Origin of the credentials, for the log and the Settings screen. */
  source: "environment" | "settings";
}

/**
 * Returns the credentials the listener checks. LEAD_INBOX_AUTH,
 * LEAD_INBOX_TOKEN, LEAD_INBOX_USER and LEAD_INBOX_PASSWORD override the
 * stored settings, so a server can be configured without the UI; a value
 * they leave out falls back to the stored one.
 */
export function resolveEffectiveAuth(
  settings: StoredSettings,
  env: NodeJS.ProcessEnv,
): EffectiveAuth {
  const type = env.LEAD_INBOX_AUTH?.trim().toLowerCase();
  const token = env.LEAD_INBOX_TOKEN;
  const user = env.LEAD_INBOX_USER;
  const password = env.LEAD_INBOX_PASSWORD;
  const anySet = [type, token, user, password].some(
    (value) => value !== undefined,
  );
  if (!anySet) return { auth: fromSettings(settings), source: "settings" };

  const chosen = type || (token !== undefined ? "bearer" : "basic");
  switch (chosen) {
    case "bearer":
      return {
        auth: {
          type: "bearer",
          token: nonEmpty(token, "LEAD_INBOX_TOKEN") ?? settings.bearerToken,
        },
        source: "environment",
      };
    case "basic":
      return {
        auth: {
          type: "basic",
          user: nonEmpty(user, "LEAD_INBOX_USER") ?? settings.basicUser,
          password:
            nonEmpty(password, "LEAD_INBOX_PASSWORD") ?? settings.basicPassword,
        },
        source: "environment",
      };
    case "none":
      return { auth: { type: "none" }, source: "environment" };
    default:
      throw new AuthEnvironmentError(
        `LEAD_INBOX_AUTH is "${env.LEAD_INBOX_AUTH}", which is not valid. ` +
          `Set it to bearer, basic or none.`,
      );
  }
}

function nonEmpty(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === "") {
    throw new AuthEnvironmentError(
      `${name} is set but empty. Set a value or unset it.`,
    );
  }
  return value;
}

function fromSettings(settings: StoredSettings): AuthConfig {
  switch (settings.authType) {
    case "bearer":
      return { type: "bearer", token: settings.bearerToken };
    case "basic":
      return {
        type: "basic",
        user: settings.basicUser,
        password: settings.basicPassword,
      };
    case "none":
      return { type: "none" };
  }
}
