import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { AgreementRow } from '../bindings';
import { Agreements, applyFilters } from './Agreements';
import type { Route } from '../router';
import { FIXTURES, mockShell, typeInto, waitFor, testRoot } from '../test-support';

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
    mockShell({ agreement_rows: () => FIXTURES.rows });
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

  it('counts the contract owners still to complete and leads to People', async () => {
    mockShell({
      agreement_rows: () => FIXTURES.rows,
      people_directory: () => ({
        people: [],
        to_complete: [
          { name: 'Commercial Director', in_directory: false, agreements: FIXTURES.rows.map((r) => ({ id: r.id, title: r.title })) },
          { name: 'Head of Wholesale', in_directory: true, agreements: [] },
        ],
      }),
    });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    const banner = await waitFor(() => root.querySelector('[data-testid="owners-to-complete"]'));
    expect(banner.textContent).toBe('2 contract owners are still to complete: no email address, so no reminder by email. Complete them in People');
    act(() => {
      banner.querySelector('a')?.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    });
    expect(went).toEqual([{ view: 'people' }]);
  });

  it('shows no count when every owner has an address', async () => {
    mockShell({ agreement_rows: () => FIXTURES.rows });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => rows().length === 3);
    expect(root.querySelector('[data-testid="owners-to-complete"]')).toBeNull();
  });

  it('filters by status, counterparty, owner and currency, and searches', async () => {
    mockShell({ agreement_rows: () => FIXTURES.rows });
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
    mockShell({ agreement_rows: () => FIXTURES.rows });
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

  it('stays small with 10,000 agreements: only the visible rows are drawn', async () => {
    const big = many(10_000);
    mockShell({ agreement_rows: () => big });
    act(() => render(<Agreements navigate={(r) => went.push(r)} />, root));
    await waitFor(() => root.querySelector('.vt-count')?.textContent === '10,000 rows');
    expect(rows().length).toBeLessThan(40);
    const t0 = performance.now();
    typeInto(select('Currencies') as HTMLSelectElement, 'CLP');
    await waitFor(() => root.querySelector('.vt-count')?.textContent === '1,429 of 10,000 rows');
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('applies filters as a pure function', () => {
    const r = FIXTURES.rows;
    expect(applyFilters(r, { status: '', counterparty: '', owner: '', currency: '' })).toBe(r);
    expect(applyFilters(r, { status: 'active', counterparty: '', owner: '', currency: '' }).map((x) => x.id)).toEqual([3]);
    expect(applyFilters(r, { status: 'expired', counterparty: '', owner: '', currency: 'USD' }).map((x) => x.id)).toEqual([1]);
  });
});
