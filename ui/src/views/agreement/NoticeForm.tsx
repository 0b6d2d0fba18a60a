import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, type NoticeKind } from '../../backend';
import { FormButtons } from '../../components/FormButtons';
import type { PageAction } from './usePageAction';

/**
 * Records a notice served: non-renewal (rule 3) or termination for convenience (rule 6),
 * on a date that defaults to the as-of date. Closes once the shell has recorded it.
 */
export function NoticeForm({ id, asOf, action, onClose }: { id: number; asOf: string; action: PageAction; onClose: () => void }): JSX.Element {
  const [kind, setKind] = useState<NoticeKind>('non_renewal');
  const [on, setOn] = useState(asOf);
  const [note, setNote] = useState('');
  return (
    <form
      class="card notice-form"
      aria-label="Record a notice served"
      onSubmit={(e) => {
        e.preventDefault();
        void action
          .run(() => backend.recordNotice(id, kind, on, note), 'Notice recorded; the dates below take it into account.')
          .then((err) => err === null && onClose());
      }}
    >
      <h2>Record a notice served</h2>
      <fieldset class="radios">
        <legend class="muted">Notice of</legend>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'non_renewal'} onChange={() => setKind('non_renewal')} />
          Non-renewal: the agreement ends at the end of the term whose deadline it met
        </label>
        <label class="check">
          <input type="radio" name="kind" checked={kind === 'termination'} onChange={() => setKind('termination')} />
          Termination for convenience: it ends no earlier than served date + notice period
        </label>
      </fieldset>
      <div class="inline-form">
        <label>
          Served on <input type="date" value={on} required onInput={(e) => setOn(e.currentTarget.value)} />
        </label>
        <label class="grow">
          Note <input type="text" value={note} placeholder="by whom, how, reference" onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <FormButtons label="Record notice" onCancel={onClose} />
    </form>
  );
}
