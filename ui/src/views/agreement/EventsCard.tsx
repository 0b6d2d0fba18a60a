import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { backend, type AgreementDetail, type EventView } from '../../backend';
import { DaysLeft, EventBadge } from '../../components/Badges';
import { DateText } from '../../components/DateText';
import { FormButtons } from '../../components/FormButtons';
import { SourceRef } from '../../components/SourceRef';
import type { PageAction } from './usePageAction';

interface EventProps {
  e: EventView;
  /** The as-of date (`YYYY-MM-DD`): the default "done on" date. */
  asOf: string;
  onDone: (eventId: string, on: string, note: string) => void;
  onSnooze: (eventId: string, days: number) => void;
}

/** An event's actions: mark done, snooze. */
function EventActions({ e, asOf, onDone, onSnooze }: EventProps): JSX.Element | null {
  const [open, setOpen] = useState<'done' | 'snooze' | null>(null);
  const [on, setOn] = useState(asOf);
  const [note, setNote] = useState('');
  const [days, setDays] = useState(7);
  if (e.status !== 'open' && e.status !== 'overdue') return null;
  if (!e.actionable) return null;
  return (
    <div class="event-actions">
      {open === null && (
        <>
          <button type="button" class="small-button" onClick={() => setOpen('done')}>
            Mark done…
          </button>
          <button type="button" class="small-button" onClick={() => setOpen('snooze')}>
            Snooze…
          </button>
        </>
      )}
      {open === 'done' && (
        <form
          class="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            onDone(e.id, on, note);
            setOpen(null);
          }}
        >
          <label>
            Done on <input type="date" value={on} required onInput={(ev) => setOn(ev.currentTarget.value)} />
          </label>
          <label>
            Note <input type="text" value={note} placeholder="by whom, reference" onInput={(ev) => setNote(ev.currentTarget.value)} />
          </label>
          <FormButtons label="Mark done" onCancel={() => setOpen(null)} />
        </form>
      )}
      {open === 'snooze' && (
        <form
          class="inline-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            onSnooze(e.id, days);
            setOpen(null);
          }}
        >
          <label>
            Silence reminders for{' '}
            <select value={String(days)} onChange={(ev) => setDays(Number(ev.currentTarget.value))}>
              {[1, 3, 7, 14, 30].map((d) => (
                <option key={d} value={String(d)}>
                  {d} day{d === 1 ? '' : 's'}
                </option>
              ))}
            </select>
          </label>
          <FormButtons label="Snooze" onCancel={() => setOpen(null)} />
        </form>
      )}
    </div>
  );
}

/** One dated event: date (and the date before rule 4's adjustment), status, workings, actions. */
function EventRow({ e, asOf, onDone, onSnooze }: EventProps): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <li class={`event event-row-${e.status}`} data-testid="event" data-event={e.id}>
      <div class="event-head">
        <span class="event-date">
          <DateText iso={e.date} />
          {e.unadjusted_date !== e.date && (
            <span class="muted small">
              {' '}
              (from <DateText iso={e.unadjusted_date} />)
            </span>
          )}
        </span>
        <span class="event-label">{e.label}</span>
        <EventBadge status={e.status} />
        <DaysLeft days={e.days_from_today} />
        <button
          type="button"
          class="link-button"
          aria-expanded={open}
          aria-controls={`workings-${e.id}`}
          onClick={() => setOpen((o) => !o)}
          data-testid="workings-toggle"
        >
          {open ? 'Hide workings' : 'Workings'}
        </button>
      </div>
      <p class="event-explanation">{e.explanation}</p>
      {open && (
        <div class="workings" id={`workings-${e.id}`} data-testid="workings">
          <ol>
            {e.workings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ol>
          {e.source && (
            <p class="muted small">
              Clause: <SourceRef source={e.source} />
            </p>
          )}
        </div>
      )}
      <EventActions e={e} asOf={asOf} onDone={onDone} onSnooze={onSnooze} />
    </li>
  );
}

/** The dated events with their workings, each open one with Mark done and Snooze. */
export function EventsCard({ id, detail, asOf, action }: { id: number; detail: AgreementDetail; asOf: string; action: PageAction }): JSX.Element {
  return (
    <section class="card" aria-labelledby="events-title">
      <h2 id="events-title">Dated events</h2>
      {detail.convenience && <p class="muted">{detail.convenience.explanation}.</p>}
      {detail.events.length === 0 ? (
        <p class="muted">No dated events: see “To confirm”.</p>
      ) : (
        <ul class="events">
          {detail.events.map((e) => (
            <EventRow
              key={e.id}
              e={e}
              asOf={asOf}
              onDone={(eventId, on, note) => void action.run(() => backend.markDone(id, eventId, on, note), 'Marked done.')}
              onSnooze={(eventId, days) =>
                void action.run(() => backend.snooze(id, eventId, days), `Reminders silenced for ${days} day${days === 1 ? '' : 's'}.`)
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}
