-- Calendar invitations keep their UID when their date moves (issue 12 item 3).
--
-- `sequence`: the iCalendar SEQUENCE of the invitation a `mail_log` row carried (RFC 5546:
-- raised each time the organizer changes the event). A notice deadline whose date moves
-- (the notice period or the term was edited) is re-sent as `METHOD:REQUEST` with the same
-- UID and the next SEQUENCE, so the recipient's calendar moves the event instead of holding
-- two; rows written before this migration carried SEQUENCE 0.
ALTER TABLE mail_log ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
