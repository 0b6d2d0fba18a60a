import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, type AgreementPage, type EditableValue } from '../../backend';
import { EditValueForm } from '../../components/EditValueForm';
import { SourceRef } from '../../components/SourceRef';
import type { PageAction } from './usePageAction';

/** One editable field: value, source, and an inline form. */
function FieldRow({
  v,
  editing,
  onEdit,
  onCancel,
  onSave,
  error,
  busy,
}: {
  v: EditableValue;
  editing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSave: (value: string) => void;
  error: string | null;
  busy: boolean;
}): JSX.Element {
  return (
    <div class={`field${editing ? ' is-editing' : ''}`} data-field={v.field}>
      <dt id={`field-${v.field}-label`}>{v.label}</dt>
      <dd>
        {editing ? (
          <EditValueForm
            v={v}
            id={`field-${v.field}`}
            labelledBy={`field-${v.field}-label`}
            formClass="field-form"
            errorClass="field-error"
            onCancel={onCancel}
            onSave={onSave}
            error={error}
            busy={busy}
          />
        ) : (
          <div class="field-view">
            <span class={v.value ? 'field-value' : 'field-value muted'} data-testid={`value-${v.field}`}>
              {v.value || 'unknown'}
            </span>
            <SourceRef source={v.source} />
            <button type="button" class="link-button" onClick={onEdit} aria-label={`Edit ${v.label}`}>
              Edit
            </button>
          </div>
        )}
      </dd>
    </div>
  );
}

/**
 * The key terms, each with its source line and an inline form. A refused value is
 * explained inside the field's form (the error is located at that field); any other
 * failure goes to the page.
 */
export function FieldsCard({ id, page, action }: { id: number; page: AgreementPage; action: PageAction }): JSX.Element {
  const [editing, setEditing] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);

  async function save(v: EditableValue, value: string): Promise<void> {
    setFieldError(null);
    const err = await action.run(
      () => backend.editField(id, v.field, value),
      (next) => {
        const now = next.editable.find((x) => x.field === v.field)?.value ?? value;
        return `${v.label} is now “${now || 'unknown'}”. The change is in the history.`;
      },
      (e) => {
        setFieldError(e.isInvalidField(v.field) ? e.reason : e.message);
        return true;
      },
    );
    if (err === null) setEditing(null);
  }

  return (
    <section class="card" aria-labelledby="fields-title">
      <h2 id="fields-title">Key terms</h2>
      <p class="muted small">Each value shows the line it was read from; click it to read the clause. Edit fixes or fills a value.</p>
      <dl class="fields">
        {page.editable.map((v) => (
          <FieldRow
            key={v.field}
            v={v}
            editing={editing === v.field}
            busy={action.busy}
            error={editing === v.field ? fieldError : null}
            onEdit={() => {
              setFieldError(null);
              setEditing(v.field);
            }}
            onCancel={() => setEditing(null)}
            onSave={(value) => void save(v, value)}
          />
        ))}
      </dl>
    </section>
  );
}
