import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FieldInput } from '../backend';
import { FormButtons } from './FormButtons';

/** The value being corrected: what the core says about one editable field (`EditableValue`, `ReviewValue`). */
export interface EditedValue {
  /** Its name for people, e.g. "Non-renewal notice". */
  label: string;
  /** The current value as text ("" when unknown); the draft starts from it. */
  value: string;
  /** What it accepts, e.g. "a period: 90 days, 12 months, 3 years". */
  hint: string;
  /** How it is entered: text, or a yes/no list (with "unknown" for `yes_no_unknown`). */
  input: FieldInput;
}

interface Props {
  v: EditedValue;
  /** The input's id; its help line is `${id}-help`. */
  id: string;
  /** The id of the element that names the value (a `<dt>`); without it, a hidden label names it. */
  labelledBy?: string | undefined;
  /** The form's class (its layout where it is used). */
  formClass: string;
  /** Extra class of the help line. */
  helpClass?: string;
  /** Extra class of the help line while it shows the core's refusal. */
  errorClass?: string;
  /** The core's message refusing the last value (shown under the input, as an alert), or `null`. */
  error: string | null;
  busy: boolean;
  onSave: (value: string) => void;
  onCancel: () => void;
}

/**
 * The inline form correcting or filling one value (the agreement page's fields, the review
 * page's values): a text input, or a yes/no list; Save (Enter) sends it to the core, which
 * checks it like an import; Cancel or Esc closes it. Under it, what the value expects, or
 * the core's message refusing the last value. The draft starts from the current value and
 * the input takes focus when the form opens.
 */
export function EditValueForm({ v, id, labelledBy, formClass, helpClass = '', errorClass = '', error, busy, onSave, onCancel }: Props): JSX.Element {
  const [draft, setDraft] = useState(v.value);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useEffect(() => input.current?.focus(), []);
  const choice = v.input === 'yes_no' || v.input === 'yes_no_unknown';
  const helpClasses = [error ? 'error' : 'muted small', error ? errorClass : '', helpClass].filter(Boolean).join(' ');
  return (
    <form
      class={formClass}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(input.current?.value ?? draft);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          // Esc closes this form only, not the page's own Esc (the review page's keys).
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {!labelledBy && (
        <label class="sr-only" for={id}>
          {v.label}
        </label>
      )}
      {choice ? (
        <select ref={input} id={id} aria-labelledby={labelledBy} value={draft} onChange={(e) => setDraft(e.currentTarget.value)}>
          {v.input === 'yes_no_unknown' && <option value="">unknown</option>}
          <option value="yes">yes</option>
          <option value="no">no</option>
        </select>
      ) : (
        <input
          ref={input}
          id={id}
          type="text"
          aria-labelledby={labelledBy}
          aria-describedby={`${id}-help`}
          aria-invalid={error !== null}
          value={draft}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
      )}
      <FormButtons label="Save" onCancel={onCancel} busy={busy} />
      <p id={`${id}-help`} class={helpClasses} role={error ? 'alert' : undefined}>
        {error ?? `Expects ${v.hint}.`}
      </p>
    </form>
  );
}
