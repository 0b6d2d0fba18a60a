/**
 * The reference the app's agreements table (renewal-core's services::table) is checked
 * against: for a set of rows, the page's own search text, order of every column in both
 * directions and searches, as the page computed them when it held every row. Written to
 * table-reference.json by `npx vitest run -u src/views/table-reference.test.ts`; this test
 * fails when the page's semantics change without it, and renewal-core's tests read the
 * same file.
 */
import { describe, expect, it } from 'vitest';
import type { AgreementRow } from '../bindings';
import { filterRows, rowHaystack, sortRows } from '../components/VirtualTable';
import { FIXTURES } from '../test-support';
import { COLUMNS } from './Agreements';

function rows(): AgreementRow[] {
  const [a, b, c] = FIXTURES.rows as [AgreementRow, AgreementRow, AgreementRow];
  const more: Partial<AgreementRow>[] = [
    { title: 'Ñandú Logística 2', counterparty: 'Álvarez & Hijos', contract_owner: 'ana pérez', currency: 'CLP', value: { amount: '1250000', currency: 'CLP' } },
    { title: 'nandu logistica 10', counterparty: 'alvarez & hijos', contract_owner: null, currency: null, value: null, next_deadline: null, next_deadline_label: null, next_deadline_days: null },
    { title: 'Zeta-1 Supply', counterparty: null, contract_owner: 'Ana Perez', currency: 'EUR', value: { amount: '1250.5', currency: 'EUR' }, status: 'terminated' },
    { title: 'zeta 1 supply', counterparty: 'O\'Neil Ltd.', currency: 'USD', value: { amount: '980.00', currency: 'USD' }, next_notice_deadline: '2026-12-01', status: 'incomplete' },
    { title: 'Straße Services', counterparty: 'Strasse GmbH', currency: 'EUR', value: { amount: '0.00', currency: 'EUR' }, next_deadline: '2031-02-28', next_deadline_label: 'Term ends', next_notice_deadline: null },
    { title: '(Draft) Lima storage', counterparty: '', contract_owner: '', currency: 'PEN', value: { amount: '15000000', currency: 'PEN' }, next_deadline: '2026-12-27' },
  ];
  const extra = more.map((m, i) => ({ ...(i % 2 ? b : c), ...m, id: 10 + i }) as AgreementRow);
  return [a, b, c, ...extra];
}

const SEARCHES = ['', 'partnership', 'PERU  agreement', 'dec 2026', 'us$', 's/ 15,000', 'nandu', 'ñandú', 'alvarez &', 'expired exit', 'sun 27', 'zeta'];

function reference() {
  const rs = rows();
  const orders: Record<string, number[]> = {};
  for (const c of COLUMNS) {
    for (const dir of ['asc', 'desc'] as const) orders[`${c.key} ${dir}`] = sortRows(rs, c, dir).map((r) => r.id);
  }
  const byNext = sortRows(rs, COLUMNS.find((c) => c.key === 'next'), 'asc');
  const searches: Record<string, number[]> = {};
  for (const q of SEARCHES) searches[q] = filterRows(byNext, (r) => rowHaystack(r, COLUMNS), q).map((r) => r.id);
  return { rows: rs, haystacks: rs.map((r) => rowHaystack(r, COLUMNS)), orders, searches };
}

describe('the agreements table reference', () => {
  it('is what the page computes', async () => {
    await expect(`${JSON.stringify(reference(), null, 1)}\n`).toMatchFileSnapshot('./table-reference.json');
  });
});
