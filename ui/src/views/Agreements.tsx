import type { JSX } from 'preact';
import { useCallback, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type AgreementRow, type AgreementStatus, type TableColumn, type TableOptions } from '../backend';
import { DaysLeft, StatusBadge } from '../components/Badges';
import { DateText } from '../components/DateText';
import { ExportRegister } from '../components/ExportRegister';
import { PagedTable, type PageRequest, type PageResult } from '../components/PagedTable';
import type { Column } from '../components/VirtualTable';
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

/** The table's columns: how each cell is drawn; `sortValue` and `filterText` are what the app's table (renewal-core's services::table) reproduces. */
export const COLUMNS: readonly Column<AgreementRow>[] = [
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

export interface Filters {
  status: AgreementStatus | '';
  counterparty: string;
  owner: string;
  currency: string;
}

const NO_FILTERS: Filters = { status: '', counterparty: '', owner: '', currency: '' };

/** Keeps the rows that match every chosen filter (what the app does; the tests' reference). */
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

const NO_OPTIONS: TableOptions = { counterparties: [], owners: [], currencies: [] };

/** The window `request` asks for, with `filters`, from the app (which searches, filters and sorts every agreement). */
export function fetchAgreements(request: PageRequest, filters: Filters, withOptions: boolean) {
  return backend.agreementRowsPage({
    search: request.search,
    status: filters.status || null,
    counterparty: filters.counterparty || null,
    owner: filters.owner || null,
    currency: filters.currency || null,
    sort: request.sort.key as TableColumn,
    direction: request.sort.dir,
    offset: request.offset,
    limit: request.limit,
    with_options: withOptions,
  });
}

/**
 * Every agreement: search, filter by status, counterparty, owner and currency, sort; the
 * app does the work over every agreement and sends the rows in view (smooth with
 * 100,000). Above the table, how many contract owners are still to complete (no address),
 * and "Export register" (every agreement as a spreadsheet row).
 */
export function Agreements({ navigate, asOf = null }: { navigate: (r: Route) => void; asOf?: string | null }): JSX.Element {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [options, setOptions] = useState<TableOptions>(NO_OPTIONS);
  const [reload, setReload] = useState(0);
  // Contract owners who cannot be emailed yet (no address): counted above the table.
  const [toComplete, setToComplete] = useState<number>(0);
  // The filters' options are asked for with the first rows, and again after a change.
  const needOptions = useRef(true);
  const askedDirectory = useRef(false);

  useLiveReload(() => {
    needOptions.current = true;
    setReload((n) => n + 1);
  });

  const fetchPage = useCallback(
    async (request: PageRequest): Promise<PageResult<AgreementRow>> => {
      const withOptions = request.first && needOptions.current;
      const page = await fetchAgreements(request, filters, withOptions);
      if (page.options) {
        needOptions.current = false;
        setOptions(page.options);
      }
      return page;
    },
    [filters],
  );
  const onLoaded = useCallback((page: PageResult<AgreementRow>) => {
    setError(null);
    setTotal(page.total);
    if (!askedDirectory.current) {
      askedDirectory.current = true;
      // After the table: counted from the table's owners (the whole directory would walk
      // every agreement four times and list them all: seconds at 100,000).
      backend.ownersToCompleteCount().then(setToComplete, () => undefined);
    }
  }, []);
  const onError = useCallback((e: unknown) => setError(toBackendError(e).message), []);

  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  const anyFilter = filters !== NO_FILTERS && Object.values(filters).some(Boolean);
  const filterKey = `${filters.status}\u0000${filters.counterparty}\u0000${filters.owner}\u0000${filters.currency}`;

  return (
    <section class="view view-fill" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Agreements
        </h1>
        <p class="muted">Enter or double-click opens an agreement.</p>
        {total !== null && total > 0 && <ExportRegister asOf={asOf} />}
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
      {total === null && !error && (
        <p class="muted" role="status" data-testid="agreements-loading">
          Loading agreements…
        </p>
      )}
      <PagedTable
        label="Agreements"
        placeholder="Search title, party, owner, dates…"
        fetchPage={fetchPage}
        columns={COLUMNS}
        rowKey={(r) => String(r.id)}
        initialSort={{ key: 'next', dir: 'asc' }}
        filterKey={filterKey}
        reloadKey={reload}
        onLoaded={onLoaded}
        onError={onError}
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
            <Select label="Counterparties" value={filters.counterparty} options={options.counterparties} onChange={set('counterparty')} />
            <Select label="Owners" value={filters.owner} options={options.owners} onChange={set('owner')} />
            <Select
              label="Currencies"
              value={filters.currency}
              options={options.currencies}
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
    </section>
  );
}
