import type { JSX } from 'preact';
import { DateText } from '../components/DateText';
import { Money } from '../components/Money';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatDate } from '../format/date';
import { formatMoney } from '../format/money';
import { PLACEHOLDER_ROWS, type PlaceholderRow } from './placeholder';

const COLUMNS: readonly Column<PlaceholderRow>[] = [
  { key: 'title', header: 'Agreement', width: '2fr', render: (r) => r.title, sortValue: (r) => r.title, filterText: (r) => r.title },
  {
    key: 'counterparty',
    header: 'Counterparty',
    width: '2fr',
    render: (r) => r.counterparty,
    sortValue: (r) => r.counterparty,
    filterText: (r) => r.counterparty,
  },
  {
    key: 'deadline',
    header: 'Notice deadline',
    width: '12rem',
    render: (r) => <DateText iso={r.noticeDeadline} />,
    sortValue: (r) => r.noticeDeadline,
    filterText: (r) => `${r.noticeDeadline} ${formatDate(r.noticeDeadline)}`,
  },
  {
    key: 'amount',
    header: 'Value',
    width: '11rem',
    align: 'end',
    render: (r) => <Money amount={r.amount} currency={r.currency} />,
    filterText: (r) => formatMoney(r.amount, r.currency),
  },
];

/** Every agreement, searchable and sortable. Phase 1: placeholder rows. */
export function Agreements(): JSX.Element {
  return (
    <section class="view view-fill" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Agreements
        </h1>
        <p class="muted">Placeholder rows until the core is connected.</p>
      </header>
      <VirtualTable
        label="Agreements"
        rows={PLACEHOLDER_ROWS}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        initialSort={{ key: 'deadline', dir: 'asc' }}
      />
    </section>
  );
}
