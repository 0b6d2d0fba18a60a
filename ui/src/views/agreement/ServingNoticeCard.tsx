import type { JSX } from 'preact';
import type { ServingNotice } from '../../backend';

/**
 * How notice is served under the agreement: who may serve it, in what form, to whom and how,
 * each with the notices clause quoted from the document, or that the document is silent.
 * The wording is the core's (`services::serving_notice`), as in the brief and `renewals show`.
 */
export function ServingNoticeCard({ notice }: { notice: ServingNotice }): JSX.Element {
  return (
    <section class="card" aria-labelledby="serving-notice-title" data-testid="serving-notice">
      <h2 id="serving-notice-title">Serving notice</h2>
      {!notice.stated ? (
        <p data-testid="serving-notice-silent">
          {notice.summary}
        </p>
      ) : (
        <ul class="plain-list">
          {notice.parts.map((p) => (
            <li key={p.label} data-part={p.label}>
              <strong>{p.label}:</strong> {p.text}
              {p.quote !== null && (
                <blockquote class="source-text">
                  <span>“{p.quote}”</span>
                  {p.source !== null && <span class="muted">{p.source}</span>}
                </blockquote>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
