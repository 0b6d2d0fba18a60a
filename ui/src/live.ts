import { useEffect, useRef } from 'preact/hooks';
import { backend } from './backend';

/**
 * Calls `reload` whenever the data may have changed behind the view: a notification button
 * (Snooze, Mark done) recorded something, or a reminder run logged reminders. The latest
 * `reload` is used, so it may close over the view's current props.
 */
export function useLiveReload(reload: () => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    let live = true;
    const offs: (() => void)[] = [];
    const keep = (off: () => void): void => {
      if (live) offs.push(off);
      else off();
    };
    backend.onDataChanged(() => latest.current()).then(keep, () => undefined);
    backend.onRemindersRan(() => latest.current()).then(keep, () => undefined);
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, []);
}
