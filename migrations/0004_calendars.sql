-- Calendars loaded by the user from .ics files (a region's holidays, a company's shutdown
-- days), by name, to be chosen for agreements (renewal-rules.md rule 4: their days are
-- non-business days in addition to the country's public holidays). An agreement that
-- uses one carries a copy of its name and days in its own JSON (Agreement.calendar), so
-- removing or re-importing a calendar here never changes an agreement's deadlines
-- silently.
CREATE TABLE calendars (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- as given by the user
    file_name   TEXT NOT NULL,                        -- the .ics file it came from
    imported_at TEXT NOT NULL,                        -- RFC 3339, UTC
    days        TEXT NOT NULL                         -- JSON: [{"date":"YYYY-MM-DD","name":...}]
) STRICT;
