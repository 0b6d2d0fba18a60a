import type { JSX } from 'preact';
import type { LogEntry } from '../../backend';
import { DateText } from '../../components/DateText';
import { formatDateTimeOr } from '../../format/date';

/**
 * The reminder log of the agreement: each step of the ladder, when due, what became of it,
 * in the core's words ("14 days before", "weekly overdue reminder", "desktop notification")
 * and who sent it (Renewal Desk's reminder timer).
 */
export function RemindersCard({ reminders }: { reminders: readonly LogEntry[] }): JSX.Element | null {
  if (reminders.length === 0) return null;
  const headers = ['Event', 'Step', 'Due on', 'State', 'Delivered', 'Sent by', 'Note'];
  return (
    <section class="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      <table class="data-table">
        <caption>Reminder log</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reminders.map((r, i) => (
            <tr key={i}>
              <td>{r.label}</td>
              <td>{r.step_text}</td>
              <td>
                <DateText iso={r.due_on} />
              </td>
              <td>{r.state}</td>
              <td>{r.delivered_at ? formatDateTimeOr(r.delivered_at) : '—'}</td>
              <td>{r.by}</td>
              <td>{r.failure ?? r.note ?? r.channel_text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
