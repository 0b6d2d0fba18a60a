import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { HistoryEntry, LogEntry, Readings } from '../../bindings';
import { FIXTURES, testRoot } from '../../test-support';
import { HistoryCard } from './HistoryCard';
import { ReadingsCard } from './ReadingsCard';
import { RemindersCard } from './RemindersCard';

const root = testRoot();

describe('ReadingsCard (issue 16 item 5)', () => {
  it('lists what the core read as an assumption for the sample: the country from the title', () => {
    // Real core output: Microsoft Peru has no governing-law clause.
    act(() => render(<ReadingsCard readings={FIXTURES.page.readings} />, root));
    const items = [...root.querySelectorAll('[data-testid="assumption"]')].map((e) => e.textContent ?? '');
    expect(items.some((t) => t.startsWith('Jurisdiction (public holidays): Peru — the document has no governing-law'))).toBe(true);
    expect(root.textContent).not.toContain('None:');
  });

  it('shows a hand edit beside the document’s wording, who made it and the later-deadline warning', () => {
    const readings: Readings = {
      assumptions: [],
      hand_edits: [
        {
          field: 'Non-renewal notice period',
          original_quote: '90-day notice for non-renewal',
          original_value: '90 days',
          new_value: '60 days',
          by: 'Ana Torres',
          at: '2026-11-30T09:00:00.000Z',
          on: 'Mon 30 Nov 2026',
        },
      ],
      warnings: [
        'edited by hand (Non-renewal notice): the last day to act moves later, from Fri 1 Oct 2027 to Tue 2 Nov 2027; confirm against the signed contract before relying on the later date',
      ],
    };
    act(() => render(<ReadingsCard readings={readings} />, root));
    const edit = root.querySelector('[data-testid="hand-edit"]')?.textContent ?? '';
    expect(edit).toContain('Non-renewal notice period: 60 days (the document: 90 days) — edited by Ana Torres on Mon 30 Nov 2026.');
    expect(edit).toContain('“90-day notice for non-renewal”');
    expect(root.querySelector('[data-testid="readings-warning"]')?.textContent).toBe(
      '⚠ Edited by hand (Non-renewal notice): the last day to act moves later, from Fri 1 Oct 2027 to Tue 2 Nov 2027; confirm against the signed contract before relying on the later date',
    );
  });

  it('says so plainly when nothing was assumed or edited', () => {
    act(() => render(<ReadingsCard readings={{ assumptions: [], hand_edits: [], warnings: [] }} />, root));
    expect(root.textContent).toContain('None: every value was read from the document as written, and none was edited by hand.');
  });
});

describe('HistoryCard and RemindersCard speak people’s words (issue 16 item 7)', () => {
  it('shows the import of the sample with who made it, in words, without codes', () => {
    act(() => render(<HistoryCard history={FIXTURES.page.history} />, root));
    const text = root.textContent ?? '';
    expect(text).toContain('Imported');
    expect(root.querySelector('[data-testid="history-by"]')?.textContent).toBe('by Ana Torres');
    expect(text).toContain('Document: —');
  });

  it('groups changes by who made them and hides source-line bookkeeping', () => {
    const row = (id: number, field: string, words: Partial<HistoryEntry['words']>, actor: string | null): HistoryEntry => ({
      id,
      agreement_id: 3,
      at: '2026-11-30T09:00:00.000Z',
      action: 'edit',
      field,
      old_value: null,
      new_value: null,
      actor,
      words: { action: 'Edited', field: '', old: '—', new: '—', by: actor ?? 'not recorded', bookkeeping: false, ...words },
    });
    const history = [
      row(1, 'non_renewal_notice.value', { field: 'Non-renewal notice period', old: '90 days', new: '60 days' }, 'Ana Torres'),
      row(2, 'non_renewal_notice.source.line', { field: 'Non-renewal notice period: line in the document', bookkeeping: true }, 'Ana Torres'),
      row(3, 'contract_owner.value', { field: 'Contract owner', old: 'Legal', new: 'Commercial Director' }, null),
    ];
    act(() => render(<HistoryCard history={history} />, root));
    const by = [...root.querySelectorAll('[data-testid="history-by"]')].map((e) => e.textContent);
    expect(by).toEqual(['by not recorded', 'by Ana Torres']);
    const changes = [...root.querySelectorAll('[data-testid="history-change"]')].map((e) => e.textContent);
    expect(changes).toEqual(['Contract owner: Legal → Commercial Director', 'Non-renewal notice period: 90 days → 60 days']);
  });

  it('shows reminder steps and channels without codes', () => {
    const entry: LogEntry = {
      id: 1,
      agreement_id: 3,
      agreement: 'Microsoft Peru Partnership Agreement',
      event_id: 'next_review:2025-07-01',
      step: 'overdue-w72',
      event_date: '2025-07-01',
      due_on: '2026-11-23',
      label: 'Next review',
      state: 'delivered',
      note: null,
      claimed_at: '2026-11-23T09:00:00.000Z',
      attempts: 1,
      last_attempt_at: '2026-11-23T09:00:00.000Z',
      delivered_at: '2026-11-23T09:00:01.000Z',
      channel: 'desktop notification #4 (dunst 1.9.0)',
      failure: null,
      step_text: 'weekly overdue reminder',
      channel_text: 'desktop notification',
      by: 'Renewal Desk (reminder timer)',
    };
    act(() => render(<RemindersCard reminders={[entry]} />, root));
    const text = root.querySelector('tbody')?.textContent ?? '';
    expect(text).toContain('weekly overdue reminder');
    expect(text).toContain('desktop notification');
    expect(text).toContain('Renewal Desk (reminder timer)');
    expect(text).not.toContain('overdue-w72');
    expect(text).not.toContain('dunst');
  });
});
