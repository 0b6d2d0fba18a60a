import { useEffect, useState } from 'preact/hooks';

/** The app's top-level views, in sidebar order. */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', key: '1' },
  { id: 'agreements', label: 'Agreements', key: '2' },
  { id: 'people', label: 'People', key: '3' },
  { id: 'import', label: 'Import', key: '4' },
  { id: 'settings', label: 'Settings', key: '5' },
] as const;

export type ViewId = (typeof VIEWS)[number]['id'];

/** Every page: the sidebar's views, and the review of what was read (`#/review/ID`, not in the sidebar). */
export type PageId = ViewId | 'review';

/** Where the app is: a view, and for `agreements` and `review` optionally one agreement. */
export interface Route {
  view: PageId;
  /** Agreement id for `#/agreements/ID` and `#/review/ID` (`#/review` alone: the first of the queue). */
  id?: number;
}

/** The route named by a location hash such as `#/agreements/3` (Dashboard for anything else). */
export function routeFromHash(hash: string): Route {
  const [first, second] = hash.replace(/^#\/?/, '').split('/');
  const view: PageId = first === 'review' ? 'review' : (VIEWS.find((v) => v.id === first)?.id ?? 'dashboard');
  if ((view === 'agreements' || view === 'review') && second !== undefined && /^\d+$/.test(second)) {
    return { view, id: Number(second) };
  }
  return { view };
}

/** The page named by a location hash (kept for callers that only need the view). */
export function viewFromHash(hash: string): PageId {
  return routeFromHash(hash).view;
}

/** The hash of a route. */
export function hashOf(route: Route): string {
  return route.id === undefined ? `#/${route.view}` : `#/${route.view}/${route.id}`;
}

export type Navigate = (route: Route | PageId) => void;

/** The current route, kept in `location.hash` so Back/Forward work. */
export function useHashRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate: Navigate = (next) => {
    const r = typeof next === 'string' ? { view: next } : next;
    const hash = hashOf(r);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(r);
  };
  return [route, navigate];
}
