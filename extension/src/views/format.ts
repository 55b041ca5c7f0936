const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `3.1 GB`: binary multiples, one decimal under 10, labelled as people expect. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/** `42%`, clamped to 0–100. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) return '?%';
  return `${Math.round(Math.min(100, Math.max(0, value)))}%`;
}

/** `3 min ago`, for timestamps in tooltips. */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return `${Math.max(0, seconds)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}
