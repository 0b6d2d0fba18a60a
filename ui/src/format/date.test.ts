import { describe, expect, it } from 'vitest';
import { daysBetween, formatDate, formatDateTime, parseIsoDate, relativeDays } from './date';

describe('formatDate', () => {
  it('shows weekday, day, month and year', () => {
    expect(formatDate('2027-10-01')).toBe('Fri 1 Oct 2027');
    expect(formatDate('2024-02-29')).toBe('Thu 29 Feb 2024');
    expect(formatDate('2000-01-01')).toBe('Sat 1 Jan 2000');
    expect(formatDate('2026-12-31')).toBe('Thu 31 Dec 2026');
  });

  it('does not depend on the time zone', () => {
    // Date's local-time getters would move this to 30 Sep west of UTC. The
    // implementation only uses UTC arithmetic; check the result is stable for
    // every day of a year across DST changes.
    for (let day = 0; day < 366; day++) {
      const d = new Date(Date.UTC(2027, 0, 1 + day));
      const iso = d.toISOString().slice(0, 10);
      const [, , dd] = iso.split('-');
      expect(formatDate(iso).split(' ')[1]).toBe(String(Number(dd)));
    }
  });

  it('rejects what is not a calendar date', () => {
    expect(() => formatDate('2027-02-29')).toThrow(RangeError);
    expect(() => formatDate('2027-13-01')).toThrow(RangeError);
    expect(() => formatDate('1/10/2027')).toThrow(RangeError);
    expect(() => formatDate('2027-10-01T00:00:00Z')).toThrow(RangeError);
    expect(() => parseIsoDate('')).toThrow(RangeError);
  });
});

describe('daysBetween and relativeDays', () => {
  it('counts calendar days, across DST and leap days', () => {
    expect(daysBetween('2027-10-01', '2027-10-01')).toBe(0);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2027-10-01', '2027-09-30')).toBe(-1);
  });

  it('says it in words', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('tomorrow');
    expect(relativeDays(-1)).toBe('yesterday');
    expect(relativeDays(30)).toBe('in 30 days');
    expect(relativeDays(-4)).toBe('4 days ago');
  });
});

describe('formatDateTime', () => {
  it('reads the timestamp in its own offset', () => {
    expect(formatDateTime('2026-11-23T14:05:09.123+01:00')).toBe('Mon 23 Nov 2026, 14:05');
    expect(formatDateTime('2027-10-01T00:30:00-05:00')).toBe('Fri 1 Oct 2027, 00:30');
    expect(() => formatDateTime('2027-10-01')).toThrow(RangeError);
  });
});
