//! What the desktop app's first screen and its agreements table show about many agreements
//! at once: the [`Dashboard`] (what needs a decision, soonest first) and one
//! [`AgreementRow`] per agreement.
//!
//! Both are computed here from one pass over the store ([`Store::for_each_listed`]: the
//! engine's fields only, one agreement at a time), so a front end receives only what it
//! draws: the dashboard of 10,000 agreements is a few kilobytes.
//!
//! Every date comes from the deadline engine ([`crate::domain::rules::assess`], renewal-rules.md);
//! the sentences are the engine's explanations plus what happens if nobody acts.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::services::dashboard::dashboard;
//! use renewal_core::adapters::import::import_markdown;
//! use renewal_core::adapters::store::Store;
//!
//! let doc = "# Example Peru Supply Agreement\n\n\
//! | Field | Details |\n|---|---|\n\
//! | Parties | Acme SAC / Widget Corp |\n\
//! | Effective Date | 1 January 2023 |\n\
//! | Term | 3 years (auto-renewal) |\n\n\
//! ## Renewal Terms\n\n\
//! - Auto-renewal for 12-month periods\n\
//! - 90-day notice for non-renewal\n";
//! let mut store = Store::open_in_memory()?;
//! store.import(&import_markdown("example.md", doc)?)?;
//! let as_of = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let d = dashboard(&store, as_of)?;
//! let first = &d.decisions[0];
//! assert_eq!(first.date.to_string(), "2027-10-01"); // 2027-10-02 is a Saturday (rule 4)
//! assert_eq!(first.days_from_today, 312);
//! assert_eq!(first.outcome, "renews on Sat 1 Jan 2028 for 12 months");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::adapters::store::{ListedAgreement, RawListed, Store, StoredAgreement};
use crate::domain::dates::{days_between, long_date};
use crate::domain::model::{Agreement, AgreementStatus};
use crate::domain::money::Money;
use crate::domain::rules::decision::{renews_text, Decision};
use crate::domain::rules::{
    assess, Assessment, Basis, DatedEvent, EventKind, EventStatus, EventView,
    PARALLEL_MIN_AGREEMENTS,
};
use crate::error::Result;

/// Longest list the dashboard sends per section; the counts give the totals.
pub const LIST_LIMIT: usize = 50;

/// "Recently closed" looks back this many days (a window that closed 90 days ago or less).
pub const RECENT_DAYS: i64 = 90;

/// "Coming up" looks ahead this many days.
pub const UPCOMING_DAYS: i64 = 90;

/// One line of the dashboard: a dated event of one agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DashboardItem {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub agreement_id: i64,
    /// The agreement's title.
    pub agreement: String,
    /// The other party.
    pub counterparty: Option<String>,
    /// Contract owner.
    pub contract_owner: Option<String>,
    /// Stable event id ([`DatedEvent::id`]), for "mark done" and "snooze".
    pub event_id: String,
    /// What kind of event.
    pub kind: EventKind,
    /// Short label, e.g. "Non-renewal notice deadline".
    pub label: String,
    /// The date to act on (after the business-day adjustment of rule 4).
    pub date: NaiveDate,
    /// The date before adjustment (equal to `date` when it did not move).
    pub unadjusted_date: NaiveDate,
    /// Open, overdue, closed or done.
    pub status: EventStatus,
    /// `date − as-of date` in days (negative in the past; JSON key kept).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub days_from_today: i64,
    /// The engine's one-line explanation with its arithmetic.
    pub explanation: String,
    /// What happens if nobody acts (for an open item) or what the passing of the date
    /// meant (for a closed or overdue one), e.g. "renews on Sat 1 Jan 2028 for 12
    /// months with a price review".
    pub outcome: String,
    /// Whether the agreement's dates rest on values read with low confidence that nobody has
    /// confirmed yet ([`Agreement::is_provisional`]; issue 10 item 3).
    #[serde(default)]
    pub provisional: bool,
    /// The money the decision concerns ([`Agreement::value_at_stake`]: the stated total
    /// commitment), when stated.
    #[serde(default)]
    pub value: Option<Money>,
    /// For an item of "Needs a decision": the question, as the agreement page and the brief
    /// state it ([`crate::domain::rules::decision::Decision::question`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    /// For an item of "Needs a decision": the internal decide-by date
    /// ([`Decision::decide_by`]: the agreement's lead time before `date`, rule 4), shown
    /// beside the legal date, never instead of it. `None` when the lead time is 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide_by: Option<NaiveDate>,
    /// Its sentence, labelled as internal ([`Decision::decide_by_text`]), e.g. "Decide by
    /// (internal, 30 days ahead): Wed 1 Sep 2027".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decide_by_text: Option<String>,
    /// For an item of "Needs a decision": the next step in one line ([`Decision::next_step`]),
    /// e.g. "Next: decide by Wed 1 Sep 2027; to stop the renewal, serve notice of non-renewal
    /// by Fri 1 Oct 2027".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
}

/// Counts at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DashboardCounts {
    /// All agreements.
    pub agreements: usize,
    /// Active agreements (in force, or not computable).
    pub active: usize,
    /// Expired agreements.
    pub expired: usize,
    /// Terminated agreements.
    pub terminated: usize,
    /// Agreements with an undecided question ([`crate::domain::rules::decision::decide`]):
    /// a renewal to stop or let happen, a planned exit, a term that ends, an expired
    /// agreement's open exit window.
    pub decisions: usize,
    /// Of those, the ones whose last business day to act is within [`UPCOMING_DAYS`].
    pub decisions_soon: usize,
    /// Overdue events (obligations, reviews, serve-by dates).
    pub overdue: usize,
    /// Other open dates within [`UPCOMING_DAYS`]: deadlines that are not an agreement's
    /// decision (exit windows, obligations, reviews) and renewals and price reviews.
    pub upcoming: usize,
    /// Notice and exit windows closed in the last [`RECENT_DAYS`].
    pub recently_closed: usize,
    /// Agreements whose import left warnings to confirm.
    pub with_warnings: usize,
}

/// The first screen: what needs a decision, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    /// The as-of date (JSON key `today`).
    #[serde(rename = "today")]
    pub as_of: NaiveDate,
    /// Counts at a glance (totals, beyond the lists' [`LIST_LIMIT`]).
    pub counts: DashboardCounts,
    /// "Needs a decision": the decision at hand of each agreement that has one
    /// ([`crate::domain::rules::decision::decide`]: the renewal guarded by the first open
    /// notice deadline, a planned exit, a term that ends, an expired agreement's open exit
    /// window), by its last business day to act, soonest first, with what happens if nobody
    /// acts.
    pub decisions: Vec<DashboardItem>,
    /// Overdue events, oldest first.
    pub overdue: Vec<DashboardItem>,
    /// Other open dates within [`UPCOMING_DAYS`], soonest first: deadlines that are not an
    /// agreement's decision, and renewals and price reviews that happen by themselves.
    pub upcoming: Vec<DashboardItem>,
    /// Notice deadlines and exit windows that closed in the last [`RECENT_DAYS`], most
    /// recent first.
    pub recently_closed: Vec<DashboardItem>,
    /// The earliest open deadline of all (what the tray shows).
    pub next_deadline: Option<DashboardItem>,
    /// Money at stake in the next [`UPCOMING_DAYS`]: the total of [`DashboardItem::value`]
    /// over the undecided questions whose last day to act falls within them, one sum per
    /// currency (ISO 4217 order), never converted.
    #[serde(default)]
    pub at_stake_soon: Vec<Money>,
}

/// One row of the agreements table (small: 10,000 rows are a few megabytes of JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AgreementRow {
    /// Agreement id.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    /// Title.
    pub title: String,
    /// The other party.
    pub counterparty: Option<String>,
    /// Contract owner.
    pub contract_owner: Option<String>,
    /// ISO 4217 code of the main amounts.
    pub currency: Option<String>,
    /// The value at stake ([`Agreement::value_at_stake`]: the stated total commitment).
    #[serde(default)]
    pub value: Option<Money>,
    /// ISO 3166 code of the jurisdiction, e.g. `PE`.
    pub country: Option<String>,
    /// Active, expired or terminated.
    pub status: AgreementStatus,
    /// Whether a date-bearing value was read with low confidence and is not yet confirmed
    /// ([`Agreement::is_provisional`]): its dates rest on values a person should confirm.
    #[serde(default)]
    pub provisional: bool,
    /// Whether it renews after the current term.
    pub renewing: bool,
    /// Last day of the current term.
    pub current_term_end: Option<NaiveDate>,
    /// The next open deadline (any kind someone must act on).
    pub next_deadline: Option<NaiveDate>,
    /// Its label.
    pub next_deadline_label: Option<String>,
    /// Days from the as-of date to it.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub next_deadline_days: Option<i64>,
    /// The next open notice deadline.
    pub next_notice_deadline: Option<NaiveDate>,
    /// Overdue events.
    pub overdue: usize,
    /// Importer warnings.
    pub warnings: usize,
}

/// What happens if nobody acts on `event` (open), or what its passing meant (closed,
/// overdue). Rules: a non-renewal notice deadline guards the renewal after the term it is
/// about (rule 3, rule 5); a termination serve-by date guards a planned exit (rule 6); an
/// exit window's rights end with it (rule 8).
pub fn outcome(event: &DatedEvent, assessment: &Assessment, agreement: &Agreement) -> String {
    let subject = || {
        event
            .subject
            .clone()
            .unwrap_or_else(|| event.kind.title().to_string())
    };
    match (event.kind, &event.basis) {
        (EventKind::NonRenewalNoticeDeadline, Basis::NoticeBeforeExpiry { term, .. }) => {
            let Some(renewal) = term.renewal_date() else {
                return assessment.default_outcome(agreement);
            };
            match event.status {
                EventStatus::Open => renews_text(assessment, agreement, renewal),
                EventStatus::Done => "non-renewal notice recorded as served".to_string(),
                _ => format!(
                    "notice window closed: the renewal on {} is locked in",
                    long_date(renewal)
                ),
            }
        }
        (EventKind::TerminationNoticeDeadline, Basis::ServeBy { exit, .. }) => match event.status {
            EventStatus::Open => format!(
                "without notice by then it cannot end on {}",
                long_date(*exit)
            ),
            EventStatus::Done => "termination notice recorded as served".to_string(),
            _ => format!(
                "too late to serve notice for an exit on {}",
                long_date(*exit)
            ),
        },
        (EventKind::ExitWindowEnd, _) => match event.status {
            EventStatus::Open => format!(
                "{} window closes; its rights end that day",
                subject().to_lowercase()
            ),
            _ => format!("{} window closed", subject().to_lowercase()),
        },
        (EventKind::Renewal, _) if event.status == EventStatus::Open => {
            let decision = assessment.decision(agreement);
            if decision.locked_in.iter().any(|l| l.renewal == event.date) {
                "locked in: its notice deadline has passed, so it renews that day".to_string()
            } else if decision.renewal == Some(event.date) {
                decision.if_nobody_acts
            } else {
                "renews that day unless notice of non-renewal is served in time".to_string()
            }
        }
        (EventKind::PriceReview, _) if event.status == EventStatus::Open => {
            "prices are reviewed that day".to_string()
        }
        (EventKind::ObligationDue, _) => match event.status {
            EventStatus::Overdue => format!("not marked done: {} was due", subject()),
            EventStatus::Done => "marked done".to_string(),
            _ => format!("due: {}", subject()),
        },
        (EventKind::NextReview, _) => match event.status {
            EventStatus::Overdue => "the agreement's review has not been marked done".to_string(),
            EventStatus::Done => "review marked done".to_string(),
            _ => "review the agreement".to_string(),
        },
        _ => assessment.default_outcome(agreement),
    }
}

/// A list that keeps the `LIST_LIMIT` smallest keys (ties in insertion order).
struct TopN<K: Ord + Copy> {
    items: Vec<(K, DashboardItem)>,
    total: usize,
}

impl<K: Ord + Copy> TopN<K> {
    fn new() -> Self {
        TopN {
            items: Vec::new(),
            total: 0,
        }
    }

    /// Whether an item with `key` would be kept (so rendering it is worth the work).
    fn wants(&self, key: K) -> bool {
        self.items.len() < LIST_LIMIT || self.items.last().is_some_and(|(k, _)| key < *k)
    }

    fn offer(&mut self, key: K, render: impl FnOnce() -> DashboardItem) {
        self.total += 1;
        if !self.wants(key) {
            return;
        }
        let at = self.items.partition_point(|(k, _)| *k <= key);
        self.items.insert(at, (key, render()));
        self.items.truncate(LIST_LIMIT);
    }

    /// Adds what `other` kept (an equal key never comes from two lists: keys end with the
    /// agreement's id, and one agreement is added to one list), so that the result is
    /// what one list offered both lists' items, in order, would hold.
    fn merge(&mut self, other: TopN<K>) {
        self.total += other.total;
        self.items.extend(other.items);
        // Stable: items with equal keys (one agreement's) keep their order.
        self.items.sort_by_key(|(k, _)| *k);
        self.items.truncate(LIST_LIMIT);
    }

    fn into_items(self) -> Vec<DashboardItem> {
        self.items.into_iter().map(|(_, item)| item).collect()
    }
}

fn item(id: i64, a: &Agreement, s: &Assessment, e: &DatedEvent) -> DashboardItem {
    DashboardItem {
        agreement_id: id,
        agreement: a.title.clone(),
        counterparty: a.counterparty.clone(),
        contract_owner: a.contract_owner.as_ref().map(|o| o.value.clone()),
        event_id: e.id(),
        kind: e.kind,
        label: e.label(),
        date: e.date,
        unadjusted_date: e.unadjusted_date,
        status: e.status,
        days_from_today: e.days_from_today,
        explanation: e.explanation(),
        outcome: outcome(e, s, a),
        provisional: a.is_provisional(),
        value: a.value_at_stake().cloned(),
        decision: None,
        decide_by: None,
        decide_by_text: None,
        next_step: None,
    }
}

/// The "Needs a decision" item of `decision`: its event, dated by the last business day to
/// act, with the decision's question, default outcome, internal decide-by date and next
/// step (the owner is the agreement's contract owner, as on every item).
fn decision_item(
    id: i64,
    a: &Agreement,
    s: &Assessment,
    e: &DatedEvent,
    decision: &Decision,
) -> DashboardItem {
    let mut it = item(id, a, s, e);
    if let Some(act_by) = decision.act_by {
        it.date = act_by;
        it.days_from_today = days_between(s.as_of, act_by);
    }
    it.outcome = decision.if_nobody_acts.clone();
    it.decision = Some(decision.question.clone());
    it.decide_by = decision.decide_by;
    it.decide_by_text = decision.decide_by_text();
    it.next_step = decision.next_step();
    it
}

fn is_notice_deadline(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
    )
}

/// Builds a [`Dashboard`] one agreement at a time (see [`dashboard`]).
pub struct DashboardBuilder {
    as_of: NaiveDate,
    at_stake: std::collections::BTreeMap<String, rust_decimal::Decimal>,
    counts: DashboardCounts,
    decisions: TopN<(NaiveDate, i64)>,
    overdue: TopN<(NaiveDate, i64)>,
    upcoming: TopN<(NaiveDate, i64)>,
    recent: TopN<(std::cmp::Reverse<NaiveDate>, i64)>,
    next: TopN<(NaiveDate, i64)>,
}

impl DashboardBuilder {
    /// An empty dashboard as of `as_of`.
    pub fn new(as_of: NaiveDate) -> Self {
        DashboardBuilder {
            as_of,
            at_stake: std::collections::BTreeMap::new(),
            counts: DashboardCounts::default(),
            decisions: TopN::new(),
            overdue: TopN::new(),
            upcoming: TopN::new(),
            recent: TopN::new(),
            next: TopN::new(),
        }
    }

    /// Adds agreement `id` (assessed as of the builder's as-of date).
    pub fn add(&mut self, id: i64, a: &Agreement) {
        let s = assess(a, self.as_of);
        let c = &mut self.counts;
        c.agreements += 1;
        match s.status {
            // counted with the active ones until the dashboard has a column for them
            AgreementStatus::Active | AgreementStatus::Incomplete => c.active += 1,
            AgreementStatus::Expired => c.expired += 1,
            AgreementStatus::Terminated => c.terminated += 1,
        }
        if !a.warnings.is_empty() {
            c.with_warnings += 1;
        }
        let decision = s.decision(a);
        let decision_event = decision.event(&s).filter(|_| decision.is_open());
        if let (Some(e), Some(act_by)) = (decision_event, decision.act_by) {
            c.decisions += 1;
            if days_between(self.as_of, act_by) <= UPCOMING_DAYS {
                c.decisions_soon += 1;
                if let Some(m) = a.value_at_stake() {
                    *self.at_stake.entry(m.currency.clone()).or_default() += m.amount;
                }
            }
            self.decisions
                .offer((act_by, id), || decision_item(id, a, &s, e, &decision));
        }
        let decision_id = decision_event.map(DatedEvent::id);
        if let Some(e) = s.next_deadline() {
            self.next.offer((e.date, id), || item(id, a, &s, e));
        }
        for e in &s.events {
            match e.status {
                EventStatus::Overdue => {
                    self.counts.overdue += 1;
                    self.overdue.offer((e.date, id), || item(id, a, &s, e));
                }
                EventStatus::Open
                    if (e.is_actionable()
                        || matches!(e.kind, EventKind::Renewal | EventKind::PriceReview))
                        && !is_notice_deadline(e.kind)
                        && e.days_from_today <= UPCOMING_DAYS
                        && decision_id.as_deref() != Some(e.id().as_str()) =>
                {
                    self.counts.upcoming += 1;
                    self.upcoming.offer((e.date, id), || item(id, a, &s, e));
                }
                EventStatus::Closed
                    if matches!(
                        e.kind,
                        EventKind::NonRenewalNoticeDeadline | EventKind::ExitWindowEnd
                    ) && (-RECENT_DAYS..0).contains(&days_between(self.as_of, e.date)) =>
                {
                    self.counts.recently_closed += 1;
                    self.recent
                        .offer((std::cmp::Reverse(e.date), id), || item(id, a, &s, e));
                }
                _ => {}
            }
        }
    }

    /// Adds the agreements `other` was given (a builder with the same as-of date, given
    /// other agreements): the result is the builder that was given both sets.
    pub fn merge(&mut self, other: DashboardBuilder) {
        debug_assert_eq!(self.as_of, other.as_of);
        let (c, o) = (&mut self.counts, other.counts);
        c.agreements += o.agreements;
        c.active += o.active;
        c.expired += o.expired;
        c.terminated += o.terminated;
        c.decisions += o.decisions;
        c.decisions_soon += o.decisions_soon;
        c.overdue += o.overdue;
        c.upcoming += o.upcoming;
        c.recently_closed += o.recently_closed;
        c.with_warnings += o.with_warnings;
        for (currency, amount) in other.at_stake {
            *self.at_stake.entry(currency).or_default() += amount;
        }
        self.decisions.merge(other.decisions);
        self.overdue.merge(other.overdue);
        self.upcoming.merge(other.upcoming);
        self.recent.merge(other.recent);
        self.next.merge(other.next);
    }

    /// The dashboard.
    pub fn finish(self) -> Dashboard {
        Dashboard {
            as_of: self.as_of,
            counts: self.counts,
            decisions: self.decisions.into_items(),
            overdue: self.overdue.into_items(),
            upcoming: self.upcoming.into_items(),
            recently_closed: self.recent.into_items(),
            next_deadline: self.next.into_items().into_iter().next(),
            at_stake_soon: self
                .at_stake
                .into_iter()
                .map(|(currency, amount)| Money { amount, currency })
                .collect(),
        }
    }
}

/// Agreements read, parsed and assessed per block by [`par_listed`].
const VIEW_BLOCK: usize = 256;

/// How many threads a computed view over `agreements` agreements uses (issue 14 item 5,
/// parallelism that pays): one below [`PARALLEL_MIN_AGREEMENTS`] (starting threads costs
/// more than it saves) or on one core, else the available cores (at most 8). On the
/// benchmark machine (2 cores) two threads compute the dashboard of 100,000 agreements in
/// about 0.6 of the time of one (docs/benchmarks.md, "Desktop app at 100,000 agreements").
pub fn view_threads(agreements: usize) -> usize {
    if agreements < PARALLEL_MIN_AGREEMENTS {
        return 1;
    }
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// Runs `work` over every agreement's compact copy in `store`, by blocks of
/// [`VIEW_BLOCK`] (with the block's index, in id order), on the calling thread (which reads
/// the store) and `threads − 1` helpers; each thread keeps its own state, made by `init`.
/// The reader hands a block to an idle helper, or works on it itself when none is idle, so
/// a helper that gets no CPU time leaves its share to the reader. Returns every thread's
/// state (the reader's first).
///
/// Errors: the store's, or the first error `work` returned (the walk stops at it).
fn par_listed<S: Send>(
    store: &Store,
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize, Vec<RawListed>) -> Result<()> + Sync,
) -> Result<Vec<S>> {
    use std::sync::mpsc::{sync_channel, TrySendError};
    use std::sync::Mutex;
    let (tx, rx) = sync_channel::<(usize, Vec<RawListed>)>(threads);
    let rx = Mutex::new(rx);
    let (init, work, rx) = (&init, &work, &rx);
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1))
            .map(|_| {
                scope.spawn(move || -> Result<S> {
                    let mut state = init();
                    loop {
                        let next = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok((b, block)) = next else { break };
                        work(&mut state, b, block)?;
                    }
                    Ok(state)
                })
            })
            .collect();
        let mut mine = init();
        let mut b = 0;
        let read = store.for_each_listed_block(VIEW_BLOCK, |block| {
            let index = b;
            b += 1;
            match tx.try_send((index, block)) {
                Ok(()) => Ok(()),
                Err(TrySendError::Full((i, block)) | TrySendError::Disconnected((i, block))) => {
                    work(&mut mine, i, block)
                }
            }
        });
        drop(tx);
        let mut states = vec![mine];
        let mut first_error = read.err();
        for h in helpers {
            match h.join() {
                Ok(Ok(state)) => states.push(state),
                Ok(Err(e)) => {
                    first_error.get_or_insert(e);
                }
                // A panic in a helper is a bug: it surfaces as it would on one thread.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(states),
        }
    })
}

/// The dashboard of every agreement in `store` as of `as_of`, on [`view_threads`] threads.
///
/// Errors: the store's ([`Store::for_each_listed`]).
pub fn dashboard(store: &Store, as_of: NaiveDate) -> Result<Dashboard> {
    let count = usize::try_from(store.count()?).unwrap_or(0);
    dashboard_with(store, as_of, view_threads(count))
}

/// [`dashboard`] on at most `threads` threads (0 or 1: the calling thread alone). The
/// result does not depend on `threads`.
///
/// Errors: the store's ([`Store::for_each_listed`]).
pub fn dashboard_with(store: &Store, as_of: NaiveDate, threads: usize) -> Result<Dashboard> {
    if threads <= 1 {
        let mut b = DashboardBuilder::new(as_of);
        store.for_each_listed(|l| {
            b.add(l.id, &l.agreement);
            Ok(())
        })?;
        return Ok(b.finish());
    }
    let parts = par_listed(
        store,
        threads,
        || DashboardBuilder::new(as_of),
        |b, _, block| {
            for raw in block {
                let l = raw.parse()?;
                b.add(l.id, &l.agreement);
            }
            Ok(())
        },
    )?;
    let mut parts = parts.into_iter();
    let mut b = parts.next().unwrap_or_else(|| DashboardBuilder::new(as_of));
    for p in parts {
        b.merge(p);
    }
    Ok(b.finish())
}

/// The program a stored dashboard was computed with ([`dashboard_cached`]): this crate's
/// version, the dashboard's format, and a fingerprint of the source of the deadline engine,
/// the calendars and this crate (`build.rs`: a hash of every file under `renewal-domain/src`
/// and `renewal-core/src`), so any build with a changed engine, calendar or dashboard computes
/// again instead of showing dates an older build stored, even under the same crate version.
/// Shape: `"0.1.0/dashboard-1/0123456789abcdef"`.
pub const DASHBOARD_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "/dashboard-1/",
    env!("RENEWAL_RULES_FINGERPRINT")
);

/// A dashboard and where it came from ([`dashboard_cached`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedDashboard {
    /// The dashboard, equal to [`dashboard`] of the same store and as-of date.
    pub dashboard: Dashboard,
    /// Whether it was read from the store (`true`) or computed now (`false`).
    pub stored: bool,
}

/// The dashboard of every agreement in `store` as of `as_of`, as [`dashboard`] computes it,
/// read from the store when it was computed before for exactly this as-of date, this
/// [`Store::view_generation`] (no agreement written since) and this [`DASHBOARD_VERSION`]
/// (issue 14 item 2: the app's first screen with 100,000 agreements); otherwise computed,
/// then stored for the next start ([`Store::store_view`], skipped when another process is
/// writing). The generation and the agreements are read in one snapshot, so a write by
/// another process during the computation leaves a stored view that is never used.
///
/// Errors: the store's ([`Store::for_each_listed`]).
pub fn dashboard_cached(store: &Store, as_of: NaiveDate) -> Result<CachedDashboard> {
    const NAME: &str = "dashboard";
    let (found, generation) = store.read_snapshot(|s| {
        let generation = s.view_generation()?;
        let stored = s
            .stored_view(NAME, as_of, generation, DASHBOARD_VERSION)?
            // A stored view that does not read back is computed again.
            .and_then(|json| serde_json::from_str::<Dashboard>(&json).ok());
        match stored {
            Some(d) => Ok((Ok(d), generation)),
            None => Ok((Err(dashboard(s, as_of)?), generation)),
        }
    })?;
    match found {
        Ok(dashboard) => Ok(CachedDashboard {
            dashboard,
            stored: true,
        }),
        Err(dashboard) => {
            let json = serde_json::to_string(&dashboard)?;
            store.store_view(NAME, as_of, generation, DASHBOARD_VERSION, &json)?;
            Ok(CachedDashboard {
                dashboard,
                stored: false,
            })
        }
    }
}

impl AgreementRow {
    /// The row of agreement `id` (its main currency, ISO 4217, given beside it) from its
    /// assessment `s`: the one place a row is computed, for the app's table
    /// ([`agreement_row`]) and `renewals list` ([`AgreementListing`]). Days are counted
    /// from the assessment's as-of date.
    pub fn from_assessment(
        id: i64,
        a: &Agreement,
        currency: Option<String>,
        s: &Assessment,
    ) -> Self {
        let next = s.next_deadline();
        AgreementRow {
            id,
            title: a.title.clone(),
            counterparty: a.counterparty.clone(),
            contract_owner: a.contract_owner.as_ref().map(|o| o.value.clone()),
            currency,
            value: a.value_at_stake().cloned(),
            country: a.country.as_ref().map(|c| c.value.code().to_string()),
            status: s.status,
            provisional: a.is_provisional(),
            renewing: s.renewing,
            current_term_end: s.current_term().map(|t| t.end),
            next_deadline: next.map(|e| e.date),
            next_deadline_label: next.map(DatedEvent::label),
            next_deadline_days: next.map(|e| e.days_from_today),
            next_notice_deadline: s.next_notice_deadline().map(|e| e.date),
            overdue: s.overdue().count(),
            warnings: a.warnings.len(),
        }
    }
}

/// The row of `listed` in the agreements table as of `as_of`.
pub fn agreement_row(listed: &ListedAgreement, as_of: NaiveDate) -> AgreementRow {
    let s = assess(&listed.agreement, as_of);
    AgreementRow::from_assessment(listed.id, &listed.agreement, listed.currency.clone(), &s)
}

/// One agreement as `renewals list` shows it: its [`AgreementRow`] (the app's row, computed
/// by [`AgreementRow::from_assessment`]), the next deadline as the full event (label,
/// status, explanation, workings quoting the clause, source line) and what happens if
/// nobody acts.
///
/// Serialised (`renewals list --json`, a documented contract) as the row's JSON object
/// in which `next_deadline` is that event object (`date`, `label`, `days_from_today`,
/// `kind`, `status`, `workings`, …; `null` when there is none) and with `default_outcome`
/// added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementListing {
    /// The row.
    pub row: AgreementRow,
    /// The next open deadline (the row's `next_deadline`), in full.
    pub next_deadline: Option<EventView>,
    /// What happens if nobody acts, e.g. "renews on 1 January 2028 for 12 months".
    pub default_outcome: String,
}

impl AgreementListing {
    /// The listing of `stored` (a full agreement, so that workings quote its clauses) as
    /// of `as_of`.
    pub fn new(stored: &StoredAgreement, as_of: NaiveDate) -> Self {
        let a = &stored.agreement;
        let s = assess(a, as_of);
        AgreementListing {
            row: AgreementRow::from_assessment(
                stored.id,
                a,
                a.main_currency().map(str::to_string),
                &s,
            ),
            next_deadline: s.next_deadline().map(|e| EventView::new(e, a)),
            default_outcome: s.default_outcome(a),
        }
    }
}

impl AgreementListing {
    /// The listing of `listed` (the compact form with its sources, as
    /// [`Store::for_each_quoted`] reads it, so that workings quote its clauses) as of
    /// `as_of`: the same as [`AgreementListing::new`] of the full agreement.
    pub fn from_listed(listed: &ListedAgreement, as_of: NaiveDate) -> Self {
        let a = &listed.agreement;
        let s = assess(a, as_of);
        AgreementListing {
            row: AgreementRow::from_assessment(listed.id, a, listed.currency.clone(), &s),
            next_deadline: s.next_deadline().map(|e| EventView::new(e, a)),
            default_outcome: s.default_outcome(a),
        }
    }
}

impl Serialize for AgreementListing {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::Error as _;
        let mut v = serde_json::to_value(&self.row).map_err(S::Error::custom)?;
        let next = serde_json::to_value(&self.next_deadline).map_err(S::Error::custom)?;
        let serde_json::Value::Object(map) = &mut v else {
            return Err(S::Error::custom("an agreement row is not a JSON object"));
        };
        map.insert("next_deadline".to_string(), next);
        map.insert(
            "default_outcome".to_string(),
            serde_json::Value::String(self.default_outcome.clone()),
        );
        v.serialize(serializer)
    }
}

/// One [`AgreementListing`] per agreement in `store` as of `as_of`, by id, read from the
/// compact form with sources ([`Store::for_each_quoted`]); use [`agreement_rows`] for the
/// app's large tables, and [`crate::services::stream::write_listings`] to write them
/// without holding them all.
///
/// Errors: the store's ([`Store::for_each_quoted`]).
pub fn agreement_listings(store: &Store, as_of: NaiveDate) -> Result<Vec<AgreementListing>> {
    let mut out = Vec::new();
    store.for_each_quoted(|l| {
        out.push(AgreementListing::from_listed(&l, as_of));
        Ok(())
    })?;
    Ok(out)
}

/// One [`AgreementRow`] per agreement in `store` as of `as_of`, by id, on
/// [`view_threads`] threads.
///
/// Errors: the store's ([`Store::for_each_listed`]).
pub fn agreement_rows(store: &Store, as_of: NaiveDate) -> Result<Vec<AgreementRow>> {
    let count = usize::try_from(store.count()?).unwrap_or(0);
    agreement_rows_with(store, as_of, view_threads(count))
}

/// [`agreement_rows`] on at most `threads` threads (0 or 1: the calling thread alone). The
/// result does not depend on `threads`.
///
/// Errors: the store's ([`Store::for_each_listed`]).
pub fn agreement_rows_with(
    store: &Store,
    as_of: NaiveDate,
    threads: usize,
) -> Result<Vec<AgreementRow>> {
    let count = usize::try_from(store.count()?).unwrap_or(0);
    if threads <= 1 {
        let mut rows = Vec::with_capacity(count);
        store.for_each_listed(|l| {
            rows.push(agreement_row(&l, as_of));
            Ok(())
        })?;
        return Ok(rows);
    }
    let parts = par_listed(
        store,
        threads,
        Vec::new,
        |done: &mut Vec<(usize, Vec<AgreementRow>)>, b, block| {
            let mut rows = Vec::with_capacity(block.len());
            for raw in block {
                rows.push(agreement_row(&raw.parse()?, as_of));
            }
            done.push((b, rows));
            Ok(())
        },
    )?;
    let mut blocks: Vec<(usize, Vec<AgreementRow>)> = parts.into_iter().flatten().collect();
    blocks.sort_by_key(|(b, _)| *b);
    let mut rows = Vec::with_capacity(count);
    for (_, part) in blocks {
        rows.extend(part);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::DASHBOARD_VERSION;

    #[test]
    fn the_stored_dashboards_version_names_the_build_of_the_engine() {
        let parts: Vec<&str> = DASHBOARD_VERSION.split('/').collect();
        assert_eq!(parts.len(), 3, "{DASHBOARD_VERSION}");
        assert_eq!(parts[0], env!("CARGO_PKG_VERSION"));
        assert_eq!(parts[1], "dashboard-1");
        assert_eq!(parts[2].len(), 16, "{DASHBOARD_VERSION}");
        assert!(parts[2].chars().all(|c| c.is_ascii_hexdigit()));
        // Not the hash of nothing: build.rs read the engine's sources.
        assert_ne!(parts[2], "cbf29ce484222325");
    }
}
