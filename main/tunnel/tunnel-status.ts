import type { AppStatus } from "../../shared/contract";

/** The tunnel part of the app status that the UI shows. */
export type TunnelStatus = AppStatus["tunnel"];
export type TunnelState = TunnelStatus["state"];
