import { beforeEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import type { ReviewPage } from '../bindings';
import { resetReadyForTests } from '../lib/ready';
import type { Route } from '../router';
import { FIXTURES, button, invalidAt, mockShell, typeInto, waitFor, testRoot } from '../test-support';
import { BLOCK, LINE_HEIGHT, Review, nextInQueue } from './Review';

const root = testRoot();
let went: Route[];
beforeEach(() => {
  resetReadyForTests();
  went = [];
});

/** The real review page of corpus PDF 41 (SUPPLY AGREEMENT), copied so a test may change it. */
function fixture(): ReviewPage {
  return structuredClone(FIXTURES.review);
}

/** `page` after a person confirmed `field` as read: its warnings gone, status confirmed. */
function confirmed(page: ReviewPage, field: string): ReviewPage {
  const p = structuredClone(page);
  for (const v of p.values) {
    if (v.field === field) {
      p.to_confirm -= v.warnings.length;
      v.warnings = [];
      v.status = 'confirmed';
    }
  }
  p.provisional = p.provisional.filter((f) => f !== field);
  return p;
}

/** Mounts the Review page of agreement `id` (`null`: the first of the queue). */
function mount(id: number | null = 1): void {
  act(() => render(<Review id={id ?? undefined} navigate={(r) => went.push(r)} />, root));
}

const row = (field: string): HTMLElement => {
  const el = root.querySelector<HTMLElement>(`[data-testid="review-value"][data-field="${field}"]`);
  if (!el) throw new Error(`no value ${field}`);
  return el;
};

function key(k: string, target: Element = document.activeElement ?? root): void {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
}

describe('Review (corpus PDF 41, SUPPLY AGREEMENT)', () => {
  it('shows the text with line numbers beside the values, and highlights the source of the value to confirm', async () => {
    mockShell({ review_page: () => FIXTURES.review });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    expect(root.querySelector('h1')?.textContent).toBe('Review: SUPPLY AGREEMENT');
    expect(root.querySelector('.rv-doc h2')?.textContent).toBe('41-supply-agreement-spain-en.pdf');
    expect(root.textContent).toContain('2 points to confirm');
    expect(root.textContent).toContain('Provisional: initial term');
    // The initial term, read with low confidence, is the first to confirm: it is active.
    const term = row('initial_term');
    expect(term.getAttribute('aria-current')).toBe('true');
    expect(term.textContent).toContain('3 years');
    expect(term.textContent).toContain('Low confidence');
    expect(term.textContent).toContain('To confirm');
    expect(term.textContent).toContain('line 15 · page 1');
    // Its source: the quoted sentence on line 15, marked within the line.
    const line15 = root.querySelector('[data-line="15"]');
    expect(line15?.classList.contains('is-source')).toBe(true);
    expect(line15?.querySelector('mark')?.textContent).toBe(
      'This Agreement is effective as of 2025-02-01 and shall remain in force for three (3) years.',
    );
    expect(line15?.querySelector('.rv-num')?.textContent).toBe('p.115');
    expect(line15?.querySelector('.rv-page')?.textContent).toBe('p.1');
    // A value the document does not state.
    expect(row('contract_owner').textContent).toContain('Not stated in the document');
    expect(button(row('contract_owner'), 'Fill')).toBeTruthy();
    // A value read with high confidence: nothing to accept.
    expect(row('country').textContent).toContain('Spain');
    expect(row('country').textContent).toContain('Read');
    expect(row('country').querySelector('button')?.textContent).toBe('Correct');
  });

  it('marks where each page of a PDF begins', async () => {
    const paged = fixture();
    paged.page_starts = [1, 20];
    mockShell({ review_page: () => paged });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    expect(root.querySelector('.rv-doc header')?.textContent).toContain("2 pages: each page's first line is marked");
    const line20 = root.querySelector('[data-line="20"]');
    expect(line20?.classList.contains('is-page-start')).toBe(true);
    expect(line20?.getAttribute('title')).toBe('Page 2 begins here');
    expect(line20?.querySelector('.rv-page')?.textContent).toBe('p.2');
    expect(root.querySelector('[data-line="19"]')?.classList.contains('is-page-start')).toBe(false);
    expect(root.querySelector('[data-line="1"]')?.getAttribute('data-page-start')).toBe('1');
  });

  it('moves between the values to confirm with j/k and accepts with Enter; the history gets a confirm', async () => {
    const { log } = mockShell({
      review_page: () => FIXTURES.review,
      review_confirm_field: (args) => confirmed(FIXTURES.review, String((args as { field: string }).field)),
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    act(() => row('initial_term').focus());
    key('j');
    expect(row('expiry_date').getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(row('expiry_date'));
    key('k');
    expect(document.activeElement).toBe(row('initial_term'));
    key('ArrowDown');
    expect(document.activeElement).toBe(row('expiry_date'));
    key('ArrowUp');
    key('Enter');
    await waitFor(() => row('initial_term').textContent?.includes('Confirmed'));
    expect(log.find((c) => c.cmd === 'review_confirm_field')?.args).toEqual({ id: 1, field: 'initial_term' });
    // On to the next value still to confirm; the dates are no longer provisional.
    await waitFor(() => row('expiry_date').getAttribute('aria-current') === 'true');
    expect(root.textContent).toContain('1 point to confirm');
    expect(root.textContent).toContain('Dates confirmed');
  });

  it('corrects a value: a refusal names what is expected, Esc cancels, a good value is saved', async () => {
    let tries = 0;
    const { log } = mockShell({
      review_page: () => FIXTURES.review,
      review_edit_field: (args) => {
        const { value } = args as { value: string };
        tries += 1;
        if (value === '3 decades') {
          throw invalidAt(
            { field: 'initial_term' },
            'invalid initial_term: "decade" is not a unit: expected days, weeks, months or years',
            '"decade" is not a unit: expected days, weeks, months or years',
          );
        }
        const p = confirmed(FIXTURES.review, 'initial_term');
        const v = p.values.find((x) => x.field === 'initial_term');
        if (v) {
          v.value = value;
          v.status = 'edited';
          v.span = null;
        }
        return p;
      },
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    act(() => row('initial_term').focus());
    key('e');
    const input = await waitFor(() => row('initial_term').querySelector<HTMLInputElement>('input'));
    expect(document.activeElement).toBe(input);
    expect(row('initial_term').textContent).toContain('Expects a period: 90 days, 12 months, 3 years.');
    typeInto(input, '3 decades');
    act(() => button(row('initial_term'), 'Save').click());
    const alert = await waitFor(() => row('initial_term').querySelector('[role="alert"]'));
    expect(alert.textContent).toBe('"decade" is not a unit: expected days, weeks, months or years');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    key('Escape', input);
    expect(row('initial_term').querySelector('input')).toBeNull();
    expect(document.activeElement).toBe(row('initial_term'));
    act(() => button(row('initial_term'), 'Correct').click());
    const again = await waitFor(() => row('initial_term').querySelector<HTMLInputElement>('input'));
    typeInto(again, '36 months');
    act(() => button(row('initial_term'), 'Save').click());
    await waitFor(() => row('initial_term').textContent?.includes('Corrected'));
    expect(row('initial_term').textContent).toContain('36 months');
    expect(tries).toBe(2);
    expect(log.filter((c) => c.cmd === 'review_edit_field').map((c) => c.args)).toEqual([
      { id: 1, field: 'initial_term', value: '3 decades' },
      { id: 1, field: 'initial_term', value: '36 months' },
    ]);
  });

  it('fills a value the document left out', async () => {
    const { log } = mockShell({
      review_page: () => FIXTURES.review,
      review_edit_field: () => FIXTURES.review,
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    act(() => button(row('contract_owner'), 'Fill').click());
    const input = await waitFor(() => row('contract_owner').querySelector<HTMLInputElement>('input'));
    typeInto(input, 'Ana Torres');
    act(() => button(row('contract_owner'), 'Save').click());
    await waitFor(() => log.some((c) => c.cmd === 'review_edit_field'));
    expect(log.find((c) => c.cmd === 'review_edit_field')?.args).toEqual({ id: 1, field: 'contract_owner', value: 'Ana Torres' });
  });

  it('focusing a value scrolls the text to its source', async () => {
    const big = fixture();
    // A 100-page contract: 5,000 lines; the country read on line 4,321.
    big.lines = Array.from({ length: 5000 }, (_, i) => `Clause text of line ${i + 1}`);
    big.total_lines = 5000;
    const country = big.values.find((v) => v.field === 'country');
    if (!country?.span) throw new Error('fixture changed');
    country.span = { ...country.span, line: 4321, line_end: 4321, start_column: 0, end_column: 10 };
    mockShell({ review_page: () => big });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    // Virtualised: only the lines near the view are in the page.
    const shown = root.querySelectorAll('.rv-line').length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(80);
    act(() => row('country').focus());
    const scroller = root.querySelector<HTMLElement>('[data-testid="review-text"]');
    await waitFor(() => root.querySelector('[data-line="4321"]'));
    expect(scroller?.scrollTop).toBe(4320 * LINE_HEIGHT - Math.round(560 / 3));
    expect(root.querySelector('[data-line="4321"] mark')?.textContent).toBe('Clause tex');
    expect(root.querySelector('[data-line="15"]')).toBeNull();
  });

  it('asks for the lines of a long document a block at a time, as they come into view', async () => {
    const all = Array.from({ length: 5000 }, (_, i) => `Clause text of line ${i + 1}`);
    const big = fixture();
    big.lines = all.slice(0, 300);
    big.total_lines = 5000;
    const country = big.values.find((v) => v.field === 'country');
    if (!country?.span) throw new Error('fixture changed');
    country.span = { ...country.span, line: 4321, line_end: 4321, start_column: 7, end_column: 11 };
    const { log } = mockShell({
      review_page: () => big,
      review_lines: (args) => {
        const { first, count } = args as { first: number; count: number };
        return { first, lines: all.slice(first - 1, first - 1 + count) };
      },
    });
    mount();
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    expect(log.filter((c) => c.cmd === 'review_lines')).toHaveLength(0);
    act(() => row('country').focus());
    await waitFor(() => root.querySelector('[data-line="4321"] mark'));
    expect(root.querySelector('[data-line="4321"] mark')?.textContent).toBe('text');
    expect(log.filter((c) => c.cmd === 'review_lines').map((c) => c.args)).toEqual([{ id: 1, first: 4001, count: BLOCK }]);
    act(() => row('initial_term').focus());
    await waitFor(() => root.querySelector('[data-line="15"] mark'));
    expect(log.filter((c) => c.cmd === 'review_lines')).toHaveLength(1);
  });

  it('opens the first agreement of the queue, and "Next agreement" moves on', async () => {
    const { log } = mockShell({ review_queue: () => FIXTURES.review.queue, review_page: () => FIXTURES.review });
    mount(null);
    await waitFor(() => root.querySelector('[data-testid="review"]'));
    expect(log.find((c) => c.cmd === 'review_page')?.args).toEqual({ id: 1 });
    expect(root.textContent).toContain('Agreement 1 of 2 to review');
    act(() => (root.querySelector('[data-testid="next-agreement"]') as HTMLButtonElement).click());
    expect(went).toEqual([{ view: 'review', id: 2 }]);
    expect(nextInQueue(FIXTURES.review.queue, 2)?.id).toBe(1);
    expect(nextInQueue([{ id: 2, title: 'x', to_confirm: 1, provisional: false }], 2)).toBeUndefined();
  });

  it('says when nothing is left to review', async () => {
    mockShell({ review_queue: () => [] });
    mount(null);
    const empty = await waitFor(() => root.querySelector('[data-testid="review-empty"]'));
    expect(empty.textContent).toContain('Nothing to review');
  });
});
