import type { JSX } from 'preact';
import type { Agreement } from '../../backend';
import { DateText } from '../../components/DateText';

/** What people recorded: notices served and events marked done. */
export function RecordedCard({ agreement }: { agreement: Agreement }): JSX.Element | null {
  const r = agreement.recorded;
  if (!r.non_renewal_notice && !r.termination_notice && Object.keys(r.done).length === 0) return null;
  return (
    <section class="card" aria-labelledby="recorded-title">
      <h2 id="recorded-title">Recorded</h2>
      <ul class="plain-list">
        {r.non_renewal_notice && (
          <li>
            Non-renewal notice served <DateText iso={r.non_renewal_notice.served_on} />
            {r.non_renewal_notice.note && ` — ${r.non_renewal_notice.note}`}
          </li>
        )}
        {r.termination_notice && (
          <li>
            Termination notice served <DateText iso={r.termination_notice.served_on} />
            {r.termination_notice.note && ` — ${r.termination_notice.note}`}
          </li>
        )}
        {Object.entries(r.done).map(([eventId, mark]) =>
          mark ? (
            <li key={eventId}>
              <span class="mono">{eventId}</span> done <DateText iso={mark.done_on} />
              {mark.note && ` — ${mark.note}`}
            </li>
          ) : null,
        )}
      </ul>
    </section>
  );
}
