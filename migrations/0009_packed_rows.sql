-- The database stays small (issue 14 item 3): no text twice, the rest compressed.
--
-- `agreements.packed`: the agreement's JSON without what can be rebuilt (the source texts
-- its spans give back, its `sections` when the Markdown reading of its current document
-- gives exactly those, every null), DEFLATE-compressed; `agreements.data` is then empty.
-- `documents.packed`: the document's text DEFLATE-compressed, byte for byte; its
-- `source_text` is then empty. The conversion of existing rows is done in Rust right after
-- this step, in the same transaction (renewal_core::adapters::store::compact::migrate_0009).
-- `agreement_engine` (the compact engine copy) and `history` are unchanged: history rows
-- already hold changes (field path, old and new value), not snapshots.
ALTER TABLE agreements ADD COLUMN packed BLOB;
ALTER TABLE documents ADD COLUMN packed BLOB;
