import { parseArgs, type ParseArgsConfig } from "node:util";

/** A command-line mistake: the command prints the message and usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses options strictly, turning unknown options and missing values into UsageError. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false })
      .values;
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Parses a TCP port option. Port 0 lets the system pick a free port. */
export function parsePort(
  value: string | undefined,
  name: string,
): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(
      `${name} must be a port number from 0 to 65535, got "${value}".`,
    );
  }
  return port;
}
