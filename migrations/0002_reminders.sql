-- Reminders (issue 4): the reminder log, snoozes, per-agreement ladders and the history of
-- global settings. The global ladder itself lives in `settings` under `reminders.ladder`.

-- One row per (agreement, event, ladder step) ever claimed, delivered, failed or skipped.
-- The UNIQUE constraint is what makes a step deliverable at most once: a run claims a step by
-- inserting its row inside BEGIN IMMEDIATE, so a second process finds it taken.
CREATE TABLE reminder_log (
    id              INTEGER PRIMARY KEY,
    agreement_id    INTEGER NOT NULL REFERENCES agreements(id),
    event_id        TEXT NOT NULL,            -- DatedEvent::id(), e.g. renewal:2027-01-01
    step            TEXT NOT NULL,            -- d14, d0, overdue-w3, snooze-2026-12-21
    event_date      TEXT NOT NULL,            -- the date to act on (ISO 8601)
    due_on          TEXT NOT NULL,            -- the day this step fell due (ISO 8601)
    label           TEXT NOT NULL,            -- event label at claim time, for listings
    state           TEXT NOT NULL CHECK (state IN ('claimed', 'delivered', 'failed', 'superseded')),
    note            TEXT,                     -- why superseded (a later step, done, snoozed)
    claimed_by      TEXT,                     -- the run that claimed it (pid and nonce)
    claimed_at      TEXT,                     -- RFC 3339 UTC
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,                     -- RFC 3339 UTC
    delivered_at    TEXT,                     -- RFC 3339 UTC
    channel         TEXT,                     -- how: e.g. "desktop notification #4 (dunst 1.9.0)"
    failure         TEXT,                     -- why the last attempt failed
    UNIQUE (agreement_id, event_id, step)
) STRICT;
CREATE INDEX reminder_log_by_state ON reminder_log(state);

-- A snoozed event stays silent until `until`, then reminds again.
CREATE TABLE reminder_snoozes (
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    event_id     TEXT NOT NULL,
    until        TEXT NOT NULL,               -- ISO 8601 date
    created_at   TEXT NOT NULL,
    PRIMARY KEY (agreement_id, event_id)
) STRICT;

-- Per-agreement ladder overrides (JSON array of days before the event, descending).
CREATE TABLE reminder_ladders (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreements(id),
    ladder       TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- Append-only history of global settings (the history table is per agreement).
CREATE TABLE settings_history (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    key       TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
) STRICT;
CREATE TRIGGER settings_history_is_append_only_update BEFORE UPDATE ON settings_history
BEGIN SELECT RAISE(ABORT, 'settings_history is append-only'); END;
CREATE TRIGGER settings_history_is_append_only_delete BEFORE DELETE ON settings_history
BEGIN SELECT RAISE(ABORT, 'settings_history is append-only'); END;
