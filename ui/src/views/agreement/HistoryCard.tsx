import type { JSX } from 'preact';
import type { HistoryEntry } from '../../backend';
import { formatDateTimeOr } from '../../format/date';

const ACTIONS: Record<string, string> = {
  import: 'Imported',
  reimport: 'New version imported',
  edit: 'Edited',
  record_notice: 'Notice recorded',
  record_decision: 'Decision recorded',
  mark_done: 'Marked done',
  snooze: 'Snoozed',
  confirm: 'Confirmed',
  set_ladder: 'Reminder ladder',
  settings: 'Settings',
};

interface Group {
  at: string;
  action: string;
  entries: HistoryEntry[];
}

/** Groups the history by change (same time and action), newest first. */
function groupHistory(history: readonly HistoryEntry[]): Group[] {
  const groups: Group[] = [];
  for (const h of history) {
    const last = groups[groups.length - 1];
    if (last && last.at === h.at && last.action === h.action) last.entries.push(h);
    else groups.push({ at: h.at, action: h.action, entries: [h] });
  }
  return groups.reverse();
}

/**
 * The history of changes, grouped by change. Each value is shown as the core renders it
 * for people (`old_text`, `new_text`: "2023-01-01", "90 days", "done 2026-11-23 — …").
 */
export function HistoryCard({ history }: { history: readonly HistoryEntry[] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="history-title" data-testid="history">
      <h2 id="history-title">History of changes</h2>
      <ol class="history">
        {groupHistory(history).map((g) => (
          <li key={`${g.at}:${g.action}`} class="history-entry">
            <div class="history-head">
              <strong>{ACTIONS[g.action] ?? g.action}</strong> <span class="muted">{formatDateTimeOr(g.at)} UTC</span>
            </div>
            <ul>
              {g.entries
                .filter(
                  (h) =>
                    !h.field.endsWith('.source.section') &&
                    !h.field.endsWith('.source.line') &&
                    !h.field.endsWith('.source.line_end'),
                )
                .map((h) => (
                  <li key={h.id} data-testid="history-change">
                    <span class="mono">{h.field}</span>: {h.old_text} → {h.new_text}
                  </li>
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
