-- Sources as line spans into the stored document (issue 14 item 3): an agreement's `data`
-- keeps each source's `line` (and `line_end` when it differs) and no copy of the text
-- there, which is read back from `documents.source_text` of its current document.
-- No schema change: the conversion of the stored JSON is done in Rust right after this
-- step, in the same transaction (renewal_core::adapters::store::spans::migrate_0005): every
-- source text that its line gives back exactly is dropped; any other text (a value typed
-- by hand, a PDF page's line, an agreement without a stored document) is kept.
UPDATE settings SET value = value WHERE 0;
