import type { JSX } from 'preact';
import type { Readings } from '../../backend';

/**
 * "Readings and assumptions" (issue 16 item 5), as the brief's section 7 lists them (both
 * from the core's `readings`): every value the product inferred or assumed rather than read
 * as written, and every value edited by hand beside the document's own wording and value,
 * with who changed it and when; the warning of an edit that moves the deadline later.
 */
export function ReadingsCard({ readings }: { readings: Readings }): JSX.Element {
  const empty = readings.assumptions.length === 0 && readings.hand_edits.length === 0 && readings.warnings.length === 0;
  return (
    <section class="card" aria-labelledby="readings-title" data-testid="readings">
      <h2 id="readings-title">Readings and assumptions</h2>
      {empty && (
        <p class="muted">
          None: every value was read from the document as written, and none was edited by hand.
        </p>
      )}
      {readings.assumptions.length > 0 && (
        <>
          <h3>Inferred or assumed, not read as written</h3>
          <ul>
            {readings.assumptions.map((a, i) => (
              <li key={i} data-testid="assumption">
                <strong>{a.what}</strong>: {a.value} — {a.why}
                {a.line !== null ? ` (line ${a.line})` : ''}.
              </li>
            ))}
          </ul>
        </>
      )}
      {readings.hand_edits.length > 0 && (
        <>
          <h3>Edited by hand</h3>
          <ul>
            {readings.hand_edits.map((e, i) => (
              <li key={i} data-testid="hand-edit">
                <strong>{e.field}</strong>: {e.new_value} (the document: {e.original_value}) — edited by {e.by} on {e.on}.
                {e.original_quote !== null ? (
                  <blockquote class="quote">
                    “{e.original_quote}” <span class="muted">the document's own wording, before the edit</span>
                  </blockquote>
                ) : (
                  <p class="muted">The document has no wording for it: added by hand.</p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {readings.warnings.map((w, i) => (
        <p key={i} role="note" class="warning" data-testid="readings-warning">
          ⚠ {w.charAt(0).toUpperCase() + w.slice(1)}
        </p>
      ))}
    </section>
  );
}
