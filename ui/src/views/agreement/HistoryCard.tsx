import type { JSX } from 'preact';
import type { HistoryEntry } from '../../backend';
import { formatDateTimeOr } from '../../format/date';

interface Group {
  at: string;
  /** The action code (`edit`), to group by. */
  code: string;
  /** The action for people ("Edited"). */
  action: string;
  by: string;
  entries: HistoryEntry[];
}

/** Groups the history by change (same time, action and person), newest first. */
function groupHistory(history: readonly HistoryEntry[]): Group[] {
  const groups: Group[] = [];
  for (const h of history) {
    const last = groups[groups.length - 1];
    if (last && last.at === h.at && last.code === h.action && last.by === h.words.by) last.entries.push(h);
    else groups.push({ at: h.at, code: h.action, action: h.words.action, by: h.words.by, entries: [h] });
  }
  return groups.reverse();
}

/**
 * The history of changes, grouped by change, each with who made it ("not recorded" for
 * changes made before that was kept). Every word comes from the core's one rendering of a
 * history row (`words`: "Edited", "Non-renewal notice period", "90 days", "Fri 1 Oct 2027"),
 * the same the CLI's `renewals history` prints; source line bookkeeping is left out.
 */
export function HistoryCard({ history }: { history: readonly HistoryEntry[] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">History of changes</h2>
      <ol class="history">
        {groupHistory(history).map((g) => (
          <li key={`${g.at}:${g.code}:${g.by}`} class="history-entry">
            <div class="history-head">
              <strong>{g.action}</strong> <span class="muted">{formatDateTimeOr(g.at)} UTC</span>{' '}
              <span data-testid="history-by">by {g.by}</span>
            </div>
            <ul>
              {g.entries
                .filter((h) => !h.words.bookkeeping)
                .map((h) => (
                  <li key={h.id} data-testid="history-change">
                    {h.words.field}: {h.words.old} → {h.words.new}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
