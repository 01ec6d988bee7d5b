// Small order statistics for the benchmark. Pure functions, no I/O.

/** Sorted copy of the numbers, ascending (the input is left untouched). */
function sortAscending(values) {
  return [...values].sort((a, b) => a - b);
}

/**
 * The p-th percentile (0..100) by the nearest-rank method: always one of the observed
 * values, which keeps small samples (7 or 30 values) honest. Throws on an empty list.
 */
export function percentile(values, p) {
  if (values.length === 0) throw new Error("percentile of an empty list");
  const sorted = sortAscending(values);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The median; the mean of the two middle values for an even count. */
export function median(values) {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = sortAscending(values);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Cost of one more unit between two sizes: (median at `large` - median at `small`) /
 * (large - small). `samples` maps a size to its list of measurements.
 */
export function slope(samples, small, large) {
  return (median(samples[large]) - median(samples[small])) / (large - small);
}
