/** "2026-11-28 09:41" from an ISO timestamp: minutes are precise enough in a terminal report. */
export function shortTime(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}
