-- Who made each change (issue 16 item 7): the person's name (the operating-system user by
-- default, or the CLI's `--by`), or the product itself for changes it makes on its own
-- (e.g. "Renewal Desk (reminder timer)"). Rows written before this migration keep NULL:
-- they are shown as "not recorded". `history` stays append-only (its triggers forbid
-- UPDATE and DELETE of rows; adding a column changes no row).
ALTER TABLE history ADD COLUMN actor TEXT;
