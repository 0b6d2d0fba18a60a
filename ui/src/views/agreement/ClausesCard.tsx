import type { ComponentChild, JSX } from 'preact';
import { backend, type Agreement, type AgreementPage, type ClauseTable, type Quantity, type RowEdit } from '../../backend';
import { ClauseTableEditor, type RowError } from '../../components/ClauseTableEditor';
import { Money } from '../../components/Money';
import type { PageAction } from './usePageAction';

/** An amount, a count or a percentage as people read it. */
function quantity(q: Quantity): ComponentChild {
  switch (q.type) {
    case 'money':
      return (
        <>
          <Money amount={q.money.amount} currency={q.money.currency} />
          {q.per && <span class="muted"> per {q.per}</span>}
          {q.note && <span class="muted"> ({q.note})</span>}
        </>
      );
    case 'count':
      return Number(q.value).toLocaleString('en-GB');
    case 'percent':
      return `${q.value}%`;
  }
}

/** A clause-table cell as shown: amounts as money with their currency, else the text. */
function cellDisplay(a: Agreement, table: ClauseTable, index: number, key: string, text: string): ComponentChild {
  if (key === 'value') {
    const item =
      table === 'total_commitment' ? a.total_commitment : table === 'commitments' ? a.commitments[index] : table === 'amounts' ? a.amounts[index] : null;
    if (item) return quantity(item.value);
  }
  return text || '—';
}

/**
 * The clause tables (termination rights, obligations, exit rights, amounts, …), editable
 * a row at a time. A refused edit is shown in the table's form, at the column the error
 * is located at when it names one.
 */
export function ClausesCard({ id, page, action }: { id: number; page: AgreementPage; action: PageAction }): JSX.Element {
  const a = page.detail.agreement;

  async function saveRow(table: ClauseTable, label: string, edit: RowEdit): Promise<RowError | null> {
    const what = edit.op === 'add' ? 'Row added to' : edit.op === 'remove' ? `Row ${edit.index + 1} removed from` : `Row ${edit.index + 1} changed in`;
    const err = await action.run(() => backend.editRow(id, table, edit), `${what} ${label.toLowerCase()}. The change is in the history.`, () => true);
    if (err === null) return null;
    return err.isInvalidIn(table) ? { column: err.location?.column ?? null, message: err.reason } : { column: null, message: err.message };
  }

  return (
    <section class="card clauses" aria-labelledby="clauses-title">
      <h2 id="clauses-title">Clauses and tables</h2>
      <p class="muted small">
        Each row shows the table row it was read from. Edit fixes a row, Add row fills a clause the document leaves out; the dates above
        are recomputed and every change goes to the history.
      </p>
      {page.tables.map((t) => (
        <ClauseTableEditor
          key={t.table}
          table={t}
          busy={action.busy}
          display={(row, column) => cellDisplay(a, t.table, row.index, column.key, row.cells[column.key] ?? '')}
          onEdit={(edit) => saveRow(t.table, t.label, edit)}
        />
      ))}
    </section>
  );
}
