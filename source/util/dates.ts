// Dates are ISO 8601 strings everywhere in data; these helpers do the arithmetic in UTC days.

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string | Date, to: string | Date): number {
  return Math.floor((toMs(to) - toMs(from)) / DAY_MS);
}

export function addDays(date: string | Date, days: number): Date {
  return new Date(toMs(date) + days * DAY_MS);
}

/** `2026-11-27` */
export function isoDay(date: string | Date): string {
  return new Date(toMs(date)).toISOString().slice(0, 10);
}

/** An ISO 8601 date or date-time that names a real day (`2025-02-30` is not one). */
export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) return false;
  return value.length > 10 || isoDay(value) === value;
}

function toMs(value: string | Date): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

/** A date from a cloud SDK (Date or string) as ISO 8601; undefined when absent or invalid. */
export function isoDate(value: Date | string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
