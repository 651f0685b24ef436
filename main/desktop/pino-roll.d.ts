// pino-roll 4 ships no type declarations; this covers the options used here.
declare module "pino-roll" {
  import type SonicBoom from "sonic-boom";

  interface PinoRollOptions {
    file: string;
    /** Rotation size, for example "10m". */
    size?: string | number;
    frequency?: "daily" | "hourly" | number;
    extension?: string;
    mkdir?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }

  export default function pinoRoll(
    options: PinoRollOptions,
  ): Promise<SonicBoom>;
}
