-- Reminders reach the contract owners by email (issue 12).
--
-- `people`: the directory of contract owners and deputies. An agreement's contract owner is
-- linked by name (case-insensitive); an owner with no row here, or with no email address,
-- is a person to complete and gets no email.
CREATE TABLE people (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email     TEXT,
    deputy_id INTEGER REFERENCES people(id)
) STRICT;

-- `mail_log`: one row per reminder step and recipient, so that every step reaches every
-- recipient at most once whichever process (app, timer, CLI) sends it. A run claims rows in
-- a `BEGIN IMMEDIATE` transaction; the UNIQUE constraint makes a second claim impossible.
CREATE TABLE mail_log (
    id              INTEGER PRIMARY KEY,
    agreement_id    INTEGER NOT NULL REFERENCES agreements(id),
    event_id        TEXT NOT NULL,            -- DatedEvent::id(), e.g. exit_window_end:2026-12-27:migration
    step            TEXT NOT NULL,            -- the ladder step, e.g. d7
    recipient       TEXT NOT NULL,            -- the email address, lower-cased
    role            TEXT NOT NULL,            -- owner, deputy or escalation
    state           TEXT NOT NULL CHECK (state IN ('claimed', 'delivered', 'failed')),
    claimed_at      TEXT,                     -- RFC 3339 UTC
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,                     -- RFC 3339 UTC
    delivered_at    TEXT,                     -- RFC 3339 UTC
    failure         TEXT,                     -- why the last attempt failed (never a password)
    event_date      TEXT,                     -- the date to act on (ISO 8601)
    label           TEXT,                     -- the event's label, e.g. "Renewal"
    uid             TEXT,                     -- the calendar invitation's UID, when it carried one
    UNIQUE (agreement_id, event_id, step, recipient)
) STRICT;
CREATE INDEX mail_log_by_agreement ON mail_log(agreement_id, id);
CREATE INDEX mail_log_by_uid ON mail_log(uid) WHERE uid IS NOT NULL;

-- `mail_cancellations`: an invitation withdrawn (iTIP `METHOD:CANCEL`) because its event was
-- marked done, the agreement ended, or the date moved (a new UID), before the date came.
-- One row per UID and recipient: each cancellation is sent at most once.
CREATE TABLE mail_cancellations (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    uid          TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('claimed', 'delivered', 'failed')),
    reason       TEXT NOT NULL,            -- why it was withdrawn, for people
    at           TEXT NOT NULL,            -- RFC 3339 UTC of the last attempt
    failure      TEXT,
    UNIQUE (uid, recipient)
) STRICT;
