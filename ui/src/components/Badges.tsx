import type { JSX } from 'preact';
import type { AgreementStatus, EventStatus } from '../bindings';
import { relativeDays } from '../format/date';

const STATUS_TEXT: Record<AgreementStatus, string> = {
  active: 'Active',
  expired: 'Expired',
  terminated: 'Terminated',
  incomplete: 'Incomplete',
};

/**
 * An agreement's status as a coloured label; `provisional` adds a second label while a
 * date-bearing value read with low confidence is unconfirmed.
 */
export function StatusBadge({
  status,
  provisional = false,
}: {
  status: AgreementStatus;
  provisional?: boolean;
}): JSX.Element {
  return (
    <>
      <span class={`badge status-${status}`}>{STATUS_TEXT[status]}</span>
      {provisional ? (
        <span class="badge status-provisional" title="Values read with low confidence: confirm them">
          Provisional
        </span>
      ) : null}
    </>
  );
}

const EVENT_TEXT: Record<EventStatus, string> = {
  open: 'Open',
  overdue: 'Overdue',
  closed: 'Closed',
  done: 'Done',
};

/** A dated event's status as a coloured label. */
export function EventBadge({ status }: { status: EventStatus }): JSX.Element {
  return <span class={`badge event-${status}`}>{EVENT_TEXT[status]}</span>;
}

/** How urgent a number of days left is: drives the colour of `DaysLeft`. */
export function urgency(days: number): 'past' | 'critical' | 'soon' | 'later' {
  if (days < 0) return 'past';
  if (days <= 14) return 'critical';
  if (days <= 90) return 'soon';
  return 'later';
}

/** "in 312 days", "today", "4 days ago", coloured by urgency. */
export function DaysLeft({ days }: { days: number }): JSX.Element {
  return <span class={`days days-${urgency(days)}`}>{relativeDays(days)}</span>;
}
