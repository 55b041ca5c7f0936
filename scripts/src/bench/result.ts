/** One measured number, optionally beside the baseline it is compared with. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with, measured in the same run on the same machine. */
  baseline?: { name: string; value: number };
  /** `value / baseline.value`. */
  ratio?: number;
  /** The target, for people: e.g. `ratio ≥ 0.7`. */
  aim?: string;
}
