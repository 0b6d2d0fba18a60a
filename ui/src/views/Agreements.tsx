import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { backend, toBackendError, type AgreementRow, type AgreementStatus } from '../backend';
import { DaysLeft, StatusBadge } from '../components/Badges';
import { DateText } from '../components/DateText';
import { ExportRegister } from '../components/ExportRegister';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { formatDate } from '../format/date';
import { currencySymbol, formatMoney } from '../format/money';
import type { Route } from '../router';
import { useLiveReload } from '../live';

const NONE = '—';

function dateText(iso: string | null): string {
  if (!iso) return '';
  try {
    return `${iso} ${formatDate(iso)}`;
  } catch {
    return iso;
  }
}

const COLUMNS: readonly Column<AgreementRow>[] = [
  {
    key: 'title',
    header: 'Agreement',
    width: 'minmax(170px, 2.4fr)',
    render: (r) => (
      <span class="cell-title" title={r.title}>
        {r.title}
        {r.warnings > 0 && (
          <span class="warn-dot" title={`${r.warnings} import warning(s) to confirm`} aria-label={`${r.warnings} warnings`}>
            !
          </span>
        )}
      </span>
    ),
    sortValue: (r) => r.title,
    filterText: (r) => r.title,
  },
  {
    key: 'counterparty',
    header: 'Counterparty',
    width: 'minmax(124px, 1.2fr)',
    render: (r) => r.counterparty ?? NONE,
    sortValue: (r) => r.counterparty ?? '',
    filterText: (r) => r.counterparty ?? '',
  },
  {
    key: 'owner',
    header: 'Owner',
    width: 'minmax(90px, 1fr)',
    render: (r) => r.contract_owner ?? NONE,
    sortValue: (r) => r.contract_owner ?? '',
    filterText: (r) => r.contract_owner ?? '',
  },
  {
    key: 'status',
    header: 'Status',
    width: '104px',
    render: (r) => <StatusBadge status={r.status} provisional={r.provisional} />,
    sortValue: (r) => r.status,
    filterText: (r) => r.status,
  },
  {
    key: 'notice',
    header: 'Notice deadline',
    width: '140px',
    render: (r) => (r.next_notice_deadline ? <DateText iso={r.next_notice_deadline} /> : NONE),
    sortValue: (r) => r.next_notice_deadline ?? '9999',
    filterText: (r) => dateText(r.next_notice_deadline),
  },
  {
    key: 'next',
    header: 'Next deadline',
    width: 'minmax(190px, 1.4fr)',
    render: (r) =>
      r.next_deadline ? (
        <span class="cell-next" title={r.next_deadline_label ?? ''}>
          <DateText iso={r.next_deadline} /> {r.next_deadline_days !== null && <DaysLeft days={r.next_deadline_days} />}
        </span>
      ) : (
        NONE
      ),
    sortValue: (r) => r.next_deadline ?? '9999',
    filterText: (r) => `${dateText(r.next_deadline)} ${r.next_deadline_label ?? ''}`,
  },
  {
    key: 'currency',
    header: 'Currency',
    width: '84px',
    render: (r) => (r.currency ? <span title={r.currency}>{currencySymbol(r.currency)}</span> : NONE),
    sortValue: (r) => r.currency ?? '',
    filterText: (r) => r.currency ?? '',
  },
  {
    key: 'value',
    header: 'Value',
    width: 'minmax(110px, 0.8fr)',
    // The stated total commitment, in its own currency (sorted within a currency).
    render: (r) => (r.value ? <span title="Stated total commitment">{formatMoney(r.value.amount, r.value.currency)}</span> : NONE),
    sortValue: (r) => (r.value ? `${r.value.currency} ${r.value.amount.padStart(24, '0')}` : ''),
    filterText: (r) => (r.value ? formatMoney(r.value.amount, r.value.currency) : ''),
  },
];

interface Filters {
  status: AgreementStatus | '';
  counterparty: string;
  owner: string;
  currency: string;
}

const NO_FILTERS: Filters = { status: '', counterparty: '', owner: '', currency: '' };

/** Distinct non-empty values, sorted. */
function distinct(rows: readonly AgreementRow[], pick: (r: AgreementRow) => string | null): string[] {
  const set = new Set<string>();
  for (const r of rows) {
    const v = pick(r);
    if (v) set.add(v);
  }
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** Keeps the rows that match every chosen filter. */
export function applyFilters(rows: readonly AgreementRow[], f: Filters): readonly AgreementRow[] {
  if (!f.status && !f.counterparty && !f.owner && !f.currency) return rows;
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.counterparty || r.counterparty === f.counterparty) &&
      (!f.owner || r.contract_owner === f.owner) &&
      (!f.currency || r.currency === f.currency),
  );
}

function Select({
  label,
  value,
  options,
  onChange,
  show,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
  show?: (v: string) => string;
}): JSX.Element {
  return (
    <label class="filter">
      <span class="sr-only">{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-label={label} data-filter={label}>
        <option value="">{`All ${label.toLowerCase()}`}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {show ? show(o) : o}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Every agreement: search, filter by status, counterparty, owner and currency, sort; smooth
 * with 10,000. Above the table, how many contract owners are still to complete (no address),
 * and "Export register" (every agreement as a spreadsheet row).
 */
export function Agreements({ navigate, asOf = null }: { navigate: (r: Route) => void; asOf?: string | null }): JSX.Element {
  const [rows, setRows] = useState<AgreementRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Contract owners who cannot be emailed yet (no address): counted above the table.
  const [toComplete, setToComplete] = useState<number>(0);

  useEffect(() => {
    backend
      .agreementRows()
      .then((r) => {
        setRows(r);
        // After the table: the directory walks every agreement, and would hold it up.
        backend.peopleDirectory().then((d) => setToComplete(d.to_complete.length), () => undefined);
      }, (e: unknown) => setError(toBackendError(e).message));
  }, []);
  useLiveReload(() => {
    backend.agreementRows().then(setRows, (e: unknown) => setError(toBackendError(e).message));
  });

  const options = useMemo(
    () => ({
      counterparty: distinct(rows ?? [], (r) => r.counterparty),
      owner: distinct(rows ?? [], (r) => r.contract_owner),
      currency: distinct(rows ?? [], (r) => r.currency),
    }),
    [rows],
  );
  const filtered = useMemo(() => applyFilters(rows ?? [], filters), [rows, filters]);
  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const anyFilter = filters !== NO_FILTERS && Object.values(filters).some(Boolean);

  return (
    <section class="view view-fill" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Agreements
        </h1>
        <p class="muted">Enter or double-click opens an agreement.</p>
        {rows && rows.length > 0 && <ExportRegister asOf={asOf} />}
      </header>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {toComplete > 0 && (
        <p class="banner owners-to-complete" role="status" data-testid="owners-to-complete">
          {toComplete === 1 ? '1 contract owner is' : `${toComplete} contract owners are`} still to complete: no email address, so no reminder by
          email.{' '}
          <a
            href="#/people"
            onClick={(e) => {
              e.preventDefault();
              navigate({ view: 'people' });
            }}
          >
            Complete them in People
          </a>
        </p>
      )}
      {!rows && !error && <p class="muted">Loading agreements…</p>}
      {rows && (
        <VirtualTable
          label="Agreements"
          placeholder="Search title, party, owner, dates…"
          rows={filtered}
          totalRows={rows.length}
          columns={COLUMNS}
          rowKey={(r) => String(r.id)}
          initialSort={{ key: 'next', dir: 'asc' }}
          onActivate={(r) => navigate({ view: 'agreements', id: r.id })}
          toolbar={
            <div class="filters">
              <Select
                label="Statuses"
                value={filters.status}
                options={['active', 'expired', 'terminated']}
                show={(s) => s[0]?.toUpperCase() + s.slice(1)}
                onChange={set('status')}
              />
              <Select label="Counterparties" value={filters.counterparty} options={options.counterparty} onChange={set('counterparty')} />
              <Select label="Owners" value={filters.owner} options={options.owner} onChange={set('owner')} />
              <Select
                label="Currencies"
                value={filters.currency}
                options={options.currency}
                show={(c) => `${c} (${currencySymbol(c)})`}
                onChange={set('currency')}
              />
              {anyFilter && (
                <button type="button" class="link-button" onClick={() => setFilters(NO_FILTERS)}>
                  Clear filters
                </button>
              )}
            </div>
          }
        />
      )}
    </section>
  );
}
