import {
  API_METHODS,
  type ApiMethodName,
  type ApiResponse,
  type ApiResult,
  type LeadInboxApi,
} from "../../../shared/contract";
import { createEventStream } from "./event-stream";
import type { InboxClient } from "./inbox-client";

export interface HttpClientOptions {
  /** Origin of the admin server, which is the page's own origin in headless mode. */
  baseUrl: string;
  token: string;
  /** Called when the server rejects the token (HTTP 401). */
  onUnauthorized: () => void;
}

type ApiFunctions = Omit<LeadInboxApi, "onLeadReceived">;

/**
 * Creates the client for the headless admin server: `POST /api/<method>` with
 * the request as JSON and the token as a bearer credential. The server
 * responds with HTTP 200 and an ApiResult even when the call failed, and with
 * 401 for a wrong token.
 */
export function createHttpClient(options: HttpClientOptions): InboxClient {
  const stream = createEventStream(options);

  async function call<M extends ApiMethodName>(
    method: M,
    request: unknown,
  ): Promise<ApiResult<ApiResponse<M>>> {
    let response: Response;
    try {
      response = await fetch(new URL(`/api/${method}`, options.baseUrl), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${options.token}`,
        },
        body: JSON.stringify(request ?? {}),
      });
    } catch {
      return failure(
        "The inbox server did not answer. Check that `npm run serve` is still running, then try again.",
      );
    }

    if (response.status === 401) {
      options.onUnauthorized();
      return failure("The inbox link is no longer valid.");
    }

    return readResult(method, response);
  }

  const functions = Object.fromEntries(
    (Object.keys(API_METHODS) as ApiMethodName[]).map((method) => [
      method,
      (request: unknown) => call(method, request),
    ]),
  ) as ApiFunctions;

  return {
    kind: "http",
    api: { ...functions, onLeadReceived: stream.onLeadReceived },
    onStatus: stream.onStatus,
    onConnectionChange: stream.onConnectionChange,
  };
}

async function readResult<M extends ApiMethodName>(
  method: M,
  response: Response,
): Promise<ApiResult<ApiResponse<M>>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(
      `The inbox server answered ${method} with HTTP ${response.status} and no readable result. Try again; if it keeps failing, restart \`npm run serve\`.`,
    );
  }

  if (!isApiResult(body)) {
    // Non-200 responses carry `{ error: message }` written for people.
    const message =
      typeof body === "object" && body !== null && "error" in body
        ? String(body.error)
        : "an unexpected body";
    return failure(
      `The inbox server answered ${method} with HTTP ${response.status}: ${message}`,
    );
  }
  if (!body.ok) {
    return body;
  }

  // A mismatch here means the server and this page come from different builds.
  const parsed = API_METHODS[method].response.safeParse(body.value);
  if (!parsed.success) {
    return failure(
      `The inbox server's answer to ${method} does not match this version of the inbox. Reload the page; if that does not help, rebuild with \`npm run build:renderer\`.`,
    );
  }
  return { ok: true, value: parsed.data as ApiResponse<M> };
}

function isApiResult(
  body: unknown,
): body is { ok: true; value: unknown } | ApiResult<never> {
  return (
    typeof body === "object" &&
    body !== null &&
    "ok" in body &&
    typeof body.ok === "boolean"
  );
}

function failure(message: string): ApiResult<never> {
  return { ok: false, error: { code: "internal", message } };
}
