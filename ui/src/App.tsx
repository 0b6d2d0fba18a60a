import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { backend, toBackendError, type AppInfo } from './backend';
import { DateText } from './components/DateText';
import { lazyView } from './lib/lazy';
import { afterReady, signalReady } from './lib/ready';
import { VIEWS, useHashRoute, type Route, type ViewId } from './router';
import { Dashboard } from './views/Dashboard';
import type { PendingRegister } from './views/RegisterImport';

// Every view but the dashboard is its own chunk, loaded on first use: the first
// screen's script stays small (see docs/benchmarks.md, "Desktop app").
const Agreements = lazyView(() => import('./views/Agreements').then((m) => m.Agreements));
const AgreementDetail = lazyView(() => import('./views/AgreementDetail').then((m) => m.AgreementDetail));
const People = lazyView(() => import('./views/People').then((m) => m.People));
const Import = lazyView(() => import('./views/Import').then((m) => m.Import));
const Settings = lazyView(() => import('./views/Settings').then((m) => m.Settings));
const Review = lazyView(() => import('./views/Review').then((m) => m.Review));

export { afterFirstPaint } from './lib/ready';

const ICONS: Record<ViewId, string> = {
  dashboard: 'M3 3h7v9H3zM14 3h7v5h-7zM14 12h7v9h-7zM3 16h7v5H3z',
  agreements: 'M4 5h16M4 10h16M4 15h16M4 20h10',
  people: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 21v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1M16 3.5a4 4 0 0 1 0 7.5M22 21v-1a6 6 0 0 0-4-5.6',
  import: 'M12 3v12M7 10l5 5 5-5M4 21h16',
  settings: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM12 2v3M12 19v3M2 12h3M19 12h3',
};

/**
 * Focuses the view's heading (`#view-title`) once it is in the page: at once, or when
 * a view whose code is still loading draws it (within 5 s). Returns a cancel function.
 */
function focusHeadingWhenShown(container: HTMLElement | null): () => void {
  if (!container) return () => undefined;
  const tryFocus = (): boolean => {
    const h = container.querySelector<HTMLElement>('#view-title');
    if (!h) return false;
    h.focus();
    return true;
  };
  if (tryFocus()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(container, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** A batch of documents for the Import view to import (chosen in the dialog or dropped). */
export interface PendingImport {
  paths: string[];
  rejected: string[];
  /** Distinguishes two batches with the same paths. */
  serial: number;
}

export function App(): JSX.Element {
  const [route, navigate] = useHashRoute();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [pendingRegister, setPendingRegister] = useState<PendingRegister | null>(null);
  const [dragging, setDragging] = useState(false);
  // Bumped when the as-of date changes, so every view reloads its data.
  const [epoch, setEpoch] = useState(0);
  const main = useRef<HTMLElement>(null);
  const firstView = useRef(true);
  const serial = useRef(0);

  useEffect(() => {
    backend.appInfo().then(setInfo, (e: unknown) => setError(toBackendError(e).message));
    // The dashboard signals its first paint once its data is drawn; any other first
    // view signals after its first frame.
    if (route.view !== 'dashboard') signalReady();
    // Drops and notification buttons: listened to once the first screen has painted.
    let live = true;
    const offs: (() => void)[] = [];
    const keep = (f: () => void): void => {
      if (live) offs.push(f);
      else f();
    };
    afterReady(() => {
      if (!live) return;
      backend
        .onFilesDropped((files) => {
          serial.current += 1;
          setPending({ paths: files.accepted, rejected: files.rejected, serial: serial.current });
          navigate('import');
        })
        .then(keep, () => undefined);
      backend.onDragHover(setDragging).then(keep, () => undefined);
      // "Open brief" on a reminder notification: the agreement's page (its brief is there).
      backend.onOpenAgreement((id) => navigate({ view: 'agreements', id })).then(keep, () => undefined);
    });
    return () => {
      live = false;
      offs.forEach((f) => f());
    };
  }, []);

  // After a view change, put focus on its heading so keyboard and screen-reader users land there.
  const routeKey = `${route.view}/${route.id ?? ''}`;
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return undefined;
    }
    return focusHeadingWhenShown(main.current);
  }, [routeKey]);

  // Alt+1..5 jump to a view from anywhere.
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

  /** Opens the import dialog; the chosen documents are imported on the Import view. */
  async function startImport(): Promise<void> {
    navigate('import');
    try {
      const paths = await backend.pickImportFiles();
      if (paths.length > 0) {
        serial.current += 1;
        setPending({ paths, rejected: [], serial: serial.current });
      }
    } catch (e) {
      setError(toBackendError(e).message);
    }
  }

  /** Opens the register dialog; the chosen register's mapping step is on the Import view. */
  async function startRegisterImport(): Promise<void> {
    navigate('import');
    try {
      const path = await backend.pickRegisterFile();
      if (path) {
        serial.current += 1;
        setPendingRegister({ path, serial: serial.current });
      }
    } catch (e) {
      setError(toBackendError(e).message);
    }
  }

  /** New app info from Settings (what-if date set or cleared): views reload. */
  function changeInfo(next: AppInfo): void {
    if (info && info.asOf !== next.asOf) setEpoch((n) => n + 1);
    setInfo(next);
  }

  async function clearWhatIf(): Promise<void> {
    try {
      changeInfo(await backend.setAsOf(null));
    } catch (e) {
      setError(toBackendError(e).message);
    }
  }

  const go = (r: Route): void => navigate(r);

  return (
    <div class="shell" data-testid="app-shell" data-view={route.view}>
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
                aria-current={route.view === v.id ? 'page' : undefined}
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
        {info && (
          <div class="sidebar-foot">
            <span class="muted">
              As of <DateText iso={info.asOf} />
            </span>
            <span class="muted">v{info.version}</span>
          </div>
        )}
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {info?.whatIf && (
          <div class="banner banner-what-if" role="status" data-testid="what-if-banner">
            <span>
              What-if: every date is computed as of <DateText iso={info.asOf} />, not today (
              <DateText iso={info.realToday} />
              ). Reminders still use today.
            </span>
            <button type="button" onClick={() => void clearWhatIf()}>
              Back to today
            </button>
          </div>
        )}
        {info?.realTodayIsFixed && !info.whatIf && (
          <div class="banner" role="status">
            Working as of <DateText iso={info.realToday} /> — the date is fixed, not today’s.
          </div>
        )}
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="view-host" key={epoch}>
          {route.view === 'dashboard' && (
            <Dashboard info={info} navigate={navigate} onImport={() => void startImport()} onImportRegister={() => void startRegisterImport()} />
          )}
          {route.view === 'agreements' && route.id === undefined && <Agreements navigate={go} asOf={info?.asOf ?? null} />}
          {route.view === 'agreements' && route.id !== undefined && (
            <AgreementDetail key={route.id} id={route.id} info={info} navigate={go} />
          )}
          {route.view === 'people' && <People navigate={go} />}
          {route.view === 'import' && (
            <Import
              pending={pending}
              onChoose={() => void startImport()}
              pendingRegister={pendingRegister}
              onChooseRegister={() => void startRegisterImport()}
              navigate={go}
            />
          )}
          {route.view === 'settings' && <Settings info={info} onInfo={changeInfo} />}
          {route.view === 'review' && <Review key={route.id ?? 'queue'} id={route.id} navigate={go} />}
        </div>
      </main>
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          <div>Drop agreement documents to import them</div>
        </div>
      )}
    </div>
  );
}
