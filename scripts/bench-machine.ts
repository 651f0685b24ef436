import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

/**
 * Describes the machine a benchmark ran on: CPU model, cores, RAM, Node
 * version and whether the disk under the temp folder reports itself as
 * rotational. Virtual disks often report rotational whatever backs them.
 */
export function describeMachine(): string {
  const model = cpus()[0]?.model ?? "unknown CPU";
  const ramGb = (totalmem() / 1024 ** 3).toFixed(1);
  return (
    `machine: ${model}, ${availableParallelism()} cores, ${ramGb} GB RAM, ` +
    `Node ${process.version}, ${process.platform}; disk: ${describeDisks()}`
  );
}

function describeDisks(): string {
  try {
    const mounts = readFileSync("/proc/mounts", "utf8").split("\n");
    const root = mounts.find((line) => line.split(" ")[1] === "/");
    const [device = "", , fsType = ""] = root?.split(" ") ?? [];
    const name = device.replace(/^\/dev\//, "").replace(/\d+$/, "");
    const rotational = readFileSync(
      `/sys/block/${name}/queue/rotational`,
      "utf8",
    ).trim();
    return `${device} (${fsType}), rotational=${rotational}`;
  } catch {
    return "unknown";
  }
}
