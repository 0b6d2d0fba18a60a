/**
 * The one place the UI talks to the Rust shell. Every command is a typed
 * function here; views import `backend` and never call `invoke` themselves, so
 * unit tests mock IPC at one seam (`@tauri-apps/api/mocks`) and the e2e tests
 * drive the real thing through the same calls.
 *
 * Failed commands reject with a `BackendError` carrying the shell's stable
 * `code` (see `ErrorCode` in bindings.ts, generated from Rust).
 */
import { Channel, invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  AgreementPage,
  AgreementRow,
  AppInfo,
  CalendarExport,
  ClauseTable,
  Dashboard,
  DeskSettings,
  DroppedFiles,
  EditableField,
  GeneratedBrief,
  ErrorCode,
  ErrorPayload,
  ImportProgress,
  ImportReport,
  NoticeKind,
  OpenAgreement,
  PaintTimings,
  Paper,
  ReminderRunSummary,
  RowEdit,
} from './bindings';

export type * from './bindings';

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
/** Event the shell emits when a notification button changed the data (snooze, mark done). */
export const DATA_CHANGED_EVENT = 'data-changed';
/** Event the shell emits when a notification's "Open brief" asks for an agreement. */
export const OPEN_AGREEMENT_EVENT = 'open-agreement';
/** Event the shell emits when files are dropped on the window (paths already granted). */
export const FILES_DROPPED_EVENT = 'files-dropped';
/** Tauri's own events while files are dragged over the window. */
export const DRAG_ENTER_EVENT = 'tauri://drag-enter';
export const DRAG_LEAVE_EVENT = 'tauri://drag-leave';
export const DRAG_DROP_EVENT = 'tauri://drag-drop';

/** An unsubscribe function that never throws (the IPC may already be gone at unmount). */
function quietly(off: UnlistenFn): UnlistenFn {
  return () => {
    try {
      const r: unknown = off();
      if (r instanceof Promise) r.catch(() => undefined);
    } catch {
      // Nothing to unsubscribe from any more.
    }
  };
}

/** Listens to `event`, handing its payload to `handler`. */
async function on<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {
  return quietly(await listen<T>(event, (e) => handler(e.payload)));
}

export const backend = {
  /** Version, database path, today and the as-of date. */
  appInfo: () => call<AppInfo>('app_info'),
  /** Whether the app starts at login. */
  getAutostart: () => call<boolean>('get_autostart'),
  /** Turns start-at-login on or off; resolves to the new setting. */
  setAutostart: (enabled: boolean) => call<boolean>('set_autostart', { enabled }),
  /** Open dialog for documents to import; `[]` if cancelled. */
  pickImportFiles: () => call<string[]>('pick_import_files'),
  /** Save dialog suggesting a bare file name; `null` if cancelled. */
  pickSavePath: (suggestedName: string) => call<string | null>('pick_save_path', { suggestedName }),
  /** Opens a file previously chosen in a save dialog (or written by the app) in the system viewer. */
  openInViewer: (path: string) => call<null>('open_in_viewer', { path }),
  /** Runs the reminder policy now. */
  runRemindersNow: () => call<ReminderRunSummary>('run_reminders_now'),
  /** The last reminder run since the app started, if any. */
  lastReminderRun: () => call<ReminderRunSummary | null>('last_reminder_run'),
  /** Tells the shell the dashboard has drawn its data (logs it; feeds the benchmark). */
  uiReady: (timings: PaintTimings) => call<null>('ui_ready', { timings }),
  /** Quits the app (closing the window only hides it to the tray). */
  quit: () => call<null>('quit_app'),

  /** What needs a decision, soonest first, as of the view date. */
  dashboard: () => call<Dashboard>('dashboard'),
  /** One row per agreement (the table). */
  agreementRows: () => call<AgreementRow[]>('agreement_rows'),
  /** Everything about one agreement. */
  agreementPage: (id: number) => call<AgreementPage>('agreement_page', { id }),
  /** Fixes or fills a field; rejects with `invalid_input` naming the field. */
  editField: (id: number, field: EditableField, value: string) =>
    call<AgreementPage>('edit_field', { id, field, value }),
  /** Adds, changes or removes a row of a clause table (termination rights, obligations, …). */
  editRow: (id: number, table: ClauseTable, edit: RowEdit) => call<AgreementPage>('edit_row', { id, table, edit }),
  /** Marks warning `index` (0-based) as confirmed: it leaves the list, the history keeps it. */
  confirmWarning: (id: number, index: number) => call<AgreementPage>('confirm_warning', { id, index }),
  /** Records a notice as served. */
  recordNotice: (id: number, kind: NoticeKind, servedOn: string, note: string) =>
    call<AgreementPage>('record_notice', { id, kind, servedOn, note }),
  /** Marks a dated event done. */
  markDone: (id: number, eventId: string, doneOn: string, note: string) =>
    call<AgreementPage>('mark_done', { id, eventId, doneOn, note }),
  /** Silences an event's reminders for `days` days. */
  snooze: (id: number, eventId: string, days: number) => call<AgreementPage>('snooze', { id, eventId, days }),

  /** Imports documents chosen in the dialog or dropped on the window, with progress. */
  importFiles: (paths: string[], onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>(onProgress);
    return call<ImportReport>('import_files', { paths, onProgress: channel });
  },
  /** Loads the sample agreements shipped with the app. */
  loadSamples: () => call<ImportReport>('load_samples'),
  /** Writes the calendar (.ics) to a path chosen in the save dialog. */
  exportCalendar: (path: string) => call<CalendarExport>('export_calendar', { path }),
  /** Backs the database up to a path chosen in the save dialog. */
  backupDatabase: (path: string) => call<null>('backup_database', { path }),
  /** Generates an agreement's renewal brief (PDF) into the app's cache folder. */
  generateBrief: (id: number) => call<GeneratedBrief>('generate_brief', { id }),
  /** Writes an agreement's renewal brief to a path chosen in the save dialog. */
  saveBrief: (id: number, path: string) => call<null>('save_brief', { id, path }),

  /** Settings stored in the database. */
  getSettings: () => call<DeskSettings>('get_settings'),
  /** Sets the reminder ladder from text such as "90, 30, 7, 0" (empty: default). */
  setLadder: (ladder: string) => call<DeskSettings>('set_ladder', { ladder }),
  /** Business-day adjustment for new imports, optionally for every agreement. */
  setBusinessDayAdjustment: (on: boolean, applyToExisting: boolean) =>
    call<DeskSettings>('set_business_day_adjustment', { on, applyToExisting }),
  /** Paper size of renewal briefs. */
  setPaper: (paper: Paper) => call<DeskSettings>('set_paper', { paper }),
  /** Sets (or with null clears) the what-if as-of date; resolves to the new app info. */
  setAsOf: (date: string | null) => call<AppInfo>('set_as_of', { date }),

  /** Calls `handler` after every reminder run; resolves to an unsubscribe function. */
  onRemindersRan: (handler: (summary: ReminderRunSummary) => void): Promise<UnlistenFn> =>
    on<ReminderRunSummary>(REMINDERS_RAN_EVENT, handler),
  /** Calls `handler` when a notification button changed the data. */
  onDataChanged: (handler: () => void): Promise<UnlistenFn> => on<null>(DATA_CHANGED_EVENT, () => handler()),
  /** Calls `handler` when a notification asks to show an agreement. */
  onOpenAgreement: (handler: (id: number) => void): Promise<UnlistenFn> =>
    on<OpenAgreement>(OPEN_AGREEMENT_EVENT, (p) => handler(p.id)),
  /** Calls `handler` when files are dropped on the window. */
  onFilesDropped: (handler: (files: DroppedFiles) => void): Promise<UnlistenFn> => on<DroppedFiles>(FILES_DROPPED_EVENT, handler),
  /** Calls `handler(true)` while files are dragged over the window, `false` when they leave or drop. */
  onDragHover: async (handler: (over: boolean) => void): Promise<UnlistenFn> => {
    const offs = await Promise.all([
      on(DRAG_ENTER_EVENT, () => handler(true)),
      on(DRAG_LEAVE_EVENT, () => handler(false)),
      on(DRAG_DROP_EVENT, () => handler(false)),
    ]);
    return () => offs.forEach((off) => off());
  },
};

export type Backend = typeof backend;
