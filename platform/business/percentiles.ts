/**
 * The nearest-rank percentile: the smallest recorded value with at least `percent`% of the values
 * at or below it (the value at rank ⌈percent/100 × n⌉ of the n values in ascending order). It is
 * always one of the values recorded, never an interpolation; none for no values.
 */
export function nearestRank(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((percent * sorted.length) / 100)) - 1]!;
}
