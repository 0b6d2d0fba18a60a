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
    expect(bands.filter((b) => b.cls.startsWith('tl-term')).map((b) => b.label)).toEqual([
      'Term 1, initial',
      'Term 2, first renewal',
      'Term 3, second renewal',
      'Term 4, third renewal',
    ]);
    expect(marks.filter((m) => m.cls.startsWith('tl-price')).map((m) => m.at)).toEqual([day('2027-01-01'), day('2028-01-01')]);
    expect(from).toBeLessThan(day('2023-01-01'));
    expect(to).toBeGreaterThan(day('2028-01-01'));
  });

  it('draws past, current, locked-in and the term being decided distinctly (Microsoft Peru as of 2026-11-23)', () => {
    const d = FIXTURES.page.detail;
    const { bands } = timelineShapes({
      terms: d.terms,
      events: d.events,
      asOf: d.today,
      endDate: d.end_date,
      decidedRenewal: d.decision.renewal,
      lockedIn: d.decision.locked_in.map((l) => l.renewal),
    });
    const terms = bands.filter((b) => b.cls.startsWith('tl-term'));
    const state = (b: { cls: string }) => /tl-term-(past|current|locked|decided|later)/.exec(b.cls)?.[1];
    expect(terms.map(state)).toEqual(['past', 'current', 'locked', 'decided']);
    expect(terms[3]?.from).toBe(day('2028-01-01'));
    expect(terms[3]?.title).toContain('Term 4, third renewal: Sat 1 Jan 2028 – Sun 31 Dec 2028');
    expect(terms[3]?.title).toContain('being decided');
    expect(terms[2]?.title).toContain('locked in');
  });
});
