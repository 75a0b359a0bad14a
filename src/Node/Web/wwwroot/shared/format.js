// Number formatting shared by the miner page and the dashboard.

/** A rate in hashes per second as [value, unit], e.g. [ '12.34', 'MH/s' ]. */
export function formatRate(perSecond) {
  const units = [['TH/s', 1e12], ['GH/s', 1e9], ['MH/s', 1e6], ['kH/s', 1e3]];
  for (const [unit, size] of units) if (perSecond >= size) return [(perSecond / size).toFixed(2), unit];
  return [Math.round(perSecond).toString(), 'H/s'];
}

/** Seconds as people read them: 850 ms, 4.2 s, 3 min 5 s. */
export function formatSeconds(seconds) {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}
