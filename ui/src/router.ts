import { useEffect, useState } from 'preact/hooks';

/** The app's top-level views, in sidebar order. */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', key: '1' },
  { id: 'agreements', label: 'Agreements', key: '2' },
  { id: 'import', label: 'Import', key: '3' },
  { id: 'settings', label: 'Settings', key: '4' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** The view named by a location hash such as `#/agreements` (Dashboard for anything else). */
export function viewFromHash(hash: string): ViewId {
  const id = hash.replace(/^#\/?/, '');
  return VIEWS.find((v) => v.id === id)?.id ?? 'dashboard';
}

/** The current view, kept in `location.hash` so Back/Forward work. */
export function useHashRoute(): [ViewId, (view: ViewId) => void] {
  const [view, setView] = useState<ViewId>(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = (next: ViewId): void => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `#/${next}`;
    setView(next);
  };
  return [view, navigate];
}
