import autocannon from "autocannon";

import { LeadBodyStream } from "../test/support/lead-payloads";

/** One autocannon run against one server at one concurrency. */
export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** 2xx responses per second over the whole run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** 2xx responses. */
  acknowledged: number;
  /** Connection errors, timeouts and non-2xx responses together. */
  errors: number;
  non2xx: number;
  /** Bodies sent that repeat an earlier body byte for byte. */
  retriesSent: number;
  /** Distinct candidates sent. */
  candidatesSent: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  durationSeconds: number;
  /** Index of the first generated candidate, so runs on one database never overlap. */
  firstIndex?: number;
}

/**
 * Posts LJO-shaped bodies to `url` from this process with autocannon: a new
 * candidate per request across the five events, and one body in ten a
 * retry of an earlier one.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const stream = new LeadBodyStream({
    firstIndex: options.firstIndex ?? 0,
    retryEvery: 10,
  });
  let retriesSent = 0;

  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    // LJO waits 30 s for a response, so a request that takes 10 s counts
    // as an error here.
    timeout: 10,
    requests: [
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${options.token}`,
        },
        setupRequest: (request) => {
          const next = stream.next();
          if (next.retry) retriesSent += 1;
          return { ...request, body: next.body };
        },
      },
    ],
  });

  const acknowledged = result["2xx"];
  return {
    connections: options.connections,
    durationSeconds: result.duration,
    rps: acknowledged / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    acknowledged,
    errors: result.errors + result.timeouts + result.non2xx,
    non2xx: result.non2xx,
    retriesSent,
    candidatesSent: stream.candidateCount,
  };
}
