import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { testRoot } from '../test-support';
import { act } from 'preact/test-utils';
import { filterRows, rowHaystack, sortRows, visibleRange, VirtualTable, type Column } from './VirtualTable';

interface Row {
  id: string;
  name: string;
  amount: number;
}

const COLUMNS: Column<Row>[] = [
  { key: 'name', header: 'Name', width: '1fr', render: (r) => r.name, sortValue: (r) => r.name, filterText: (r) => r.name },
  { key: 'amount', header: 'Amount', width: '8rem', render: (r) => String(r.amount), sortValue: (r) => r.amount },
];

function makeRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({ id: `r${i}`, name: `Agreement ${i}`, amount: (i * 7919) % 10007 }));
}

describe('pure helpers', () => {
  it('computes the visible slice with overscan', () => {
    expect(visibleRange(0, 360, 36, 10_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(36_000, 360, 36, 10_000, 5)).toEqual({ start: 995, end: 1015 });
    expect(visibleRange(359_700, 360, 36, 10_000, 5)).toEqual({ start: 9986, end: 10_000 });
  });

  it('sorts stably, numbers numerically and text naturally', () => {
    const rows = makeRows(12);
    const byName = sortRows(rows, COLUMNS[0], 'asc').map((r) => r.name);
    expect(byName.slice(0, 3)).toEqual(['Agreement 0', 'Agreement 1', 'Agreement 2']);
    expect(byName[10]).toBe('Agreement 10');
    const byAmount = sortRows(rows, COLUMNS[1], 'desc').map((r) => r.amount);
    expect(byAmount).toEqual([...byAmount].sort((a, b) => b - a));
    const ties = [
      { id: 'a', name: 'x', amount: 1 },
      { id: 'b', name: 'x', amount: 1 },
    ];
    expect(sortRows(ties, COLUMNS[1], 'desc').map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('filters on every word, case-insensitively, only in searchable columns', () => {
    const rows = makeRows(200);
    const hay = (r: Row) => rowHaystack(r, COLUMNS);
    // Every word must occur somewhere in the row (not as a phrase).
    const want = rows.filter((r) => r.name.includes('19')).map((r) => r.id);
    expect(filterRows(rows, hay, 'AGREEMENT 19').map((r) => r.id)).toEqual(want);
    expect(want).toContain('r119');
    expect(filterRows(rows, hay, '  ')).toBe(rows);
    // Amount has no filterText, so its digits are not searched.
    expect(filterRows(rows, hay, 'agreement 0 ' + String(rows[3]?.amount))).toEqual(
      rows.filter((r) => r.name.includes('0') && r.name.includes(String(rows[3]?.amount))),
    );
  });

  it('sorts and filters 10,000 rows quickly', () => {
    const rows = makeRows(10_000);
    const t0 = performance.now();
    const sorted = sortRows(rows, COLUMNS[1], 'asc');
    const hay = new Map(rows.map((r) => [r, rowHaystack(r, COLUMNS)]));
    const shown = filterRows(sorted, (r) => hay.get(r) ?? '', 'agreement 99');
    const ms = performance.now() - t0;
    expect(shown.length).toBe(rows.filter((r) => r.name.includes('99')).length);
    expect(shown.map((r) => r.amount)).toEqual(shown.map((r) => r.amount).sort((a, b) => a - b));
    expect(ms).toBeLessThan(500);
  });
});

describe('<VirtualTable> with 10,000 rows', () => {
  const root = testRoot();

  function mount(onActivate?: (r: Row) => void): void {
    act(() => {
      render(
        <VirtualTable
          label="Agreements"
          rows={makeRows(10_000)}
          columns={COLUMNS}
          rowKey={(r) => r.id}
          rowHeight={36}
          fallbackHeight={360}
          {...(onActivate ? { onActivate } : {})}
        />,
        root,
      );
    });
  }
  const bodyRows = () => Array.from(root.querySelectorAll('.vt-body [role="row"]'));
  const firstName = () => bodyRows()[0]?.querySelector('[role="cell"]')?.textContent;

  it('renders only the rows in view', () => {
    const t0 = performance.now();
    mount();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(bodyRows().length).toBeLessThanOrEqual(30);
    expect(root.querySelector('[role="table"]')?.getAttribute('aria-rowcount')).toBe('10001');
    expect(root.querySelector('.vt-spacer')?.getAttribute('style')).toContain('360000px');
    expect(root.querySelector(".vt-count")?.textContent).toBe("10,000 rows");
  });

  it('renders other rows after scrolling', () => {
    mount();
    const body = root.querySelector<HTMLDivElement>('.vt-body');
    if (!body) throw new Error('no body');
    act(() => {
      body.scrollTop = 36 * 5000;
      body.dispatchEvent(new Event('scroll'));
    });
    const indexes = bodyRows().map((r) => Number(r.getAttribute('aria-rowindex')));
    expect(Math.min(...indexes)).toBeGreaterThan(4980);
    expect(indexes).toContain(5002);
    expect(bodyRows().length).toBeLessThanOrEqual(30);
  });

  it('sorts when a header is clicked, and reverses on a second click', () => {
    mount();
    const button = root.querySelector<HTMLButtonElement>('[role="columnheader"] button');
    act(() => button?.click());
    expect(root.querySelector('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('ascending');
    expect(firstName()).toBe('Agreement 0');
    act(() => button?.click());
    expect(root.querySelector('[role="columnheader"]')?.getAttribute('aria-sort')).toBe('descending');
    expect(firstName()).toBe('Agreement 9999');
  });

  it('filters by text', () => {
    mount();
    const input = root.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) throw new Error('no filter');
    act(() => {
      input.value = 'agreement 123';
      input.dispatchEvent(new Event('input'));
    });
    const n = makeRows(10_000).filter((r) => r.name.includes('123')).length;
    expect(root.querySelector(".vt-count")?.textContent).toBe(`${n.toLocaleString("en-GB")} of 10,000 rows`);
    expect(bodyRows().map((r) => r.querySelector('[role="cell"]')?.textContent)).toContain('Agreement 123');
    act(() => {
      input.value = 'no such thing';
      input.dispatchEvent(new Event('input'));
    });
    expect(bodyRows()).toHaveLength(0);
    expect(root.querySelector('.vt-empty')?.textContent).toContain('no such thing');
  });

  it('moves the active row with the keyboard and activates it with Enter', () => {
    const activated: string[] = [];
    mount((r) => activated.push(r.id));
    const body = root.querySelector<HTMLDivElement>('.vt-body');
    if (!body) throw new Error('no body');
    const key = (k: string) => act(() => void body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true })));
    key('ArrowDown');
    key('ArrowDown');
    key('Enter');
    expect(activated).toEqual(['r1']);
    key('End');
    key('Enter');
    expect(activated).toEqual(['r1', 'r9999']);
    expect(body.getAttribute('aria-activedescendant')).toMatch(/-r9999$/);
    expect(body.scrollTop).toBeGreaterThan(0);
  });
});
