//! An agreement entered by hand (issue 11 item 2): `renewals add` and the app's "New
//! agreement" form.
//!
//! Every value is typed text, checked by the same parsers as an edit
//! ([`crate::services::edit::apply_edit`]), so a bad value is refused with the same message
//! naming the field and what was expected, and nothing is stored. The result is stored like an
//! imported document: its "document" is the record of what was typed (one `Field: value`
//! line each, with who entered it and when), so it has the same page, history, reminders and
//! brief as an imported agreement, and its brief says it was entered by hand.
//!
//! The term is given as a length (`--term "36 months"`) or by the expiry date, the last day
//! of the initial term (`--expiry 2027-03-31`): an expiry that falls exactly N months after
//! the effective date (minus one day) is a term of N months (rule 2 backwards: effective
//! 2024-04-01, expiry 2027-03-31 → 36 months); any other is a term of that many days.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::adapters::import::{sha256_hex, ImportOutcome};
use crate::adapters::store::{Imported, Store};
use crate::domain::dates::{long_date, Period};
use crate::domain::model::{Agreement, Commitment, Source, TerminationKind, TerminationRight};
use crate::domain::money::{Money, Quantity};
use crate::error::{Error, Result};
use crate::services::edit::{apply_edit, parse_period_text, EditableField};

/// File name under which an agreement entered by hand keeps its record.
pub const ENTERED_BY_HAND_FILE: &str = "entered-by-hand.txt";

/// The section name of the sources of values entered by hand.
pub const ENTERED_BY_HAND: &str = "Entered by hand";

/// What a person typed for a new agreement. Every field is text as typed; empty or `None`
/// means not given. Dates as `2024-04-01` or `1 April 2024`; periods as "36 months",
/// "1 year", "60 days".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewAgreement {
    /// The title (required), e.g. "Andes Foods Supply Agreement".
    pub title: String,
    /// The other party, e.g. "Pacific Cold Chain S.A.".
    pub counterparty: Option<String>,
    /// The parties separated by " / ", e.g. "Andes Foods S.A.C. / Pacific Cold Chain S.A.".
    pub parties: Option<String>,
    /// The contract owner, a name from the people directory (or one to complete).
    pub owner: Option<String>,
    /// The country whose public holidays apply: a name or an ISO 3166 two-letter code.
    pub country: Option<String>,
    /// The effective date (required).
    pub effective_date: String,
    /// The initial term as a period ("36 months"); give this or `expiry`.
    pub term: Option<String>,
    /// The expiry date, the last day of the initial term; give this or `term`.
    pub expiry: Option<String>,
    /// The renewal period ("12 months"): given, the agreement renews automatically.
    pub renewal: Option<String>,
    /// The non-renewal notice period ("90 days"); needs `renewal`.
    pub notice: Option<String>,
    /// The termination-for-convenience notice period ("180 days").
    pub convenience: Option<String>,
    /// The price review: "at each renewal", "annually" or other text.
    pub price_review: Option<String>,
    /// The next review date, of any precision ("July 2027", "Q3 2027", "2027-07-15").
    pub next_review: Option<String>,
    /// The total contract value, a number ("1,200,000" or "1200000.50"); needs `currency`.
    pub value: Option<String>,
    /// The currency of `value`, an ISO 4217 code ("PEN", "USD", "CLP").
    pub currency: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

fn invalid(field: &str, message: impl Into<String>) -> Error {
    Error::Invalid {
        field: field.to_string(),
        message: message.into(),
    }
}

/// The initial term that ends on `expiry` (inclusive) for an agreement effective on
/// `effective`: whole months when `effective + N months − 1 day = expiry`, else days.
///
/// Errors: [`Error::Invalid`] naming `expiry` when it is before the effective date or more
/// than 100 years after it.
pub fn term_from_expiry(effective: NaiveDate, expiry: NaiveDate) -> Result<Period> {
    if expiry < effective {
        return Err(invalid(
            "expiry",
            format!(
                "{} is before the effective date {}: expected the last day of the initial term",
                long_date(expiry),
                long_date(effective)
            ),
        ));
    }
    let days = (expiry - effective).num_days() + 1;
    if days > crate::domain::dates::MAX_PERIOD_DAYS {
        return Err(invalid(
            "expiry",
            format!(
                "{} is more than 100 years after the effective date",
                long_date(expiry)
            ),
        ));
    }
    // Whole months: the calendar months between the two dates, give or take one (the
    // day of the month decides, and month ends are clamped by rule 2).
    use chrono::Datelike;
    let months =
        (expiry.year() - effective.year()) * 12 + expiry.month() as i32 - effective.month() as i32;
    let around = u32::try_from(months.max(1)).unwrap_or(1);
    for n in around.saturating_sub(1).max(1)..=around + 1 {
        if Period::months(n).last_day_from(effective) == Some(expiry) {
            return Ok(if n % 12 == 0 {
                Period::years(n / 12)
            } else {
                Period::months(n)
            });
        }
    }
    Ok(Period::days(u32::try_from(days).unwrap_or(u32::MAX)))
}

/// Reads an amount typed by hand: digits with optional `,` thousands separators and a `.`
/// decimal point, positive.
fn parse_value(text: &str) -> Result<Decimal> {
    let t = text.trim().replace([',', ' '], "");
    let expected = "expected an amount such as 1,200,000 or 250000.50";
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(invalid("value", format!("\"{}\": {expected}", text.trim())));
    }
    let v: Decimal = t
        .parse()
        .map_err(|_| invalid("value", format!("\"{}\": {expected}", text.trim())))?;
    if v <= Decimal::ZERO {
        return Err(invalid(
            "value",
            format!("\"{}\": expected a positive amount", text.trim()),
        ));
    }
    Ok(v)
}

fn parse_currency(text: &str) -> Result<String> {
    let t = text.trim().to_ascii_uppercase();
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(t)
    } else {
        Err(invalid(
            "currency",
            format!(
                "\"{}\" is not a currency code: expected an ISO 4217 code such as PEN, USD, CLP or EUR",
                text.trim()
            ),
        ))
    }
}

/// The source of a value typed by hand: the line `label: value` of the record.
fn typed(label: &str, value: &str) -> Source {
    let mut s = Source::user(format!("{label}: {value}"));
    s.section = ENTERED_BY_HAND.to_string();
    s
}

/// Builds the agreement `new` describes, entered by `by` on `on`, and the record stored as
/// its document.
///
/// Errors: [`Error::Invalid`] naming the field (`title`, `effective_date`, `term`,
/// `expiry`, `renewal`, `notice`, `convenience`, `value`, `currency`, or any field
/// [`apply_edit`] checks) and what was expected, for a missing required value, a value that
/// cannot be read, both or neither of term and expiry, a notice without a renewal period,
/// a notice not shorter than the renewal period, or a value without a currency.
pub fn build(new: &NewAgreement, by: &str, on: NaiveDate) -> Result<ImportOutcome> {
    let title = new.title.trim();
    if title.is_empty() {
        return Err(invalid("title", "expected the agreement's title"));
    }
    let mut a = Agreement::new(String::new());
    apply_edit(&mut a, EditableField::Title, title)?;
    let mut lines: Vec<String> = vec![format!("Title: {title}")];
    fn set(
        a: &mut Agreement,
        lines: &mut Vec<String>,
        field: EditableField,
        label: &str,
        value: &str,
    ) -> Result<()> {
        apply_edit(a, field, value)?;
        lines.push(format!("{label}: {}", value.trim()));
        Ok(())
    }
    if let Some(v) = given(&new.parties) {
        set(&mut a, &mut lines, EditableField::Parties, "Parties", v)?;
    }
    if let Some(v) = given(&new.counterparty) {
        set(
            &mut a,
            &mut lines,
            EditableField::Counterparty,
            "Counterparty",
            v,
        )?;
    }
    if let Some(v) = given(&new.owner) {
        set(
            &mut a,
            &mut lines,
            EditableField::ContractOwner,
            "Contract owner",
            v,
        )?;
    }
    if let Some(v) = given(&new.country) {
        set(&mut a, &mut lines, EditableField::Country, "Country", v)?;
    }
    let effective_text = new.effective_date.trim();
    if effective_text.is_empty() {
        return Err(invalid(
            "effective_date",
            "expected the effective date, e.g. 2024-04-01 or 1 April 2024",
        ));
    }
    set(
        &mut a,
        &mut lines,
        EditableField::EffectiveDate,
        "Effective date",
        effective_text,
    )?;
    let effective = a
        .effective_date
        .as_ref()
        .map(|d| d.value)
        .ok_or_else(|| invalid("effective_date", "expected a full date"))?;
    match (given(&new.term), given(&new.expiry)) {
        (Some(_), Some(_)) => {
            return Err(invalid(
                "term",
                "give the initial term or the expiry date, not both",
            ))
        }
        (None, None) => {
            return Err(invalid(
                "term",
                "expected the initial term (e.g. \"36 months\") or the expiry date (the last day of the initial term)",
            ))
        }
        (Some(term), None) => set(&mut a, &mut lines, EditableField::InitialTerm, "Initial term", term)?,
        (None, Some(expiry)) => {
            let date = match crate::domain::dates::PartialDate::parse(expiry) {
                Ok(crate::domain::dates::PartialDate::Day { date }) => date,
                _ => {
                    return Err(invalid(
                        "expiry",
                        format!("\"{expiry}\" is not a date: expected e.g. 2027-03-31 or 31 March 2027"),
                    ))
                }
            };
            let term = term_from_expiry(effective, date)?;
            apply_edit(&mut a, EditableField::InitialTerm, &term.to_string())?;
            if let Some(t) = a.initial_term.as_mut() {
                t.source = typed("Expiry date", expiry);
            }
            lines.push(format!("Expiry date: {expiry} (initial term {term})"));
        }
    }
    match (given(&new.renewal), given(&new.notice)) {
        (None, Some(_)) => {
            return Err(invalid(
                "notice",
                "a non-renewal notice needs the renewal period (the agreement renews automatically only when one is given)",
            ))
        }
        (None, None) => {
            apply_edit(&mut a, EditableField::AutoRenewal, "no")?;
            lines.push("Auto-renewal: no".to_string());
        }
        (Some(renewal), notice) => {
            set(&mut a, &mut lines, EditableField::AutoRenewal, "Auto-renewal", "yes")?;
            set(&mut a, &mut lines, EditableField::RenewalPeriod, "Renewal period", renewal)?;
            if let Some(notice) = notice {
                let n = parse_period_text(EditableField::NonRenewalNotice, notice)?;
                let r = parse_period_text(EditableField::RenewalPeriod, renewal)?;
                if n.approx_days() >= r.approx_days() {
                    return Err(invalid(
                        "notice",
                        format!("a notice of {n} is not shorter than the renewal period of {r}: expected a shorter notice"),
                    ));
                }
                set(&mut a, &mut lines, EditableField::NonRenewalNotice, "Non-renewal notice", notice)?;
            }
        }
    }
    if let Some(v) = given(&new.convenience) {
        let notice = parse_period_text(EditableField::NonRenewalNotice, v)
            .map_err(|e| invalid("convenience", e.to_string()))?;
        a.termination_rights.push(TerminationRight {
            scenario: "Termination for convenience".to_string(),
            kind: TerminationKind::Convenience,
            notice: Some(notice),
            cure_period: None,
            consequence: String::new(),
            source: typed("Termination for convenience", v),
        });
        lines.push(format!("Termination for convenience: {v} notice"));
    }
    if let Some(v) = given(&new.price_review) {
        set(
            &mut a,
            &mut lines,
            EditableField::PriceReview,
            "Price review",
            v,
        )?;
    }
    if let Some(v) = given(&new.next_review) {
        set(
            &mut a,
            &mut lines,
            EditableField::NextReview,
            "Next review",
            v,
        )?;
    }
    match (given(&new.value), given(&new.currency)) {
        (Some(_), None) => {
            return Err(invalid(
                "currency",
                "a value needs its currency: expected an ISO 4217 code such as PEN or USD",
            ))
        }
        (None, Some(_)) => {
            return Err(invalid(
                "value",
                "a currency was given without a value: expected an amount such as 1,200,000",
            ))
        }
        (Some(v), Some(c)) => {
            let amount = parse_value(v)?;
            let currency = parse_currency(c)?;
            let money = Money {
                amount,
                currency: currency.clone(),
            };
            lines.push(format!("Total contract value: {money}"));
            a.total_commitment = Some(Commitment {
                category: ENTERED_BY_HAND.to_string(),
                label: "Total contract value".to_string(),
                column: "Value".to_string(),
                year: None,
                value: Quantity::Money {
                    money,
                    per: None,
                    note: None,
                },
                source: typed("Total contract value", &format!("{v} {currency}")),
            });
        }
        (None, None) => {}
    }
    // Every value typed is quoted from the record, not "Edited in Renewal Desk".
    retag(&mut a);
    let note = format!(
        "Entered by hand in Renewal Desk by {by} on {}",
        long_date(on)
    );
    a.entered_by_hand = Some(note.clone());
    let record = format!("{note}.\n\n{}\n", lines.join("\n"));
    Ok(ImportOutcome {
        sha256: sha256_hex(record.as_bytes()),
        agreement: a,
        source_text: record,
        file_name: ENTERED_BY_HAND_FILE.to_string(),
        page_starts: Vec::new(),
    })
}

/// Marks every source [`apply_edit`] wrote as entered by hand.
fn retag(a: &mut Agreement) {
    fn fix(s: &mut Source) {
        if s.line.is_none() && s.section == "Edited in Renewal Desk" {
            s.section = ENTERED_BY_HAND.to_string();
        }
    }
    macro_rules! each {
        ($($f:ident),*) => {$( if let Some(v) = a.$f.as_mut() { fix(&mut v.source); } )*};
    }
    each!(
        parties,
        effective_date,
        initial_term,
        auto_renewal,
        renewal_period,
        non_renewal_notice,
        price_review,
        contract_owner,
        next_review,
        country
    );
}

/// A new agreement that starts as a copy of `a` ("Duplicate", issue 11 item 2): its
/// values as an edit form shows them (so they read back to the same values), the title
/// empty (a new agreement needs its own), the term as a length; the renewal period only
/// when `a` renews automatically; the total value only when it is money.
pub fn from_agreement(a: &Agreement) -> NewAgreement {
    use crate::services::edit::editable_values;
    let values = editable_values(a);
    let get = |field: EditableField| -> Option<String> {
        values
            .iter()
            .find(|v| v.field == field)
            .map(|v| v.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let renews = a.auto_renewal.as_ref().is_some_and(|r| r.value);
    let (value, currency) = match a.total_commitment.as_ref().map(|c| &c.value) {
        Some(Quantity::Money { money, .. }) => (
            Some(money.amount.normalize().to_string()),
            Some(money.currency.clone()),
        ),
        _ => (None, None),
    };
    NewAgreement {
        title: String::new(),
        counterparty: get(EditableField::Counterparty),
        parties: get(EditableField::Parties),
        owner: get(EditableField::ContractOwner),
        country: a.country.as_ref().map(|c| c.value.code().to_string()),
        effective_date: get(EditableField::EffectiveDate).unwrap_or_default(),
        term: get(EditableField::InitialTerm),
        expiry: None,
        renewal: renews.then(|| get(EditableField::RenewalPeriod)).flatten(),
        notice: renews
            .then(|| get(EditableField::NonRenewalNotice))
            .flatten(),
        convenience: a
            .convenience_termination()
            .and_then(|t| t.notice)
            .map(|p| p.to_string()),
        price_review: get(EditableField::PriceReview),
        next_review: get(EditableField::NextReview),
        value,
        currency,
    }
}

/// What a new agreement would yield, shown before it is saved (issue 11 item 2): the last
/// day of its current term and its dated events still ahead of `as_of` (at most 12, soonest
/// first), each with its workings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewAgreementPreview {
    /// The last day of the current term as of `as_of`, when the term can be computed.
    pub term_end: Option<NaiveDate>,
    /// What happens if nobody acts, e.g. "renews on Thu 1 Apr 2027 for 12 months".
    pub default_outcome: String,
    /// The events still ahead (open), soonest first, with their workings.
    pub events: Vec<crate::domain::rules::EventView>,
}

/// The dates `new` yields as of `as_of`, without storing anything.
///
/// Errors: as [`build`] (the first value refused, naming its field).
pub fn preview(new: &NewAgreement, as_of: NaiveDate) -> Result<NewAgreementPreview> {
    use crate::domain::rules::{assess, EventStatus, EventView};
    let outcome = build(new, "you", as_of)?;
    let a = &outcome.agreement;
    let s = assess(a, as_of);
    let events = s
        .events
        .iter()
        .filter(|e| matches!(e.status, EventStatus::Open) && e.date >= as_of)
        .take(12)
        .map(|e| EventView::new(e, a))
        .collect();
    Ok(NewAgreementPreview {
        term_end: s.current_term().map(|t| t.end),
        default_outcome: s.default_outcome(a),
        events,
    })
}

/// Checks `new` and stores it as a new agreement entered by the store's actor on `on`
/// (the history records it as imported, by that actor). Nothing is stored when it is
/// refused.
///
/// Errors: as [`build`]; [`Error::Invalid`] naming `title` when an agreement with that title
/// exists (edit it instead); SQLite.
pub fn add(store: &mut Store, new: &NewAgreement, on: NaiveDate) -> Result<Imported> {
    let outcome = build(new, store.actor(), on)?;
    let mut clash: Option<i64> = None;
    let wanted = outcome.agreement.title.to_lowercase();
    store.for_each_listed(|l| {
        if clash.is_none() && l.agreement.title.to_lowercase() == wanted {
            clash = Some(l.id);
        }
        Ok(())
    })?;
    if let Some(id) = clash {
        return Err(invalid(
            "title",
            format!(
                "an agreement titled \"{}\" already exists (id {id}): edit it (`renewals edit {id} FIELD VALUE`) or choose another title",
                outcome.agreement.title
            ),
        ));
    }
    store.import(&outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_expiry_is_read_back_as_whole_months_or_years_when_it_falls_on_one() {
        assert_eq!(
            term_from_expiry(d("2024-04-01"), d("2027-03-31")).unwrap(),
            Period::years(3)
        );
        assert_eq!(
            term_from_expiry(d("2024-01-15"), d("2024-07-14")).unwrap(),
            Period::months(6)
        );
        // Long terms too: ten and fifty years.
        assert_eq!(
            term_from_expiry(d("2024-04-01"), d("2034-03-31")).unwrap(),
            Period::years(10)
        );
        assert_eq!(
            term_from_expiry(d("2024-04-01"), d("2074-03-31")).unwrap(),
            Period::years(50)
        );
        // End of month: 31 January + 1 month − 1 day = 28 February 2025 (chrono clamps).
        assert_eq!(
            term_from_expiry(d("2025-01-31"), d("2025-02-27")).unwrap(),
            Period::months(1)
        );
        assert_eq!(
            term_from_expiry(d("2024-04-01"), d("2024-04-30")).unwrap(),
            Period::months(1)
        );
        // Not a whole number of months: days, counted inclusive.
        assert_eq!(
            term_from_expiry(d("2024-04-01"), d("2024-05-10")).unwrap(),
            Period::days(40)
        );
        let err = term_from_expiry(d("2024-04-01"), d("2024-03-31"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("expiry") && err.contains("before the effective date"),
            "{err}"
        );
    }

    #[test]
    fn a_preview_gives_the_dates_ahead_with_workings_and_stores_nothing() {
        let new = NewAgreement {
            title: "Lima Cold Storage Services Agreement".into(),
            country: Some("Peru".into()),
            effective_date: "1 April 2024".into(),
            expiry: Some("2027-03-31".into()),
            renewal: Some("12 months".into()),
            notice: Some("90 days".into()),
            ..NewAgreement::default()
        };
        let p = preview(&new, d("2026-11-30")).unwrap();
        assert_eq!(p.term_end, Some(d("2027-03-31")));
        let first = &p.events[0];
        // 31 March 2027 − 90 days = Thu 31 December 2026.
        assert_eq!(first.label, "Non-renewal notice deadline");
        assert_eq!(first.date, d("2026-12-31"));
        assert!(first
            .explanation
            .contains("2027-03-31 − 90 days = 2026-12-31"));
        assert!(
            p.default_outcome.contains("renews on"),
            "{}",
            p.default_outcome
        );
        // A refusal names the field.
        let bad = NewAgreement {
            notice: Some("ninety".into()),
            ..new
        };
        let err = preview(&bad, d("2026-11-30")).unwrap_err().to_string();
        assert!(err.contains("non_renewal_notice"), "{err}");
    }

    #[test]
    fn a_duplicate_reads_back_to_the_same_terms_with_an_empty_title() {
        let new = NewAgreement {
            title: "Lima Cold Storage Services Agreement".into(),
            counterparty: Some("Frío Andino S.A.C.".into()),
            parties: Some("Andes Foods S.A.C. / Frío Andino S.A.C.".into()),
            owner: Some("Commercial Director".into()),
            country: Some("PE".into()),
            effective_date: "2024-04-01".into(),
            term: Some("36 months".into()),
            renewal: Some("12 months".into()),
            notice: Some("90 days".into()),
            convenience: Some("180 days".into()),
            price_review: Some("annually".into()),
            next_review: Some("Q1 2027".into()),
            value: Some("1200000".into()),
            currency: Some("PEN".into()),
            ..NewAgreement::default()
        };
        let a = build(&new, "test", d("2026-11-30")).unwrap().agreement;
        let copy = from_agreement(&a);
        assert_eq!(copy.title, "");
        assert_eq!(copy.effective_date, "2024-04-01");
        assert_eq!(copy.country.as_deref(), Some("PE"));
        assert_eq!(copy.renewal.as_deref(), Some("12 months"));
        assert_eq!(copy.notice.as_deref(), Some("90 days"));
        assert_eq!(copy.convenience.as_deref(), Some("180 days"));
        assert_eq!(copy.value.as_deref(), Some("1200000"));
        assert_eq!(copy.currency.as_deref(), Some("PEN"));
        // With a title, the copy builds the same terms.
        let again = build(
            &NewAgreement {
                title: "Lima Cold Storage — Callao site".into(),
                ..copy
            },
            "test",
            d("2026-11-30"),
        )
        .unwrap()
        .agreement;
        assert_eq!(
            again.initial_term.map(|t| t.value),
            a.initial_term.map(|t| t.value)
        );
        assert_eq!(
            again.non_renewal_notice.map(|t| t.value),
            a.non_renewal_notice.map(|t| t.value)
        );
        assert_eq!(again.parties.map(|p| p.value), a.parties.map(|p| p.value));
        assert_eq!(
            again.next_review.map(|p| p.value),
            a.next_review.map(|p| p.value)
        );
        assert_eq!(
            again.total_commitment.map(|c| c.value.to_string()),
            Some("S/ 1,200,000".to_string())
        );
    }

    #[test]
    fn values_are_checked_and_named() {
        assert_eq!(parse_value("1,200,000").unwrap(), Decimal::from(1_200_000));
        assert!(parse_value("1e6")
            .unwrap_err()
            .to_string()
            .contains("value"));
        assert!(parse_value("-5").is_err());
        assert_eq!(parse_currency("pen").unwrap(), "PEN");
        assert!(parse_currency("soles")
            .unwrap_err()
            .to_string()
            .contains("ISO 4217"));
    }
}
