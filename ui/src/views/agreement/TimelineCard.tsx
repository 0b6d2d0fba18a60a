import type { JSX } from 'preact';
import type { AgreementDetail } from '../../backend';
import { Timeline } from '../../components/Timeline';

/** The timeline of terms, notice windows, price reviews and the as-of date. */
export function TimelineCard({ detail }: { detail: AgreementDetail }): JSX.Element {
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <Timeline
        terms={detail.terms}
        events={detail.events}
        asOf={detail.today}
        endDate={detail.end_date}
        decidedRenewal={detail.decision.renewal}
        lockedIn={detail.decision.locked_in.map((l) => l.renewal)}
      />
    </section>
  );
}
