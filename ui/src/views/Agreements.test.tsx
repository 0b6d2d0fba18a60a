import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { emit } from '@tauri-apps/api/event';
import type { AgreementRow } from '../bindings';
import { Agreements, applyFilters } from './Agreements';
import type { Route } from '../router';
import type { TableQuery } from '../bindings';
import { agreementsTable, FIXTURES, mockShell, settle, typeInto, waitFor, testRoot, type Handler } from '../test-support';

const root = testRoot();
let went: Route[];
beforeEach(() => {
  went = [];
});

function many(n: number): AgreementRow[] {
  const base = FIXTURES.rows;
  return Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length] as AgreementRow;
    return { ...r, id: i + 1, title: `${r.title} ${i}`, currency: i % 7 === 0 ? 'CLP' : r.currency };
  });
}

const rows = () => Array.from(root.querySelectorAll('.vt-body [role="row"]'));
const select = (label: string) => root.querySelector<HTMLSelectElement>(`select[data-filter="${label}"]`);

describe('Agreements', () => {
  it('lists every agreement with status, deadlines and currency', async () => {
    mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    // Sorted by next deadline: the AWS exit windows (27 Dec 2026) before Microsoft.
    expect(rows()[0]?.textContent).toContain('AWS Chile Partnership Agreement');
    const ms = rows().find((r) => r.textContent?.includes('Microsoft Peru'));
    expect(ms?.textContent).toContain('Fri 1 Oct 2027');
    expect(ms?.textContent).toContain('S/');
    expect(ms?.textContent).toContain('Active');
    expect(root.querySelector('.vt-count')?.textContent).toBe('3 rows');
    expect(root.querySelector('[data-testid="export-register"] button')?.textContent).toBe('Export register…');
  });

  it('says it is loading, not that there are no agreements, while the app computes the table', async () => {
    // At 100,000 agreements the app computes the table on the first request (a second or
    // two): until its answer the view says so, and shows no empty table.
    let answer: (() => void) | null = null;
    const table = agreementsTable(FIXTURES.rows);
    mockShell({
      agreement_rows_page: (args) =>
        new Promise((resolve) => {
          answer = () => resolve(table(args));
        }),
    });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => answer !== null);
    await settle();
    expect(root.querySelector('[data-testid="agreements-loading"]')?.textContent).toBe('Loading agreements…');
    expect(root.querySelector('.vt-count')?.textContent).toBe('Loading…');
    expect(root.querySelector('.vt-empty')).toBeNull();
    expect(rows()).toEqual([]);
    act(() => answer?.());
    await waitFor(() => rows().length === 3);
    expect(root.querySelector('[data-testid="agreements-loading"]')).toBeNull();
    expect(root.querySelector('.vt-count')?.textContent).toBe('3 rows');
  });

  it('counts the contract owners still to complete and leads to People', async () => {
    const { calls } = mockShell({
      agreement_rows_page: agreementsTable(FIXTURES.rows),
      owners_to_complete_count: () => 2,
    });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    const banner = await waitFor(() => root.querySelector('[data-testid="owners-to-complete"]'));
    // The count alone, asked after the table's first rows; not the whole directory.
    expect(calls.indexOf('owners_to_complete_count')).toBeGreaterThan(calls.indexOf('agreement_rows_page'));
    expect(calls).not.toContain('people_directory');
    expect(banner.textContent).toBe('2 contract owners are still to complete: no email address, so no reminder by email. Complete them in People');
    act(() => {
      banner.querySelector('a')?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    });
    expect(went).toEqual([{ view: 'people' }]);
  });

  it('shows no count when every owner has an address', async () => {
    mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    expect(root.querySelector('[data-testid="owners-to-complete"]')).toBeNull();
  });

  it('filters by status, counterparty, owner and currency, and searches', async () => {
    mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    typeInto(select('Statuses') as HTMLSelectElement, 'expired');
    await waitFor(() => rows().length === 2);
    expect(root.querySelector('.vt-count')?.textContent).toBe('2 of 3 rows');
    typeInto(select('Statuses') as HTMLSelectElement, '');
    typeInto(select('Currencies') as HTMLSelectElement, 'USD');
    await waitFor(() => rows().length === 1);
    expect(rows()[0]?.textContent).toContain('AWS Chile');
    typeInto(select('Currencies') as HTMLSelectElement, '');
    const owners = Array.from((select('Owners') as HTMLSelectElement).options).map((o) => o.value);
    expect(owners).toContain('Commercial Director');
    typeInto(select('Counterparties') as HTMLSelectElement, 'Microsoft Corporation');
    await waitFor(() => rows().length === 1);
    typeInto(select('Counterparties') as HTMLSelectElement, '');
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement, 'microsoft');
    await waitFor(() => rows().length === 1);
    expect(rows()[0]?.textContent).toContain('Microsoft Peru');
  });

  it('opens an agreement with Enter on the active row', async () => {
    mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    const body = root.querySelector<HTMLElement>('.vt-body') as HTMLElement;
    act(() => {
      body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    act(() => {
      body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(went).toEqual([{ view: 'agreements', id: 1 }]);
  });

  it('stays small with 10,000 agreements: asks for the rows in view, draws only those', async () => {
    const big = many(10_000);
    const { log } = mockShell({ agreement_rows_page: agreementsTable(big) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => root.querySelector('.vt-count')?.textContent === '10,000 rows');
    expect(rows().length).toBeLessThan(40);
    const asked = () => log.filter((c) => c.cmd === 'agreement_rows_page').map((c) => (c.args as { query: TableQuery }).query);
    // One request for the first 200 rows, with the filters' options.
    expect(asked().map((q) => [q.offset, q.limit, q.with_options, q.sort, q.direction])).toEqual([[0, 200, true, 'next', 'asc']]);
    expect(root.querySelector('[role="table"]')?.getAttribute('aria-rowcount')).toBe('10001');
    expect(root.querySelector('.vt-spacer')?.getAttribute('style')).toContain(`${10_000 * 36}px`);
    // Scrolled far down: the page around the viewport is asked for, then drawn.
    const body = root.querySelector<HTMLDivElement>('.vt-body') as HTMLDivElement;
    act(() => {
      body.scrollTop = 36 * 5000;
      body.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => rows().some((r) => r.getAttribute('aria-rowindex') === '5002'));
    const deep = asked().slice(1);
    expect(deep.map((q) => [q.offset, q.limit, q.with_options])).toEqual([[4800, 200, false], [5000, 200, false]]);
    const row5000 = rows().find((r) => r.getAttribute('aria-rowindex') === '5002');
    const expected = agreementsTable(big)({ query: { ...(deep[0] as TableQuery), offset: 5000, limit: 1 } }) as { rows: AgreementRow[] };
    expect(row5000?.textContent).toContain(expected.rows[0]?.title);
    expect(rows().length).toBeLessThan(40);
    typeInto(select('Currencies') as HTMLSelectElement, 'CLP');
    await waitFor(() => root.querySelector('.vt-count')?.textContent === '1,429 of 10,000 rows');
    const last = asked().at(-1);
    expect([last?.currency, last?.offset, last?.with_options]).toEqual(['CLP', 0, false]);
    // A new filter starts at the top.
    expect(rows()[0]?.getAttribute('aria-rowindex')).toBe('2');
  });

  it('sends the sort of a clicked header, reversed on a second click', async () => {
    const { log } = mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    const header = () => root.querySelector<HTMLElement>('[role="columnheader"]') as HTMLElement;
    act(() => header().querySelector('button')?.click());
    await waitFor(() => rows()[0]?.textContent?.includes('AWS Chile'));
    expect(header().getAttribute('aria-sort')).toBe('ascending');
    act(() => header().querySelector('button')?.click());
    expect(header().getAttribute('aria-sort')).toBe('descending');
    await waitFor(() => rows()[0]?.textContent?.includes('Microsoft Peru'));
    const sorts = log.filter((c) => c.cmd === 'agreement_rows_page').map((c) => {
      const q = (c.args as { query: TableQuery }).query;
      return `${q.sort} ${q.direction}`;
    });
    expect(sorts).toEqual(['next asc', 'title asc', 'title desc']);
  });

  it('ignores a stale answer and sends only the latest of the keys typed meanwhile', async () => {
    const table = agreementsTable(FIXTURES.rows);
    const pending: { search: string; resolve: () => void }[] = [];
    const slow: Handler = (args) => {
      const q = (args as { query: TableQuery }).query;
      if (q.search === '') return table(args);
      return new Promise((resolve) => pending.push({ search: q.search, resolve: () => resolve(table(args)) }));
    };
    mockShell({ agreement_rows_page: slow });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    const input = root.querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
    typeInto(input, 'a');
    await waitFor(() => pending.length === 1);
    typeInto(input, 'aw');
    typeInto(input, 'aws');
    typeInto(input, 'micro');
    // While "a" is in flight, nothing else is sent.
    expect(pending.map((p) => p.search)).toEqual(['a']);
    act(() => pending[0]?.resolve());
    // "a"'s answer is stale (not shown); only the latest, "micro", is sent next.
    await waitFor(() => pending.length === 2);
    expect(pending.map((p) => p.search)).toEqual(['a', 'micro']);
    expect(root.querySelector('.vt-count')?.textContent).toBe('3 rows');
    act(() => pending[1]?.resolve());
    await waitFor(() => rows().length === 1);
    expect(rows()[0]?.textContent).toContain('Microsoft Peru');
    expect(root.querySelector('.vt-count')?.textContent).toBe('1 of 3 rows');
  });

  it('asks again, around the same rows, when the data changes', async () => {
    const { log } = mockShell({ agreement_rows_page: agreementsTable(FIXTURES.rows) });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    await act(async () => {
      await emit('data-changed', null);
    });
    await waitFor(() => log.filter((c) => c.cmd === 'agreement_rows_page').length === 2);
    const q = (log.filter((c) => c.cmd === 'agreement_rows_page')[1]?.args as { query: TableQuery }).query;
    expect([q.offset, q.with_options]).toEqual([0, true]);
  });

  it('applies filters as a pure function', () => {
    const r = FIXTURES.rows;
    expect(applyFilters(r, { status: '', counterparty: '', owner: '', currency: '' })).toBe(r);
    expect(applyFilters(r, { status: 'active', counterparty: '', owner: '', currency: '' }).map((x) => x.id)).toEqual([3]);
    expect(applyFilters(r, { status: 'expired', counterparty: '', owner: '', currency: 'USD' }).map((x) => x.id)).toEqual([1]);
  });
});
