import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { emit } from '@tauri-apps/api/event';
import type { AgreementPage } from '../bindings';
import { AgreementDetail } from './AgreementDetail';
import { FIXTURES, TEST_INFO, button, invalidAt, mockShell, settle, typeInto, waitFor, testRoot } from '../test-support';

const root = testRoot();

const INFO = { ...TEST_INFO, realToday: '2026-11-23', asOf: '2026-11-23', realTodayIsFixed: true };

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
    actor: 'Ana Torres',
    words: { action: 'Edited', field: 'Contract owner', old: 'Commercial Director', new: value, by: 'Ana Torres', bookkeeping: false },
  });
  return page;
}

describe('AgreementDetail (Microsoft Peru as of 2026-11-23)', () => {
  it('shows every key field with its source clause on hover and on expand', async () => {
    mockShell({ agreement_page: () => FIXTURES.page });
    mount();
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    expect(root.querySelector('h1')?.textContent).toBe('Microsoft Peru Partnership Agreement');
    expect(root.textContent).toContain('If nobody acts: renews on Sat 1 Jan 2028 for 12 months with a price review');
    // The decision at hand, as the dashboard and the brief state it (issue 16 item 1).
    const decision = root.querySelector('[data-testid="decision-at-hand"]');
    expect(decision?.textContent).toContain('Let it renew on Sat 1 Jan 2028, or stop the renewal by serving notice of non-renewal');
    expect(decision?.textContent).toContain('Act by Fri 1 Oct 2027');
    expect(decision?.textContent).toContain('the window closes Sat 2 Oct 2027');
    expect(root.querySelector('[data-testid="locked-in"]')?.textContent).toBe('Already locked in: the renewal of Fri 1 Jan 2027');
    expect(decision?.textContent).toContain('Options: Renew · Renegotiate · Exit');
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
    // Terms 1–3 and term 4, the one being decided (issue 16 item 2).
    expect(svg.querySelectorAll('.tl-term').length).toBe(4);
    expect(svg.querySelectorAll('.tl-term-decided').length).toBe(1);
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
          throw invalidAt({ field: 'contract_owner' }, 'invalid contract_owner: longer than 500 characters', 'longer than 500 characters');
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
    expect(history).toContain('Contract owner: Commercial Director → Legal Director');
    expect(history).toContain('by Ana Torres');
    expect(history).not.toContain('contract_owner.value');
    expect(calls).toBe(2);
  });

  it('shows the internal decide-by date and sets the lead time through the edit path (issue 16 item 3)', async () => {
    const edits: string[] = [];
    mockShell({
      agreement_page: () => FIXTURES.page,
      edit_field: (args) => {
        const { value, field: f } = args as { value: string; field: string };
        expect(f).toBe('lead_time_days');
        edits.push(value);
        if (value === '400') {
          throw invalidAt(
            { field: 'lead_time_days' },
            'invalid lead_time_days: 400 days is more than a year: expected a whole number of days from 0 to 365 (0 turns the internal decide-by date off)',
            '400 days is more than a year: expected a whole number of days from 0 to 365 (0 turns the internal decide-by date off)',
          );
        }
        // What the core returns after the edit (its arithmetic is tested in Rust).
        const page = structuredClone(FIXTURES.page);
        const lead = page.editable.find((v) => v.field === 'lead_time_days');
        if (lead) lead.value = value;
        page.detail.decide_by_text = 'Decide by (internal, 45 days ahead): Tue 17 Aug 2027';
        return page;
      },
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    const decision = root.querySelector('[data-testid="decision-at-hand"]') as HTMLElement;
    const text = decision.textContent ?? '';
    expect(root.querySelector('[data-testid="decide-by"]')?.textContent).toBe('Decide by (internal, 30 days ahead): Wed 1 Sep 2027');
    // The legal deadline comes first.
    expect(text.indexOf('Act by Fri 1 Oct 2027')).toBeLessThan(text.indexOf('Decide by (internal'));
    expect(root.querySelector('[data-testid="next-step"]')?.textContent).toBe(
      'Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027',
    );
    const lead = field('lead_time_days');
    expect(lead.querySelector('dt')?.textContent).toBe('Internal lead time (days)');
    expect(lead.querySelector('[data-testid="value-lead_time_days"]')?.textContent).toBe('30');
    act(() => button(lead, 'Edit').click());
    const input = lead.querySelector('input') as HTMLInputElement;
    typeInto(input, '400');
    act(() => button(lead, 'Save').click());
    const err = await waitFor(() => field('lead_time_days').querySelector('.field-error'));
    expect(err.textContent).toContain('from 0 to 365');
    typeInto(input, '45');
    act(() => button(field('lead_time_days'), 'Save').click());
    await waitFor(() => field('lead_time_days').querySelector('input') === null);
    expect(field('lead_time_days').textContent).toContain('45');
    expect(root.querySelector('[data-testid="decide-by"]')?.textContent).toBe('Decide by (internal, 45 days ahead): Tue 17 Aug 2027');
    expect(edits).toEqual(['400', '45']);
  });

  it('edits a clause table row by row: change, a named bad cell, add, remove with confirmation', async () => {
    const term = FIXTURES.page.tables.find((t) => t.table === 'termination_rights');
    if (!term) throw new Error('fixture has termination rights');
    const convenience = term.rows.find((r) => r.cells['kind'] === 'convenience');
    if (!convenience) throw new Error('fixture has a convenience row');
    const { log } = mockShell({
      agreement_page: () => FIXTURES.page,
      edit_row: (args) => {
        const { edit } = args as { edit: { op: string; cells?: Record<string, string> } };
        if (edit.cells?.['cure_period'] === 'thirty days') {
          throw invalidAt(
            { table: 'termination_rights', row: 0, column: 'cure_period' },
            'invalid termination_rights.0.cure_period: Termination rights row 1, Cure period: "thirty" is not a whole number',
            'Termination rights row 1, Cure period: "thirty" is not a whole number',
          );
        }
        return FIXTURES.page;
      },
    });
    mount();
    const table = await waitFor(() => root.querySelector<HTMLElement>('[data-table="termination_rights"]'));
    expect(table.querySelector('caption')?.textContent).toBe('Termination rights');
    const row = table.querySelector<HTMLElement>(`tr[data-row="${convenience.index}"]`) as HTMLElement;
    expect(row.textContent).toContain('180 days');
    expect(row.querySelector('.source-ref')?.textContent).toMatch(/^line \d+$/);

    // Change the notice of the convenience row.
    act(() => button(row, 'Edit').click());
    const form = table.querySelector<HTMLFormElement>('[data-testid="row-form-termination_rights"]') as HTMLFormElement;
    const input = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`) as HTMLInputElement;
    expect(document.activeElement).toBe(input('scenario'));
    expect(input('notice').value).toBe('180 days');
    expect((form.querySelector('select[name="kind"]') as HTMLSelectElement).value).toBe('convenience');
    typeInto(input('notice'), '90 days');
    act(() => button(form, 'Save row').click());
    await waitFor(() => log.some((c) => c.cmd === 'edit_row'));
    expect(log.find((c) => c.cmd === 'edit_row')?.args).toEqual({
      id: 3,
      table: 'termination_rights',
      edit: { op: 'update', index: convenience.index, cells: { ...convenience.cells, notice: '90 days' } },
    });
    await waitFor(() => table.querySelector('[data-testid="row-form-termination_rights"]') === null);
    expect(root.querySelector('[data-testid="detail-status"]')?.textContent).toContain(
      `Row ${convenience.index + 1} changed in termination rights. The change is in the history.`,
    );

    // Add a row with a bad cure period: the message names it and the form stays open.
    act(() => button(table, 'Add row').click());
    const add = table.querySelector<HTMLFormElement>('[data-testid="row-form-termination_rights"]') as HTMLFormElement;
    typeInto(add.querySelector('[name="scenario"]') as HTMLInputElement, 'Material breach');
    typeInto(add.querySelector('[name="cure_period"]') as HTMLInputElement, 'thirty days');
    act(() => button(add, 'Add row').click());
    const err = await waitFor(() => add.querySelector('[data-testid="row-error"]'));
    expect(err.textContent).toBe('Termination rights row 1, Cure period: "thirty" is not a whole number');
    expect(add.querySelector('[name="cure_period"]')?.getAttribute('aria-invalid')).toBe('true');
    expect(add.querySelector('[name="scenario"]')?.getAttribute('aria-invalid')).toBe('false');
    typeInto(add.querySelector('[name="cure_period"]') as HTMLInputElement, '30 days');
    act(() => button(add, 'Add row').click());
    await waitFor(() => log.filter((c) => c.cmd === 'edit_row').length === 3);
    expect(log.filter((c) => c.cmd === 'edit_row')[2]?.args['edit']).toEqual({
      op: 'add',
      cells: { scenario: 'Material breach', kind: '', notice: '', cure_period: '30 days', consequence: '' },
    });

    // Remove asks first, then sends the row's index.
    await waitFor(() => table.querySelector('[data-testid="row-form-termination_rights"]') === null);
    act(() => button(table.querySelector('tr[data-row="0"]') as HTMLElement, 'Remove').click());
    const confirm = table.querySelector<HTMLElement>('[role="alertdialog"]') as HTMLElement;
    expect(confirm.textContent).toContain('The history keeps what it said.');
    act(() => button(confirm, 'Remove row').click());
    await waitFor(() => log.filter((c) => c.cmd === 'edit_row').length === 4);
    expect(log.filter((c) => c.cmd === 'edit_row')[3]?.args['edit']).toEqual({ op: 'remove', index: 0 });

    // An empty table offers to fill it; amounts show as money with their currency.
    const exits = root.querySelector<HTMLElement>('[data-table="exit_rights"]') as HTMLElement;
    expect(exits.textContent).toContain('none stated');
    expect(button(exits, 'Add row').getAttribute('aria-label')).toBe('Add a row to Exit rights');
    const total = root.querySelector<HTMLElement>('[data-table="total_commitment"]') as HTMLElement;
    expect(total.textContent).toMatch(/(S\/|US\$)\s?[\d,]+/);
    expect(total.textContent).not.toContain('Add row');
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

  it('records the decision: only the choices the agreement allows, a target date for a renegotiation, and a refusal named at the form', async () => {
    let refuse = true;
    const { log } = mockShell({
      agreement_page: () => FIXTURES.page,
      record_decision: () => {
        if (refuse) {
          refuse = false;
          throw { code: 'invalid', message: 'target_date: Fri 1 Oct 2027 is outside the time left to act', reason: 'outside the time left to act', location: { kind: 'field', field: 'target_date' } };
        }
        return FIXTURES.page;
      },
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="decision-at-hand"]'));
    act(() => button(root, 'Record decision…').click());
    const form = root.querySelector('[data-testid="decision-form"]') as HTMLFormElement;
    const radios = [...form.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value);
    expect(radios).toEqual(['renew', 'renegotiate', 'exit']);
    act(() => (form.querySelector('input[value="renegotiate"]') as HTMLInputElement).click());
    const date = form.querySelector('input[type="date"]') as HTMLInputElement;
    expect(date.value).toBe('2027-10-01');
    typeInto(form.querySelector('input[name="reason"]') as HTMLInputElement, 'Volumes below the year-3 commitment');
    act(() => button(form, 'Record decision').click());
    await waitFor(() => form.querySelector('.field-error'));
    expect(form.querySelector('.field-error')?.textContent).toContain('outside the time left to act');
    act(() => button(form, 'Record decision').click());
    await waitFor(() => log.filter((c) => c.cmd === 'record_decision').length === 2);
    expect(log.filter((c) => c.cmd === 'record_decision')[1]?.args).toEqual({
      id: 3,
      choice: 'renegotiate',
      targetDate: '2027-10-01',
      reason: 'Volumes below the year-3 commitment',
    });
    await waitFor(() => !root.querySelector('[data-testid="decision-form"]'));
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

  it('reloads when a notification button recorded something or reminders ran', async () => {
    let done = false;
    const { calls } = mockShell({ agreement_page: () => (done ? edited('Marked from a notification') : FIXTURES.page) });
    mount();
    await waitFor(() => root.querySelector('[data-testid="agreement-detail"]'));
    done = true;
    await act(async () => {
      await emit('data-changed', null);
      await settle();
    });
    await waitFor(() => field('contract_owner').textContent?.includes('Marked from a notification'));
    await act(async () => {
      await emit('reminders-ran', { reason: 'manual', finishedAt: '2026-11-23T10:00:00+00:00', notified: 1, failed: 0, failure: null, nextDeadline: null });
      await settle();
    });
    await waitFor(() => calls.filter((c) => c === 'agreement_page').length === 3);
  });

  it('confirms a warning: it leaves the list and the change is in the history', async () => {
    // The real warnings of AWS Chile's import, on the page of the fixture.
    const warnings = FIXTURES.importReport.results.find((r) => r.file === 'aws-chile-wom.md')?.warnings ?? [];
    expect(warnings.length).toBe(3);
    const before = structuredClone(FIXTURES.page);
    before.detail.warnings = warnings;
    const after = structuredClone(FIXTURES.page);
    after.detail.warnings = warnings.slice(1);
    after.history.push({
      id: 98,
      agreement_id: 3,
      at: '2026-11-23T10:20:00.000Z',
      action: 'confirm',
      field: 'warnings.0',
      old_value: JSON.stringify(warnings[0]),
      new_value: null,
      actor: null,
      words: {
        action: 'Confirmed',
        field: 'Warning 1',
        old: `to confirm: ${warnings[0]?.message ?? '?'}`,
        new: '—',
        by: 'not recorded',
        bookkeeping: false,
      },
    });
    const { log } = mockShell({ agreement_page: () => before, confirm_warning: () => after });
    mount();
    const card = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="warnings"]'));
    const first = card.querySelector<HTMLElement>('[data-testid="warning"]') as HTMLElement;
    expect(first.textContent).toContain(warnings[0]?.message ?? '?');
    act(() => button(first, 'Confirmed').click());
    await waitFor(() => log.some((c) => c.cmd === 'confirm_warning'));
    expect(log.find((c) => c.cmd === 'confirm_warning')?.args).toEqual({ id: 3, index: 0 });
    await waitFor(() => root.querySelector('[data-testid="detail-status"]')?.textContent?.includes('The history keeps it.'));
    expect(root.querySelectorAll('[data-testid="warning"]').length).toBe(warnings.length - 1);
    const history = root.querySelector('[data-testid="history"]')?.textContent ?? '';
    expect(history).toContain('Confirmed');
    expect(history).toContain(`Warning 1: to confirm: ${warnings[0]?.message ?? '?'} → —`);
    expect(history).toContain('by not recorded');
  });

  it('says the document is silent on how notice is served, as the brief does', async () => {
    mockShell({ agreement_page: () => FIXTURES.page });
    mount();
    const card = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="serving-notice"]'));
    expect(card.querySelector('h2')?.textContent).toBe('Serving notice');
    expect(card.querySelector('[data-testid="serving-notice-silent"]')?.textContent).toBe(
      'The document does not say how notice is served: check the signed contract.',
    );
    expect(card.querySelectorAll('li').length).toBe(0);
  });

  it('shows who may serve notice, in what form, to whom and how, quoting the notices clause', async () => {
    const clause = '14.2 Notices. All notices shall be in writing and delivered by hand or courier to the addresses set out above.';
    const page = structuredClone(FIXTURES.page);
    page.detail.serving_notice = {
      stated: true,
      summary: 'In writing; to the addresses set out above; by hand or courier (line 14). Not stated: who may serve, deemed received.',
      parts: [
        { label: 'Form', text: 'In writing', quote: null, source: null },
        { label: 'To whom', text: 'To the addresses set out above', quote: null, source: null },
        { label: 'How', text: 'By hand or courier', quote: clause, source: 'Source: line 14 · Notices' },
        { label: 'Who may serve', text: 'Not stated in the document: check the signed contract.', quote: null, source: null },
      ],
    };
    mockShell({ agreement_page: () => page });
    mount();
    const card = await waitFor(() => root.querySelector<HTMLElement>('[data-testid="serving-notice"]'));
    expect(card.querySelector('[data-testid="serving-notice-silent"]')).toBeNull();
    const items = [...card.querySelectorAll<HTMLElement>('li')];
    expect(items.map((li) => li.dataset.part)).toEqual(['Form', 'To whom', 'How', 'Who may serve']);
    expect(items[0]?.textContent).toBe('Form: In writing');
    const how = items[2] as HTMLElement;
    expect(how.textContent).toContain('How: By hand or courier');
    // The quotation and its source line, once, under the last part read from the clause.
    expect(card.querySelectorAll('blockquote').length).toBe(1);
    expect(how.querySelector('blockquote')?.textContent).toBe(`“${clause}”Source: line 14 · Notices`);
    expect(items[3]?.textContent).toBe('Who may serve: Not stated in the document: check the signed contract.');
  });
});
