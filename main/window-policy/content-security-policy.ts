/**
 * The inbox window's Content Security Policy. It starts from
 * `default-src 'none'` and allows only the bundled files: the renderer talks
 * to the app through IPC, so it needs no network access at all.
 * `style-src 'unsafe-inline'` is there because Mantine sets CSS variables in
 * `style` attributes and an injected `<style>` element.
 */
const DIRECTIVES: [string, string][] = [
  ["default-src", "'none'"],
  ["script-src", "'self'"],
  ["style-src", "'self' 'unsafe-inline'"],
  ["img-src", "'self' data:"],
  ["font-src", "'self' data:"],
  ["connect-src", "'none'"],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
];

/** For a `<meta http-equiv="Content-Security-Policy">` element. */
export const RENDERER_CSP_META = DIRECTIVES.map(
  ([name, value]) => `${name} ${value}`,
).join("; ");

/** For the response header; `frame-ancestors` works only in a header. */
export const RENDERER_CSP_HEADER = `${RENDERER_CSP_META}; frame-ancestors 'none'`;
