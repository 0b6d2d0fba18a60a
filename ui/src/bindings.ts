// Generated from the Rust types in src-tauri by ts-rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings

export type ErrorCode = "invalid_input" | "not_permitted" | "not_found" | "autostart" | "opener" | "io" | "internal";

export type ErrorPayload = { 
/**
 * See [`ErrorCode`].
 */
code: ErrorCode, 
/**
 * A sentence for people; may change between versions.
 */
message: string, };

export type AppInfo = { 
/**
 * The app's version (`Cargo.toml`).
 */
version: string, 
/**
 * The database file the app uses.
 */
dbPath: string, 
/**
 * The date the app works as of (`YYYY-MM-DD`).
 */
today: string, 
/**
 * True when `today` is fixed by `RENEWAL_DESK_TODAY` (the UI shows a banner).
 */
todayIsFixed: boolean, };

export type RunReason = "start" | "hourly" | "wake" | "manual";

export type ReminderRunSummary = { 
/**
 * Why it ran.
 */
reason: RunReason, 
/**
 * When it finished, RFC 3339 with the local offset.
 */
finishedAt: string, 
/**
 * How many reminders were sent.
 */
notified: number, };

export type PaintTimings = { 
/**
 * When the UI bundle started running.
 */
scriptMs: number, 
/**
 * When the first screen had painted.
 */
paintMs: number, };
