-- A compact copy of each agreement for computed views (dashboard, agreements table,
-- reminders): the engine's fields only, without the verbatim document structure, the
-- tables no deadline reads, the source quotes or null fields (about 2 KB instead of 9 KB).
-- Kept in its own table so a scan reads only these rows, not the large `data` values.
-- Written by the store in the same transaction as every import and update
-- (renewal_core::store::engine_json). Rows that exist when this migration runs get their
-- `data` with the same fields emptied (sources kept); the next update compacts them.
CREATE TABLE agreement_engine (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreements(id),
    currency     TEXT,                        -- as agreements.currency
    engine       TEXT NOT NULL                -- compact Agreement JSON
) STRICT;

INSERT INTO agreement_engine(agreement_id, currency, engine)
SELECT id, currency,
       json_set(data, '$.sections', json_array(), '$.renewal_terms', json_array(),
                '$.commitments', json_array(), '$.amounts', json_array(),
                '$.revenue_shares', json_array(), '$.service_levels', json_array(),
                '$.data_protection', json_array())
FROM agreements;
