/** Development zones keep China Standard Time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The calendar date in China of an instant, as YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Calendar days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
