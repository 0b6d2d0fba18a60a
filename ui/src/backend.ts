/**
 * The one place the UI talks to the Rust shell. Every command is a typed
 * function here; views import `backend` and never call `invoke` themselves, so
 * unit tests mock IPC at one seam (`@tauri-apps/api/mocks`) and the e2e tests
 * drive the real thing through the same calls.
 *
 * Failed commands reject with a `BackendError` carrying the shell's stable
 * `code` (see `ErrorCode` in bindings.ts, generated from Rust).
 */
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { AppInfo, ErrorCode, ErrorPayload, PaintTimings, ReminderRunSummary } from './bindings';

export type { AppInfo, ErrorCode, PaintTimings, ReminderRunSummary };

/** A command failed. `code` is machine-readable; `message` is for people. */
export class BackendError extends Error {
  readonly code: ErrorCode | 'ipc';

  constructor(code: ErrorCode | 'ipc', message: string) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
  }
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['code'] === 'string' &&
    typeof (value as Record<string, unknown>)['message'] === 'string'
  );
}

/** Turns whatever `invoke` rejected with into a `BackendError`. */
export function toBackendError(error: unknown): BackendError {
  if (error instanceof BackendError) return error;
  if (isErrorPayload(error)) return new BackendError(error.code, error.message);
  // Not the shell's {code, message}: IPC itself failed (no Tauri, unknown command...).
  return new BackendError('ipc', error instanceof Error ? error.message : String(error));
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toBackendError(error);
  }
}

/** Event the shell emits after every reminder run. */
export const REMINDERS_RAN_EVENT = 'reminders-ran';

export const backend = {
  /** Version, database path and the date the app works as of. */
  appInfo: () => call<AppInfo>('app_info'),
  /** Whether the app starts at login. */
  getAutostart: () => call<boolean>('get_autostart'),
  /** Turns start-at-login on or off; resolves to the new setting. */
  setAutostart: (enabled: boolean) => call<boolean>('set_autostart', { enabled }),
  /** Open dialog for documents to import; `[]` if cancelled. */
  pickImportFiles: () => call<string[]>('pick_import_files'),
  /** Save dialog suggesting a bare file name; `null` if cancelled. */
  pickSavePath: (suggestedName: string) => call<string | null>('pick_save_path', { suggestedName }),
  /** Opens a file previously chosen in a save dialog in the system viewer. */
  openInViewer: (path: string) => call<null>('open_in_viewer', { path }),
  /** Runs the reminder policy now. */
  runRemindersNow: () => call<ReminderRunSummary>('run_reminders_now'),
  /** The last reminder run since the app started, if any. */
  lastReminderRun: () => call<ReminderRunSummary | null>('last_reminder_run'),
  /** Tells the shell the first screen has painted (logs it; feeds the benchmark). */
  uiReady: (timings: PaintTimings) => call<null>('ui_ready', { timings }),
  /** Quits the app (closing the window only hides it to the tray). */
  quit: () => call<null>('quit_app'),
  /** Calls `handler` after every reminder run; resolves to an unsubscribe function. */
  onRemindersRan: (handler: (summary: ReminderRunSummary) => void): Promise<UnlistenFn> =>
    listen<ReminderRunSummary>(REMINDERS_RAN_EVENT, (event) => handler(event.payload)),
};

export type Backend = typeof backend;
