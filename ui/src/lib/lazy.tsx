import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type View<P> = (props: P) => JSX.Element;

/**
 * A view whose code is loaded on first use (its own chunk), so the first screen's
 * bundle stays small. Shows "Loading…" until the chunk has arrived.
 */
export function lazyView<P extends object>(load: () => Promise<View<P>>): View<P> {
  let loaded: View<P> | null = null;
  let pending: Promise<View<P>> | null = null;
  const start = (): Promise<View<P>> => {
    pending ??= load().then((v) => (loaded = v));
    return pending;
  };
  return function LazyView(props: P): JSX.Element {
    const [view, setView] = useState<View<P> | null>(() => loaded);
    const [error, setError] = useState<string | null>(null);
    useEffect(() => {
      if (view) return undefined;
      let live = true;
      start().then(
        (v) => live && setView(() => v),
        (e: unknown) => live && setError(String(e)),
      );
      return () => {
        live = false;
      };
    }, [view]);
    if (error) return <p role="alert" class="error">Could not load this view: {error}</p>;
    if (!view) return <p class="muted">Loading…</p>;
    const Loaded = view;
    return <Loaded {...props} />;
  };
}
