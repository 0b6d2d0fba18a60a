import { backend } from '../backend';
import { SCRIPT_START_MS } from '../timing';

/** Runs `callback` once the current frame has been painted (two animation frames). */
export function afterFirstPaint(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

let sent = false;

/**
 * Tells the shell, once per run, that the first screen has drawn its data: the
 * benchmark's first-paint marker (scripts/bench-app.sh) and the scheduler's cue to
 * start the first reminder run. Call it after the render that shows the data.
 */
export function signalReady(): void {
  if (sent) return;
  sent = true;
  afterFirstPaint(
    () => void backend.uiReady({ scriptMs: SCRIPT_START_MS, paintMs: performance.now() }).catch(() => undefined),
  );
}

/** For tests: forget that the signal was sent. */
export function resetReadyForTests(): void {
  sent = false;
}
