import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { clearMocks } from '@tauri-apps/api/mocks';
import type { AgreementPage } from '../bindings';
import { AgreementDetail, historyValue } from './AgreementDetail';
import { FIXTURES, TEST_INFO, button, mockShell, typeInto, waitFor } from '../test-support';

let root: HTMLDivElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  clearMocks();
});

const INFO = { ...TEST_INFO, today: '2026-11-23', asOf: '2026-11-23', todayIsFixed: true };

function mount(): void {
  act(() => render(<AgreementDetail id={3} info={INFO} navigate={() => undefined} />, root));
}

const field = (name: string) => root.querySelector<HTMLElement>(`[data-field="${name}"]`) as HTMLElement;

/** The page after an edit of the contract owner, as the shell would return it. */
function edited(value: string): AgreementPage {
  const page = structuredClone(FIXTURES.page);
  const owner = page.editable.find((v) => v.field === 'contract_owner');
  if (owner) {
    owner.value = value;
    owner.source = { line: null, section: 'Edited in Renewal Desk', text: value };
  }
  page.history.push({
    id: 99,
    agreement_id: 3,
    at: '2026-11-23T10:15:00.000Z',
    action: 'edit',
    field: 'contract_owner.value',
    old_value: '"Commercial Director"',
    new_value: JSON.stringify(value),
  });
  return page;
}

describe('AgreementDetail (Microsoft Peru as of 2026-11-23)', () => {
  it('shows every key field with its source clause on hover and on expand', async () => {
    mockShell({ agreement_page: () => FIXTURES.page });
    mount();
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    expect(root.querySelector('h1')?.textContent).toBe('Microsoft Peru Partnership Agreement');
    expect(root.textContent).toContain('If nobody acts: renews on Friday 1 January 2027 for 12 months with a price review');
    const eff = field('effective_date');
    expect(eff.textContent).toContain('2023-01-01');
    const ref = eff.querySelector<HTMLButtonElement>('.source-ref') as HTMLButtonElement;
    expect(ref.textContent).toBe('line 10');
    expect(ref.getAttribute('title')).toContain('| Effective Date | 1 January 2023 |');
    act(() => ref.click());
    expect(eff.querySelector('.source-text')?.textContent).toContain('| Effective Date | 1 January 2023 |');
    expect(field('non_renewal_notice').textContent).toContain('90 days');
    expect(root.textContent).toContain('Termination rights');
    expect(root.textContent).toContain('Convenience');
  });

  it('lists the dated events and shows the workings of the notice deadline', async () => {
    mockShell({ agreement_page: () => FIXTURES.page });
    mount();
    const ev = await waitFor(() => root.querySelector<HTMLElement>('[data-event="non_renewal_notice_deadline:2027-10-02"]'));
    expect(ev.textContent).toContain('Fri 1 Oct 2027');
    expect(ev.textContent).toContain('(from Sat 2 Oct 2027)');
    expect(ev.querySelector('time')?.getAttribute('title')).toBe('2027-10-01');
    act(() => ev.querySelector<HTMLButtonElement>('[data-testid="workings-toggle"]')?.click());
    const workings = ev.querySelector('[data-testid="workings"]')?.textContent ?? '';
    expect(workings).toContain('Notice deadline = expiry − notice period = 2027-12-31 − 90 days = 2027-10-02 (rule 3)');
    expect(workings).toContain('rule 4');
    expect(root.querySelector('[data-event="non_renewal_notice_deadline:2026-10-02"]')?.textContent).toContain('Closed');
  });

  it('draws a timeline of terms, notice windows, price reviews and today', async () => {
    mockShell({ agreement_page: () => FIXTURES.page });
    mount();
    const svg = await waitFor(() => root.querySelector('[data-testid="timeline"]'));
    expect(svg.querySelectorAll('.tl-term').length).toBe(3);
    expect(svg.querySelectorAll('.tl-notice').length).toBe(2);
    expect(svg.querySelectorAll('.tl-price').length).toBe(2);
    expect(svg.querySelector('.tl-today title')?.textContent).toContain('Mon 23 Nov 2026');
  });

  it('edits a field: a clear message for a bad value, then the change in the history', async () => {
    let calls = 0;
    mockShell({
      agreement_page: () => FIXTURES.page,
      edit_field: (args) => {
        calls += 1;
        const { value, field: f } = args as { value: string; field: string };
        expect(f).toBe('contract_owner');
        if (value.includes('\n') || value === 'x'.repeat(501)) {
          throw { code: 'invalid_input', message: 'invalid contract_owner: longer than 500 characters' };
        }
        return edited(value);
      },
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    act(() => button(field('contract_owner'), 'Edit').click());
    const input = field('contract_owner').querySelector('input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    typeInto(input, 'x'.repeat(501));
    act(() => button(field('contract_owner'), 'Save').click());
    const err = await waitFor(() => field('contract_owner').querySelector('.field-error'));
    expect(err.textContent).toBe('longer than 500 characters');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    typeInto(input, 'Legal Director');
    act(() => button(field('contract_owner'), 'Save').click());
    await waitFor(() => field('contract_owner').querySelector('input') === null);
    expect(field('contract_owner').textContent).toContain('Legal Director');
    expect(root.querySelector('[data-testid="detail-status"]')?.textContent).toContain('Contract owner is now “Legal Director”');
    const history = root.querySelector('[data-testid="history"]')?.textContent ?? '';
    expect(history).toContain('Edited');
    expect(history).toContain('contract_owner.value: Commercial Director → Legal Director');
    expect(calls).toBe(2);
  });

  it('marks an event done, snoozes one and records a notice', async () => {
    const { log } = mockShell({
      agreement_page: () => FIXTURES.page,
      mark_done: () => FIXTURES.page,
      snooze: () => FIXTURES.page,
      record_notice: () => FIXTURES.page,
    });
    mount();
    const ev = await waitFor(() => root.querySelector<HTMLElement>('[data-event="obligation_due:2025-06-30:graph-api-integration"]'));
    act(() => button(ev, 'Mark done…').click());
    typeInto(ev.querySelector('input[type="text"]') as HTMLInputElement, 'Delivered by the integration team');
    act(() => button(ev, 'Mark done').click());
    await waitFor(() => log.some((c) => c.cmd === 'mark_done'));
    expect(log.find((c) => c.cmd === 'mark_done')?.args).toEqual({
      id: 3,
      eventId: 'obligation_due:2025-06-30:graph-api-integration',
      doneOn: '2026-11-23',
      note: 'Delivered by the integration team',
    });
    const notice = root.querySelector<HTMLElement>('[data-event="non_renewal_notice_deadline:2027-10-02"]') as HTMLElement;
    act(() => button(notice, 'Snooze…').click());
    act(() => button(notice, 'Snooze').click());
    await waitFor(() => log.some((c) => c.cmd === 'snooze'));
    expect(log.find((c) => c.cmd === 'snooze')?.args).toEqual({ id: 3, eventId: 'non_renewal_notice_deadline:2027-10-02', days: 7 });
    act(() => button(root, 'Record notice…').click());
    const form = root.querySelector('form[aria-label="Record a notice served"]') as HTMLFormElement;
    act(() => button(form, 'Record notice').click());
    await waitFor(() => log.some((c) => c.cmd === 'record_notice'));
    expect(log.find((c) => c.cmd === 'record_notice')?.args).toEqual({ id: 3, kind: 'non_renewal', servedOn: '2026-11-23', note: '' });
  });

  it('generates the brief, then opens it or saves it where the user chooses', async () => {
    const { log } = mockShell({
      agreement_page: () => FIXTURES.page,
      generate_brief: () => ({ path: '/home/u/.cache/briefs/ms.pdf', fileName: 'microsoft-peru-partnership-agreement.pdf', bytes: 31000 }),
      open_in_viewer: () => null,
      pick_save_path: () => '/home/u/Documents/brief.pdf',
      save_brief: () => null,
    });
    mount();
    const brief = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="brief"]'));
    act(() => button(brief, 'Generate brief').click());
    await waitFor(() => brief.querySelector('[data-testid="brief-path"]'));
    expect(brief.textContent).toContain('microsoft-peru-partnership-agreement.pdf');
    expect(brief.textContent).toContain('30 KB');
    act(() => button(brief, 'Open in PDF viewer').click());
    act(() => button(brief, 'Save as…').click());
    await waitFor(() => brief.querySelector('[data-testid="brief-saved"]'));
    expect(log.find((c) => c.cmd === 'open_in_viewer')?.args).toEqual({ path: '/home/u/.cache/briefs/ms.pdf' });
    expect(log.find((c) => c.cmd === 'pick_save_path')?.args).toEqual({ suggestedName: 'microsoft-peru-partnership-agreement.pdf' });
    expect(log.find((c) => c.cmd === 'save_brief')?.args).toEqual({ id: 3, path: '/home/u/Documents/brief.pdf' });
  });

  it('reads history values for people', () => {
    expect(historyValue('"2023-01-01"')).toBe('2023-01-01');
    expect(historyValue('true')).toBe('yes');
    expect(historyValue('{"amount":90,"unit":"days"}')).toBe('90 days');
    expect(historyValue('{"amount":1,"unit":"years"}')).toBe('1 year');
    expect(historyValue(null)).toBe('—');
  });
});
