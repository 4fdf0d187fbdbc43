import dayjs from "dayjs";

/** "2026-03-05 14:07" for an ISO timestamp; "—" when missing. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "—";
}

/** "2026-03-05" for an ISO date or timestamp; "—" when missing. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DD") : "—";
}

/** A decimal string with thousands separators, keeping its decimals as they are ("12345.5" → "12,345.5"). */
export function formatDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const [int = "", frac] = value.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}
