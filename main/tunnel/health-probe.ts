import { httpGet } from "./http-get";

/**
 * localtunnel.me returns a reminder page instead of relaying browser-like
 * requests. Any value of this header skips that page.
 */
export const BYPASS_REMINDER_HEADER = "Bypass-Tunnel-Reminder";

/**
 * Requests `<publicUrl>/health` through the tunnel and resolves when the
 * local listener responds with a 2xx status. Rejects with the status or the
 * network error otherwise.
 */
export async function probeHealth(
  publicUrl: string,
  options: { timeoutMs: number; signal: AbortSignal },
): Promise<void> {
  const url = `${publicUrl.replace(/\/+$/, "")}/health`;
  const response = await httpGet(url, {
    ...options,
    headers: { [BYPASS_REMINDER_HEADER]: "1" },
  });
  if (response.statusCode < 200 || response.statusCode > 299) {
    throw new Error(
      `health probe GET ${url} returned HTTP ${response.statusCode}; ` +
        "the tunnel will be rebuilt",
    );
  }
}
