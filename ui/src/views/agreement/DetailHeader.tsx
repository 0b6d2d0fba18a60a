import type { JSX } from 'preact';
import type { AgreementPage } from '../../backend';
import { DaysLeft, StatusBadge } from '../../components/Badges';
import { DateText } from '../../components/DateText';
import { CHOICE_TITLES } from './DecisionForm';
import { BriefActions } from '../Brief';

/**
 * The agreement's title, status, counterparty, owner and file; what happens if nobody
 * acts; and the page's actions (record a notice, the brief).
 */
export function DetailHeader({
  id,
  page,
  noticeOpen,
  onToggleNotice,
  decisionOpen,
  onToggleDecision,
}: {
  id: number;
  page: AgreementPage;
  noticeOpen: boolean;
  onToggleNotice: () => void;
  decisionOpen: boolean;
  onToggleDecision: () => void;
}): JSX.Element {
  const d = page.detail;
  const a = d.agreement;
  return (
    <header class="detail-header">
      <div>
        <h1 id="view-title" tabIndex={-1}>
          {a.title}
        </h1>
        {a.subtitle && <p class="muted">{a.subtitle}</p>}
        <p class="detail-meta">
          <StatusBadge status={d.status} provisional={d.provisional.length > 0} />
          {a.counterparty && <span>with {a.counterparty}</span>}
          {a.contract_owner && <span>· owner {a.contract_owner.value}</span>}
          <span class="muted" title={`SHA-256 ${d.sha256}`}>
            · {page.file_name}
          </span>
        </p>
        <Decision page={page} />
      </div>
      <div class="detail-actions">
        {page.detail.choices.length > 0 && page.detail.decision.act_by && (
          <button type="button" onClick={onToggleDecision} aria-expanded={decisionOpen} data-testid="record-decision">
            Record decision…
          </button>
        )}
        <button type="button" onClick={onToggleNotice} aria-expanded={noticeOpen}>
          Record notice…
        </button>
        <BriefActions id={id} title={a.title} />
      </div>
    </header>
  );
}

const OPTION_TITLES: Record<string, string> = {
  renew: 'Renew',
  renegotiate: 'Renegotiate',
  exit: 'Exit',
  let_expire: 'Let it expire',
  use_exit_rights: 'Use the exit rights',
  complete_data: 'Complete the data',
};

/**
 * The decision at hand, as the core states it for every surface (dashboard, brief,
 * notifications): the question, when the window closes and the last business day to act,
 * the internal decide-by date beside it (labelled as internal), what happens if nobody
 * acts, the next step, the options and what is already locked in.
 */
function Decision({ page }: { page: AgreementPage }): JSX.Element {
  const dec = page.detail.decision;
  return (
    <section class="detail-decision" aria-label="The decision at hand" data-testid="decision-at-hand">
      <p class="decision-question">{dec.question}</p>
      {page.detail.provisional.length > 0 && (
        <p class="decision-provisional" role="note" data-testid="provisional-note">
          ⚠ Provisional: read with low confidence and not yet confirmed: {page.detail.provisional.join(', ').replace(/_/g, ' ')}. The dates
          rest on them.
        </p>
      )}
      {dec.act_by && dec.deadline && (
        <p class="decision-when">
          Act by <DateText iso={dec.act_by} />
          {dec.days_left !== null && (
            <>
              {' · '}
              <DaysLeft days={dec.days_left} />
            </>
          )}
          {dec.deadline !== dec.act_by && (
            <span class="muted">
              {' '}
              (the window closes <DateText iso={dec.deadline} />; the last business day before it)
            </span>
          )}
        </p>
      )}
      {page.detail.decide_by_text && (
        <p class="decision-decide-by muted" data-testid="decide-by">
          {page.detail.decide_by_text}
        </p>
      )}
      <p class="detail-outcome">
        <span class="outcome-label">If nobody acts:</span> {dec.if_nobody_acts}
      </p>
      {page.detail.next_step && (
        <p class="decision-next" data-testid="next-step">
          {page.detail.next_step}
        </p>
      )}
      {dec.locked_in.length > 0 && (
        <p class="decision-locked muted" data-testid="locked-in">
          Already locked in:{' '}
          {dec.locked_in.map((l, i) => (
            <span key={l.renewal}>
              {i > 0 && '; '}the renewal of <DateText iso={l.renewal} />
            </span>
          ))}
        </p>
      )}
      {dec.recorded && (
        <p class="decision-recorded" data-testid="decision-recorded">
          Decided: <strong>{CHOICE_TITLES[dec.recorded.choice]}</strong>, by {dec.recorded.decided_by} on{' '}
          <DateText iso={dec.recorded.decided_on} />
          {dec.recorded.target_date && (
            <>
              {' '}
              (new terms by <DateText iso={dec.recorded.target_date} />)
            </>
          )}
          {dec.recorded.reason && `: ${dec.recorded.reason}`}
        </p>
      )}
      {dec.options.length > 0 && (
        <p class="decision-options">
          <span class="outcome-label">Options:</span> {dec.options.map((o) => OPTION_TITLES[o] ?? o).join(' · ')}
        </p>
      )}
    </section>
  );
}
