import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type AppInfo } from './backend';
import { DateText } from './components/DateText';
import { VIEWS, useHashRoute, type ViewId } from './router';
import { SCRIPT_START_MS } from './timing';
import { Agreements } from './views/Agreements';
import { Dashboard } from './views/Dashboard';
import { Import } from './views/Import';
import { Settings } from './views/Settings';

/** Runs `callback` once the current frame has been painted (two animation frames). */
export function afterFirstPaint(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

const ICONS: Record<ViewId, string> = {
  dashboard: 'M3 3h7v9H3zM14 3h7v5h-7zM14 12h7v9h-7zM3 16h7v5H3z',
  agreements: 'M4 5h16M4 10h16M4 15h16M4 20h10',
  import: 'M12 3v12M7 10l5 5 5-5M4 21h16',
  settings: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3',
};

export function App(): JSX.Element {
  const [view, navigate] = useHashRoute();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const main = useRef<HTMLElement>(null);
  const firstView = useRef(true);

  useEffect(() => {
    backend.appInfo().then(setInfo, (e: unknown) => setError(toBackendError(e).message));
    // The benchmark's first-paint signal (scripts/bench-app.sh). Phase 2: move it to
    // the dashboard, after its data has rendered.
    afterFirstPaint(
      () => void backend.uiReady({ scriptMs: SCRIPT_START_MS, paintMs: performance.now() }).catch(() => undefined),
    );
  }, []);

  // After a view change, put focus on its heading so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('#view-title')?.focus();
  }, [view]);

  // Alt+1..4 jump to a view from anywhere.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = VIEWS.find((v) => v.key === e.key);
      if (target) {
        e.preventDefault();
        navigate(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  function onNavKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = Array.from((e.currentTarget as HTMLElement).querySelectorAll<HTMLAnchorElement>('a'));
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[(i + (e.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }

  return (
    <div class="shell" data-testid="app-shell" data-view={view}>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <nav class="sidebar" aria-label="Main">
        <div class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Renewal Desk
        </div>
        <ul onKeyDown={onNavKey}>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <a
                href={`#/${v.id}`}
                data-nav={v.id}
                aria-current={view === v.id ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${v.key}`}
                title={`${v.label} (Alt+${v.key})`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(v.id);
                }}
              >
                <svg viewBox="0 0 24 24" aria-hidden="true" class="nav-icon">
                  <path d={ICONS[v.id]} />
                </svg>
                {v.label}
              </a>
            </li>
          ))}
        </ul>
        {info && <p class="sidebar-foot muted">v{info.version}</p>}
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {info?.todayIsFixed && (
          <div class="banner" role="status">
            Working as of <DateText iso={info.today} /> — the date is fixed, not today’s.
          </div>
        )}
        {error && (
          <p role="alert" class="error">
            Could not reach the app: {error}
          </p>
        )}
        {view === 'dashboard' && <Dashboard info={info} navigate={navigate} />}
        {view === 'agreements' && <Agreements />}
        {view === 'import' && <Import />}
        {view === 'settings' && <Settings info={info} />}
      </main>
    </div>
  );
}
