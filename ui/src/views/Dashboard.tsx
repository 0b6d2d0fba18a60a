import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type AppInfo, type Dashboard as DashboardData, type DashboardItem } from '../backend';
import { DateText } from '../components/DateText';
import { DaysLeft, EventBadge } from '../components/Badges';
import { afterReady, signalReady } from '../lib/ready';
import { formatMoney } from '../format/money';
import type { Navigate } from '../router';

interface Props {
  info: AppInfo | null;
  navigate: Navigate;
  /** Opens the import dialog (first run). */
  onImport: () => void;
  /** Opens the register dialog, whose mapping step is on the Import view (first run); without it, the Import view. */
  onImportRegister?: () => void;
}


function Count({
  value,
  label,
  detail,
  tone,
  onOpen,
}: {
  value: number;
  label: string;
  detail?: string | undefined;
  tone?: string | undefined;
  /** Makes the count a button that opens what it counts. */
  onOpen?: (() => void) | undefined;
}): JSX.Element {
  const cls = `count${tone ? ` count-${tone}` : ''}${onOpen ? ' count-button' : ''}`;
  const testid = `count-${label.toLowerCase().replace(/\s+/g, '-')}`;
  const inside = (
    <>
      <span class="count-value">{value.toLocaleString('en-GB')}</span>
      <span class="count-label">{label}</span>
      {detail && <span class="count-detail">{detail}</span>}
    </>
  );
  return onOpen ? (
    <button type="button" class={cls} data-testid={testid} onClick={onOpen}>
      {inside}
    </button>
  ) : (
    <div class={cls} data-testid={testid}>
      {inside}
    </div>
  );
}

function AgreementLink({ item, navigate }: { item: DashboardItem; navigate: Navigate }): JSX.Element {
  return (
    <a
      href={`#/agreements/${item.agreement_id}`}
      class="agreement-link"
      onClick={(e) => {
        e.preventDefault();
        navigate({ view: 'agreements', id: item.agreement_id });
      }}
    >
      {item.agreement}
    </a>
  );
}

/**
 * The decision at hand of one agreement (the core's one decision model): the question, the
 * last business day to act with days left (the headline), the internal decide-by date
 * beside it, what happens if nobody acts, the next step, the owner and the value at stake.
 */
function Decision({ item, navigate }: { item: DashboardItem; navigate: Navigate }): JSX.Element {
  const moved = item.unadjusted_date !== item.date;
  return (
    <li class="decision" data-testid="decision" data-agreement={item.agreement_id}>
      <div class="decision-date">
        <DateText iso={item.date} title={item.explanation} />
        <DaysLeft days={item.days_from_today} />
      </div>
      <div class="decision-body">
        <div class="decision-title">
          <AgreementLink item={item} navigate={navigate} />
          {item.counterparty && <span class="muted"> · {item.counterparty}</span>}
          {item.contract_owner && (
            <span class="muted" data-testid="decision-owner">
              {' '}
              · owner {item.contract_owner}
            </span>
          )}
          {item.provisional && (
            <span class="badge status-provisional" title="Its dates rest on values read with low confidence: confirm them">
              Provisional
            </span>
          )}
        </div>
        {item.decision && <div class="decision-question">{item.decision}</div>}
        <div class="decision-what">
          {item.label}
          {moved && (
            <span class="muted">
              {' '}
              ({item.kind === 'exit_window_end' ? 'the window closes' : item.kind === 'expiry' ? 'the term ends' : 'from'}{' '}
              <DateText iso={item.unadjusted_date} />
              {item.kind === 'exit_window_end' || item.kind === 'expiry' ? '; last business day to act within it' : ', not a business day'})
            </span>
          )}
        </div>
        {item.decide_by_text && (
          <div class="decision-decide-by muted" data-testid="decision-decide-by">
            {item.decide_by_text}
          </div>
        )}
        <div class="decision-outcome">
          <span class="outcome-label">If nobody acts:</span> {item.outcome}
        </div>
        {item.next_step && (
          <div class="decision-next" data-testid="decision-next">
            {item.next_step}
          </div>
        )}
        {item.value && (
          <div class="decision-value" data-testid="decision-value">
            <span class="outcome-label">At stake:</span> {formatMoney(item.value.amount, item.value.currency)}{' '}
            <span class="muted">(stated total commitment)</span>
          </div>
        )}
      </div>
    </li>
  );
}

/** A compact line for the overdue, coming-up and recently-closed lists. */
function Line({ item, navigate }: { item: DashboardItem; navigate: Navigate }): JSX.Element {
  return (
    <li class="line" data-testid="dashboard-line">
      <div class="line-head">
        <DateText iso={item.date} title={item.explanation} />
        <DaysLeft days={item.days_from_today} />
        <EventBadge status={item.status} />
      </div>
      <AgreementLink item={item} navigate={navigate} />
      <div class="line-what">{item.label}</div>
      <div class="line-outcome muted">{item.outcome}</div>
    </li>
  );
}

/** How many lines a dashboard list shows before "Show more" (the first screen stays light). */
export const FIRST_LINES = 5;
/** How many decisions show before "Show more". */
export const FIRST_DECISIONS = 8;

/** "Show 45 more" / "Show fewer" under a list cut at `first` items. */
function More({ open, hidden, onToggle }: { open: boolean; hidden: number; onToggle: () => void }): JSX.Element | null {
  if (hidden <= 0) return null;
  return (
    <button type="button" class="link-button more" aria-expanded={open} onClick={onToggle}>
      {open ? 'Show fewer' : `Show ${hidden} more`}
    </button>
  );
}

function Section({
  title,
  total,
  empty,
  children,
  id,
}: {
  title: string;
  total: number;
  empty: string;
  children: JSX.Element[];
  id: string;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const shown = open ? children : children.slice(0, FIRST_LINES);
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid={id}>
      <header class="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        <span class="muted">{total.toLocaleString('en-GB')}</span>
      </header>
      {children.length === 0 ? <p class="muted panel-empty">{empty}</p> : <ul class="lines">{shown}</ul>}
      <More open={open} hidden={children.length - FIRST_LINES} onToggle={() => setOpen((o) => !o)} />
      {total > children.length && open && (
        <p class="muted small panel-foot">The first {children.length} of {total.toLocaleString('en-GB')}; the Agreements table has them all.</p>
      )}
    </section>
  );
}

/** What needs a decision, soonest first; counts at a glance; the first-run empty state. */
export function Dashboard({ info, navigate, onImport, onImportRegister }: Props): JSX.Element {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingSamples, setLoadingSamples] = useState(false);
  const [dataMs, setDataMs] = useState<number | null>(null);
  const [allDecisions, setAllDecisions] = useState(false);

  async function load(): Promise<void> {
    try {
      const d = await backend.dashboard();
      setDataMs((t) => t ?? performance.now());
      setData(d);
      setError(null);
    } catch (e) {
      setError(toBackendError(e).message);
    }
  }

  useEffect(() => {
    void load();
    let live = true;
    const offs: (() => void)[] = [];
    // A reminder run or a notification button may change what is due: reload then.
    // Listening waits for the first paint.
    afterReady(() => {
      if (!live) return;
      const keep = (f: () => void): void => {
        if (live) offs.push(f);
        else f();
      };
      backend.onRemindersRan(() => void load()).then(keep, () => undefined);
      backend.onDataChanged(() => void load()).then(keep, () => undefined);
    });
    return () => {
      live = false;
      offs.forEach((f) => f());
    };
  }, []);

  // The benchmark's first-paint marker: right after the render that shows the data.
  useLayoutEffect(() => {
    if (data || error) signalReady(dataMs);
  }, [data, error]);

  async function loadSamples(): Promise<void> {
    setLoadingSamples(true);
    try {
      await backend.loadSamples();
      await load();
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setLoadingSamples(false);
    }
  }

  const header = (
    <header class="view-header">
      <h1 id="view-title" tabIndex={-1}>
        Dashboard
      </h1>
      {info && (
        <p class="muted">
          As of <DateText iso={info.asOf} />
        </p>
      )}
    </header>
  );

  if (error) {
    return (
      <section class="view" aria-labelledby="view-title">
        {header}
        <p role="alert" class="error">
          Could not compute the dashboard: {error}
        </p>
      </section>
    );
  }
  if (!data) {
    return (
      <section class="view" aria-labelledby="view-title" aria-busy="true">
        {header}
        <p class="muted">Computing deadlines…</p>
      </section>
    );
  }
  const c = data.counts;
  if (c.agreements === 0) {
    return (
      <section class="view" aria-labelledby="view-title">
        {header}
        <div class="empty-state" data-testid="empty-state">
          <svg viewBox="0 0 48 48" class="empty-icon" aria-hidden="true">
            <rect x="9" y="6" width="30" height="36" rx="3" />
            <path d="M16 16h16M16 23h16M16 30h10" />
          </svg>
          <h2>No agreements yet</h2>
          <p>
            Bring your portfolio in to see notice deadlines, overdue items and recently closed windows here. Start
            the way that suits what you have:
          </p>
          <ul class="ways-in" aria-label="Ways to bring agreements in">
            <li class="way" data-testid="way-documents">
              <h3>Documents</h3>
              <p class="muted small">Signed agreements as PDF, Word (.docx), Markdown or text. You then review what was read.</p>
              <button type="button" class="primary" onClick={onImport}>
                Import agreements
              </button>
            </li>
            <li class="way" data-testid="way-register">
              <h3>A register</h3>
              <p class="muted small">The spreadsheet that lists your agreements (.csv, .xlsx, .ods), one per row.</p>
              <button type="button" onClick={() => (onImportRegister ? onImportRegister() : navigate({ view: 'import' }))} data-testid="way-register-button">
                Import a register
              </button>
            </li>
            <li class="way" data-testid="way-new">
              <h3>By hand</h3>
              <p class="muted small">Type an agreement in; its dates and their workings are shown before saving.</p>
              <button type="button" onClick={() => navigate({ view: 'import' })}>
                New agreement
              </button>
            </li>
          </ul>
          <div class="actions way-samples">
            <button type="button" onClick={() => void loadSamples()} disabled={loadingSamples}>
              {loadingSamples ? 'Loading samples…' : 'Load sample agreements'}
            </button>
            <span class="muted small">Or try Renewal Desk first with three sample agreements written for it.</span>
          </div>
          <p class="muted small">You can also drop documents anywhere on this window.</p>
        </div>
      </section>
    );
  }

  return (
    <section class="view" aria-labelledby="view-title" data-testid="dashboard">
      {header}
      <div class="counts" role="group" aria-label="Counts at a glance">
        <Count
          value={c.agreements}
          label="Agreements"
          detail={`${c.active.toLocaleString('en-GB')} active · ${c.expired.toLocaleString('en-GB')} expired${c.terminated ? ` · ${c.terminated} terminated` : ''}`}
        />
        <Count
          value={c.decisions}
          label="Decisions"
          detail={`${c.decisions_soon.toLocaleString('en-GB')} to act on within 90 days${
            data.at_stake_soon.length > 0 ? ` · ${data.at_stake_soon.map((m) => formatMoney(m.amount, m.currency).replace(' ', '\u00a0')).join(' + ')} at stake` : ''
          }`}
          tone={c.decisions_soon > 0 ? 'warn' : undefined}
        />
        <Count value={c.overdue} label="Overdue" detail="obligations, reviews, serve-by dates" tone={c.overdue > 0 ? 'danger' : undefined} />
        <Count value={c.upcoming} label="Coming up" detail="other dates within 90 days" />
        <Count value={c.recently_closed} label="Recently closed" detail="windows closed in the last 90 days" />
        <Count
          value={c.with_warnings}
          label="To confirm"
          detail={c.with_warnings > 0 ? 'agreements with values to review — open the review' : 'agreements with import warnings'}
          tone={c.with_warnings > 0 ? 'warn' : undefined}
          onOpen={c.with_warnings > 0 ? () => navigate({ view: 'review' }) : undefined}
        />
      </div>

      <section class="panel panel-decisions" aria-labelledby="decisions-title" data-testid="decisions">
        <header class="panel-header">
          <h2 id="decisions-title">Needs a decision</h2>
          <span class="muted">
            By the last day to act, soonest first
            {c.decisions > data.decisions.length ? ` · ${data.decisions.length} of ${c.decisions.toLocaleString('en-GB')}` : ''}
          </span>
        </header>
        {data.decisions.length === 0 ? (
          <p class="muted panel-empty">No notice deadline is open.</p>
        ) : (
          <ol class="decisions">
            {(allDecisions ? data.decisions : data.decisions.slice(0, FIRST_DECISIONS)).map((item) => (
              <Decision key={`${item.agreement_id}:${item.event_id}`} item={item} navigate={navigate} />
            ))}
          </ol>
        )}
        <More open={allDecisions} hidden={data.decisions.length - FIRST_DECISIONS} onToggle={() => setAllDecisions((o) => !o)} />
      </section>

      <div class="panels">
        <Section id="overdue" title="Overdue" total={c.overdue} empty="Nothing is overdue.">
          {data.overdue.map((item) => (
            <Line key={`${item.agreement_id}:${item.event_id}`} item={item} navigate={navigate} />
          ))}
        </Section>
        <Section id="upcoming" title="Coming up" total={c.upcoming} empty="Nothing else in the next 90 days.">
          {data.upcoming.map((item) => (
            <Line key={`${item.agreement_id}:${item.event_id}`} item={item} navigate={navigate} />
          ))}
        </Section>
        <Section
          id="recently-closed"
          title="Recently closed"
          total={c.recently_closed}
          empty="No window closed in the last 90 days."
        >
          {data.recently_closed.map((item) => (
            <Line key={`${item.agreement_id}:${item.event_id}`} item={item} navigate={navigate} />
          ))}
        </Section>
      </div>
    </section>
  );
}
