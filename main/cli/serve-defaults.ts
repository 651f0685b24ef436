/** Webhook port of `npm run serve` unless --port says otherwise. */
export const DEFAULT_WEBHOOK_PORT = 8400;
