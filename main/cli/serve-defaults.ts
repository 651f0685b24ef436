/** Webhook port of `npm run serve` unless --port sets another. */
export const DEFAULT_WEBHOOK_PORT = 8400;
