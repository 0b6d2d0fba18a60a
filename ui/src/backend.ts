/**
 * The one place the UI talks to the Rust shell. Every command is a typed
 * function here; views import `backend` and never call `invoke` themselves, so
 * unit tests mock IPC at one seam (`@tauri-apps/api/mocks`) and the e2e tests
 * drive the real thing through the same calls.
 *
 * Every command's name, arguments and result come from the shell's command table
 * (`Commands` in bindings.ts, generated from src-tauri/src/command_table.rs), so the
 * type checker holds each call here to it. Failed commands reject with a
 * `BackendError` carrying the stable `code` (`IpcErrorCode`: the core's codes plus the
 * shell's own) and, when known, where the error is (`location`: a field, a clause-table
 * row and column, a document line) with the sentence to show there (`reason`).
 */
import { Channel, invoke as tauriInvoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  ClauseTable,
  Commands,
  DecisionChoice,
  DroppedFiles,
  EditableField,
  ErrorLocation,
  MailForm,
  NewAgreement,
  ErrorPayload,
  ExportFormat,
  ImportProgress,
  IpcErrorCode,
  NoticeKind,
  OpenAgreement,
  PaintTimings,
  Paper,
  RegisterColumn,
  ReminderRunSummary,
  RowEdit,
  TableQuery,
} from './bindings';

export type * from './bindings';

/**
 * A command failed. `code` is machine-readable (the core's codes plus the shell's own,
 * or `ipc` when IPC itself failed); `message` is the whole sentence for people; `reason`
 * is the sentence to show at `location` (a field, a clause-table cell, a document line).
 */
export class BackendError extends Error {
  readonly code: IpcErrorCode | 'ipc';
  readonly reason: string;
  readonly location: ErrorLocation | null;

  constructor(code: IpcErrorCode | 'ipc', message: string, reason: string = message, location: ErrorLocation | null = null) {
    super(message);
    this.name = 'BackendError';
    this.code = code;
    this.reason = reason;
    this.location = location;
  }

  /** A validation error about editable field `field` (`effective_date`, …). */
  isInvalidField(field: string): boolean {
    return this.code === 'invalid' && this.location?.field === field;
  }

  /** A validation error about clause table `table` (a cell, a row or the whole table). */
  isInvalidIn(table: ClauseTable): boolean {
    return this.code === 'invalid' && this.location?.table === table;
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
  if (isErrorPayload(error)) {
    return new BackendError(error.code, error.message, typeof error.reason === 'string' ? error.reason : error.message, error.location ?? null);
  }
  // Not the shell's payload: IPC itself failed (no Tauri, unknown command...).
  return new BackendError('ipc', error instanceof Error ? error.message : String(error));
}

/**
 * Calls shell command `name` with its arguments; both are checked against the command
 * table (`Commands`, generated from src-tauri's `command_table.rs`).
 */
export async function invoke<K extends keyof Commands>(name: K, args: Commands[K]['args']): Promise<Commands[K]['result']> {
  try {
    return await tauriInvoke<Commands[K]['result']>(name, args as InvokeArgs);
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
  /** Version, database path, the real today and the as-of date. */
  appInfo: () => invoke('app_info', {}),
  /** Whether the app starts at login. */
  getAutostart: () => invoke('get_autostart', {}),
  /** Turns start-at-login on or off; resolves to the new setting. */
  setAutostart: (enabled: boolean) => invoke('set_autostart', { enabled }),
  /** Open dialog for documents to import; `[]` if cancelled. */
  pickImportFiles: () => invoke('pick_import_files', {}),
  /** Save dialog suggesting a bare file name; `null` if cancelled. */
  pickSavePath: (suggestedName: string) => invoke('pick_save_path', { suggestedName }),
  /** Opens a file previously chosen in a save dialog (or written by the app) in the system viewer. */
  openInViewer: (path: string) => invoke('open_in_viewer', { path }),
  /** Runs the reminder policy now. */
  runRemindersNow: () => invoke('run_reminders_now', {}),
  /** The last reminder run since the app started, if any. */
  lastReminderRun: () => invoke('last_reminder_run', {}),
  /** Tells the shell the dashboard has drawn its data (logs it; feeds the benchmark). */
  uiReady: (timings: PaintTimings) => invoke('ui_ready', { timings }),
  /** Quits the app (closing the window only hides it to the tray). */
  quit: () => invoke('quit_app', {}),

  /** What needs a decision, soonest first, as of the as-of date. */
  dashboard: () => invoke('dashboard', {}),
  /** One row per agreement, by id. */
  agreementRows: () => invoke('agreement_rows', {}),
  /** One window of the agreements table: searched, filtered and sorted over every agreement by the app. */
  agreementRowsPage: (query: TableQuery) => invoke('agreement_rows_page', { query }),
  /** Everything about one agreement. */
  agreementPage: (id: number) => invoke('agreement_page', { id }),
  /** Fixes or fills a field; rejects with `invalid` located at the field. */
  editField: (id: number, field: EditableField, value: string) => invoke('edit_field', { id, field, value }),
  /** Adds, changes or removes a row of a clause table; rejects with `invalid` located at the table, row and column. */
  editRow: (id: number, table: ClauseTable, edit: RowEdit) => invoke('edit_row', { id, table, edit }),
  /** Marks warning `index` (0-based) as confirmed: it leaves the list, the history keeps it. */
  confirmWarning: (id: number, index: number) => invoke('confirm_warning', { id, index }),
  /** Records a notice as served. */
  recordNotice: (id: number, kind: NoticeKind, servedOn: string, note: string) => invoke('record_notice', { id, kind, servedOn, note }),
  /** Marks a dated event done. */
  markDone: (id: number, eventId: string, doneOn: string, note: string) => invoke('mark_done', { id, eventId, doneOn, note }),
  /** Records the decision on the question at hand (who and when are added by the shell); rejects with `invalid` naming the field. */
  recordDecision: (id: number, choice: DecisionChoice, targetDate: string | null, reason: string) =>
    invoke('record_decision', { id, choice, targetDate, reason }),
  /** Silences an event's reminders for `days` days. */
  snooze: (id: number, eventId: string, days: number) => invoke('snooze', { id, eventId, days }),

  /** Imports documents chosen in the dialog or dropped on the window, with progress. */
  importFiles: (paths: string[], onProgress: (p: ImportProgress) => void) =>
    invoke('import_files', { paths, onProgress: new Channel<ImportProgress>(onProgress) }),
  /** The dates a new agreement entered by hand would yield (nothing stored); rejects with `invalid` naming the field. */
  previewNewAgreement: (agreement: NewAgreement) => invoke('preview_new_agreement', { new: agreement }),
  /** Stores a new agreement entered by hand; rejects with `invalid` naming the field (nothing stored). */
  addAgreement: (agreement: NewAgreement) => invoke('add_agreement', { new: agreement }),
  /** A new agreement's values copied from agreement `id` ("Duplicate"), the title empty. */
  newAgreementFrom: (id: number) => invoke('new_agreement_from', { id }),
  /** The review of what was read from agreement `id`'s document: its lines, its values with their sources, the queue. */
  reviewPage: (id: number) => invoke('review_page', { id }),
  /** Lines `first..first + count` (1-based, at most 2,000) of agreement `id`'s stored document. */
  reviewLines: (id: number, first: number, count: number) => invoke('review_lines', { id, first, count }),
  /** The agreements with something left to confirm, by id. */
  reviewQueue: () => invoke('review_queue', {}),
  /** Confirms `field`'s value as read (history: `confirm`); resolves to the new review page. */
  reviewConfirmField: (id: number, field: string) => invoke('review_confirm_field', { id, field }),
  /** Confirms warning `index` (0-based); resolves to the new review page. */
  reviewConfirmWarning: (id: number, index: number) => invoke('review_confirm_warning', { id, index }),
  /** Corrects or fills a value, checked like an import; rejects with `invalid` located at the field. */
  reviewEditField: (id: number, field: EditableField, value: string) => invoke('review_edit_field', { id, field, value }),
  /** Open dialog for a register spreadsheet (.csv, .xlsx, .ods); `null` if cancelled. */
  pickRegisterFile: () => invoke('pick_register_file', {}),
  /** The first rows of a register chosen in the dialog and the mapping an import would use (remembered or detected); nothing stored. */
  previewRegister: (path: string) => invoke('preview_register', { path }),
  /** Imports a register with one meaning (or `null`: ignored) per column, in order; resolves to one result per row. */
  importRegister: (path: string, mapping: (RegisterColumn | null)[]) => invoke('import_register', { path, mapping }),
  /** Writes every agreement as a register (.csv or .xlsx) to a path chosen in the save dialog. */
  exportRegister: (path: string, format: ExportFormat) => invoke('export_register', { path, format }),
  /** Loads the sample agreements shipped with the app. */
  loadSamples: () => invoke('load_samples', {}),
  /** Writes the calendar (.ics) to a path chosen in the save dialog. */
  exportCalendar: (path: string) => invoke('export_calendar', { path }),
  /** Backs the database up to a path chosen in the save dialog. */
  backupDatabase: (path: string) => invoke('backup_database', { path }),
  /** Generates an agreement's renewal brief (PDF) into the app's cache folder. */
  generateBrief: (id: number) => invoke('generate_brief', { id }),
  /** Writes an agreement's renewal brief to a path chosen in the save dialog. */
  saveBrief: (id: number, path: string) => invoke('save_brief', { id, path }),

  /** Settings stored in the database. */
  getSettings: () => invoke('get_settings', {}),
  /** Sets the reminder ladder from text such as "90, 30, 7, 0" (empty: default). */
  setLadder: (ladder: string) => invoke('set_ladder', { ladder }),
  /** Business-day adjustment for new imports, optionally for every agreement. */
  setBusinessDayAdjustment: (on: boolean, applyToExisting: boolean) => invoke('set_business_day_adjustment', { on, applyToExisting }),
  /** Paper size of renewal briefs. */
  setPaper: (paper: Paper) => invoke('set_paper', { paper }),
  /** Sets (or with null clears) the what-if as-of date; resolves to the new app info. */
  setAsOf: (date: string | null) => invoke('set_as_of', { date }),

  /** The people directory: everyone with the agreements they own, and the owners still to complete. */
  peopleDirectory: () => invoke('people_directory', {}),
  /** How many contract owners cannot be emailed yet (the directory's `to_complete`, counted without listing their agreements). */
  ownersToCompleteCount: () => invoke('owners_to_complete_count', {}),
  /** Adds a person (empty email or deputy: none yet); rejects with `invalid` naming `name`, `email` or `deputy`. */
  addPerson: (name: string, email: string, deputy: string) => invoke('add_person', { name, email, deputy }),
  /** Changes a person's address (empty: unchanged) and deputy (empty: none). */
  editPerson: (name: string, email: string, deputy: string) => invoke('edit_person', { name, email, deputy }),
  /** Removes a person; refused (`invalid` on `name`, the core's message) while an agreement names them. */
  removePerson: (name: string) => invoke('remove_person', { name }),
  /** The mail settings and whether a password is stored (never the password). */
  mailSettings: () => invoke('mail_settings', {}),
  /** Saves the mail settings; a non-empty password goes to the system keyring. Rejects with `invalid` naming the field. */
  saveMailSettings: (form: MailForm, password: string | null) => invoke('save_mail_settings', { form, password }),
  /** Sends a test email with the saved settings; resolves to what became of it (a failure says why). */
  sendTestEmail: (to: string) => invoke('send_test_email', { to }),
  /** An agreement's contract owner as a person and its email log. */
  agreementMail: (id: number) => invoke('agreement_mail', { id }),

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
