/**
 * Checks that keep other web pages away from the admin server. A page on
 * another site can make the browser send requests to 127.0.0.1, and with
 * DNS rebinding even under the page's own host name. So the Host header must
 * name the loopback address and port, and a state-changing request must
 * come from the inbox page itself.
 */

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"];

/** True when the Host header is 127.0.0.1, localhost or [::1] with the server's port. */
export function isLoopbackHost(
  host: string | undefined,
  port: number,
): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return LOOPBACK_HOSTS.some(
    (name) => value === `${name}:${port}` || (port === 80 && value === name),
  );
}

/**
 * True when the request has no Origin header (a non-browser client) or the
 * Origin is the page the server itself serves under `host`.
 */
export function isSameOrigin(
  origin: string | undefined,
  host: string | undefined,
): boolean {
  if (origin === undefined) return true;
  if (host === undefined) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
