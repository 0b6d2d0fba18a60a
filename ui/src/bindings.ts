// Generated from the Rust types in src-tauri and renewal-core by ts-rs. Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p renewal-desk bindings
import type { Channel } from '@tauri-apps/api/core';

export type Agreement = { 
/**
 * The document's title (its first heading), e.g. `"Microsoft Peru Partnership Agreement"`.
 */
title: string, 
/**
 * The line under the title, e.g. `"MiFibra Communications PLC - Strategic Technology Partner"`.
 */
subtitle: string | null, 
/**
 * Agreement type, e.g. `"Operator Connect Partner Agreement"`.
 */
agreement_type: Sourced<string> | null, 
/**
 * The parties in document order.
 */
parties: Sourced<Array<string>> | null, 
/**
 * Our party (named in the subtitle, else the first party).
 */
our_party: string | null, 
/**
 * The other party.
 */
counterparty: string | null, 
/**
 * First day of the agreement.
 */
effective_date: Sourced<string> | null, 
/**
 * Length of the initial term.
 */
initial_term: Sourced<Period> | null, 
/**
 * Whether the term renews automatically; `None` when the document has no renewal clause.
 */
auto_renewal: Sourced<boolean> | null, 
/**
 * Length of each renewal period. With `auto_renewal` false or unknown it is the length
 * a renewal *option* would give ("may renew for an additional term of five years"):
 * kept for the reader to see, but the engine computes renewals and non-renewal notice
 * deadlines only when `auto_renewal` is true (renewal-rules.md rule 5: terms roll
 * forward "while … the agreement auto-renews"), so an option is never treated as an
 * automatic renewal.
 */
renewal_period: Sourced<Period> | null, 
/**
 * Non-renewal notice period before the end of the then-current term.
 */
non_renewal_notice: Sourced<Period> | null, 
/**
 * Termination rights, in document order.
 */
termination_rights: Array<TerminationRight>, 
/**
 * Price review rule.
 */
price_review: Sourced<PriceReview> | null, 
/**
 * Every renewal-terms statement as written (including ones not typed elsewhere).
 */
renewal_terms: Array<Sourced<string>>, 
/**
 * Total commitment (e.g. PEN 15,000,000 technology investment).
 */
total_commitment: Commitment | null, 
/**
 * Commitments from commitment tables (volume, consumption), per year where stated.
 */
commitments: Array<Commitment>, 
/**
 * Other amounts in the document's tables (contributions, pricing, budgets).
 */
amounts: Array<Commitment>, 
/**
 * Revenue shares.
 */
revenue_shares: Array<RevenueShare>, 
/**
 * Service levels.
 */
service_levels: Array<ServiceLevel>, 
/**
 * Obligations and requirements.
 */
obligations: Array<Obligation>, 
/**
 * Exit rights.
 */
exit_rights: Array<ExitRight>, 
/**
 * Data protection and data sovereignty statements.
 */
data_protection: Array<Sourced<string>>, 
/**
 * Classification, e.g. `"Commercial in Confidence"`.
 */
classification: Sourced<string> | null, 
/**
 * Contract owner, e.g. `"Commercial Director"`.
 */
contract_owner: Sourced<string> | null, 
/**
 * Last review of the document.
 */
last_review: Sourced<PartialDate> | null, 
/**
 * Next review of the document (rule 7: month precision falls on the first day).
 */
next_review: Sourced<PartialDate> | null, 
/**
 * Jurisdiction whose public holidays apply (rule 4).
 */
country: Sourced<Country> | null, 
/**
 * Rule 4 business-day roll-back; on by default, can be switched off per agreement.
 */
business_day_adjustment: boolean, 
/**
 * A calendar the user loaded (from an `.ics` file) and chose for this agreement, e.g. a
 * region's holidays or the company's shutdown days: its days are non-business days for
 * rule 4 *in addition to* the country's public holidays. Carried here, name and days,
 * so that the engine stays a pure function of the agreement. `None` (absent from JSON)
 * when none is chosen.
 */
calendar?: CustomCalendar, 
/**
 * How notice is served (who, form, to whom, how, when deemed received), read from the
 * document's notices clause; `None` (absent from JSON) when the document has no
 * notices clause, or for agreements stored before it was read (issue 16 item 4).
 */
notice_service?: NoticeService, 
/**
 * Every section of the document, with its tables, verbatim.
 */
sections: Array<Section>, 
/**
 * Importer warnings: unknown clauses, assumptions.
 */
warnings: Array<Warning>, 
/**
 * Values the importer inferred or assumed rather than read verbatim (issue 16 item 5).
 * Empty in agreements stored before they were recorded.
 */
assumptions: Array<Assumption>, 
/**
 * What users recorded (served notices, done marks).
 */
recorded: Recorded, 
/**
 * Set when the agreement was entered by hand rather than read from a document (issue 11
 * item 2): who entered it and when, e.g. "Entered by hand in Renewal Desk by ana on
 * Mon 30 Nov 2026". The brief and the agreement page say so. `None` (absent from JSON)
 * for an agreement read from a document.
 */
entered_by_hand?: string | null, };

export type AgreementDetail = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * The as-of date (named `today` in the JSON and by the brief).
 */
today: string, 
/**
 * SHA-256 of the source document.
 */
sha256: string, 
/**
 * The agreement, every field.
 */
agreement: Agreement, 
/**
 * Status.
 */
status: AgreementStatus, 
/**
 * Terms computed (initial … current, next), and the term being decided when the engine
 * does not list it ([`crate::domain::rules::terms::with_decided_term`]).
 */
terms: Array<Term>, 
/**
 * The current term.
 */
current_term: Term | null, 
/**
 * Last day of the agreement, when known.
 */
end_date: string | null, 
/**
 * Whether it renews after the current term.
 */
renewing: boolean, 
/**
 * What happens if nobody acts: the decision's default outcome ([`Decision::if_nobody_acts`]).
 */
default_outcome: string, 
/**
 * The decision at hand: what is being decided, by when (the window's close and the last
 * business day to act), the options and what is already locked in (issue 16 item 1).
 */
decision: Decision, 
/**
 * The choices a person may record on that decision ([`Decision::choices`]), in order.
 */
choices: Array<DecisionChoice>, 
/**
 * The internal decide-by date in words, labelled as internal
 * ([`Decision::decide_by_text`], issue 16 item 3), e.g. "Decide by (internal, 30 days
 * ahead): Wed 1 Sep 2027"; `None` without one.
 */
decide_by_text: string | null, 
/**
 * The next step in one line ([`Decision::next_step`]), e.g. "Next: decide by Wed 1 Sep
 * 2027; to stop the renewal, serve notice of non-renewal by Fri 1 Oct 2027".
 */
next_step: string | null, 
/**
 * Rule 6.
 */
convenience: ConvenienceView | null, 
/**
 * How notice is served (who, form, to whom, how), from the document's notices clause,
 * or the statement that the document is silent ([`serving_notice`], issue 16 item 4).
 */
serving_notice: ServingNotice, 
/**
 * Dated events with workings, by date.
 */
events: Array<EventView>, 
/**
 * What the engine could not compute.
 */
notes: Array<string>, 
/**
 * Importer warnings.
 */
warnings: Array<Warning>, 
/**
 * The date-bearing fields read with low confidence and not yet confirmed
 * ([`Agreement::provisional_fields`], e.g. `["effective_date"]`): while any is listed
 * the agreement is provisional and its dates rest on them (issue 10 item 3).
 */
provisional: Array<string>, };

export type AgreementMail = { 
/**
 * The contract owner's name as the agreement gives it; `null` when not set.
 */
owner: string | null, 
/**
 * The owner's address in the directory; `null` while the owner is to complete.
 */
email: string | null, 
/**
 * The owner's deputy in the directory, if any.
 */
deputy: string | null, 
/**
 * Whether the directory has the owner (with or without an address).
 */
in_directory: boolean, 
/**
 * Everyone in the directory, by name, to link the agreement to.
 */
people: Array<string>, 
/**
 * The emails about this agreement, oldest first.
 */
log: Array<MailLogRow>, };

export type AgreementPage = { 
/**
 * Every field, status, terms and dated events with workings as of the page's as-of date.
 */
detail: AgreementDetail, 
/**
 * The editable fields with their current values and sources.
 */
editable: Array<EditableValue>, 
/**
 * The clause tables, editable row by row, with their columns and sources.
 */
tables: Array<EditableTable>, 
/**
 * Every change, oldest first, each in people's words (`words`) with who made it.
 */
history: Array<HistoryEntry>, 
/**
 * Values inferred or assumed and values edited by hand (issue 16 item 5), as the
 * brief's "Readings and assumptions" lists them.
 */
readings: Readings, 
/**
 * The reminder log of this agreement (delivered, failed, superseded steps).
 */
reminders: Array<LogEntry>, 
/**
 * The file name of the current source document.
 */
file_name: string, };

export type AgreementRef = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * Its title.
 */
title: string, };

export type AgreementRow = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * Title.
 */
title: string, 
/**
 * The other party.
 */
counterparty: string | null, 
/**
 * Contract owner.
 */
contract_owner: string | null, 
/**
 * ISO 4217 code of the main amounts.
 */
currency: string | null, 
/**
 * The value at stake ([`Agreement::value_at_stake`]: the stated total commitment).
 */
value: Money | null, 
/**
 * ISO 3166 code of the jurisdiction, e.g. `PE`.
 */
country: string | null, 
/**
 * Active, expired or terminated.
 */
status: AgreementStatus, 
/**
 * Whether a date-bearing value was read with low confidence and is not yet confirmed
 * ([`Agreement::is_provisional`]): its dates rest on values a person should confirm.
 */
provisional: boolean, 
/**
 * Whether it renews after the current term.
 */
renewing: boolean, 
/**
 * Last day of the current term.
 */
current_term_end: string | null, 
/**
 * The next open deadline (any kind someone must act on).
 */
next_deadline: string | null, 
/**
 * Its label.
 */
next_deadline_label: string | null, 
/**
 * Days from the as-of date to it.
 */
next_deadline_days: number | null, 
/**
 * The next open notice deadline.
 */
next_notice_deadline: string | null, 
/**
 * Overdue events.
 */
overdue: number, 
/**
 * Importer warnings.
 */
warnings: number, };

export type AgreementStatus = "active" | "expired" | "terminated" | "incomplete";

export type AppInfo = { 
/**
 * The app's version (`Cargo.toml`).
 */
version: string, 
/**
 * The database file the app uses.
 */
dbPath: string, 
/**
 * The real today (`YYYY-MM-DD`): the machine's date, or `RENEWAL_DESK_TODAY`'s.
 */
realToday: string, 
/**
 * True when `real_today` is fixed by `RENEWAL_DESK_TODAY` (the UI shows a banner).
 */
realTodayIsFixed: boolean, 
/**
 * The as-of date views are computed for (`YYYY-MM-DD`): the what-if date, else
 * `real_today`.
 */
asOf: string, 
/**
 * True while a what-if date is set in Settings (the UI shows it on every screen).
 */
whatIf: boolean, };

export type AssumedValue = { 
/**
 * What was assumed, for people: "Jurisdiction (public holidays)".
 */
what: string, 
/**
 * The value assumed, as shown: "Peru", "USD (US$)".
 */
value: string, 
/**
 * Why, in a sentence.
 */
why: string, 
/**
 * 1-based line of the document it rests on, when there is one.
 */
line: number | null, };

export type Assumption = { 
/**
 * Stable machine code: `country_from_title`, `country_from_data`,
 * `dollar_currency`, `no_renewal_clause`.
 */
code: string, 
/**
 * The field it sets, as in the agreement's JSON: `country`, `currency`, `auto_renewal`.
 */
field: string, 
/**
 * What was assumed, for people: "Jurisdiction (public holidays)".
 */
what: string, 
/**
 * The value assumed, as shown: "Peru", "USD", "No renewal: the term is fixed".
 */
value: string, 
/**
 * Why, in a sentence: "the document has no governing-law clause; its title names Peru".
 */
why: string, 
/**
 * 1-based line in the document the assumption rests on, when there is one.
 */
line: number | null, };

export type CalendarExport = { 
/**
 * Agreements exported.
 */
agreements: number, 
/**
 * Events (VEVENT) written.
 */
events: number, 
/**
 * Alarms (VALARM) written.
 */
alarms: number, };

export type ClauseTable = "termination_rights" | "obligations" | "exit_rights" | "total_commitment" | "commitments" | "amounts" | "revenue_shares" | "service_levels" | "renewal_terms" | "data_protection";

export type Column = { 
/**
 * Key of the cell in [`EditableRow::cells`] and [`RowEdit`], e.g. `"notice"`.
 */
key: string, 
/**
 * Name for people, e.g. "Cure period".
 */
label: string, 
/**
 * What it accepts, e.g. "a period: 90 days, 12 months, 3 years; empty for none".
 */
hint: string, 
/**
 * Whether an empty cell is refused.
 */
required: boolean, 
/**
 * The values a form offers in a list (empty: free text).
 */
choices: Array<string>, };

export type Commitment = { 
/**
 * Table heading the value belongs to, e.g. `"Volume Commitments"`.
 */
category: string, 
/**
 * Row label, e.g. `"Azure Consumption"` or `"Year 1"`.
 */
label: string, 
/**
 * Column header, e.g. `"Year 2"` or `"Minimum Spend"`.
 */
column: string, 
/**
 * Contract year (1 = first year from the effective date) when the row or column says so.
 */
year: number | null, 
/**
 * The amount: money (with currency and optional per-period), a count or a percentage.
 */
value: Quantity, 
/**
 * The table row.
 */
source: Source, };

export type Confidence = "high" | "low";

export type ConvenienceView = { 
/**
 * Notice period.
 */
notice: Period, 
/**
 * Earliest end if served today.
 */
earliest_end_if_served_today: string, 
/**
 * The sentence with its arithmetic.
 */
explanation: string, };

export type Country = string;

export type CustomCalendar = { 
/**
 * The name the user gave the calendar, e.g. `"Antioquia 2027"`.
 */
name: string, 
/**
 * Its non-working days, sorted by date, one entry per date.
 */
days: Array<CustomDay>, };

export type CustomDay = { 
/**
 * The day (a calendar day, no time zone).
 */
date: string, 
/**
 * What the day is, e.g. `"Company shutdown"` (the event's summary).
 */
name: string, };

export type Dashboard = { 
/**
 * The as-of date (JSON key `today`).
 */
today: string, 
/**
 * Counts at a glance (totals, beyond the lists' [`LIST_LIMIT`]).
 */
counts: DashboardCounts, 
/**
 * "Needs a decision": the decision at hand of each agreement that has one
 * ([`crate::domain::rules::decision::decide`]: the renewal guarded by the first open
 * notice deadline, a planned exit, a term that ends, an expired agreement's open exit
 * window), by its last business day to act, soonest first, with what happens if nobody
 * acts.
 */
decisions: Array<DashboardItem>, 
/**
 * Overdue events, oldest first.
 */
overdue: Array<DashboardItem>, 
/**
 * Other open dates within [`UPCOMING_DAYS`], soonest first: deadlines that are not an
 * agreement's decision, and renewals and price reviews that happen by themselves.
 */
upcoming: Array<DashboardItem>, 
/**
 * Notice deadlines and exit windows that closed in the last [`RECENT_DAYS`], most
 * recent first.
 */
recently_closed: Array<DashboardItem>, 
/**
 * The earliest open deadline of all (what the tray shows).
 */
next_deadline: DashboardItem | null, 
/**
 * Money at stake in the next [`UPCOMING_DAYS`]: the total of [`DashboardItem::value`]
 * over the undecided questions whose last day to act falls within them, one sum per
 * currency (ISO 4217 order), never converted.
 */
at_stake_soon: Array<Money>, };

export type DashboardCounts = { 
/**
 * All agreements.
 */
agreements: number, 
/**
 * Active agreements (in force, or not computable).
 */
active: number, 
/**
 * Expired agreements.
 */
expired: number, 
/**
 * Terminated agreements.
 */
terminated: number, 
/**
 * Agreements with an undecided question ([`crate::domain::rules::decision::decide`]):
 * a renewal to stop or let happen, a planned exit, a term that ends, an expired
 * agreement's open exit window.
 */
decisions: number, 
/**
 * Of those, the ones whose last business day to act is within [`UPCOMING_DAYS`].
 */
decisions_soon: number, 
/**
 * Overdue events (obligations, reviews, serve-by dates).
 */
overdue: number, 
/**
 * Other open dates within [`UPCOMING_DAYS`]: deadlines that are not an agreement's
 * decision (exit windows, obligations, reviews) and renewals and price reviews.
 */
upcoming: number, 
/**
 * Notice and exit windows closed in the last [`RECENT_DAYS`].
 */
recently_closed: number, 
/**
 * Agreements whose import left warnings to confirm.
 */
with_warnings: number, };

export type DashboardItem = { 
/**
 * Agreement id.
 */
agreement_id: number, 
/**
 * The agreement's title.
 */
agreement: string, 
/**
 * The other party.
 */
counterparty: string | null, 
/**
 * Contract owner.
 */
contract_owner: string | null, 
/**
 * Stable event id ([`DatedEvent::id`]), for "mark done" and "snooze".
 */
event_id: string, 
/**
 * What kind of event.
 */
kind: EventKind, 
/**
 * Short label, e.g. "Non-renewal notice deadline".
 */
label: string, 
/**
 * The date to act on (after the business-day adjustment of rule 4).
 */
date: string, 
/**
 * The date before adjustment (equal to `date` when it did not move).
 */
unadjusted_date: string, 
/**
 * Open, overdue, closed or done.
 */
status: EventStatus, 
/**
 * `date − as-of date` in days (negative in the past; JSON key kept).
 */
days_from_today: number, 
/**
 * The engine's one-line explanation with its arithmetic.
 */
explanation: string, 
/**
 * What happens if nobody acts (for an open item) or what the passing of the date
 * meant (for a closed or overdue one), e.g. "renews on Sat 1 Jan 2028 for 12
 * months with a price review".
 */
outcome: string, 
/**
 * Whether the agreement's dates rest on values read with low confidence that nobody has
 * confirmed yet ([`Agreement::is_provisional`]; issue 10 item 3).
 */
provisional: boolean, 
/**
 * The money the decision concerns ([`Agreement::value_at_stake`]: the stated total
 * commitment), when stated.
 */
value: Money | null, 
/**
 * For an item of "Needs a decision": the question, as the agreement page and the brief
 * state it ([`crate::domain::rules::decision::Decision::question`]).
 */
decision?: string | null, 
/**
 * For an item of "Needs a decision": the internal decide-by date
 * ([`Decision::decide_by`]: the agreement's lead time before `date`, rule 4), shown
 * beside the legal date, never instead of it. `None` when the lead time is 0.
 */
decide_by?: string | null, 
/**
 * Its sentence, labelled as internal ([`Decision::decide_by_text`]), e.g. "Decide by
 * (internal, 30 days ahead): Wed 1 Sep 2027".
 */
decide_by_text?: string | null, 
/**
 * For an item of "Needs a decision": the next step in one line ([`Decision::next_step`]),
 * e.g. "Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal
 * by Fri 1 Oct 2027".
 */
next_step?: string | null, };

export type Decision = { 
/**
 * What kind of question it is.
 */
kind: DecisionKind, 
/**
 * The question in one sentence, e.g. "Renew on Sat 1 Jan 2028, or stop the renewal
 * by serving notice of non-renewal".
 */
question: string, 
/**
 * The renewal being decided (its first day), for [`DecisionKind::StopRenewal`] and
 * [`DecisionKind::RenewsWithoutNotice`].
 */
renewal: string | null, 
/**
 * When the window to act closes: the contractual (unadjusted) notice deadline, the
 * serve-by date, the last day of the term, or the last day of the exit window. `None`
 * when there is no dated question.
 */
deadline: string | null, 
/**
 * The last business day to act within that window (rule 4): equal to `deadline` when
 * it is a business day or when adjustment is off for the agreement.
 */
act_by: string | null, 
/**
 * Days from the as-of date to `act_by` (negative once passed).
 */
days_left: number | null, 
/**
 * Id of the dated event the decision rests on ([`DatedEvent::id`]), for mark-done and
 * snooze.
 */
event_id: string | null, 
/**
 * What happens if nobody acts, e.g. "renews on Sat 1 Jan 2028 for 12 months
 * with a price review". The one default outcome every surface prints.
 */
if_nobody_acts: string, 
/**
 * What the agreement allows, in the order a person would weigh them.
 */
options: Array<DecisionOption>, 
/**
 * Renewals between the as-of date and the one decided, already locked in.
 */
locked_in: Array<LockedIn>, 
/**
 * The decision a person recorded on this very question (its `about` is this
 * decision's `event_id`); `None` while it is undecided. A decision recorded on an
 * earlier question does not carry over.
 */
recorded: RecordedDecision | null, 
/**
 * The internal "decide by" date (issue 16 item 3): `act_by` minus the agreement's
 * internal lead time ([`Decision::lead_time_days`], calendar days), moved back to the
 * preceding business day of the agreement's calendar when it falls on a weekend or
 * holiday (rule 4, [`adjust_date_to_act_on`]). It is the company's own date, ahead of
 * the legal one, never a contractual deadline: `act_by` stays the headline. `None`
 * when the question is not open ([`Decision::is_open`]: no dated question, a decision
 * already recorded, nothing left to decide) or when the lead time is 0. It may lie
 * before the as-of date while `act_by` does not ([`Decision::decide_by_passed`]).
 */
decide_by: string | null, 
/**
 * Days from the as-of date to `decide_by` (negative once passed).
 */
decide_by_days_left: number | null, 
/**
 * The internal lead time in effect for the agreement, in calendar days
 * ([`Agreement::lead_time_days`]: 30 unless set; 0 = no decide-by date).
 */
lead_time_days: number, };

export type DecisionChoice = "renew" | "renegotiate" | "exit" | "let_expire";

export type DecisionKind = "stop_renewal" | "renews_without_notice" | "planned_exit" | "term_ends" | "use_exit_window" | "ended" | "incomplete";

export type DecisionOption = "renew" | "renegotiate" | "exit" | "let_expire" | "use_exit_rights" | "complete_data";

export type DeskSettings = { 
/**
 * The global reminder ladder, days before each event, largest first.
 */
ladder: Array<number>, 
/**
 * Whether that is the built-in default ladder ([`DEFAULT_LADDER`]).
 */
ladder_is_default: boolean, 
/**
 * Rule 4 business-day adjustment for newly imported agreements.
 */
business_day_adjustment: boolean, 
/**
 * How many agreements have the adjustment switched off.
 */
agreements_without_adjustment: number, 
/**
 * Paper size of renewal briefs.
 */
paper: Paper, };

export type DirectoryPerson = { 
/**
 * The name agreements use for them, e.g. "Ana Torres".
 */
name: string, 
/**
 * Their email address; `null` while they are to complete.
 */
email: string | null, 
/**
 * Their deputy's name (told on escalation), if any.
 */
deputy: string | null, 
/**
 * The agreements that name them as contract owner, by id.
 */
agreements: Array<AgreementRef>, };

export type DoneMark = { 
/**
 * The day it was done.
 */
done_on: string, 
/**
 * Free text.
 */
note: string, };

export type DroppedFiles = { 
/**
 * Documents granted for import (a dropped folder contributes the documents directly
 * inside it), sorted.
 */
accepted: Array<string>, 
/**
 * Dropped paths that are not agreement documents (other extensions, unreadable).
 */
rejected: Array<string>, };

export type EditableField = "title" | "subtitle" | "agreement_type" | "parties" | "counterparty" | "effective_date" | "initial_term" | "expiry_date" | "auto_renewal" | "renewal_period" | "non_renewal_notice" | "termination_for_convenience" | "price_review" | "total_commitment" | "country" | "business_day_adjustment" | "classification" | "contract_owner" | "last_review" | "next_review" | "planned_exit" | "lead_time_days" | "escalate_days" | "watchers";

export type EditableRow = { 
/**
 * 0-based position in the table (as in the history's paths, `obligations.2.due`).
 */
index: number, 
/**
 * Cell text by column key; empty text is "none".
 */
cells: { [key in string]?: string }, 
/**
 * The table row it was read from, or "Edited in Renewal Desk".
 */
source: Source | null, };

export type EditableTable = { 
/**
 * Which table.
 */
table: ClauseTable, 
/**
 * Its name for people.
 */
label: string, 
/**
 * Columns in display order.
 */
columns: Array<Column>, 
/**
 * Rows in document order.
 */
rows: Array<EditableRow>, 
/**
 * The most rows it holds, if limited.
 */
max_rows: number | null, };

export type EditableValue = { 
/**
 * The field.
 */
field: EditableField, 
/**
 * Its name for people.
 */
label: string, 
/**
 * What it accepts.
 */
hint: string, 
/**
 * Which input to offer.
 */
input: FieldInput, 
/**
 * The current value as text; empty when unknown.
 */
value: string, 
/**
 * The clause it was read from, or "Edited in Renewal Desk"; `None` when unknown or
 * when the field has no source of its own (counterparty, business-day adjustment).
 */
source: Source | null, };

export type ErrorCode = "import" | "database" | "schema" | "io" | "not_found" | "invalid" | "corrupt" | "brief";

export type ErrorLocation = { 
/**
 * The field: an editable field's name (`effective_date`), a setting (`ladder`), or
 * the imported document's field as written (`Effective Date`).
 */
field: string | null, 
/**
 * The clause table of a row edit.
 */
table: ClauseTable | null, 
/**
 * The row of `table`, 0-based (the UI's row index).
 */
row: number | null, 
/**
 * The column's key in `table` (e.g. `notice`).
 */
column: string | null, 
/**
 * The imported document's file name or path as given.
 */
file: string | null, 
/**
 * The 1-based line of `file`.
 */
line: number | null, };

export type ErrorPayload = { 
/**
 * See [`IpcErrorCode`].
 */
code: IpcErrorCode, 
/**
 * A sentence for people, whole (`invalid effective_date: …`); may change between
 * versions.
 */
message: string, 
/**
 * The sentence to show at `location` (the message without the machine location in
 * front); the whole message when there is no location.
 */
reason: string, 
/**
 * Where the error is: a field, a clause-table cell, a document's line; `null` when
 * it is about nothing more precise.
 */
location: ErrorLocation | null, };

export type EventKind = "non_renewal_notice_deadline" | "termination_notice_deadline" | "obligation_due" | "next_review" | "exit_window_end" | "renewal" | "price_review" | "expiry";

export type EventStatus = "open" | "overdue" | "closed" | "done";

export type EventView = { 
/**
 * Stable id within the agreement ([`DatedEvent::id`]).
 */
id: string, 
/**
 * Kind, snake_case.
 */
kind: EventKind, 
/**
 * Short label.
 */
label: string, 
/**
 * Date to act on (ISO 8601).
 */
date: string, 
/**
 * Date before business-day adjustment.
 */
unadjusted_date: string, 
/**
 * Precision of the stated date.
 */
precision: Precision, 
/**
 * Status.
 */
status: EventStatus, 
/**
 * Days from today (negative in the past).
 */
days_from_today: number, 
/**
 * Whether someone must act.
 */
actionable: boolean, 
/**
 * One-line explanation.
 */
explanation: string, 
/**
 * Step-by-step workings.
 */
workings: Array<string>, 
/**
 * The clause it came from.
 */
source: Source | null, };

export type ExitRight = { 
/**
 * Scenario, e.g. `"Migration"`.
 */
scenario: string, 
/**
 * Process, e.g. `"Assisted"`.
 */
process: string, 
/**
 * Length of the window from the day after the agreement ends (e.g. 180 days).
 */
window: Period | null, 
/**
 * The table row.
 */
source: Source, };

export type ExportFormat = "csv" | "xlsx";

export type FieldChange = { 
/**
 * The field's label, e.g. "Non-renewal notice".
 */
field: string, 
/**
 * The value before ("" for none).
 */
old: string, 
/**
 * The value from the register.
 */
new: string, 
/**
 * True when the value replaced was edited by hand in the app.
 */
replaced_hand_edit: boolean, };

export type FieldInput = "text" | "date" | "yes_no" | "yes_no_unknown";

export type FileError = { 
/**
 * 1-based line, when the problem is on a line.
 */
line: number | null, 
/**
 * The field concerned, when there is one.
 */
field: string | null, 
/**
 * What is wrong and what was expected.
 */
message: string, };

export type FileResult = { 
/**
 * The file name (no folder).
 */
file: string, 
/**
 * The path as given (empty for the built-in samples).
 */
path: string, 
/**
 * What was stored, when it was.
 */
imported: Imported | null, 
/**
 * The importer's warnings (empty when it failed).
 */
warnings: Array<Warning>, 
/**
 * Why nothing of it was stored, when it failed.
 */
error: FileError | null, };

export type GeneratedBrief = { 
/**
 * Where it was written (the app's cache folder); may be opened in the viewer.
 */
path: string, 
/**
 * The suggested file name, e.g. `microsoft-peru-partnership-agreement.pdf`.
 */
fileName: string, 
/**
 * Its size in bytes.
 */
bytes: number, };

export type HandEdit = { 
/**
 * The field in the user's words: "Non-renewal notice period".
 */
field: string, 
/**
 * The document's own quotation of the field, verbatim (table pipes removed), before the
 * first hand edit; `None` when the document had none (a value added by hand).
 */
original_quote: string | null, 
/**
 * The value the document gave, as the app shows it ("90 days"); "—" when none.
 */
original_value: string, 
/**
 * The value now, as the app shows it ("60 days"); "—" when removed.
 */
new_value: string, 
/**
 * Who made the last edit of it, or "not recorded" (rows written before migration 0006).
 */
by: string, 
/**
 * When it was last edited (RFC 3339 UTC).
 */
at: string, 
/**
 * The day of the last edit, as the app shows dates: "Mon 30 Nov 2026".
 */
on: string, };

export type HistoryEntry = { 
/**
 * Row id (increasing).
 */
id: number, 
/**
 * Agreement id.
 */
agreement_id: number, 
/**
 * When (RFC 3339 UTC).
 */
at: string, 
/**
 * By which action: `import`, `reimport`, `edit`, `record_notice`, `mark_done`, …
 */
action: string, 
/**
 * The field.
 */
field: string, 
/**
 * Old value (JSON text).
 */
old_value: string | null, 
/**
 * New value (JSON text).
 */
new_value: string | null, 
/**
 * Who made the change (a person's name, or [`REMINDER_TIMER`]); `None` for rows written
 * before who was recorded (migration 0006), shown as [`NOT_RECORDED`].
 */
actor: string | null, 
/**
 * The row in people's words ([`history_words`]): action, field, old and new value, who.
 */
words: HistoryWords, };

export type HistoryWords = { 
/**
 * What was done: "Imported", "Edited", "Decision recorded", "Marked done", …
 */
action: string, 
/**
 * The field in the user's words, e.g. "Non-renewal notice period" or "Termination
 * right 1 (Convenience): quoted text".
 */
field: string, 
/**
 * The value before, as the app shows it ("90 days", "Fri 1 Oct 2027"); "—" when absent.
 */
old: string, 
/**
 * The value after, as the app shows it.
 */
new: string, 
/**
 * Who made the change, or [`NOT_RECORDED`].
 */
by: string, 
/**
 * True for bookkeeping that follows a value's change (the line, last line or section
 * of its source in the document): lists of changes may leave it out.
 */
bookkeeping: boolean, };

export type ImportAction = "created" | "updated" | "unchanged";

export type ImportPhase = "reading" | "storing" | "finished";

export type ImportProgress = { 
/**
 * The phase.
 */
phase: ImportPhase, 
/**
 * Documents read so far (all of them once finished).
 */
done: number, 
/**
 * Documents in the batch.
 */
total: number, 
/**
 * The file just read (its name), empty outside [`ImportPhase::Reading`].
 */
file: string, };

export type ImportReport = { 
/**
 * Per document, in input order.
 */
results: Array<FileResult>, 
/**
 * New agreements.
 */
created: number, 
/**
 * Known agreements updated by a new version of their document.
 */
updated: number, 
/**
 * Documents already stored (same SHA-256): nothing changed.
 */
unchanged: number, 
/**
 * Documents not imported (nothing of them stored).
 */
failed: number, };

export type Imported = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * Title.
 */
title: string, 
/**
 * What happened.
 */
action: ImportAction, 
/**
 * Number of importer warnings.
 */
warnings: number, 
/**
 * Number of fields changed (for `Updated`).
 */
changes: number, };

export type IpcErrorCode = ErrorCode | ShellErrorCode;

export type LockedIn = { 
/**
 * The renewal date (first day of the locked-in term).
 */
renewal: string, 
/**
 * The term that starts on it (number, start, expiry).
 */
term: Term | null, };

export type LogEntry = { 
/**
 * Row id.
 */
id: number, 
/**
 * Agreement id.
 */
agreement_id: number, 
/**
 * The agreement's title (current).
 */
agreement: string, 
/**
 * Event id.
 */
event_id: string, 
/**
 * Step key (`d7`, `overdue-w3`, `snooze-2026-12-21`).
 */
step: string, 
/**
 * The event's date to act on.
 */
event_date: string, 
/**
 * The day the step fell due.
 */
due_on: string, 
/**
 * Event label.
 */
label: string, 
/**
 * State.
 */
state: LogState, 
/**
 * Why superseded.
 */
note: string | null, 
/**
 * When claimed (RFC 3339 UTC).
 */
claimed_at: string | null, 
/**
 * Delivery attempts so far.
 */
attempts: number, 
/**
 * When last attempted (RFC 3339 UTC).
 */
last_attempt_at: string | null, 
/**
 * When delivered (RFC 3339 UTC).
 */
delivered_at: string | null, 
/**
 * How delivered.
 */
channel: string | null, 
/**
 * Why the last attempt failed.
 */
failure: string | null, 
/**
 * The step for people ([`reminder_step_words`]): "14 days before", "weekly overdue
 * reminder".
 */
step_text: string, 
/**
 * How it went out, for people ([`channel_words`]): "desktop notification"; empty
 * when not delivered.
 */
channel_text: string, 
/**
 * Who sent it: the product's reminder run ([`REMINDER_TIMER`]).
 */
by: string, };

export type LogState = "claimed" | "delivered" | "failed" | "superseded";

export type MailForm = { 
/**
 * SMTP host, e.g. `smtp.example.pe`.
 */
host: string, 
/**
 * TCP port, 1 to 65535, e.g. `587`.
 */
port: string, 
/**
 * Connection security.
 */
security: Security, 
/**
 * Sender address.
 */
from: string, 
/**
 * SMTP user; empty: no login.
 */
user: string, 
/**
 * Escalation address (the commercial director); empty: none.
 */
escalation: string, 
/**
 * Days before a notice deadline from which the deputy and the escalation address are
 * told too (0 to 3650); empty: the default, 14.
 */
escalate_days: string, 
/**
 * Days before the date from which the brief PDF is attached (0 to 3650); empty: 30.
 */
attach_brief_days: string, };

export type MailLogRow = { 
/**
 * The step for people, e.g. "14 days before", "weekly overdue reminder".
 */
step_text: string, 
/**
 * The event id.
 */
event_id: string, 
/**
 * The ladder step, e.g. `d14`.
 */
step: string, 
/**
 * The address.
 */
recipient: string, 
/**
 * `owner`, `deputy` or `escalation`.
 */
role: string, 
/**
 * `claimed`, `delivered` or `failed`.
 */
state: string, 
/**
 * How many sends were tried.
 */
attempts: number, 
/**
 * When it was delivered (RFC 3339 UTC).
 */
delivered_at: string | null, 
/**
 * When a send was last tried (RFC 3339 UTC), delivered or not.
 */
last_attempt_at: string | null, 
/**
 * Why the last send failed.
 */
failure: string | null, };

export type MailSettings = { 
/**
 * SMTP host name or address, e.g. `smtp.example.pe`.
 */
host: string, 
/**
 * TCP port, e.g. 587.
 */
port: number, 
/**
 * Connection security.
 */
security: Security, 
/**
 * The sender address (also the ORGANIZER of calendar invitations).
 */
from: string, 
/**
 * The SMTP user, when the server wants a login.
 */
user: string | null, 
/**
 * Address that receives escalations besides the deputy (the commercial director).
 */
escalation: string | null, 
/**
 * Days before a notice deadline from which, with nothing recorded, the owner's deputy
 * and the escalation address are told too; `None`: 14
 * ([`super::run::DEFAULT_ESCALATE_DAYS`]).
 */
escalate_days: number | null, 
/**
 * Days before the date from which the brief PDF is attached (the 30-day step).
 */
attach_brief_days: number, };

export type MailSettingsView = { 
/**
 * The stored settings; `null` until mail is set up.
 */
settings: MailSettings | null, 
/**
 * Whether a password is stored, and where (the environment or the keyring), or why
 * the keyring cannot be read.
 */
password: PasswordStatus, 
/**
 * The environment variable read for the password on headless runs.
 */
password_env: string, };

export type MappedColumn = { 
/**
 * 0-based column index.
 */
index: number, 
/**
 * The spreadsheet's letter for it (`A`, `B`, …).
 */
letter: string, 
/**
 * The header as written (empty when the column has none).
 */
header: string, 
/**
 * The meaning recognised from the header alone.
 */
detected: RegisterColumn | null, 
/**
 * The meaning used (remembered or chosen); `None`: ignored.
 */
meaning: RegisterColumn | null, };

export type Money = { 
/**
 * The amount in the currency's units (PEN, USD, …), exact.
 */
amount: string, 
/**
 * ISO 4217 code, e.g. `"PEN"`, `"USD"`, `"CLP"`, `"EUR"`.
 */
currency: string, };

export type NewAgreement = { 
/**
 * The title (required), e.g. "Andes Foods Supply Agreement".
 */
title: string, 
/**
 * The other party, e.g. "Pacific Cold Chain S.A.".
 */
counterparty: string | null, 
/**
 * The parties separated by " / ", e.g. "Andes Foods S.A.C. / Pacific Cold Chain S.A.".
 */
parties: string | null, 
/**
 * The contract owner, a name from the people directory (or one to complete).
 */
owner: string | null, 
/**
 * The country whose public holidays apply: a name or an ISO 3166 two-letter code.
 */
country: string | null, 
/**
 * The effective date (required).
 */
effective_date: string, 
/**
 * The initial term as a period ("36 months"); give this or `expiry`.
 */
term: string | null, 
/**
 * The expiry date, the last day of the initial term; give this or `term`.
 */
expiry: string | null, 
/**
 * The renewal period ("12 months"): given, the agreement renews automatically.
 */
renewal: string | null, 
/**
 * The non-renewal notice period ("90 days"); needs `renewal`.
 */
notice: string | null, 
/**
 * The termination-for-convenience notice period ("180 days").
 */
convenience: string | null, 
/**
 * The price review: "at each renewal", "annually" or other text.
 */
price_review: string | null, 
/**
 * The next review date, of any precision ("July 2027", "Q3 2027", "2027-07-15").
 */
next_review: string | null, 
/**
 * The total contract value, a number ("1,200,000" or "1200000.50"); needs `currency`.
 */
value: string | null, 
/**
 * The currency of `value`, an ISO 4217 code ("PEN", "USD", "CLP").
 */
currency: string | null, };

export type NewAgreementPreview = { 
/**
 * The last day of the current term as of `as_of`, when the term can be computed.
 */
term_end: string | null, 
/**
 * What happens if nobody acts, e.g. "renews on Thu 1 Apr 2027 for 12 months".
 */
default_outcome: string, 
/**
 * The events still ahead (open), soonest first, with their workings.
 */
events: Array<EventView>, };

export type NoticeKind = "non_renewal" | "termination";

export type NoticeMethod = "hand_delivery" | "courier" | "registered_mail" | "post" | "email" | "fax" | "notarial_letter";

export type NoticeService = { 
/**
 * Who may serve notice, e.g. `"either party"`, `"each party"`, `"the Customer"`.
 */
who: Sourced<string> | null, 
/**
 * The form notice must take, e.g. `"in writing"` (also for "por escrito").
 */
form: Sourced<string> | null, 
/**
 * The ways of delivering it, in the order the clause names them.
 */
methods: Sourced<Array<NoticeMethod>> | null, 
/**
 * To whom and where, as written, e.g. `"to the addresses set out above"`,
 * `"to the attention of the General Counsel"`, `"al domicilio señalado en la
 * introducción"`.
 */
addressee: Sourced<string> | null, 
/**
 * When notice is deemed received or effective, as written, e.g. `"deemed given upon
 * receipt"`, `"effective upon confirmation of transmission"`.
 */
deemed_received: Sourced<string> | null, };

export type Obligation = { 
/**
 * Table heading, e.g. `"Platform Integration"`.
 */
category: string, 
/**
 * What is required, e.g. `"Graph API integration"`.
 */
name: string, 
/**
 * Classified status.
 */
status: ObligationStatus, 
/**
 * Status as written.
 */
status_text: string, 
/**
 * Due date, with the precision the document gives ("Q2 2025").
 */
due: PartialDate | null, 
/**
 * Other columns as written (e.g. `"Details: Multi-account"`).
 */
details: string | null, 
/**
 * The table row.
 */
source: Source, };

export type ObligationStatus = "complete" | "in_progress" | "planned" | "other";

export type OpenAgreement = { 
/**
 * The agreement to show.
 */
id: number, };

export type PaintTimings = { 
/**
 * When the UI bundle started running.
 */
scriptMs: number, 
/**
 * When the first screen's data had arrived (the dashboard), if it has data.
 */
dataMs: number | null, 
/**
 * When the render showing that data had been committed to the DOM.
 */
renderMs: number | null, 
/**
 * When the first screen had painted.
 */
paintMs: number, };

export type Paper = "a4" | "letter";

export type PartialDate = { "precision": "day", 
/**
 * The date.
 */
date: string, } | { "precision": "month", 
/**
 * Year.
 */
year: number, 
/**
 * Month 1–12.
 */
month: number, } | { "precision": "quarter", 
/**
 * Year.
 */
year: number, 
/**
 * Quarter 1–4.
 */
quarter: number, } | { "precision": "year", 
/**
 * Year.
 */
year: number, };

export type PasswordSource = "environment" | "keyring" | "none" | "no_user" | "keyring_unavailable";

export type PasswordStatus = { 
/**
 * Where the password would come from.
 */
source: PasswordSource, 
/**
 * Why the keyring could not be read, for [`PasswordSource::KeyringUnavailable`].
 */
keyring_error: string | null, };

export type PeopleDirectory = { 
/**
 * Everyone in the directory, by name.
 */
people: Array<DirectoryPerson>, 
/**
 * Contract owners named by agreements who cannot be emailed yet, flagged "to complete".
 */
to_complete: Array<ToComplete>, };

export type Per = "year" | "month";

export type Period = { 
/**
 * How many units (at most [`Period::MAX_AMOUNT`]).
 */
amount: number, 
/**
 * The unit.
 */
unit: PeriodUnit, };

export type PeriodUnit = "days" | "weeks" | "business_days" | "months" | "years";

export type Precision = "day" | "month" | "quarter" | "year";

export type PriceReview = { "rule": "at_each_renewal" } | { "rule": "annually" } | { "rule": "other", "text": string };

export type Quantity = { "type": "money", 
/**
 * The amount.
 */
money: Money, 
/**
 * Recurrence, when stated (`/year`).
 */
per: Per | null, 
/**
 * Words after the amount, e.g. `"technology investment"`.
 */
note: string | null, } | { "type": "count", 
/**
 * The number.
 */
value: string, } | { "type": "percent", 
/**
 * Percent points.
 */
value: string, };

export type QueueItem = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * How many warnings are open.
 */
to_confirm: number, 
/**
 * Whether its dates rest on a value read with low confidence.
 */
provisional: boolean, };

export type Readings = { 
/**
 * Values inferred or assumed, in the order of the document's fields.
 */
assumptions: Array<AssumedValue>, 
/**
 * Values edited by hand, in the order first edited.
 */
hand_edits: Array<HandEdit>, 
/**
 * Warnings hand edits raise: an edit that moves the deadline at hand later than the
 * document's own reading (the warning's sentence, still to be confirmed).
 */
warnings: Array<string>, };

export type Recorded = { 
/**
 * Non-renewal notice served: the agreement ends at the end of the term whose notice
 * deadline the notice met (renewal-rules.md, `expiry` kind).
 */
non_renewal_notice: ServedNotice | null, 
/**
 * Termination-for-convenience notice served: the agreement ends no earlier than
 * served date + notice period (rule 6), or on `planned_exit` if later.
 */
termination_notice: ServedNotice | null, 
/**
 * A planned exit date: turns the convenience notice into a serve-by deadline (rule 6).
 */
planned_exit: string | null, 
/**
 * Events marked done, by event id (see [`crate::rules::DatedEvent::id`]).
 */
done: { [key in string]?: DoneMark }, 
/**
 * The decision taken on the question at hand (issue 16 item 3), with who took it,
 * when and why. It answers the question whose dated event it names
 * ([`RecordedDecision::about`]); once that question has passed, the next one is open
 * again. Absent in agreements stored before decisions were recorded.
 */
decision?: RecordedDecision | null, 
/**
 * The internal lead time, in calendar days, set for this agreement (issue 16 item 3):
 * the decision is due this many days before the last business day to act, so that
 * there is time to serve notice after deciding
 * ([`crate::rules::decision::Decision::decide_by`]). `None` (absent in agreements
 * stored before it existed) means [`DEFAULT_LEAD_TIME_DAYS`]; `Some(0)` turns the
 * decide-by date off. At most [`MAX_LEAD_TIME_DAYS`]. Read it through
 * [`Agreement::lead_time_days`].
 */
lead_time_days?: number | null, 
/**
 * Days before a non-renewal notice deadline or a serve-by date from which, with
 * nothing recorded, the contract owner's deputy and the escalation address are told
 * too (issue 12 item 4), set for this agreement. `None` (absent in agreements stored
 * before it existed) means the mail settings' default (14 days unless set); `Some(0)`
 * turns escalation off for this agreement. At most [`MAX_ESCALATE_DAYS`].
 */
escalate_days?: number | null, 
/**
 * People who follow this agreement (issue 12 item 1, optional): each name links to
 * the people directory (case-insensitive) and receives the same reminder emails as
 * the contract owner. Empty in agreements stored before watchers existed.
 */
watchers?: Array<string>, };

export type RecordedDecision = { 
/**
 * What was decided.
 */
choice: DecisionChoice, 
/**
 * For a renegotiation: the date by which new terms should be agreed (on or before the
 * last business day to act).
 */
target_date?: string | null, 
/**
 * Id of the dated event of the question it answers (a notice deadline, an exit window,
 * an expiry: [`crate::rules::DatedEvent::id`]); `None` for a question with no date.
 */
about: string | null, 
/**
 * Who decided (a person's name; the operating-system user by default).
 */
decided_by: string, 
/**
 * The day it was decided (the machine's real date, not the as-of date).
 */
decided_on: string, 
/**
 * Why, in the decider's words (may be empty).
 */
reason: string, };

export type RegisterColumn = "id" | "title" | "counterparty" | "owner" | "owner_email" | "effective" | "expiry" | "term" | "auto_renewal" | "renewal_period" | "notice" | "convenience" | "value" | "currency" | "country" | "notes";

export type RegisterExport = { 
/**
 * The file written.
 */
path: string, 
/**
 * How many agreements (rows, the header row not counted).
 */
agreements: number, };

export type RegisterPreview = { 
/**
 * The file name.
 */
file: string, 
/**
 * The sheet read (workbooks).
 */
sheet: string | null, 
/**
 * The header row's number as the spreadsheet shows it.
 */
header_row: number, 
/**
 * Every column, in order.
 */
columns: Array<MappedColumn>, 
/**
 * The first [`PREVIEW_ROWS`] data rows: row number and cells as text.
 */
rows: Array<[number, Array<string>]>, 
/**
 * How many data rows the register has.
 */
data_rows: number, 
/**
 * True when the mapping is the one remembered from a previous import.
 */
remembered: boolean, };

export type RegisterReport = { 
/**
 * The file name.
 */
file: string, 
/**
 * The sheet read (workbooks).
 */
sheet: string | null, 
/**
 * The header row's number.
 */
header_row: number, 
/**
 * The mapping used.
 */
columns: Array<MappedColumn>, 
/**
 * Headers of the columns ignored (no meaning).
 */
ignored: Array<string>, 
/**
 * One result per data row, in order.
 */
rows: Array<RowResult>, 
/**
 * Rows imported as new agreements.
 */
imported: number, 
/**
 * Rows that updated a stored agreement.
 */
updated: number, 
/**
 * Rows that changed nothing.
 */
unchanged: number, 
/**
 * Rows refused.
 */
refused: number, 
/**
 * Contract owners added to the people directory with the address in their row's
 * owner-email column (issue 12 item 1), so their reminders can be emailed: only names
 * not already in the directory (a person already there is never changed).
 */
people_added: Array<string>, 
/**
 * Owner emails not added, each naming its row and why ("row 6: …"): a bad address, or
 * a name the directory refuses. The rows themselves were imported.
 */
people_refused: Array<string>, };

export type ReminderRunSummary = { 
/**
 * Why it ran.
 */
reason: RunReason, 
/**
 * When it finished, RFC 3339 with the local offset.
 */
finishedAt: string, 
/**
 * How many reminders were delivered.
 */
notified: number, 
/**
 * How many could not be delivered (kept and retried on the next run).
 */
failed: number, 
/**
 * Why delivery failed, when it did (e.g. no notification server).
 */
failure: string | null, 
/**
 * The next deadline as the tray shows it, e.g. "Fri 1 Oct 2027 · Microsoft Peru
 * Partnership Agreement: Non-renewal notice deadline".
 */
nextDeadline: string | null, };

export type RevenueShare = { 
/**
 * The product, e.g. `"Teams Phone (calling)"`.
 */
product: string, 
/**
 * Column headers naming each share, e.g. `["MiFibra Margin", "Microsoft Share"]`.
 */
parties: Array<string>, 
/**
 * Shares in percent, in the order of `parties`.
 */
shares_percent: Array<string>, 
/**
 * The table row.
 */
source: Source, };

export type ReviewLines = { 
/**
 * 1-based number of the first line of `lines`.
 */
first: number, 
/**
 * The lines `first`, `first + 1`, … (fewer than asked at the end of the document;
 * none beyond it).
 */
lines: Array<string>, };

export type ReviewPage = { 
/**
 * Agreement id.
 */
id: number, 
/**
 * Its title.
 */
title: string, 
/**
 * The file name of the current document (empty for an agreement entered by hand
 * without one).
 */
file_name: string, 
/**
 * Whether values carry PDF page numbers (the document was a PDF).
 */
paged: boolean, 
/**
 * For a PDF, the first line (1-based) of each page of the stored text, in page order
 * (`[1, 31]`: page 2 begins at line 31); empty for other documents and for PDFs
 * imported before pages were kept.
 */
page_starts: Array<number>, 
/**
 * The stored document's first lines, in order (line `n` is `lines[n - 1]`), at most
 * [`FIRST_LINES`]; the others come from [`review_lines`].
 */
lines: Array<string>, 
/**
 * How many lines the stored document has.
 */
total_lines: number, 
/**
 * The values read from the document (or missing from it), in reading order of the
 * form: parties, dates, renewal, notice, termination, price review, country, owner,
 * amounts.
 */
values: Array<ReviewValue>, 
/**
 * Open warnings that are about none of `values` (confirmed one by one).
 */
other_warnings: Array<ReviewWarning>, 
/**
 * The key fields still provisional ([`Agreement::provisional_fields`]).
 */
provisional: Array<string>, 
/**
 * How many warnings are open in all.
 */
to_confirm: number, 
/**
 * The review queue: every agreement with something left to confirm, by id.
 */
queue: Array<QueueItem>, };

export type ReviewStatus = "to_confirm" | "confirmed" | "edited" | "read" | "missing";

export type ReviewValue = { 
/**
 * The field's snake_case name (`effective_date`), as warnings and `confirm` name it.
 */
field: string, 
/**
 * Its name for people ("Effective date").
 */
label: string, 
/**
 * The value as text, in the form a correction accepts back (`2023-01-01`, `3 years`,
 * `yes`); for a value that cannot be corrected here, as people read it. Empty when
 * missing.
 */
value: string, 
/**
 * The editable field a correction or fill goes to (every value the review lists has
 * one: the expiry sets the initial term, termination for convenience the notice of
 * its termination-rights row, the total commitment its amount and currency).
 */
editable: EditableField | null, 
/**
 * What a correction accepts ("a date: 2023-01-01 or 1 January 2023").
 */
hint: string, 
/**
 * Which input to offer for a correction.
 */
input: FieldInput, 
/**
 * The source as stored: section, quoted text, line and page, confidence.
 */
source: Source | null, 
/**
 * The source located in the stored document's lines; `None` when the value has no
 * document line (typed by hand, missing) or its quote is not found.
 */
span: SourceSpan | null, 
/**
 * How sure the reader was (`high` for a value typed or with no source).
 */
confidence: Confidence, 
/**
 * Where the value stands.
 */
status: ReviewStatus, 
/**
 * Whether the value is one of [`KEY_FIELDS`].
 */
key: boolean, 
/**
 * The open warnings about this field: `(index among the agreement's warnings,
 * message)`.
 */
warnings: Array<ReviewWarning>, };

export type ReviewWarning = { 
/**
 * 0-based index among the agreement's warnings (what `confirm_warning` takes).
 */
index: number, 
/**
 * Stable code, e.g. `low_confidence`.
 */
code: string, 
/**
 * The field it is about.
 */
field: string, 
/**
 * 1-based line of the stored document it points at, when any.
 */
line: number | null, 
/**
 * The sentence for people.
 */
message: string, };

export type RowAction = "imported" | "updated" | "unchanged" | "refused";

export type RowEdit = { "op": "add", 
/**
 * Cell text by column key.
 */
cells: { [key in string]?: string }, } | { "op": "update", 
/**
 * 0-based row.
 */
index: number, 
/**
 * Cell text by column key.
 */
cells: { [key in string]?: string }, } | { "op": "remove", 
/**
 * 0-based row.
 */
index: number, };

export type RowResult = { 
/**
 * The row as the spreadsheet shows it.
 */
row: number, 
/**
 * The register's ID of the agreement, when given.
 */
register_id: string | null, 
/**
 * The title in the row ("" when blank).
 */
title: string, 
/**
 * What happened.
 */
action: RowAction, 
/**
 * The stored agreement (not for a refused row).
 */
agreement_id: number | null, 
/**
 * The fields changed (updated rows).
 */
changes: Array<FieldChange>, 
/**
 * The column of a refused row's problem (its header).
 */
column: string | null, 
/**
 * Why a row was refused; "row N, column "H": …".
 */
message: string | null, 
/**
 * Warnings to confirm (e.g. a renewal period the register does not give).
 */
warnings: Array<string>, };

export type RunReason = "start" | "hourly" | "wake" | "manual";

export type Section = { 
/**
 * Heading level (1–6).
 */
level: number, 
/**
 * Heading text.
 */
heading: string, 
/**
 * 1-based line of the heading.
 */
line: number, 
/**
 * Paragraph texts (inline formatting removed).
 */
paragraphs: Array<string>, 
/**
 * List items, in order.
 */
items: Array<string>, 
/**
 * Tables, in order.
 */
tables: Array<Table>, };

export type Security = "none" | "starttls" | "tls";

export type ServedNotice = { 
/**
 * The day the notice was served.
 */
served_on: string, 
/**
 * Free text: by whom, how, reference.
 */
note: string, };

export type ServiceLevel = { 
/**
 * Metric, e.g. `"Uptime"`.
 */
metric: string, 
/**
 * Target as written, e.g. `"99.99%"` or `"<4 hours"`.
 */
target: string, 
/**
 * Penalty or remedy as written, e.g. `"Service credits"`.
 */
penalty: string | null, 
/**
 * The table row.
 */
source: Source, };

export type ServingNotice = { 
/**
 * Whether the document has a notices clause the importer read.
 */
stated: boolean, 
/**
 * One line: the stated parts separated by `;` with their lines, then what is not
 * stated, e.g. `"either party; in writing; by hand or courier (line 14). Not stated:
 * to whom, deemed received."`; or [`SILENT`].
 */
summary: string, 
/**
 * The stated parts (in the order who, form, to whom, how, deemed received), then the
 * parts not stated; empty when the document is silent.
 */
parts: Array<ServingNoticePart>, };

export type ServingNoticePart = { 
/**
 * `"Who may serve"`, `"Form"`, `"To whom"`, `"How"` or `"Deemed received"`.
 */
label: string, 
/**
 * The reading in a sentence's words, e.g. `"In writing"`, `"By hand, courier or
 * registered or certified mail"`; [`NOT_STATED`] for a part the clause does not state.
 * A low-confidence reading says so ("… read outside a notices clause: confirm it").
 */
text: string, 
/**
 * The clause quoted verbatim from the document (table pipes removed), on the last of
 * consecutive parts read from the same clause; `None` on the others and on a part not
 * stated.
 */
quote: string | null, 
/**
 * Where the quote is, e.g. `"Source: line 14 · Notices"` (`"Source: page 3, line
 * 12 · Notices"` in a PDF); `None` when `quote` is.
 */
source: string | null, };

export type ShellErrorCode = "not_permitted" | "autostart" | "opener" | "internal";

export type SortDirection = "asc" | "desc";

export type Source = { 
/**
 * 1-based first line in the source document (within the page for a paged document,
 * PDF); `None` for a value entered by a user.
 */
line: number | null, 
/**
 * 1-based last line of the span, inclusive (a multi-line paragraph spans several).
 * Absent means the same as `line` (agreements stored before spans were kept); the
 * store fills it in when it reads an agreement.
 */
line_end?: number, 
/**
 * Heading path of the section, e.g. `"Renewal and Termination › Renewal Terms"`.
 */
section: string, 
/**
 * The verbatim text of the span (a table row, a list item, a paragraph), or the text
 * a user typed. Empty in a freshly read document's sources until resolved (see above).
 */
text: string, 
/**
 * 1-based page of a paged document (PDF), when known. Absent in agreements stored
 * before pages were kept.
 */
page?: number | null, 
/**
 * How sure the reader is of the value (issue 10, "Never silently wrong"): `low` values
 * are warnings to confirm. Agreements stored before confidence was kept read as `high`.
 */
confidence?: Confidence, };

export type SourceSpan = { 
/**
 * 1-based first line of the stored document.
 */
line: number, 
/**
 * 1-based last line, inclusive (`>= line`).
 */
line_end: number, 
/**
 * 0-based column where the span starts on `line`, in UTF-16 code units (what a
 * JavaScript string index counts): the first non-blank character.
 */
start_column: number, 
/**
 * 0-based column, exclusive, where the span ends on `line_end`, in UTF-16 code units:
 * after the last non-blank character.
 */
end_column: number, 
/**
 * 1-based PDF page the value was read on, when the document is paged.
 */
page: number | null, };

export type Sourced<T> = { 
/**
 * The typed value.
 */
value: T, 
/**
 * Where it came from.
 */
source: Source, };

export type Table = { 
/**
 * 1-based line of the header row.
 */
line: number, 
/**
 * Header cells.
 */
headers: Array<string>, 
/**
 * Body rows, each with as many cells as the header.
 */
rows: Array<Array<string>>, };

export type TableColumn = "title" | "counterparty" | "owner" | "status" | "notice" | "next" | "currency" | "value";

export type TableOptions = { 
/**
 * Every counterparty.
 */
counterparties: Array<string>, 
/**
 * Every contract owner.
 */
owners: Array<string>, 
/**
 * Every currency (ISO 4217).
 */
currencies: Array<string>, };

export type TablePage = { 
/**
 * Every agreement.
 */
total: number, 
/**
 * The agreements that match the search and the filters.
 */
matching: number, 
/**
 * Index of `rows[0]` among the matching rows (the query's offset, or `matching` when
 * the offset is past the end).
 */
offset: number, 
/**
 * The matching rows from `offset`, in order, at most the query's limit.
 */
rows: Array<AgreementRow>, 
/**
 * What the filters offer, when the query asked for it.
 */
options: TableOptions | null, };

export type TableQuery = { 
/**
 * Free text: every white-space separated word must occur (case-insensitively) in the
 * row's searchable text. Empty: no search.
 */
search: string, 
/**
 * Only rows with this status.
 */
status: AgreementStatus | null, 
/**
 * Only rows with exactly this counterparty.
 */
counterparty: string | null, 
/**
 * Only rows with exactly this contract owner.
 */
owner: string | null, 
/**
 * Only rows with exactly this currency (ISO 4217).
 */
currency: string | null, 
/**
 * The column to sort by.
 */
sort: TableColumn, 
/**
 * Its direction.
 */
direction: SortDirection, 
/**
 * Index (0-based) of the first matching row to return.
 */
offset: number, 
/**
 * How many rows to return at most (capped at [`MAX_PAGE_ROWS`]).
 */
limit: number, 
/**
 * Whether to return the filters' options too (the page asks once per load: they do
 * not depend on the query).
 */
with_options: boolean, };

export type Term = { 
/**
 * 1 for the initial term, 2 for the first renewal, …
 */
number: number, 
/**
 * First day (inclusive).
 */
start: string, 
/**
 * Expiry date: last day (inclusive), `start + length - 1 day` (rule 2).
 */
end: string, 
/**
 * Length of this term.
 */
length: Period, };

export type TerminationKind = "convenience" | "material_breach" | "change_of_control" | "insolvency" | "other";

export type TerminationRight = { 
/**
 * The scenario as written, e.g. `"Convenience"`.
 */
scenario: string, 
/**
 * The scenario's classification.
 */
kind: TerminationKind, 
/**
 * Notice period a party must give (e.g. 180 days), if stated.
 */
notice: Period | null, 
/**
 * Cure period the breaching party has to remedy (e.g. 30 days), if stated.
 */
cure_period: Period | null, 
/**
 * The consequence as written, e.g. `"Wind-down plan"`.
 */
consequence: string, 
/**
 * The table row.
 */
source: Source, };

export type TestEmail = { 
/**
 * The address it was sent to.
 */
to: string, 
/**
 * Whether the server accepted it.
 */
delivered: boolean, 
/**
 * The server that took it, e.g. `SMTP 127.0.0.1:2525`.
 */
via: string | null, 
/**
 * Why it failed, naming the server (never the password).
 */
failure: string | null, };

export type ToComplete = { 
/**
 * The owner's name as the agreements give it, e.g. "Commercial Director".
 */
name: string, 
/**
 * Whether the directory has them (with no address) or not at all.
 */
in_directory: boolean, 
/**
 * The agreements that name them.
 */
agreements: Array<AgreementRef>, };

export type Warning = { 
/**
 * Stable machine code, e.g. `"no_renewal_clause"`, `"currency_assumed"`.
 */
code: string, 
/**
 * The field concerned, e.g. `"auto_renewal"`.
 */
field: string, 
/**
 * 1-based line in the document, when the warning is about a line.
 */
line: number | null, 
/**
 * A sentence for a person, e.g. `"no renewal clause found: confirm whether it was extended"`.
 */
message: string, };

/** The shell's commands (src-tauri/src/command_table.rs): arguments and result of each. */
export type Commands = {
  app_info: { args: Record<string, never>; result: AppInfo };
  get_autostart: { args: Record<string, never>; result: boolean };
  set_autostart: { args: { enabled: boolean }; result: boolean };
  pick_import_files: { args: Record<string, never>; result: Array<string> };
  pick_save_path: { args: { suggestedName: string }; result: string | null };
  pick_register_file: { args: Record<string, never>; result: string | null };
  open_in_viewer: { args: { path: string }; result: null };
  run_reminders_now: { args: Record<string, never>; result: ReminderRunSummary };
  last_reminder_run: { args: Record<string, never>; result: ReminderRunSummary | null };
  ui_ready: { args: { timings: PaintTimings }; result: null };
  quit_app: { args: Record<string, never>; result: null };
  dashboard: { args: Record<string, never>; result: Dashboard };
  agreement_rows: { args: Record<string, never>; result: Array<AgreementRow> };
  agreement_rows_page: { args: { query: TableQuery }; result: TablePage };
  agreement_page: { args: { id: number }; result: AgreementPage };
  edit_field: { args: { id: number; field: EditableField; value: string }; result: AgreementPage };
  edit_row: { args: { id: number; table: ClauseTable; edit: RowEdit }; result: AgreementPage };
  confirm_warning: { args: { id: number; index: number }; result: AgreementPage };
  record_notice: { args: { id: number; kind: NoticeKind; servedOn: string; note: string }; result: AgreementPage };
  mark_done: { args: { id: number; eventId: string; doneOn: string; note: string }; result: AgreementPage };
  snooze: { args: { id: number; eventId: string; days: number }; result: AgreementPage };
  preview_new_agreement: { args: { new: NewAgreement }; result: NewAgreementPreview };
  add_agreement: { args: { new: NewAgreement }; result: Imported };
  new_agreement_from: { args: { id: number }; result: NewAgreement };
  record_decision: { args: { id: number; choice: DecisionChoice; targetDate: string | null; reason: string }; result: AgreementPage };
  import_files: { args: { paths: Array<string>; onProgress: Channel<ImportProgress> }; result: ImportReport };
  load_samples: { args: Record<string, never>; result: ImportReport };
  export_calendar: { args: { path: string }; result: CalendarExport };
  backup_database: { args: { path: string }; result: null };
  generate_brief: { args: { id: number }; result: GeneratedBrief };
  save_brief: { args: { id: number; path: string }; result: null };
  preview_register: { args: { path: string }; result: RegisterPreview };
  import_register: { args: { path: string; mapping: Array<RegisterColumn | null> }; result: RegisterReport };
  export_register: { args: { path: string; format: ExportFormat }; result: RegisterExport };
  get_settings: { args: Record<string, never>; result: DeskSettings };
  set_ladder: { args: { ladder: string }; result: DeskSettings };
  set_business_day_adjustment: { args: { on: boolean; applyToExisting: boolean }; result: DeskSettings };
  set_paper: { args: { paper: Paper }; result: DeskSettings };
  set_as_of: { args: { date: string | null }; result: AppInfo };
  people_directory: { args: Record<string, never>; result: PeopleDirectory };
  owners_to_complete_count: { args: Record<string, never>; result: number };
  add_person: { args: { name: string; email: string; deputy: string }; result: PeopleDirectory };
  edit_person: { args: { name: string; email: string; deputy: string }; result: PeopleDirectory };
  remove_person: { args: { name: string }; result: PeopleDirectory };
  mail_settings: { args: Record<string, never>; result: MailSettingsView };
  save_mail_settings: { args: { form: MailForm; password: string | null }; result: MailSettingsView };
  send_test_email: { args: { to: string }; result: TestEmail };
  agreement_mail: { args: { id: number }; result: AgreementMail };
  review_page: { args: { id: number }; result: ReviewPage };
  review_lines: { args: { id: number; first: number; count: number }; result: ReviewLines };
  review_queue: { args: Record<string, never>; result: Array<QueueItem> };
  review_confirm_field: { args: { id: number; field: string }; result: ReviewPage };
  review_confirm_warning: { args: { id: number; index: number }; result: ReviewPage };
  review_edit_field: { args: { id: number; field: EditableField; value: string }; result: ReviewPage };
};
