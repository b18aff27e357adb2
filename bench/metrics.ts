import os from "node:os";

export interface Metric {
  value: number;
  unit: string;
  target: number;
  better: "lower" | "higher";
  baseline?: number;
}

/** Collects figures in the shape DESIGN fixes for bench/results.json. */
export class Metrics {
  readonly metrics: Record<string, Metric> = {};

  add(name: string, value: number, unit: string, target: number, better: "lower" | "higher", baseline?: number): void {
    this.metrics[name] = { value: round(value), unit, target, better, ...(baseline === undefined ? {} : { baseline: round(baseline) }) };
  }

  toJSON() {
    return {
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.platform()} ${os.arch()}`,
      },
      metrics: this.metrics,
    };
  }

  table(): string {
    const rows = Object.entries(this.metrics).map(([name, m]) => {
      const met = m.better === "lower" ? m.value <= m.target : m.value >= m.target;
      return [
        name,
        `${m.value} ${m.unit}`,
        `${m.better === "lower" ? "≤" : "≥"} ${m.target}`,
        m.baseline === undefined ? "" : String(m.baseline),
        met ? "ok" : "MISSED",
      ];
    });
    const header = ["metric", "value", "target", "baseline", ""];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
