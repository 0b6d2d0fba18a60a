import type { JSX } from 'preact';
import { DateText } from '../components/DateText';
import type { AppInfo } from '../backend';
import type { ViewId } from '../router';

/** What needs a decision soonest. Phase 1: the first-run empty state. */
export function Dashboard({ info, navigate }: { info: AppInfo | null; navigate: (v: ViewId) => void }): JSX.Element {
  return (
    <section class="view" aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Dashboard
        </h1>
        {info && (
          <p class="muted">
            Today is <DateText iso={info.today} />
          </p>
        )}
      </header>
      <div class="empty-state" data-testid="empty-state">
        <h2>No agreements yet</h2>
        <p>Import your agreements to see notice deadlines, overdue items and recently closed windows here.</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => navigate('import')}>
            Import agreements
          </button>
          <button type="button" disabled title="Arrives with the core (phase 2)">
            Load sample agreements
          </button>
        </div>
      </div>
    </section>
  );
}
