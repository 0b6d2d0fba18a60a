import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type AppInfo, type DeskSettings, type ReminderRunSummary } from '../backend';
import { useLiveReload } from '../live';
import { DateText } from '../components/DateText';
import { formatDateTime, parseIsoDate } from '../format/date';
import { applyTheme, storedTheme, type Theme } from '../theme';
import { MailCard } from './settings/MailCard';

function safeDateTime(rfc3339: string): string {
  try {
    return formatDateTime(rfc3339);
  } catch {
    return rfc3339;
  }
}

/** Text for a reminder run, e.g. "Last run: manual, 2 reminder(s) sent, Fri 1 Oct 2027, 09:00". */
export function describeRun(run: ReminderRunSummary): string {
  let text = `Last run: ${run.reason}, ${run.notified} reminder(s) sent, ${safeDateTime(run.finishedAt)}`;
  if (run.failed > 0) text += `; ${run.failed} not delivered (${run.failure ?? 'no notification server'}), kept for the next run`;
  return text;
}

interface Props {
  info: AppInfo | null;
  /** New app info after the what-if date changes. */
  onInfo: (info: AppInfo) => void;
}

/** Settings: reminders, email reminders, deadlines, briefs, what-if date, start-up, appearance, data. */
export function Settings({ info, onInfo }: Props): JSX.Element {
  const [settings, setSettings] = useState<DeskSettings | null>(null);
  const [ladder, setLadder] = useState('');
  const [ladderError, setLadderError] = useState<string | null>(null);
  const [autostart, setAutostart] = useState<boolean | null>(null);
  const [lastRun, setLastRun] = useState<ReminderRunSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [asOf, setAsOf] = useState(info?.whatIf ? info.asOf : '');
  const [asOfError, setAsOfError] = useState<string | null>(null);
  const [theme, setTheme] = useState<Theme>(storedTheme());

  const fail = (e: unknown): void => setError(toBackendError(e).message);
  const gotSettings = (s: DeskSettings): void => {
    setSettings(s);
    setLadder(s.ladder.join(', '));
  };

  useEffect(() => {
    backend.getSettings().then(gotSettings, fail);
    backend.getAutostart().then(setAutostart, fail);
    backend.lastReminderRun().then(setLastRun, () => undefined);
  }, []);
  // Runs started elsewhere (the tray, the hourly scheduler, waking up) report here too.
  useLiveReload(() => {
    backend.lastReminderRun().then(setLastRun, () => undefined);
  });

  async function saveLadder(text: string): Promise<void> {
    setLadderError(null);
    try {
      gotSettings(await backend.setLadder(text));
      setNotice('Reminder ladder saved.');
    } catch (e) {
      // A refused ladder is explained under the field; anything else in full.
      const err = toBackendError(e);
      setLadderError(err.isInvalidField('ladder') ? err.reason : err.message);
    }
  }

  async function toggleAutostart(enabled: boolean): Promise<void> {
    setError(null);
    try {
      setAutostart(await backend.setAutostart(enabled));
    } catch (e) {
      fail(e);
    }
  }

  async function runNow(): Promise<void> {
    setRunning(true);
    setError(null);
    try {
      setLastRun(await backend.runRemindersNow());
    } catch (e) {
      fail(e);
    } finally {
      setRunning(false);
    }
  }

  async function setAdjustment(on: boolean, applyToExisting: boolean): Promise<void> {
    try {
      gotSettings(await backend.setBusinessDayAdjustment(on, applyToExisting));
      if (applyToExisting) setNotice(`Business-day adjustment ${on ? 'on' : 'off'} for every agreement (each change is in its history).`);
    } catch (e) {
      fail(e);
    }
  }

  async function applyAsOf(date: string | null): Promise<void> {
    setAsOfError(null);
    if (date !== null) {
      try {
        parseIsoDate(date);
      } catch {
        setAsOfError('Enter a date as YYYY-MM-DD, e.g. 2027-10-01.');
        return;
      }
    }
    try {
      onInfo(await backend.setAsOf(date));
      if (date === null) setAsOf('');
    } catch (e) {
      setAsOfError(toBackendError(e).message);
    }
  }

  async function saveTo(suggested: string, write: (path: string) => Promise<string>): Promise<void> {
    setError(null);
    setNotice(null);
    try {
      const path = await backend.pickSavePath(suggested);
      if (path) setNotice(await write(path));
    } catch (e) {
      fail(e);
    }
  }

  const realToday = info?.realToday ?? '';

  return (
    <section class="view settings" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Settings
        </h1>
      </header>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" class="notice" data-testid="settings-notice">
          {notice}
        </p>
      )}
      <div class="settings-grid">
        <div class="card">
          <h2>Reminders</h2>
          <p class="muted">
            Each open deadline reminds on these days before it (0 is the day itself); overdue items remind weekly.
            Reminders run at start, every hour and when the computer wakes.
          </p>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveLadder(ladder);
            }}
          >
            <label for="ladder">Days before</label>
            <input
              id="ladder"
              type="text"
              value={ladder}
              onInput={(e) => setLadder(e.currentTarget.value)}
              aria-invalid={ladderError !== null}
              aria-describedby="ladder-help"
              inputMode="numeric"
            />
            <button type="submit">Save</button>
            {settings && !settings.ladder_is_default && (
              <button type="button" class="link-button" onClick={() => void saveLadder('')}>
                Reset to 90, 60, 30, 14, 7, 3, 1, 0
              </button>
            )}
          </form>
          <p id="ladder-help" class={ladderError ? 'error' : 'muted small'} role={ladderError ? 'alert' : undefined}>
            {ladderError ?? 'Comma-separated days, e.g. 90, 30, 7, 0.'}
          </p>
          <div class="row">
            <button type="button" onClick={() => void runNow()} disabled={running}>
              {running ? 'Running…' : 'Run reminders now'}
            </button>
          </div>
          <p data-testid="last-run">{lastRun ? describeRun(lastRun) : 'No run yet.'}</p>
        </div>

        <div class="card">
          <h2>Deadlines</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={settings?.business_day_adjustment ?? true}
              disabled={!settings}
              onChange={(e) => void setAdjustment(e.currentTarget.checked, false)}
            />
            Move a deadline that falls on a weekend or public holiday to the preceding business day (rule 4), for newly
            imported agreements
          </label>
          {settings && (
            <p class="muted small">
              {settings.agreements_without_adjustment === 0
                ? 'Every agreement has the adjustment on.'
                : `${settings.agreements_without_adjustment} agreement(s) have it off.`}{' '}
              Each agreement can also be switched in its Edit form.
            </p>
          )}
          {settings && (
            <button type="button" onClick={() => void setAdjustment(settings.business_day_adjustment, true)}>
              Apply to every agreement
            </button>
          )}
        </div>

        <MailCard />

        <div class="card">
          <h2>Renewal brief</h2>
          <fieldset class="radios">
            <legend class="muted">Paper size</legend>
            {(['a4', 'letter'] as const).map((p) => (
              <label class="check" key={p}>
                <input
                  type="radio"
                  name="paper"
                  value={p}
                  checked={settings?.paper === p}
                  disabled={!settings}
                  onChange={() => void backend.setPaper(p).then(gotSettings, fail)}
                />
                {p === 'a4' ? 'A4 (210 × 297 mm)' : 'US Letter (8.5 × 11 in)'}
              </label>
            ))}
          </fieldset>
        </div>

        <div class="card">
          <h2>What-if date</h2>
          <p class="muted">
            See every deadline as it will stand on another day. A banner shows on every screen while it is set; reminders
            keep using today{realToday && (
              <>
                {' '}
                (<DateText iso={realToday} />)
              </>
            )}
            .
          </p>
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void applyAsOf(asOf);
            }}
          >
            <label for="as-of">As of</label>
            <input
              id="as-of"
              type="date"
              value={asOf}
              onInput={(e) => setAsOf(e.currentTarget.value)}
              aria-invalid={asOfError !== null}
            />
            <button type="submit" disabled={!asOf}>
              Show as of this date
            </button>
            {info?.whatIf && (
              <button type="button" onClick={() => void applyAsOf(null)}>
                Back to today
              </button>
            )}
          </form>
          {asOfError && (
            <p role="alert" class="error">
              {asOfError}
            </p>
          )}
        </div>

        <div class="card">
          <h2>Start-up and appearance</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={autostart === true}
              disabled={autostart === null}
              onChange={(e) => void toggleAutostart(e.currentTarget.checked)}
              data-testid="autostart"
            />
            Start Renewal Desk when I log in (it waits in the tray)
          </label>
          <fieldset class="radios">
            <legend class="muted">Theme</legend>
            {(['system', 'light', 'dark'] as const).map((t) => (
              <label class="check" key={t}>
                <input
                  type="radio"
                  name="theme"
                  value={t}
                  checked={theme === t}
                  onChange={() => {
                    setTheme(t);
                    applyTheme(t, true);
                  }}
                />
                {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
              </label>
            ))}
          </fieldset>
        </div>

        <div class="card">
          <h2>Data</h2>
          <p class="muted">Deadlines for your calendar app, and a copy of the whole database.</p>
          <div class="row">
            <button
              type="button"
              onClick={() =>
                void saveTo('renewal-deadlines.ics', async (path) => {
                  const r = await backend.exportCalendar(path);
                  return `Calendar saved: ${r.events} events with ${r.alarms} alarms from ${r.agreements} agreements, to ${path}.`;
                })
              }
            >
              Export calendar (.ics)…
            </button>
            <button
              type="button"
              onClick={() =>
                void saveTo(`renewal-desk-backup-${realToday || 'today'}.db`, async (path) => {
                  await backend.backupDatabase(path);
                  return `Backup saved to ${path}.`;
                })
              }
            >
              Back up database…
            </button>
          </div>
          {info && (
            <dl class="facts">
              <dt>Database</dt>
              <dd>
                <code>{info.dbPath}</code>
              </dd>
              <dt>Version</dt>
              <dd>{info.version}</dd>
            </dl>
          )}
          <button type="button" onClick={() => void backend.quit()}>
            Quit Renewal Desk
          </button>
        </div>
      </div>
    </section>
  );
}
