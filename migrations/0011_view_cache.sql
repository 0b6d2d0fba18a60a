-- Computed views kept between starts (issue 14 item 2: the dashboard of 100,000 agreements).
-- A view is a pure function of the compact engine copies (`agreement_engine`), the as-of
-- date and the program that computed it. `view_generation` counts every change to
-- `agreement_engine` (the triggers below: every import, edit, recorded notice, step marked done or
-- deletion writes it), so a stored view is used only when its as-of date, its generation
-- and its program version are exactly the current ones (renewal_core::services::dashboard::
-- dashboard_cached); any write makes it unusable at once, in the same transaction.
CREATE TABLE view_generation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
) STRICT;
INSERT INTO view_generation(id, generation) VALUES (1, 0);

CREATE TRIGGER agreement_engine_insert_view AFTER INSERT ON agreement_engine
BEGIN
    UPDATE view_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER agreement_engine_update_view AFTER UPDATE ON agreement_engine
BEGIN
    UPDATE view_generation SET generation = generation + 1 WHERE id = 1;
END;
CREATE TRIGGER agreement_engine_delete_view AFTER DELETE ON agreement_engine
BEGIN
    UPDATE view_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TABLE view_cache (
    name        TEXT PRIMARY KEY,   -- e.g. 'dashboard'
    as_of       TEXT NOT NULL,      -- YYYY-MM-DD
    generation  INTEGER NOT NULL,   -- view_generation.generation it was computed at
    version     TEXT NOT NULL,      -- the program that computed it
    json        TEXT NOT NULL       -- the view
) STRICT;
