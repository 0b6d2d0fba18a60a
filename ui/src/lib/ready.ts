import { backend } from '../backend';
import { SCRIPT_START_MS } from '../timing';

/** Runs `callback` once the current frame has been painted (two animation frames). */
export function afterFirstPaint(callback: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(callback));
}

let sent = false;
let painted = false;
const waiting: (() => void)[] = [];

/**
 * Runs `callback` once the first screen has painted (at once if it has): work the first
 * screen does not need (event listeners for drops and reminder runs) waits, so it does not
 * compete with the first paint for the IPC channel.
 */
export function afterReady(callback: () => void): void {
  if (painted) callback();
  else waiting.push(callback);
}

function ready(): void {
  painted = true;
  for (const f of waiting.splice(0)) f();
}

/**
 * Tells the shell, once per run, that the first screen has drawn its data: the
 * benchmark's first-paint marker (scripts/bench-app.sh) and the scheduler's cue to
 * start the first reminder run. Call it right after the render that shows the data is
 * committed (a layout effect): two animation frames later that frame has been painted,
 * the same signal the bare window of the benchmark sends after its first render.
 */
export function signalReady(dataMs: number | null = null): void {
  if (sent) return;
  sent = true;
  const renderMs = performance.now();
  afterFirstPaint(() => {
    void backend
      .uiReady({ scriptMs: SCRIPT_START_MS, dataMs, renderMs, paintMs: performance.now() })
      .catch(() => undefined);
    ready();
  });
}

/** For tests: forget that the signal was sent. */
export function resetReadyForTests(): void {
  sent = false;
  painted = false;
  waiting.length = 0;
}
