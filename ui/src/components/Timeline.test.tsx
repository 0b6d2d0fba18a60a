import { describe, expect, it } from 'vitest';
import { timelineShapes } from './Timeline';
import { FIXTURES } from '../test-support';
import { dayNumber, parseIsoDate } from '../format/date';

const day = (iso: string) => dayNumber(parseIsoDate(iso));

describe('timelineShapes', () => {
  it('draws each notice window from its deadline to the end of the term it guards', () => {
    const d = FIXTURES.page.detail;
    const { bands, marks, from, to } = timelineShapes({ terms: d.terms, events: d.events, asOf: d.today, endDate: d.end_date });
    const notices = bands.filter((b) => b.cls.startsWith('tl-notice'));
    expect(notices.map((b) => [b.from, b.to])).toEqual([
      [day('2026-10-02'), day('2027-01-01')],
      [day('2027-10-01'), day('2028-01-01')],
    ]);
    expect(notices[0]?.cls).toContain('tl-closed');
    expect(bands.filter((b) => b.cls.startsWith('tl-term')).map((b) => b.label)).toEqual(['Term 1, initial', 'Term 2, first renewal', 'Term 3, second renewal']);
    expect(marks.filter((m) => m.cls.startsWith('tl-price')).map((m) => m.at)).toEqual([day('2027-01-01'), day('2028-01-01')]);
    expect(from).toBeLessThan(day('2023-01-01'));
    expect(to).toBeGreaterThan(day('2028-01-01'));
  });
});
