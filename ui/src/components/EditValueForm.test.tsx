import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { EditValueForm, type EditedValue } from './EditValueForm';
import { button, testRoot, typeInto } from '../test-support';

const root = testRoot();

const NOTICE: EditedValue = { label: 'Non-renewal notice', value: '90 days', hint: 'a period: 90 days, 12 months, 3 years', input: 'text' };

function mount(v: EditedValue, error: string | null, saved: string[], cancelled: string[], labelledBy?: string): void {
  act(() =>
    render(
      <div onKeyDown={() => cancelled.push('page saw Esc')}>
        <span id="dt-label">Non-renewal notice</span>
        <EditValueForm
          v={v}
          id="edit-notice"
          labelledBy={labelledBy}
          formClass="field-form"
          errorClass="field-error"
          helpClass="help"
          error={error}
          busy={false}
          onSave={(x) => saved.push(x)}
          onCancel={() => cancelled.push('cancel')}
        />
      </div>,
      root,
    ),
  );
}

describe('EditValueForm', () => {
  it('starts from the current value, takes focus, says what it expects and saves what was typed', () => {
    const saved: string[] = [];
    mount(NOTICE, null, saved, []);
    const input = root.querySelector<HTMLInputElement>('#edit-notice');
    expect(input?.value).toBe('90 days');
    expect(document.activeElement).toBe(input);
    expect(root.querySelector('label[for="edit-notice"]')?.textContent).toBe('Non-renewal notice');
    expect(root.querySelector('#edit-notice-help')?.textContent).toBe('Expects a period: 90 days, 12 months, 3 years.');
    expect(root.querySelector('#edit-notice-help')?.className).toBe('muted small help');
    if (!input) throw new Error('no input');
    typeInto(input, '60 days');
    act(() => button(root, 'Save').click());
    expect(saved).toEqual(['60 days']);
  });

  it('shows the core’s refusal as an alert under the input', () => {
    mount(NOTICE, '"ninety days" is not a period: expected e.g. 90 days', [], [], 'dt-label');
    const help = root.querySelector('#edit-notice-help');
    expect(help?.getAttribute('role')).toBe('alert');
    expect(help?.className).toBe('error field-error help');
    expect(root.querySelector('#edit-notice')?.getAttribute('aria-invalid')).toBe('true');
    // Named by the page's own label: no hidden one.
    expect(root.querySelector('label[for="edit-notice"]')).toBeNull();
    expect(root.querySelector('#edit-notice')?.getAttribute('aria-labelledby')).toBe('dt-label');
  });

  it('offers yes, no and unknown for a yes/no value that may be unknown', () => {
    const saved: string[] = [];
    mount({ label: 'Auto-renewal', value: '', hint: 'yes or no', input: 'yes_no_unknown' }, null, saved, []);
    const select = root.querySelector<HTMLSelectElement>('select#edit-notice');
    expect(Array.from(select?.options ?? []).map((o) => o.textContent)).toEqual(['unknown', 'yes', 'no']);
    if (!select) throw new Error('no select');
    typeInto(select, 'no');
    act(() => button(root, 'Save').click());
    expect(saved).toEqual(['no']);
  });

  it('closes on Esc without the page seeing it', () => {
    const cancelled: string[] = [];
    mount(NOTICE, null, [], cancelled);
    act(() => void root.querySelector('#edit-notice')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(cancelled).toEqual(['cancel']);
  });
});
