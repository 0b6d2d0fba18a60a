/**
 * Calendar dates as the app shows them: "Fri 1 Oct 2027", with the ISO form
 * (`2027-10-01`) kept for a `title` / `<time datetime>`.
 *
 * Dates are plain calendar days (no time, no zone). They are parsed into
 * year/month/day integers and the weekday is computed with `Date.UTC`, so the
 * result never depends on the machine's time zone (a `new Date("2027-10-01")`
 * read back in local time would show 30 Sep west of Greenwich).
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A calendar day. `month` is 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` (the date part of a longer ISO string is not accepted). Throws `RangeError`. */
export function parseIsoDate(iso: string): CalendarDate {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`no such date: ${iso}`);
  }
  return { year, month, day };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days since 1970-01-01 (UTC arithmetic on a calendar day; no zone involved). */
export function dayNumber(d: CalendarDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

/** "Fri 1 Oct 2027" for "2027-10-01". Throws `RangeError` for anything else than a real date. */
export function formatDate(iso: string): string {
  const d = parseIsoDate(iso);
  const weekday = WEEKDAYS[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
  return `${weekday} ${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return dayNumber(parseIsoDate(toIso)) - dayNumber(parseIsoDate(fromIso));
}

/** "in 3 days", "tomorrow", "today", "yesterday", "5 days ago". */
export function relativeDays(days: number): string {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/;

/**
 * "Mon 23 Nov 2026, 14:05" for an RFC 3339 timestamp, read in the offset it was
 * written with (the shell writes local time), so the machine's zone never shifts it.
 * Throws `RangeError` for anything else.
 */
export function formatDateTime(rfc3339: string): string {
  const m = ISO_DATE_TIME.exec(rfc3339);
  if (!m || m[1] === undefined) throw new RangeError(`not an RFC 3339 timestamp: ${JSON.stringify(rfc3339)}`);
  return `${formatDate(m[1])}, ${m[2]}:${m[3]}`;
}

/** [`formatDateTime`], or the text as given when it is not an RFC 3339 timestamp. */
export function formatDateTimeOr(text: string): string {
  try {
    return formatDateTime(text);
  } catch {
    return text;
  }
}
