/**
 * "updated today", "updated 3 days ago", "updated 2 months ago": how fresh a cited document is, as every
 * platform shows it next to the source. Null when the date is unknown.
 */
export function describeAge(updatedAt: number, now: number = Date.now()): string | null {
  if (!Number.isFinite(updatedAt) || updatedAt <= 0) return null;
  const days = Math.max(0, Math.floor((now - updatedAt) / 86_400_000));
  if (days === 0) return "updated today";
  if (days === 1) return "updated yesterday";
  if (days < 60) return `updated ${days} days ago`;
  if (days < 730) return `updated ${Math.floor(days / 30)} months ago`;
  return `updated ${Math.floor(days / 365)} years ago`;
}
