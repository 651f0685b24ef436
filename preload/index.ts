import { contextBridge, ipcRenderer } from "electron";

import {
  API_METHODS,
  LEAD_RECEIVED_CHANNEL,
  NAVIGATE_CHANNEL,
  RENDERER_READY_CHANNEL,
  ipcChannel,
  type ApiMethodName,
  type LeadInboxApi,
  type LeadReceived,
  type NavigateRequest,
} from "../shared/contract";
import { navigationHash } from "./navigation-hash";
import { PushListeners } from "./push-listeners";

/**
 * The window API of the inbox. A sandboxed preload can load only `electron`,
 * so scripts/build-preload.ts bundles this file with the contract into
 * dist/preload/index.js. The main process validates every request, so this
 * side only forwards it.
 */

type ApiInvokers = { [M in ApiMethodName]: LeadInboxApi[M] };

function buildInvokers(): ApiInvokers {
  const methods = Object.keys(API_METHODS) as ApiMethodName[];
  const entries = methods.map((method) => [
    method,
    (request: unknown) => ipcRenderer.invoke(ipcChannel(method), request),
  ]);
  // Each entry forwards to the handler of the same method, whose result is
  // the method's ApiResult, so the cast to the mapped type is correct by construction.
  return Object.fromEntries(entries) as ApiInvokers;
}

const leadListeners = new PushListeners<LeadReceived>();

ipcRenderer.on(LEAD_RECEIVED_CHANNEL, (_event, lead: LeadReceived) =>
  leadListeners.deliver(lead),
);
// The preload shares the page's location, so it can follow the hash routes
// itself and the page needs no extra subscription. The node-side tsconfig has
// no DOM types, hence the narrow cast.
const page = globalThis as unknown as { location: { hash: string } };
ipcRenderer.on(NAVIGATE_CHANNEL, (_event, request: NavigateRequest) => {
  page.location.hash = navigationHash(request);
});

const api = {
  ...buildInvokers(),
  onLeadReceived: (listener: (lead: LeadReceived) => void) =>
    leadListeners.subscribe(listener),
} satisfies LeadInboxApi;

contextBridge.exposeInMainWorld("leadInbox", api);
ipcRenderer.send(RENDERER_READY_CHANNEL);
