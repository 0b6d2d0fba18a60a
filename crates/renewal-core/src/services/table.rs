//! The agreements table over every agreement, searched, filtered, sorted and paged in the
//! core (issue 14 item 2): the app keeps the computed [`AgreementRow`]s in an
//! [`AgreementTable`] and the page asks it for the window of rows it shows
//! ([`AgreementTable::query`]), instead of receiving every row (46.6 MB of JSON at 100,000
//! agreements) and doing this work itself.
//!
//! The semantics are the ones the page had when it did the work (`ui/src/views/Agreements.tsx`
//! and `ui/src/components/VirtualTable.tsx`), reproduced here:
//!
//! - **Search**: the query is lower-cased and split on white space; a row matches when its
//!   searchable text (every column's text, lower-cased, each followed by a NUL: the title,
//!   the counterparty, the owner, the status, the notice deadline as `2027-10-01 Fri 1 Oct
//!   2027`, the next deadline the same way followed by a space and its label, the currency,
//!   the value as the page shows it, `US$ 12,000,000`) contains every word.
//! - **Filters**: exact equality on the status, the counterparty, the contract owner and the
//!   currency; an absent filter keeps every row.
//! - **Sort**: by one column's sort text (the title; the counterparty, owner or currency, an
//!   empty text when there is none; the status's name; a deadline as `YYYY-MM-DD`, `9999`
//!   when there is none, so they come last in ascending order; the value as its currency, a
//!   space and the amount left-padded with zeros to 24 characters, an empty text when there
//!   is none), compared like the page's `Intl.Collator(undefined, { numeric: true,
//!   sensitivity: 'base' })` ([`collation_key`]). Rows that compare equal keep the order of
//!   their ids (ascending, in both directions: the page's sort was stable over rows in id
//!   order, and reversed only the comparison).
//! - **Options** of the filters: the distinct non-empty counterparties, owners and currencies
//!   of every agreement, in collation order.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::domain::model::AgreementStatus;
use crate::domain::money::Money;
use crate::services::dashboard::AgreementRow;
use rust_decimal::Decimal;

/// The most rows one [`AgreementTable::query`] returns, whatever `limit` asks for.
pub const MAX_PAGE_ROWS: u32 = 2_000;

/// A sortable column of the agreements table (the page's column keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TableColumn {
    /// The agreement's title.
    Title,
    /// The other party.
    Counterparty,
    /// The contract owner.
    Owner,
    /// Active, expired, terminated or incomplete (by the name).
    Status,
    /// The next open notice deadline.
    Notice,
    /// The next open deadline of any kind.
    Next,
    /// The main currency (ISO 4217).
    Currency,
    /// The value at stake, within its currency.
    Value,
}

impl TableColumn {
    /// Every column, in the page's order.
    pub const ALL: [TableColumn; 8] = [
        TableColumn::Title,
        TableColumn::Counterparty,
        TableColumn::Owner,
        TableColumn::Status,
        TableColumn::Notice,
        TableColumn::Next,
        TableColumn::Currency,
        TableColumn::Value,
    ];

    /// The text row `r` is sorted by in this column (see the module's documentation).
    pub fn sort_text(self, r: &AgreementRow) -> String {
        self.sort_text_of(&SortFields {
            title: &r.title,
            counterparty: r.counterparty.as_deref(),
            owner: r.contract_owner.as_deref(),
            status: r.status,
            notice: r.next_notice_deadline,
            next: r.next_deadline,
            currency: r.currency.as_deref(),
            value: r.value.as_ref().map(|v| (&v.amount, v.currency.as_str())),
        })
    }

    /// [`TableColumn::sort_text`] of a row's fields (the table keeps its rows compactly,
    /// not as [`AgreementRow`]s).
    fn sort_text_of(self, r: &SortFields<'_>) -> String {
        fn date(d: Option<NaiveDate>) -> String {
            d.map_or_else(|| "9999".to_string(), |d| d.format("%Y-%m-%d").to_string())
        }
        match self {
            TableColumn::Title => r.title.to_string(),
            TableColumn::Counterparty => r.counterparty.unwrap_or_default().to_string(),
            TableColumn::Owner => r.owner.unwrap_or_default().to_string(),
            TableColumn::Status => status_name(r.status).to_string(),
            TableColumn::Notice => date(r.notice),
            TableColumn::Next => date(r.next),
            TableColumn::Currency => r.currency.unwrap_or_default().to_string(),
            TableColumn::Value => r
                .value
                .map(|(amount, currency)| {
                    // Padded as text (the page's `padStart(24, '0')` on the amount's string).
                    let amount = amount.to_string();
                    format!("{currency} {amount:0>24}")
                })
                .unwrap_or_default(),
        }
    }
}

/// What a row is sorted by ([`TableColumn::sort_text`]), borrowed from an [`AgreementRow`]
/// or a [`CompactRow`].
struct SortFields<'a> {
    title: &'a str,
    counterparty: Option<&'a str>,
    owner: Option<&'a str>,
    status: AgreementStatus,
    notice: Option<NaiveDate>,
    next: Option<NaiveDate>,
    currency: Option<&'a str>,
    value: Option<(&'a Decimal, &'a str)>,
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    /// Smallest first (empty deadlines last, empty texts first).
    #[default]
    Asc,
    /// Largest first; equal rows still by ascending id.
    Desc,
}

/// What the page asks for: a search, filters, an order and a window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableQuery {
    /// Free text: every white-space separated word must occur (case-insensitively) in the
    /// row's searchable text. Empty: no search.
    #[serde(default)]
    pub search: String,
    /// Only rows with this status.
    #[serde(default)]
    pub status: Option<AgreementStatus>,
    /// Only rows with exactly this counterparty.
    #[serde(default)]
    pub counterparty: Option<String>,
    /// Only rows with exactly this contract owner.
    #[serde(default)]
    pub owner: Option<String>,
    /// Only rows with exactly this currency (ISO 4217).
    #[serde(default)]
    pub currency: Option<String>,
    /// The column to sort by.
    pub sort: TableColumn,
    /// Its direction.
    #[serde(default)]
    pub direction: SortDirection,
    /// Index (0-based) of the first matching row to return.
    pub offset: u32,
    /// How many rows to return at most (capped at [`MAX_PAGE_ROWS`]).
    pub limit: u32,
    /// Whether to return the filters' options too (the page asks once per load: they do
    /// not depend on the query).
    #[serde(default)]
    pub with_options: bool,
}

impl TableQuery {
    /// The first `limit` rows of every agreement, sorted by `sort` ascending.
    pub fn all(sort: TableColumn, limit: u32) -> Self {
        TableQuery {
            search: String::new(),
            status: None,
            counterparty: None,
            owner: None,
            currency: None,
            sort,
            direction: SortDirection::Asc,
            offset: 0,
            limit,
            with_options: false,
        }
    }

    /// The same query without its window (what decides which rows match, and their order).
    fn selection(&self) -> TableQuery {
        TableQuery {
            offset: 0,
            limit: 0,
            with_options: false,
            ..self.clone()
        }
    }
}

/// The distinct non-empty values the filters offer, in collation order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableOptions {
    /// Every counterparty.
    pub counterparties: Vec<String>,
    /// Every contract owner.
    pub owners: Vec<String>,
    /// Every currency (ISO 4217).
    pub currencies: Vec<String>,
}

/// One window of the table ([`AgreementTable::query`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TablePage {
    /// Every agreement.
    pub total: usize,
    /// The agreements that match the search and the filters.
    pub matching: usize,
    /// Index of `rows[0]` among the matching rows (the query's offset, or `matching` when
    /// the offset is past the end).
    pub offset: usize,
    /// The matching rows from `offset`, in order, at most the query's limit.
    pub rows: Vec<AgreementRow>,
    /// What the filters offer, when the query asked for it.
    pub options: Option<TableOptions>,
}

/// Row indices (into the rows by id) in some order, shared between queries.
type RowOrder = Arc<Vec<u32>>;

/// One agreement's row as the table keeps it: the same values as its [`AgreementRow`],
/// with the texts many rows share (counterparty, owner, currency, country, the next
/// deadline's label, the value's currency) kept once per table ([`Arc<str>`]), the title
/// without spare capacity, counts as `u32` (saturated; no agreement has 4 billion events
/// or warnings): about half the memory of an [`AgreementRow`] at 100,000 agreements
/// (docs/benchmarks.md, "The release app at 100,000, second measurement (h-app)").
#[derive(Debug, Clone)]
struct CompactRow {
    id: i64,
    title: Box<str>,
    counterparty: Option<Arc<str>>,
    contract_owner: Option<Arc<str>>,
    currency: Option<Arc<str>>,
    value: Option<(Decimal, Arc<str>)>,
    country: Option<Arc<str>>,
    next_deadline_label: Option<Arc<str>>,
    next_deadline_days: Option<i64>,
    current_term_end: Option<NaiveDate>,
    next_deadline: Option<NaiveDate>,
    next_notice_deadline: Option<NaiveDate>,
    overdue: u32,
    warnings: u32,
    status: AgreementStatus,
    provisional: bool,
    renewing: bool,
}

/// Gives one shared copy of each distinct text ([`CompactRow`]).
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>>);

impl Interner {
    fn get(&mut self, text: String) -> Arc<str> {
        if let Some(a) = self.0.get(&text) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(text.as_str());
        self.0.insert(text, Arc::clone(&a));
        a
    }

    fn opt(&mut self, text: Option<String>) -> Option<Arc<str>> {
        text.map(|t| self.get(t))
    }
}

impl CompactRow {
    fn new(r: AgreementRow, texts: &mut Interner) -> Self {
        CompactRow {
            id: r.id,
            // A new copy (made by this thread, among the table's other long-lived texts).
            title: Box::from(r.title.as_str()),
            counterparty: texts.opt(r.counterparty),
            contract_owner: texts.opt(r.contract_owner),
            currency: texts.opt(r.currency),
            value: r.value.map(|v| (v.amount, texts.get(v.currency))),
            country: texts.opt(r.country),
            next_deadline_label: texts.opt(r.next_deadline_label),
            next_deadline_days: r.next_deadline_days,
            current_term_end: r.current_term_end,
            next_deadline: r.next_deadline,
            next_notice_deadline: r.next_notice_deadline,
            overdue: u32::try_from(r.overdue).unwrap_or(u32::MAX),
            warnings: u32::try_from(r.warnings).unwrap_or(u32::MAX),
            status: r.status,
            provisional: r.provisional,
            renewing: r.renewing,
        }
    }

    /// The row as the page receives it.
    fn row(&self) -> AgreementRow {
        let text = |t: &Option<Arc<str>>| t.as_deref().map(str::to_string);
        AgreementRow {
            id: self.id,
            title: self.title.to_string(),
            counterparty: text(&self.counterparty),
            contract_owner: text(&self.contract_owner),
            currency: text(&self.currency),
            value: self.value.as_ref().map(|(amount, currency)| Money {
                amount: *amount,
                currency: currency.to_string(),
            }),
            country: text(&self.country),
            status: self.status,
            provisional: self.provisional,
            renewing: self.renewing,
            current_term_end: self.current_term_end,
            next_deadline: self.next_deadline,
            next_deadline_label: text(&self.next_deadline_label),
            next_deadline_days: self.next_deadline_days,
            next_notice_deadline: self.next_notice_deadline,
            overdue: self.overdue as usize,
            warnings: self.warnings as usize,
        }
    }

    fn sort_fields(&self) -> SortFields<'_> {
        SortFields {
            title: &self.title,
            counterparty: self.counterparty.as_deref(),
            owner: self.contract_owner.as_deref(),
            status: self.status,
            notice: self.next_notice_deadline,
            next: self.next_deadline,
            currency: self.currency.as_deref(),
            value: self.value.as_ref().map(|(a, c)| (a, &**c)),
        }
    }
}

/// A row's searchable text ([`haystack`]) in parts: its own lower-cased title and value
/// (`title\0value`), and the lower-cased texts it shares with other rows (counterparty,
/// owner, notice deadline, next deadline with its label, currency) as indices into the
/// table's distinct texts; the status is its name. A search word is looked for in each
/// distinct shared text once per query. Lower-casing each part alone gives the same text
/// as lower-casing them joined by NULs (a NUL is neither cased nor case-ignorable, so it
/// ends the context of a final sigma), so the matches are the whole text's.
#[derive(Debug)]
struct SearchText {
    own: Box<str>,
    shared: [u32; 5],
}

/// Distinct texts, each given an index once.
#[derive(Default)]
struct Segments {
    ids: HashMap<String, u32>,
    texts: Vec<Box<str>>,
}

impl Segments {
    fn id(&mut self, text: String) -> u32 {
        if let Some(&id) = self.ids.get(&text) {
            return id;
        }
        let id = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.as_str().into());
        self.ids.insert(text, id);
        id
    }
}

/// One word of a search, prepared for a query ([`AgreementTable::term`]).
struct Term<'a> {
    text: &'a str,
    /// For each of the table's shared texts, whether it contains the word; `None` when the
    /// word has a NUL (then the row's whole text is searched).
    in_segment: Option<Vec<bool>>,
}

/// Every agreement's row, with what searching and sorting them needs, computed once: the
/// rows (by id, kept compactly), their searchable texts, the filters' options, and each
/// order once asked for (nothing is sorted before a query needs it). Queries are answered
/// from it ([`AgreementTable::query`]).
#[derive(Debug)]
pub struct AgreementTable {
    rows: Vec<CompactRow>,
    /// Each row's searchable text ([`haystack`]), kept in parts (see [`SearchText`]).
    search: Vec<SearchText>,
    /// The distinct lower-cased texts of the parts many rows share.
    segments: Vec<Box<str>>,
    options: TableOptions,
    /// For each column: each row's dense rank of its sort text (equal texts, equal rank).
    ranks: Mutex<HashMap<TableColumn, Arc<Vec<u32>>>>,
    /// For each column and direction: the row indices in that order.
    orders: Mutex<HashMap<(TableColumn, SortDirection), RowOrder>>,
    /// The last search-or-filter selection asked for and its matching row indices, in
    /// order (scrolling through one selection asks for many windows of it).
    last: Mutex<Option<(TableQuery, Arc<Vec<u32>>)>>,
}

impl AgreementTable {
    /// The table of `rows` (sorted here by id; the search texts and options are computed
    /// now, each order on first use).
    pub fn new(mut rows: Vec<AgreementRow>) -> Self {
        rows.sort_by_key(|r| r.id);
        let mut segments = Segments::default();
        let search = rows
            .iter()
            .map(|r| {
                let [title, counterparty, owner, _status, notice, next, currency, value] =
                    search_segments(r);
                SearchText {
                    own: format!("{}\0{}", title.to_lowercase(), value.to_lowercase())
                        .into_boxed_str(),
                    shared: [counterparty, owner, notice, next, currency]
                        .map(|t| segments.id(t.to_lowercase())),
                }
            })
            .collect();
        let options = TableOptions {
            counterparties: distinct(rows.iter().map(|r| r.counterparty.as_deref())),
            owners: distinct(rows.iter().map(|r| r.contract_owner.as_deref())),
            currencies: distinct(rows.iter().map(|r| r.currency.as_deref())),
        };
        let mut texts = Interner::default();
        let mut compact = Vec::with_capacity(rows.len());
        // One row at a time, so the full rows are freed as the compact ones are made.
        for r in rows {
            compact.push(CompactRow::new(r, &mut texts));
        }
        AgreementTable {
            rows: compact,
            search,
            segments: segments.texts,
            options,
            ranks: Mutex::default(),
            orders: Mutex::default(),
            last: Mutex::default(),
        }
    }

    /// Computes every column's order in both directions now (the app does it on a
    /// background thread once the table is built, so a click on any header only reads one).
    pub fn prepare_orders(&self) {
        for column in TableColumn::ALL {
            for direction in [SortDirection::Asc, SortDirection::Desc] {
                self.order(column, direction);
            }
        }
    }

    /// How many rows (agreements) the table has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every row, by id (made anew from the compact rows: 100,000 rows are tens of MB).
    pub fn to_rows(&self) -> Vec<AgreementRow> {
        self.rows.iter().map(CompactRow::row).collect()
    }

    /// The filters' options.
    pub fn options(&self) -> &TableOptions {
        &self.options
    }

    /// The window `q.offset .. q.offset + q.limit` (limit capped at [`MAX_PAGE_ROWS`]) of
    /// the rows that match `q`'s search and filters, in `q`'s order, with the counts and
    /// the filters' options. See the module's documentation for the semantics.
    pub fn query(&self, q: &TableQuery) -> TablePage {
        let order = self.order(q.sort, q.direction);
        let limit = q.limit.min(MAX_PAGE_ROWS) as usize;
        let terms = search_terms(&q.search);
        let filtered = !terms.is_empty()
            || q.status.is_some()
            || q.counterparty.is_some()
            || q.owner.is_some()
            || q.currency.is_some();
        let selected: Arc<Vec<u32>> = if filtered {
            let key = q.selection();
            let cached = lock(&self.last)
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, s)| Arc::clone(s));
            match cached {
                Some(s) => s,
                None => {
                    let terms: Vec<Term> = terms.iter().map(|t| self.term(t)).collect();
                    let s: Arc<Vec<u32>> = Arc::new(
                        order
                            .iter()
                            .copied()
                            .filter(|&i| self.matches(i as usize, q, &terms))
                            .collect(),
                    );
                    *lock(&self.last) = Some((key, Arc::clone(&s)));
                    s
                }
            }
        } else {
            order
        };
        let matching = selected.len();
        let offset = (q.offset as usize).min(matching);
        let end = offset.saturating_add(limit).min(matching);
        TablePage {
            total: self.rows.len(),
            matching,
            offset,
            rows: selected[offset..end]
                .iter()
                .map(|&i| self.rows[i as usize].row())
                .collect(),
            options: q.with_options.then(|| self.options.clone()),
        }
    }

    /// A search word with, for each shared text, whether it contains the word.
    fn term<'a>(&self, t: &'a str) -> Term<'a> {
        Term {
            text: t,
            // A word with a NUL could span two columns: looked for in the whole text.
            in_segment: (!t.contains('\0'))
                .then(|| self.segments.iter().map(|s| s.contains(t)).collect()),
        }
    }

    /// Whether row `i`'s searchable text ([`haystack`]) contains `t`: in one of its
    /// columns' texts (a word without NUL cannot span the NUL between two of them).
    fn contains(&self, i: usize, t: &Term<'_>) -> bool {
        let r = &self.rows[i];
        match &t.in_segment {
            Some(hits) => {
                let s = &self.search[i];
                s.own.contains(t.text)
                    || status_name(r.status).contains(t.text)
                    || s.shared.iter().any(|&k| hits[k as usize])
            }
            None => haystack(&r.row()).contains(t.text),
        }
    }

    fn matches(&self, i: usize, q: &TableQuery, terms: &[Term<'_>]) -> bool {
        let r = &self.rows[i];
        q.status.is_none_or(|s| r.status == s)
            && q.counterparty
                .as_deref()
                .is_none_or(|c| r.counterparty.as_deref() == Some(c))
            && q.owner
                .as_deref()
                .is_none_or(|o| r.contract_owner.as_deref() == Some(o))
            && q.currency
                .as_deref()
                .is_none_or(|c| r.currency.as_deref() == Some(c))
            && terms.iter().all(|t| self.contains(i, t))
    }

    /// The row indices sorted by `column` in `direction`, ties by id (computed once).
    fn order(&self, column: TableColumn, direction: SortDirection) -> Arc<Vec<u32>> {
        if let Some(o) = lock(&self.orders).get(&(column, direction)) {
            return Arc::clone(o);
        }
        let ranks = self.ranks(column);
        // Rows are by id, so index order is id order.
        let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
        match direction {
            SortDirection::Asc => order.sort_by_key(|&i| (ranks[i as usize], i)),
            SortDirection::Desc => {
                order.sort_by_key(|&i| (std::cmp::Reverse(ranks[i as usize]), i))
            }
        }
        let order = Arc::new(order);
        lock(&self.orders).insert((column, direction), Arc::clone(&order));
        order
    }

    fn ranks(&self, column: TableColumn) -> Arc<Vec<u32>> {
        if let Some(r) = lock(&self.ranks).get(&column) {
            return Arc::clone(r);
        }
        let keys: Vec<Vec<u32>> = self
            .rows
            .iter()
            .map(|r| collation_key(&column.sort_text_of(&r.sort_fields()), true))
            .collect();
        let mut by_key: Vec<u32> = (0..keys.len() as u32).collect();
        by_key.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut ranks = vec![0u32; keys.len()];
        let mut rank = 0u32;
        for (n, &i) in by_key.iter().enumerate() {
            if n > 0 && keys[i as usize] != keys[by_key[n - 1] as usize] {
                rank += 1;
            }
            ranks[i as usize] = rank;
        }
        let ranks = Arc::new(ranks);
        lock(&self.ranks).insert(column, Arc::clone(&ranks));
        ranks
    }
}

/// Locks `m`, taking the value of a poisoned lock as it is (every value kept here is
/// written whole, so a panic elsewhere cannot leave one half-made).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The status's name as the page receives it (`active`, `expired`, `terminated`,
/// `incomplete`).
pub fn status_name(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Active => "active",
        AgreementStatus::Expired => "expired",
        AgreementStatus::Terminated => "terminated",
        AgreementStatus::Incomplete => "incomplete",
    }
}

/// The words of a search: lower-cased, split on white space.
pub fn search_terms(search: &str) -> Vec<String> {
    search
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A date as the table's search sees it: `2027-10-01 Fri 1 Oct 2027` (the ISO form, then
/// as the page shows it); empty for none.
fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d %a %-d %b %Y").to_string())
        .unwrap_or_default()
}

/// The searchable text of `r`: each column's text followed by a NUL, lower-cased (the
/// page's `rowHaystack` over the Agreements columns' `filterText`).
pub fn haystack(r: &AgreementRow) -> String {
    let mut text = String::new();
    for t in search_segments(r) {
        text.push_str(&t);
        text.push('\0');
    }
    text.to_lowercase()
}

/// The column texts [`haystack`] joins, in its order, not lower-cased: the title, the
/// counterparty, the owner, the status, the notice deadline, the next deadline with its
/// label, the currency, the value as shown.
fn search_segments(r: &AgreementRow) -> [String; 8] {
    let value = r
        .value
        .as_ref()
        .map(|v| format_money(&v.amount.to_string(), &v.currency))
        .unwrap_or_default();
    [
        r.title.clone(),
        r.counterparty.clone().unwrap_or_default(),
        r.contract_owner.clone().unwrap_or_default(),
        status_name(r.status).to_string(),
        date_text(r.next_notice_deadline),
        format!(
            "{} {}",
            date_text(r.next_deadline),
            r.next_deadline_label.as_deref().unwrap_or("")
        ),
        r.currency.clone().unwrap_or_default(),
        value,
    ]
}

/// The marker the page shows before an amount in `currency` (`ui/src/format/money.ts`'s
/// `currencySymbol`): `S/`, `US$`, `€`, `£`, else the upper-cased code.
fn currency_marker(code: &str) -> &str {
    match code {
        "PEN" => "S/",
        "USD" => "US$",
        "EUR" => "€",
        "GBP" => "£",
        other => other,
    }
}

/// A decimal amount as the page shows it (`ui/src/format/money.ts`'s `formatMoney`):
/// marker, space, the integer part grouped by three with `,`, a fraction only when not all
/// zeros, padded to the currency's minor units (0 for JPY, CLP, KRW; 3 for BHD, KWD; else
/// 2). An amount that is not a plain decimal is returned as it is.
pub fn format_money(amount: &str, currency: &str) -> String {
    let code = currency.trim().to_uppercase();
    let text = amount.trim();
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return amount.to_string();
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let frac = frac.unwrap_or("").trim_end_matches('0');
    let minor = match code.as_str() {
        "JPY" | "CLP" | "KRW" => 0,
        "BHD" | "KWD" => 3,
        _ => 2,
    };
    let mut grouped = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped.push('.');
        grouped.push_str(&format!("{frac:0<width$}", width = minor.max(frac.len())));
    }
    let zero = int == "0" && frac.is_empty();
    let sign = if negative && !zero { "-" } else { "" };
    format!("{sign}{} {grouped}", currency_marker(&code))
}

/// Distinct non-empty values in collation order (not numeric), ties (texts that differ
/// only by case or accents) by lower case first, then by code point.
fn distinct<'a>(values: impl Iterator<Item = Option<&'a str>>) -> Vec<String> {
    let mut set: Vec<String> = values
        .flatten()
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect();
    set.sort();
    set.dedup();
    let mut keyed: Vec<(Vec<u32>, String)> = set
        .into_iter()
        .map(|v| (collation_key(&v, false), v))
        .collect();
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| {
            let lower_first = |s: &str| -> Vec<(bool, char)> {
                s.chars().map(|c| (c.is_uppercase(), c)).collect()
            };
            lower_first(&a.1).cmp(&lower_first(&b.1))
        })
    });
    keyed.into_iter().map(|(_, v)| v).collect()
}

/// The order of the page's punctuation and symbols among themselves, before the digits
/// (ICU's root collation, which `Intl.Collator` uses for English).
const PUNCTUATION: &str = "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

const WHITE: u32 = 1 << 24;
const SYMBOL: u32 = 2 << 24;
const DIGITS: u32 = 3 << 24;
const LETTER: u32 = 4 << 24;

/// A key whose order is the primary-strength collation order of `text` (comparing two
/// keys as sequences compares the texts), as `Intl.Collator(undefined, { numeric, sensitivity:
/// 'base' })` orders them in WebKit and Node (ICU's root collation): case and accents are
/// ignored (`é` = `E`, `ñ` = `n`, `ß` = `ss`, `æ` = `ae`, `ø` = `o`), white space comes
/// before punctuation and symbols, then digits, then letters; with `numeric`, a run of
/// digits compares by its value (`2` < `10`, `01` = `1`). Control characters are ignored.
///
/// Exact for ASCII and for Latin letters with accents (checked against Node's ICU in the
/// tests); beyond them, symbols are ordered by code point after ASCII punctuation, and
/// letters of other scripts by code point after Latin, an approximation of ICU's tables.
pub fn collation_key(text: &str, numeric: bool) -> Vec<u32> {
    let mut key = Vec::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, key: &mut Vec<u32>| {
        if digits.is_empty() {
            return;
        }
        let significant = digits.trim_start_matches('0');
        key.push(DIGITS | significant.len() as u32);
        key.extend(significant.bytes().map(|b| DIGITS | u32::from(b - b'0')));
        digits.clear();
    };
    // ASCII has nothing to decompose.
    let decomposed: Box<dyn Iterator<Item = char>> = if text.is_ascii() {
        Box::new(text.chars())
    } else {
        Box::new(text.nfkd())
    };
    for c in decomposed {
        if is_combining_mark(c) {
            continue;
        }
        if numeric && c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut key);
        if c.is_ascii_digit() {
            key.push(DIGITS | 1);
            key.push(DIGITS | u32::from(c as u8 - b'0'));
        } else if c.is_whitespace() {
            // Tab, line breaks, then the space, as ICU has them (their code points).
            key.push(WHITE | u32::from(c));
        } else if c.is_control() {
            continue;
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                match l {
                    'ß' => key.extend([LETTER | u32::from('s'), LETTER | u32::from('s')]),
                    'æ' => key.extend([LETTER | u32::from('a'), LETTER | u32::from('e')]),
                    'œ' => key.extend([LETTER | u32::from('o'), LETTER | u32::from('e')]),
                    'ø' => key.push(LETTER | u32::from('o')),
                    'ł' => key.push(LETTER | u32::from('l')),
                    'đ' | 'ð' => key.push(LETTER | u32::from('d')),
                    l => key.push(LETTER | u32::from(l)),
                }
            }
        } else {
            let rank = PUNCTUATION
                .chars()
                .position(|p| p == c)
                .map_or(0x100 + u32::from(c), |p| p as u32);
            key.push(SYMBOL | rank);
        }
    }
    flush(&mut digits, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    fn row(id: i64) -> AgreementRow {
        AgreementRow {
            id,
            title: format!("Agreement {id}"),
            counterparty: None,
            contract_owner: None,
            currency: None,
            value: None,
            country: None,
            status: AgreementStatus::Active,
            provisional: false,
            renewing: false,
            current_term_end: None,
            next_deadline: None,
            next_deadline_label: None,
            next_deadline_days: None,
            next_notice_deadline: None,
            overdue: 0,
            warnings: 0,
        }
    }

    fn cmp(a: &str, b: &str) -> Ordering {
        collation_key(a, true).cmp(&collation_key(b, true))
    }

    #[test]
    fn collation_matches_intl_collator_on_known_pairs() {
        // Each expected result is what Node 22's `new Intl.Collator(undefined, { numeric:
        // true, sensitivity: 'base' }).compare(a, b)` returns.
        let cases: &[(&str, &str, Ordering)] = &[
            ("a", "A", Ordering::Equal),
            ("é", "e", Ordering::Equal),
            ("ñ", "n", Ordering::Equal),
            ("Ångström", "angstrom", Ordering::Equal),
            ("01", "1", Ordering::Equal),
            ("0", "00", Ordering::Equal),
            ("item 2", "item 10", Ordering::Less),
            ("1.5", "1.10", Ordering::Less),
            ("", "a", Ordering::Less),
            ("2026-11-23", "9999", Ordering::Less),
            ("9999", "9999-12-31", Ordering::Less),
            ("ß", "ss", Ordering::Equal),
            ("æ", "ae", Ordering::Equal),
            ("œ", "oe", Ordering::Equal),
            ("ø", "o", Ordering::Equal),
            ("ł", "l", Ordering::Equal),
            ("đ", "d", Ordering::Equal),
            ("ﬁ", "fi", Ordering::Equal),
            ("a b", "ab", Ordering::Less),
            ("ab", "a-c", Ordering::Greater),
            ("x", "x ", Ordering::Less),
            ("a\u{0}b", "ab", Ordering::Equal),
            ("x\u{a0}y", "x y", Ordering::Equal),
            ("€", "0", Ordering::Less),
            (
                "USD 000000000000000001250.50",
                "USD 000000000000000000980",
                Ordering::Greater,
            ),
            ("PEN 1", "USD 0", Ordering::Less),
        ];
        for (a, b, want) in cases {
            assert_eq!(cmp(a, b), *want, "{a:?} vs {b:?}");
        }
    }

    #[test]
    fn ascii_order_is_icu_root_order() {
        // Node 22: the printable ASCII characters and the tab sorted by the page's collator
        // (ties, upper and lower case of a letter, by code point).
        let want = "\t _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz";
        let mut chars: Vec<char> = (32u8..127).map(char::from).collect();
        chars.push('\t');
        chars.sort_by(|a, b| cmp(&a.to_string(), &b.to_string()).then(a.cmp(b)));
        assert_eq!(chars.into_iter().collect::<String>(), want);
    }

    #[test]
    fn money_as_the_page_shows_it() {
        assert_eq!(format_money("15000000", "PEN"), "S/ 15,000,000");
        assert_eq!(format_money("12000000.00", "USD"), "US$ 12,000,000");
        assert_eq!(format_money("1250.5", "EUR"), "€ 1,250.50");
        assert_eq!(format_money("1250.5", "CLP"), "CLP 1,250.5");
        assert_eq!(format_money("-0.00", "GBP"), "£ 0");
        assert_eq!(format_money("-12.3", "BHD"), "-BHD 12.300");
        assert_eq!(format_money("007", "usd"), "US$ 7");
        assert_eq!(format_money("123", "JPY"), "JPY 123");
        assert_eq!(format_money("1234", "JPY"), "JPY 1,234");
    }

    #[test]
    fn haystack_has_every_column_text() {
        let mut r = row(7);
        r.title = "Servicio de Limpieza".into();
        r.counterparty = Some("Acme SAC".into());
        r.contract_owner = Some("Ana Pérez".into());
        r.status = AgreementStatus::Expired;
        r.next_notice_deadline = NaiveDate::from_ymd_opt(2027, 10, 1);
        r.next_deadline = NaiveDate::from_ymd_opt(2027, 9, 30);
        r.next_deadline_label = Some("Exit window opens".into());
        r.currency = Some("PEN".into());
        r.value = Some(Money {
            amount: "15000000.00".parse().unwrap(),
            currency: "PEN".into(),
        });
        assert_eq!(
            haystack(&r),
            "servicio de limpieza\0acme sac\0ana pérez\0expired\0\
             2027-10-01 fri 1 oct 2027\0\
             2027-09-30 thu 30 sep 2027 exit window opens\0pen\0s/ 15,000,000\0"
        );
        let r = row(8);
        assert_eq!(haystack(&r), "agreement 8\0\0\0active\0\0 \0\0\0");
    }

    fn sample() -> Vec<AgreementRow> {
        let mut rows = Vec::new();
        for id in [5, 3, 9, 1, 7] {
            let mut r = row(id);
            r.counterparty = (id != 9).then(|| if id < 5 { "Beta" } else { "alpha" }.into());
            r.next_deadline =
                (id != 3).then(|| NaiveDate::from_ymd_opt(2027, 1, id as u32).unwrap());
            rows.push(r);
        }
        rows
    }

    #[test]
    fn sorts_with_empties_as_the_page_did_and_ties_by_id() {
        let t = AgreementTable::new(sample());
        let ids = |q: &TableQuery| t.query(q).rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let mut q = TableQuery::all(TableColumn::Next, 100);
        assert_eq!(ids(&q), [1, 5, 7, 9, 3], "no deadline last");
        q.direction = SortDirection::Desc;
        assert_eq!(ids(&q), [3, 9, 7, 5, 1], "no deadline first");
        let mut q = TableQuery::all(TableColumn::Counterparty, 100);
        assert_eq!(
            ids(&q),
            [9, 5, 7, 1, 3],
            "empty first, case ignored, ties by id"
        );
        q.direction = SortDirection::Desc;
        assert_eq!(ids(&q), [1, 3, 5, 7, 9], "ties still by ascending id");
        let page = t.query(&TableQuery {
            offset: 1,
            limit: 2,
            with_options: true,
            ..TableQuery::all(TableColumn::Title, 0)
        });
        assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [3, 5]);
        assert_eq!((page.total, page.matching, page.offset), (5, 5, 1));
        let options = page.options.unwrap_or_default();
        assert_eq!(options.counterparties, ["alpha", "Beta"]);
        assert_eq!(
            t.query(&TableQuery::all(TableColumn::Title, 1)).options,
            None
        );
        let past = t.query(&TableQuery {
            offset: 99,
            ..TableQuery::all(TableColumn::Title, 10)
        });
        assert_eq!((past.offset, past.rows.len()), (5, 0));
    }

    #[test]
    fn search_needs_every_word_and_filters_are_exact() {
        let t = AgreementTable::new(sample());
        let ids = |q: &TableQuery| t.query(q).rows.iter().map(|r| r.id).collect::<Vec<_>>();
        let q = |search: &str| TableQuery {
            search: search.into(),
            ..TableQuery::all(TableColumn::Title, 100)
        };
        assert_eq!(ids(&q("ALPHA")), [5, 7]);
        assert_eq!(ids(&q("  alpha   01-07 ")), [7]);
        assert_eq!(ids(&q("alpha 7")), [5, 7], "2027 has a 7");
        assert_eq!(ids(&q("jan 2027 beta")), [1]);
        assert_eq!(ids(&q("alpha beta")), Vec::<i64>::new());
        let page = t.query(&q("alpha"));
        assert_eq!((page.total, page.matching), (5, 2));
        let exact = TableQuery {
            counterparty: Some("alpha".into()),
            ..TableQuery::all(TableColumn::Title, 100)
        };
        assert_eq!(ids(&exact), [5, 7]);
        let other_case = TableQuery {
            counterparty: Some("Alpha".into()),
            ..exact.clone()
        };
        assert_eq!(ids(&other_case), Vec::<i64>::new());
        let status = TableQuery {
            status: Some(AgreementStatus::Expired),
            ..TableQuery::all(TableColumn::Title, 100)
        };
        assert_eq!(t.query(&status).matching, 0);
    }

    #[test]
    fn a_search_word_is_found_in_any_column_and_across_them_only_with_a_nul() {
        let mut rows = sample();
        rows[0].contract_owner = Some("ΟΔΥΣΣΕΥΣ Ltd".into());
        rows[1].next_deadline_label = Some("Exit window opens".into());
        let t = AgreementTable::new(rows.clone());
        for search in [
            "alpha",
            "jan",
            "01-05",
            "active",
            "exit",
            "window",
            "opens",
            "οδυσσευς",
            "οδυσσευσ",
            "5\0al",
            "3\0beta",
            "\0\0",
            "ltd\0active",
            "nothing",
        ] {
            let q = TableQuery {
                search: search.into(),
                ..TableQuery::all(TableColumn::Title, 100)
            };
            let got: Vec<i64> = t.query(&q).rows.iter().map(|r| r.id).collect();
            assert_eq!(got, reference(&rows, &q).1, "search {search:?}");
        }
        // Shared texts are kept once: 5 rows, 2 counterparties (and none), 1 owner (and
        // none), 5 next deadlines, no notice deadline or currency.
        assert!(t.segments.len() <= 1 + 3 + 2 + 6, "{}", t.segments.len());
    }

    /// The page's own results (written by `ui/src/views/table-reference.test.ts` from the
    /// functions the page used when it held every row): the same search texts, orders and
    /// searches here.
    #[test]
    fn equals_the_page_on_its_reference() {
        #[derive(serde::Deserialize)]
        struct Reference {
            rows: Vec<AgreementRow>,
            haystacks: Vec<String>,
            orders: HashMap<String, Vec<i64>>,
            searches: HashMap<String, Vec<i64>>,
        }
        let r: Reference = serde_json::from_str(include_str!(
            "../../../../ui/src/views/table-reference.json"
        ))
        .unwrap();
        for (row, want) in r.rows.iter().zip(&r.haystacks) {
            assert_eq!(&haystack(row), want, "row {}", row.id);
        }
        let t = AgreementTable::new(r.rows.clone());
        let ids = |q: &TableQuery| t.query(q).rows.iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(r.orders.len(), 16);
        for (name, want) in &r.orders {
            let (column, direction) = name.split_once(' ').unwrap();
            let q: TableQuery = serde_json::from_value(serde_json::json!({
                "sort": column, "direction": direction, "offset": 0, "limit": 100
            }))
            .unwrap();
            assert_eq!(&ids(&q), want, "{name}");
        }
        assert!(r.searches.len() > 5);
        for (search, want) in &r.searches {
            let q = TableQuery {
                search: search.clone(),
                ..TableQuery::all(TableColumn::Next, 100)
            };
            assert_eq!(&ids(&q), want, "search {search:?}");
        }
    }

    /// The straightforward computation: filter every row, sort a copy by comparing sort
    /// texts (ties by id), take the window.
    fn reference(rows: &[AgreementRow], q: &TableQuery) -> (usize, Vec<i64>) {
        let terms = search_terms(&q.search);
        let mut kept: Vec<&AgreementRow> = rows
            .iter()
            .filter(|r| {
                let h = haystack(r);
                q.status.is_none_or(|s| r.status == s)
                    && q.counterparty
                        .as_ref()
                        .is_none_or(|c| r.counterparty.as_ref() == Some(c))
                    && q.owner
                        .as_ref()
                        .is_none_or(|o| r.contract_owner.as_ref() == Some(o))
                    && q.currency
                        .as_ref()
                        .is_none_or(|c| r.currency.as_ref() == Some(c))
                    && terms.iter().all(|t| h.contains(t.as_str()))
            })
            .collect();
        kept.sort_by(|a, b| {
            let c = cmp(&q.sort.sort_text(a), &q.sort.sort_text(b));
            let c = if q.direction == SortDirection::Desc {
                c.reverse()
            } else {
                c
            };
            c.then(a.id.cmp(&b.id))
        });
        let ids = kept
            .iter()
            .skip(q.offset as usize)
            .take(q.limit.min(MAX_PAGE_ROWS) as usize)
            .map(|r| r.id)
            .collect();
        (kept.len(), ids)
    }

    fn arb_row() -> impl Strategy<Value = AgreementRow> {
        let text = prop::sample::select(vec![
            "", "Acme", "acme", "Ácme", "Beta 2", "Beta 10", "beta-2", "Zeta", "Ñandú", "o'neil",
        ]);
        (
            0i64..1000,
            text.clone(),
            prop::option::of(text.clone()),
            prop::option::of(text),
            prop::option::of(prop::sample::select(vec!["PEN", "USD", "CLP"])),
            prop::option::of((0u32..3, 0i64..100_000)),
            0usize..4,
            prop::option::of(0u32..400),
            prop::option::of(0u32..400),
        )
            .prop_map(|(id, title, cp, owner, cur, value, st, notice, next)| {
                let day = |n: u32| {
                    NaiveDate::from_ymd_opt(2026, 1, 1).map(|d| d + chrono::Days::new(u64::from(n)))
                };
                let mut r = row(id);
                r.title = title.to_string();
                r.counterparty = cp.map(str::to_string);
                r.contract_owner = owner.map(str::to_string);
                r.currency = cur.map(str::to_string);
                r.value = value.map(|(c, cents)| Money {
                    amount: rust_decimal::Decimal::new(cents, c),
                    currency: ["PEN", "USD", "CLP"][c as usize].into(),
                });
                r.status = [
                    AgreementStatus::Active,
                    AgreementStatus::Expired,
                    AgreementStatus::Terminated,
                    AgreementStatus::Incomplete,
                ][st];
                r.next_notice_deadline = notice.and_then(day);
                r.next_deadline = next.and_then(day);
                r.next_deadline_label = next.map(|n| format!("Step {n}"));
                r
            })
    }

    fn arb_query() -> impl Strategy<Value = TableQuery> {
        (
            prop::sample::select(vec![
                "",
                "acme",
                "beta 2",
                " ACME  pen ",
                "2026",
                "s/",
                "step 1",
            ]),
            prop::option::of(prop::sample::select(vec![
                AgreementStatus::Active,
                AgreementStatus::Expired,
            ])),
            prop::option::of(prop::sample::select(vec!["Acme", "acme", "Zeta"])),
            prop::option::of(prop::sample::select(vec!["Beta 2", ""])),
            prop::option::of(prop::sample::select(vec!["PEN", "USD"])),
            prop::sample::select(TableColumn::ALL.to_vec()),
            any::<bool>(),
            0u32..60,
            0u32..40,
        )
            .prop_map(
                |(search, status, cp, owner, cur, sort, desc, offset, limit)| TableQuery {
                    search: search.into(),
                    status,
                    counterparty: cp.map(str::to_string),
                    owner: owner.map(str::to_string),
                    currency: cur.map(str::to_string),
                    sort,
                    direction: if desc {
                        SortDirection::Desc
                    } else {
                        SortDirection::Asc
                    },
                    offset,
                    limit,
                    with_options: false,
                },
            )
    }

    proptest! {
        #[test]
        fn query_equals_full_filter_and_sort(
            mut rows in prop::collection::vec(arb_row(), 0..80),
            queries in prop::collection::vec(arb_query(), 1..6),
        ) {
            rows.sort_by_key(|r| r.id);
            rows.dedup_by_key(|r| r.id);
            let t = AgreementTable::new(rows.clone());
            if rows.len() % 2 == 0 {
                t.prepare_orders();
            }
            // The same table answers several queries (orders and the last selection are
            // kept between them), and each query twice.
            for q in queries.iter().chain(queries.iter()) {
                let page = t.query(q);
                let (matching, ids) = reference(&rows, q);
                prop_assert_eq!(page.total, rows.len());
                prop_assert_eq!(page.matching, matching);
                prop_assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), ids);
            }
        }
    }
}
