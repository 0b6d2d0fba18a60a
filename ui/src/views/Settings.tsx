import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { backend, toBackendError, type AppInfo, type ReminderRunSummary } from '../backend';
import { DateText } from '../components/DateText';
import { formatDateTime } from '../format/date';

function safeDateTime(rfc3339: string): string {
  try {
    return formatDateTime(rfc3339);
  } catch {
    return rfc3339;
  }
}

/** Settings. Phase 1: autostart, run reminders now, about, quit. */
export function Settings({ info }: { info: AppInfo | null }): JSX.Element {
  const [autostart, setAutostart] = useState<boolean | null>(null);
  const [lastRun, setLastRun] = useState<ReminderRunSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    backend.getAutostart().then(setAutostart, (e: unknown) => setError(toBackendError(e).message));
    backend.lastReminderRun().then(setLastRun, () => undefined);
  }, []);

  async function toggleAutostart(enabled: boolean): Promise<void> {
    setError(null);
    try {
      setAutostart(await backend.setAutostart(enabled));
    } catch (e) {
      setError(toBackendError(e).message);
    }
  }

  async function runNow(): Promise<void> {
    setRunning(true);
    setError(null);
    try {
      setLastRun(await backend.runRemindersNow());
    } catch (e) {
      setError(toBackendError(e).message);
    } finally {
      setRunning(false);
    }
  }

  return (
    <section class="view" aria-labelledby="view-title">
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
      <div class="card">
        <h2>Start-up</h2>
        <label class="check">
          <input
            type="checkbox"
            checked={autostart === true}
            disabled={autostart === null}
            onChange={(e) => void toggleAutostart(e.currentTarget.checked)}
          />
          Start Renewal Desk when I log in (it waits in the tray)
        </label>
      </div>
      <div class="card">
        <h2>Reminders</h2>
        <p class="muted">Reminders run when the app starts, every hour, and when the computer wakes.</p>
        <button type="button" onClick={() => void runNow()} disabled={running}>
          {running ? 'Running…' : 'Run reminders now'}
        </button>
        <p data-testid="last-run">
          {lastRun
            ? `Last run: ${lastRun.reason}, ${lastRun.notified} reminder(s) sent, ${safeDateTime(lastRun.finishedAt)}`
            : 'No run yet.'}
        </p>
      </div>
      <div class="card">
        <h2>About</h2>
        {info ? (
          <dl class="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Database</dt>
            <dd>
              <code>{info.dbPath}</code>
            </dd>
            <dt>As of</dt>
            <dd>
              <DateText iso={info.today} />
              {info.todayIsFixed ? ' (fixed)' : ''}
            </dd>
          </dl>
        ) : (
          <p class="muted">Loading…</p>
        )}
        <button type="button" onClick={() => void backend.quit()}>
          Quit Renewal Desk
        </button>
      </div>
    </section>
  );
}
