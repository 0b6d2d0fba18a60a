import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { NewAgreement, NewAgreementPreview, TableQuery } from '../bindings';
import { existingQuery, FIND_LIMIT, NewAgreementCard } from './NewAgreementCard';
import { FIXTURES, agreementsTable, button, invalidAt, mockShell, settle, testRoot, typeInto, waitFor } from '../test-support';

const root = testRoot();

const input = (key: string): HTMLInputElement => root.querySelector<HTMLInputElement>(`[data-testid="new-${key}"] input`)!;

// What the core answers for the agreement typed below (as `renewals add` prints it):
// effective 1 April 2024, expiry 31 March 2027, 90 days' notice → Thu 31 Dec 2026.
const notice = FIXTURES.page.detail.events.find((e) => e.kind === 'non_renewal_notice_deadline')!;
const PREVIEW: NewAgreementPreview = {
  term_end: '2027-03-31',
  default_outcome: 'renews on Thu 1 Apr 2027 for 12 months',
  events: [
    {
      ...notice,
      id: 'non_renewal_notice_deadline:2026-12-31',
      date: '2026-12-31',
      unadjusted_date: '2026-12-31',
      days_from_today: 38,
      explanation: 'Last day to serve non-renewal notice so that the term ending 2027-03-31 does not renew: 2027-03-31 − 90 days = 2026-12-31',
    },
  ],
};

describe('New agreement', () => {
  it('checks as you type, shows the dates with workings, then saves', async () => {
    const previews: NewAgreement[] = [];
    const { log } = mockShell({
      preview_new_agreement: (args) => {
        const a = (args as { new: NewAgreement }).new;
        previews.push(a);
        if (a.notice === '90 dias') throw invalidAt({ field: 'non_renewal_notice' }, 'invalid non_renewal_notice: "dias" is not a unit: expected days, weeks, months or years', 'bad unit');
        return PREVIEW;
      },
      add_agreement: () => ({ id: 7, title: 'Lima Cold Storage Services Agreement', action: 'created', warnings: 0, changes: 0 }),
    });
    act(() => render(<NewAgreementCard navigate={() => undefined} />, root));
    typeInto(input('title'), 'Lima Cold Storage Services Agreement');
    typeInto(input('effective_date'), '2024-04-01');
    typeInto(input('expiry'), '2027-03-31');
    typeInto(input('renewal'), '12 months');
    typeInto(input('notice'), '90 dias');
    // The core's refusal is shown under the field it names; saving is off.
    await waitFor(() => root.querySelector('[data-testid="new-notice"] .field-error') !== null);
    expect(root.querySelector('[data-testid="new-notice"] .field-error')?.textContent).toContain('"dias" is not a unit');
    expect(input('notice').getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector<HTMLButtonElement>('[data-testid="new-agreement-save"]')!.disabled).toBe(true);

    typeInto(input('notice'), '90 days');
    const preview = await waitFor(() => root.querySelector('[data-testid="new-agreement-preview"]'));
    expect(preview.textContent).toContain('If nobody acts: renews on Thu 1 Apr 2027 for 12 months.');
    expect(preview.textContent).toContain('Non-renewal notice deadline');
    expect(preview.textContent).toContain('2027-03-31 − 90 days = 2026-12-31');
    expect(previews.at(-1)).toMatchObject({ title: 'Lima Cold Storage Services Agreement', effective_date: '2024-04-01', expiry: '2027-03-31', term: null, renewal: '12 months', notice: '90 days' });

    act(() => button(root, 'Save agreement').click());
    await waitFor(() => (root.querySelector('[role="status"]')?.textContent ?? '').includes('Saved #7'));
    expect(log.find((c) => c.cmd === 'add_agreement')?.args).toMatchObject({ new: { title: 'Lima Cold Storage Services Agreement', notice: '90 days' } });
    // The form is cleared for the next one.
    expect(input('title').value).toBe('');
  });

  it('duplicates an existing agreement: its terms copied, the title to fill', async () => {
    const { log } = mockShell({
      agreement_rows_page: agreementsTable([
        { ...FIXTURES.rows[0]!, id: 3, title: 'Microsoft Peru Partnership Agreement' },
        { ...FIXTURES.rows[0]!, id: 4, title: 'AWS Chile Partnership Agreement', counterparty: 'Amazon Web Services' },
      ]),
      new_agreement_from: () => ({
        title: '',
        counterparty: 'Microsoft Corporation',
        parties: 'MiFibra Communications PLC / Microsoft Corporation',
        owner: 'Commercial Director',
        country: 'PE',
        effective_date: '2023-01-01',
        term: '3 years',
        expiry: null,
        renewal: '12 months',
        notice: '90 days',
        convenience: '180 days',
        price_review: 'at each renewal',
        next_review: null,
        value: null,
        currency: null,
      }),
      preview_new_agreement: () => PREVIEW,
    });
    act(() => render(<NewAgreementCard navigate={() => undefined} />, root));
    typeInto(root.querySelector<HTMLInputElement>('#new-find')!, 'microsoft');
    const select = await waitFor(() => root.querySelector<HTMLSelectElement>('#new-from'));
    // Only what the search found, the first preselected.
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['Microsoft Peru Partnership Agreement']);
    expect(select.value).toBe('3');
    act(() => button(root, 'Duplicate').click());
    await waitFor(() => input('counterparty').value === 'Microsoft Corporation');
    expect(log.find((c) => c.cmd === 'new_agreement_from')?.args).toEqual({ id: 3 });
    expect(input('title').value).toBe('');
    expect(input('effective_date').value).toBe('2023-01-01');
    expect(input('term').value).toBe('3 years');
    expect(input('notice').value).toBe('90 days');
    expect(input('convenience').value).toBe('180 days');
  });

  it('asks for no agreement until a search is typed, then for a few matches only', async () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({ ...FIXTURES.rows[0]!, id: i + 1, title: `Supply agreement ${i + 1}` }));
    const { log } = mockShell({ agreement_rows_page: agreementsTable(rows) });
    act(() => render(<NewAgreementCard navigate={() => undefined} />, root));
    await settle();
    // Opening the form fetches no agreement (at 100,000 every row was 46.6 MB).
    expect(log.filter((c) => c.cmd.startsWith('agreement_rows'))).toEqual([]);
    expect(root.querySelector('#new-from')).toBeNull();

    typeInto(root.querySelector<HTMLInputElement>('#new-find')!, 'supply');
    const select = await waitFor(() => root.querySelector<HTMLSelectElement>('#new-from'));
    expect(select.options.length).toBe(FIND_LIMIT);
    expect(select.options[0]?.textContent).toBe('Supply agreement 1');
    expect(root.querySelector('[data-testid="new-from-more"]')?.textContent).toBe('20 of 45: type more to narrow');
    const asked = log.filter((c) => c.cmd === 'agreement_rows_page').map((c) => (c.args as { query: TableQuery }).query);
    expect(asked).toEqual([existingQuery('supply')]);
    expect(log.some((c) => c.cmd === 'agreement_rows')).toBe(false);

    typeInto(root.querySelector<HTMLInputElement>('#new-find')!, 'nothing like it');
    await waitFor(() => (root.querySelector('[data-testid="new-agreement-duplicate"] [role="status"]')?.textContent ?? '').includes('No agreement matches'));
    expect(root.querySelector('#new-from')).toBeNull();
    expect(button(root, 'Duplicate').disabled).toBe(true);
  });
});
