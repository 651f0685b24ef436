import pino, { type DestinationStream, type Logger } from "pino";

/**
 * Paths that pino replaces with "[redacted]". Secrets never reach the log, and
 * neither do a candidate's contact details: the log file may be attached to a
 * support request.
 */
export const REDACTED_PATHS = [
  "token",
  "password",
  "secret",
  "authorization",
  "headers.authorization",
  "headers.cookie",
  "headers['x-t5-signature']",
  "*.token",
  "*.password",
  "*.secret",
  "*.authorization",
  "email",
  "phone",
  "*.email",
  "*.phone",
  "first_name",
  "last_name",
  "*.first_name",
  "*.last_name",
  "body",
  "*.body",
];

let root: Logger = pino({
  level: process.env.LEAD_INBOX_LOG_LEVEL ?? "info",
  redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
});

/**
 * Replaces the root logger, for example to write to a file in the data
 * folder. Child loggers created before the call keep the old destination.
 */
export function configureLogging(options: {
  level?: string;
  destination?: DestinationStream;
}): Logger {
  root = pino(
    {
      level: options.level ?? process.env.LEAD_INBOX_LOG_LEVEL ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    options.destination,
  );
  return root;
}

/** Returns a child logger whose lines carry `module: name`. */
export function createLogger(name: string): Logger {
  return root.child({ module: name });
}

export type { Logger };
