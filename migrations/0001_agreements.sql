-- Agreements, their source documents and the append-only history of changes.
-- The typed agreement is stored as JSON (renewal_core::model::Agreement); the columns
-- beside it are copies for listing and filtering.

CREATE TABLE agreements (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,      -- normalised title: identifies re-imports
    title          TEXT NOT NULL,
    counterparty   TEXT,
    contract_owner TEXT,
    currency       TEXT,                      -- ISO 4217 of the main amounts
    data           TEXT NOT NULL,             -- Agreement as JSON
    sha256         TEXT NOT NULL,             -- of the current source document
    created_at     TEXT NOT NULL,             -- RFC 3339 UTC
    updated_at     TEXT NOT NULL
) STRICT;

-- Every version of every imported document, verbatim.
CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    source_text  TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    UNIQUE (agreement_id, sha256)
) STRICT;
CREATE INDEX documents_by_sha256 ON documents(sha256);

-- Append-only: what changed, old and new value, when, by which action.
CREATE TABLE history (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements(id),
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    field        TEXT NOT NULL,
    old_value    TEXT,
    new_value    TEXT
) STRICT;
CREATE INDEX history_by_agreement ON history(agreement_id, id);
CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
