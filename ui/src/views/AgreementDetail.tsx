import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, type AgreementPage, type AppInfo } from '../backend';
import { useLiveReload } from '../live';
import type { Route } from '../router';
import { ClausesCard } from './agreement/ClausesCard';
import { DetailHeader } from './agreement/DetailHeader';
import { EventsCard } from './agreement/EventsCard';
import { FieldsCard } from './agreement/FieldsCard';
import { HistoryCard } from './agreement/HistoryCard';
import { NoticeForm } from './agreement/NoticeForm';
import { OwnerCard } from './agreement/OwnerCard';
import { ReadingsCard } from './agreement/ReadingsCard';
import { DecisionForm } from './agreement/DecisionForm';
import { RecordedCard } from './agreement/RecordedCard';
import { RemindersCard } from './agreement/RemindersCard';
import { ServingNoticeCard } from './agreement/ServingNoticeCard';
import { TimelineCard } from './agreement/TimelineCard';
import { usePageAction } from './agreement/usePageAction';
import { WarningsCard } from './agreement/WarningsCard';

interface Props {
  id: number;
  info: AppInfo | null;
  navigate: (r: Route) => void;
}

/**
 * Everything about one agreement, one card each (views/agreement/): its sources, what to
 * confirm, the timeline, the dated events, how notice is served, the key terms, the contract
 * owner with the emails sent, the clause tables, what was recorded, the readings and
 * assumptions, the history and the reminders. The cards share one busy flag, status line and
 * error line ([`usePageAction`]); every change answers with the new page.
 */
export function AgreementDetail({ id, info, navigate }: Props): JSX.Element {
  const [page, setPage] = useState<AgreementPage | null>(null);
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [decisionOpen, setDecisionOpen] = useState(false);
  const action = usePageAction(setPage);

  useEffect(() => {
    backend.agreementPage(id).then(setPage, action.fail);
  }, [id]);
  // A notification's Mark done or Snooze, or a reminder run, changes this page: reload it.
  useLiveReload(() => {
    backend.agreementPage(id).then(setPage, action.fail);
  });

  const back = (
    <a
      href="#/agreements"
      class="back-link"
      onClick={(e) => {
        e.preventDefault();
        navigate({ view: 'agreements' });
      }}
    >
      ← Agreements
    </a>
  );

  if (!page) {
    return (
      <section class="view" aria-labelledby="view-title">
        {back}
        <h1 id="view-title" tabIndex={-1}>
          Agreement
        </h1>
        {action.error ? (
          <p role="alert" class="error">
            {action.error}
          </p>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
    );
  }

  const d = page.detail;
  const asOf = info?.asOf ?? d.today;

  return (
    <article class="view detail" aria-labelledby="view-title" data-testid="agreement-detail">
      {back}
      <DetailHeader
        id={id}
        page={page}
        noticeOpen={noticeOpen}
        onToggleNotice={() => setNoticeOpen((o) => !o)}
        decisionOpen={decisionOpen}
        onToggleDecision={() => setDecisionOpen((o) => !o)}
      />
      {action.status && (
        <p role="status" class="notice" data-testid="detail-status">
          {action.status}
        </p>
      )}
      {action.error && (
        <p role="alert" class="error">
          {action.error}
        </p>
      )}
      {decisionOpen && <DecisionForm id={id} page={page} action={action} onClose={() => setDecisionOpen(false)} />}
      {noticeOpen && <NoticeForm id={id} asOf={asOf} action={action} onClose={() => setNoticeOpen(false)} />}
      <WarningsCard id={id} detail={d} action={action} />
      <TimelineCard detail={d} />
      <EventsCard id={id} detail={d} asOf={asOf} action={action} />
      <ServingNoticeCard notice={d.serving_notice} />
      <FieldsCard id={id} page={page} action={action} />
      <OwnerCard id={id} page={page} action={action} />
      <ClausesCard id={id} page={page} action={action} />
      <RecordedCard agreement={d.agreement} />
      <ReadingsCard readings={page.readings} />
      <HistoryCard history={page.history} />
      <RemindersCard reminders={page.reminders} />
    </article>
  );
}
