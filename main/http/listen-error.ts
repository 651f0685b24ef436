/**
 * Returns an error for a server that could not listen, with advice that fits
 * the cause: a port in use, a privileged port, or an address that is not on
 * this machine.
 */
export function describeListenError(
  server: string,
  host: string,
  port: number,
  option: string,
  error: Error,
): Error {
  const code = (error as NodeJS.ErrnoException).code;
  let advice = `Check ${option} and try again.`;
  if (code === "EADDRINUSE") {
    advice = `Another program uses port ${port}. Choose another port with ${option}, or stop that program.`;
  } else if (code === "EACCES") {
    advice = `Port ${port} needs administrator rights. Choose a port above 1023 with ${option}.`;
  } else if (code === "EADDRNOTAVAIL") {
    advice = `The address ${host} does not belong to this machine. Use 127.0.0.1, or an address this machine has.`;
  }
  return new Error(
    `${server} could not listen on ${host}:${port} (${code ?? error.message}). ${advice}`,
    { cause: error },
  );
}
