//! Fixing or filling a field by hand (the app's Edit form, `renewals edit`).
//!
//! Values arrive as text and are read with the same parsers as the importer, so an edit is
//! held to the same rules: a date must exist, a period must be positive and at most 100
//! years. An edited value's source is "Edited in Renewal Desk" with the text typed.
//! [`crate::adapters::store::Store::update`] then records the change in the history.

use serde::{Deserialize, Serialize};

use crate::domain::calendar::Country;
use crate::domain::dates::{PartialDate, Period, PeriodUnit, MAX_PERIOD_DAYS};
use crate::domain::model::{
    Agreement, Commitment, PriceReview, Source, Sourced, TerminationKind, TerminationRight,
    MAX_ESCALATE_DAYS, MAX_LEAD_TIME_DAYS,
};
use crate::domain::money::{Money, Quantity};
use crate::error::{Error, Result};

/// A field that can be edited, with the form of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EditableField {
    /// Text.
    Title,
    /// Text: the line under the title.
    Subtitle,
    /// Text.
    AgreementType,
    /// The parties, separated by ` / ` or `;` (`MiFibra Communications PLC / Microsoft
    /// Corporation`).
    Parties,
    /// Text: the other party.
    Counterparty,
    /// A date (`2023-01-01` or `1 January 2023`).
    EffectiveDate,
    /// A period (`3 years`, `36 months`).
    InitialTerm,
    /// The expiry date: the last day of the initial term (renewal-rules.md, Arithmetic rule
    /// 2), a full date. Not stored as such: it sets the initial term from the effective date
    /// (whole months when `effective + N months - 1 day` is that date, else days), so the
    /// effective date must be known first.
    ExpiryDate,
    /// `yes`/`no` (`true`/`false`); empty for unknown.
    AutoRenewal,
    /// A period.
    RenewalPeriod,
    /// A period (`90 days`).
    NonRenewalNotice,
    /// The notice period of the termination-for-convenience right (`180 days`); `none`
    /// (or empty) when the agreement gives no such right. Sets the notice of the first
    /// convenience row of the termination rights, or adds one.
    TerminationForConvenience,
    /// `at each renewal`, `annually`, or other text.
    PriceReview,
    /// The total commitment (total contract value): an amount with its currency,
    /// `1,200,000 PEN`, `S/ 1.200.000,00`, `USD 45,000`; empty for none.
    TotalCommitment,
    /// A country (`Peru`, `Chile`, `PE`, `CL`, or any ISO 3166 two-letter code).
    Country,
    /// `yes`/`no`: rule 4 business-day roll-back.
    BusinessDayAdjustment,
    /// Text.
    Classification,
    /// Text.
    ContractOwner,
    /// A date of any precision (`July 2025`, `Q2 2025`, `2025-07-15`).
    LastReview,
    /// A date of any precision.
    NextReview,
    /// A day the user plans to end the agreement by termination for convenience; empty for
    /// none. Turns the convenience notice into a serve-by deadline (rule 6).
    PlannedExit,
    /// The internal lead time, a whole number of calendar days from 0 to
    /// [`MAX_LEAD_TIME_DAYS`]: the decision is due that many days before the last business
    /// day to act (the decide-by date, issue 16 item 3); 0 turns it off; empty restores the
    /// default of [`DEFAULT_LEAD_TIME_DAYS`](crate::domain::model::DEFAULT_LEAD_TIME_DAYS). Stored in the agreement's recorded settings.
    LeadTimeDays,
    /// Days before a notice deadline from which, with nothing recorded, the deputy and
    /// the escalation address are emailed too (issue 12 item 4): a whole number from 0 to
    /// [`MAX_ESCALATE_DAYS`]; 0 turns escalation off for the agreement; empty restores the
    /// mail settings' default (14). Stored in the agreement's recorded settings.
    EscalateDays,
    /// People who follow the agreement and receive its reminder emails with the owner
    /// (issue 12 item 1): names from the people directory separated by commas; empty for
    /// none.
    Watchers,
}

impl EditableField {
    /// Every editable field.
    pub const ALL: [EditableField; 24] = [
        EditableField::Title,
        EditableField::Subtitle,
        EditableField::AgreementType,
        EditableField::Parties,
        EditableField::Counterparty,
        EditableField::EffectiveDate,
        EditableField::InitialTerm,
        EditableField::ExpiryDate,
        EditableField::AutoRenewal,
        EditableField::RenewalPeriod,
        EditableField::NonRenewalNotice,
        EditableField::TerminationForConvenience,
        EditableField::PriceReview,
        EditableField::TotalCommitment,
        EditableField::Country,
        EditableField::BusinessDayAdjustment,
        EditableField::Classification,
        EditableField::ContractOwner,
        EditableField::LastReview,
        EditableField::NextReview,
        EditableField::PlannedExit,
        EditableField::LeadTimeDays,
        EditableField::EscalateDays,
        EditableField::Watchers,
    ];

    /// The snake_case name (as in the agreement's JSON).
    pub fn name(self) -> &'static str {
        match self {
            EditableField::Title => "title",
            EditableField::Subtitle => "subtitle",
            EditableField::AgreementType => "agreement_type",
            EditableField::Parties => "parties",
            EditableField::Counterparty => "counterparty",
            EditableField::EffectiveDate => "effective_date",
            EditableField::InitialTerm => "initial_term",
            EditableField::ExpiryDate => "expiry_date",
            EditableField::TerminationForConvenience => "termination_for_convenience",
            EditableField::TotalCommitment => "total_commitment",
            EditableField::AutoRenewal => "auto_renewal",
            EditableField::RenewalPeriod => "renewal_period",
            EditableField::NonRenewalNotice => "non_renewal_notice",
            EditableField::PriceReview => "price_review",
            EditableField::Country => "country",
            EditableField::BusinessDayAdjustment => "business_day_adjustment",
            EditableField::Classification => "classification",
            EditableField::ContractOwner => "contract_owner",
            EditableField::LastReview => "last_review",
            EditableField::NextReview => "next_review",
            EditableField::PlannedExit => "planned_exit",
            EditableField::LeadTimeDays => "lead_time_days",
            EditableField::EscalateDays => "escalate_days",
            EditableField::Watchers => "watchers",
        }
    }

    /// Parses a snake_case name (a `-` reads as `_`); `lead_time` is also accepted for
    /// [`EditableField::LeadTimeDays`].
    pub fn parse(name: &str) -> Option<EditableField> {
        let name = name.trim().replace('-', "_");
        if name == "lead_time" {
            return Some(EditableField::LeadTimeDays);
        }
        if name == "escalation" || name == "escalate" {
            return Some(EditableField::EscalateDays);
        }
        EditableField::ALL.into_iter().find(|f| f.name() == name)
    }
}

impl EditableField {
    /// The field's name for people, e.g. "Non-renewal notice".
    pub fn label(self) -> &'static str {
        match self {
            EditableField::Title => "Title",
            EditableField::Subtitle => "Subtitle",
            EditableField::AgreementType => "Agreement type",
            EditableField::Parties => "Parties",
            EditableField::Counterparty => "Counterparty",
            EditableField::EffectiveDate => "Effective date",
            EditableField::InitialTerm => "Initial term",
            EditableField::ExpiryDate => "Expiry of the initial term",
            EditableField::TerminationForConvenience => "Termination for convenience",
            EditableField::TotalCommitment => "Total commitment",
            EditableField::AutoRenewal => "Auto-renewal",
            EditableField::RenewalPeriod => "Renewal period",
            EditableField::NonRenewalNotice => "Non-renewal notice",
            EditableField::PriceReview => "Price review",
            EditableField::Country => "Country (holidays)",
            EditableField::BusinessDayAdjustment => "Business-day adjustment",
            EditableField::Classification => "Classification",
            EditableField::ContractOwner => "Contract owner",
            EditableField::LastReview => "Last review",
            EditableField::NextReview => "Next review",
            EditableField::PlannedExit => "Planned exit",
            EditableField::LeadTimeDays => "Internal lead time (days)",
            EditableField::EscalateDays => "Escalate after (days before the deadline)",
            EditableField::Watchers => "Watchers",
        }
    }

    /// What the field accepts, as an example for a form, e.g. "a period: 90 days, 12 months".
    pub fn hint(self) -> &'static str {
        match self {
            EditableField::Title => "text (required)",
            EditableField::Subtitle
            | EditableField::AgreementType
            | EditableField::Counterparty
            | EditableField::Classification
            | EditableField::ContractOwner => "text; empty for unknown",
            EditableField::EffectiveDate => "a date: 2023-01-01 or 1 January 2023",
            EditableField::ExpiryDate => {
                "a date, the last day of the initial term: 2027-03-31 or 31 March 2027 (sets the initial term from the effective date)"
            }
            EditableField::TerminationForConvenience => {
                "the notice period: 180 days, 6 months; none when the agreement gives no such right"
            }
            EditableField::TotalCommitment => {
                "an amount with its currency: 1,200,000 PEN, S/ 1.200.000,00, USD 45,000; empty for none"
            }
            EditableField::InitialTerm
            | EditableField::RenewalPeriod
            | EditableField::NonRenewalNotice => "a period: 90 days, 12 months, 3 years",
            EditableField::AutoRenewal => "yes or no; empty for unknown",
            EditableField::Parties => {
                "the parties separated by \" / \": MiFibra Communications PLC / Microsoft Corporation"
            }
            EditableField::PriceReview => "at each renewal, annually, or other text",
            EditableField::Country => "Peru, Chile or a two-letter ISO code",
            EditableField::BusinessDayAdjustment => "yes or no (rule 4)",
EditableField::LastReview | EditableField::NextReview => {
                "a date of any precision: July 2025, Q2 2025, 2025-07-15"
            }
            EditableField::PlannedExit => {
                "a date to end the agreement by termination for convenience (its serve-by date becomes a deadline, rule 6); empty for none"
            }
            EditableField::LeadTimeDays => {
                "a whole number of days from 0 to 365: decide that many days before the last day to act (0 turns the internal decide-by date off; empty for the default, 30)"
            }
            EditableField::EscalateDays => {
                "a whole number of days from 0 to 365: with nothing recorded that many days before a notice deadline, the deputy and the escalation address are emailed too (0 turns escalation off; empty for the mail settings' default, 14)"
            }
            EditableField::Watchers => {
                "names from the people directory, separated by commas: they receive the reminder emails too; empty for none"
            }
        }
    }

    /// The kind of input a form should offer.
    pub fn input(self) -> FieldInput {
        match self {
            EditableField::AutoRenewal => FieldInput::YesNoUnknown,
            EditableField::BusinessDayAdjustment => FieldInput::YesNo,
            EditableField::EffectiveDate
            | EditableField::ExpiryDate
            | EditableField::PlannedExit => FieldInput::Date,
            _ => FieldInput::Text,
        }
    }
}

/// The kind of input a form offers for a field ([`EditableField::input`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FieldInput {
    /// Free text, read by the field's parser.
    Text,
    /// A calendar day.
    Date,
    /// Yes or no.
    YesNo,
    /// Yes, no or unknown.
    YesNoUnknown,
}

/// An editable field of one agreement: its current value as text (in the form
/// [`apply_edit`] reads back) and where that value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EditableValue {
    /// The field.
    pub field: EditableField,
    /// Its name for people.
    pub label: String,
    /// What it accepts.
    pub hint: String,
    /// Which input to offer.
    pub input: FieldInput,
    /// The current value as text; empty when unknown.
    pub value: String,
    /// The clause it was read from, or "Edited in Renewal Desk"; `None` when unknown or
    /// when the field has no source of its own (counterparty, business-day adjustment).
    pub source: Option<Source>,
}

fn period_text(p: &Period) -> String {
    p.to_string()
}

/// The current value of `field` in `agreement` as text that [`apply_edit`] accepts back
/// unchanged (`2023-01-01`, `3 years`, `yes`, `July 2025`), with its source. Empty text
/// means unknown.
pub fn current_value(agreement: &Agreement, field: EditableField) -> (String, Option<Source>) {
    fn sourced<T>(v: &Option<Sourced<T>>, text: impl Fn(&T) -> String) -> (String, Option<Source>) {
        match v {
            Some(s) => (text(&s.value), Some(s.source.clone())),
            None => (String::new(), None),
        }
    }
    let yes_no = |b: &bool| if *b { "yes" } else { "no" }.to_string();
    let a = agreement;
    match field {
        EditableField::Title => (a.title.clone(), None),
        EditableField::Subtitle => (a.subtitle.clone().unwrap_or_default(), None),
        EditableField::AgreementType => sourced(&a.agreement_type, String::clone),
        EditableField::Parties => sourced(&a.parties, |p| p.join(" / ")),
        EditableField::Counterparty => (
            a.counterparty.clone().unwrap_or_default(),
            a.parties.as_ref().map(|p| p.source.clone()),
        ),
        EditableField::EffectiveDate => sourced(&a.effective_date, |d| d.to_string()),
        EditableField::InitialTerm => sourced(&a.initial_term, period_text),
        // Derived from the effective date and the term, quoted from the term's clause.
        EditableField::ExpiryDate => a
            .effective_date
            .as_ref()
            .zip(a.initial_term.as_ref())
            .and_then(|(e, t)| {
                t.value
                    .last_day_from(e.value)
                    .map(|d| (d.to_string(), Some(t.source.clone())))
            })
            .unwrap_or_default(),
        EditableField::TerminationForConvenience => a
            .termination_rights
            .iter()
            .find(|t| t.kind == TerminationKind::Convenience)
            .map(|t| {
                (
                    t.notice.as_ref().map(period_text).unwrap_or_default(),
                    Some(t.source.clone()),
                )
            })
            .unwrap_or_default(),
        EditableField::TotalCommitment => a
            .total_commitment
            .as_ref()
            .and_then(|c| match &c.value {
                Quantity::Money { money, .. } => {
                    // cents as two digits ("1,500,000.50"), whole amounts without them
                    let mut amount = crate::domain::money::group_digits(money.amount);
                    if amount.split_once('.').is_some_and(|(_, f)| f.len() == 1) {
                        amount.push('0');
                    }
                    Some((
                        format!("{amount} {}", money.currency),
                        Some(c.source.clone()),
                    ))
                }
                _ => None,
            })
            .unwrap_or_default(),
        EditableField::AutoRenewal => sourced(&a.auto_renewal, yes_no),
        EditableField::RenewalPeriod => sourced(&a.renewal_period, period_text),
        EditableField::NonRenewalNotice => sourced(&a.non_renewal_notice, period_text),
        EditableField::PriceReview => sourced(&a.price_review, |p| match p {
            PriceReview::AtEachRenewal => "at each renewal".to_string(),
            PriceReview::Annually => "annually".to_string(),
            PriceReview::Other(t) => t.clone(),
        }),
        EditableField::Country => sourced(&a.country, |c| c.name().to_string()),
        EditableField::BusinessDayAdjustment => (yes_no(&a.business_day_adjustment), None),
        EditableField::Classification => sourced(&a.classification, String::clone),
        EditableField::ContractOwner => sourced(&a.contract_owner, String::clone),
        EditableField::LastReview => sourced(&a.last_review, |d| d.to_string()),
        EditableField::NextReview => sourced(&a.next_review, |d| d.to_string()),
        EditableField::PlannedExit => (
            a.recorded
                .planned_exit
                .map(|d| d.to_string())
                .unwrap_or_default(),
            None,
        ),
        // The lead time in effect (the default when none is set), so a form shows it.
        EditableField::LeadTimeDays => (a.lead_time_days().to_string(), None),
        // Empty when the agreement follows the mail settings' default.
        EditableField::EscalateDays => (
            a.recorded
                .escalate_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            None,
        ),
        EditableField::Watchers => (a.recorded.watchers.join(", "), None),
    }
}

/// Every editable field of `agreement` with its current value and source, in
/// [`EditableField::ALL`] order (what an Edit form shows).
pub fn editable_values(agreement: &Agreement) -> Vec<EditableValue> {
    EditableField::ALL
        .into_iter()
        .map(|field| {
            let (value, source) = current_value(agreement, field);
            EditableValue {
                field,
                label: field.label().to_string(),
                hint: field.hint().to_string(),
                input: field.input(),
                value,
                source,
            }
        })
        .collect()
}

fn invalid(field: EditableField, message: impl Into<String>) -> Error {
    Error::Invalid {
        field: field.name().to_string(),
        message: message.into(),
    }
}

/// The most parties an agreement may name.
pub const MAX_PARTIES: usize = 12;

/// Reads a period such as `90 days`, `12 months`, `3 years` (1 to 100 years).
pub fn parse_period_text(field: EditableField, text: &str) -> Result<Period> {
    let t = text.trim().to_ascii_lowercase();
    let mut parts = t.split_whitespace();
    let (Some(n), Some(unit), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid(
            field,
            format!("\"{text}\" is not a period: expected e.g. \"90 days\", \"12 months\" or \"3 years\""),
        ));
    };
    let amount: i64 = n
        .parse()
        .map_err(|_| invalid(field, format!("\"{n}\" is not a whole number")))?;
    if amount <= 0 {
        return Err(invalid(field, "expected a positive number"));
    }
    let unit = match unit.trim_end_matches('s') {
        "day" => PeriodUnit::Days,
        "week" => PeriodUnit::Weeks,
        "month" => PeriodUnit::Months,
        "year" => PeriodUnit::Years,
        other => {
            return Err(invalid(
                field,
                format!("\"{other}\" is not a unit: expected days, weeks, months or years"),
            ))
        }
    };
    let amount = u32::try_from(amount).map_err(|_| invalid(field, "too long"))?;
    let p = Period { amount, unit };
    if p.approx_days() > MAX_PERIOD_DAYS {
        return Err(invalid(field, "longer than 100 years"));
    }
    Ok(p)
}

/// Reads an escalation lead (issue 12 item 4): a whole number of days from 0 to
/// [`MAX_ESCALATE_DAYS`], "14" or "14 days"; 0 turns escalation off.
///
/// Errors: [`Error::Invalid`] naming `escalate_days` and what is expected.
pub fn parse_escalate_days(text: &str) -> Result<u32> {
    parse_whole_days(
        EditableField::EscalateDays,
        text,
        MAX_ESCALATE_DAYS,
        "escalation",
    )
}

/// Most watchers per agreement.
pub const MAX_WATCHERS: usize = 20;

/// Reads watchers: names separated by commas (or semicolons), each checked as a person's
/// name (no line breaks, at most 200 characters), duplicates (case-insensitive) dropped;
/// empty text gives none. Whether each is in the people directory is checked by
/// [`crate::services::portfolio::edit_field`].
///
/// Errors: [`Error::Invalid`] naming `watchers`: a name with a line break or too long,
/// more than [`MAX_WATCHERS`] names.
pub fn parse_watchers(text: &str) -> Result<Vec<String>> {
    let field = EditableField::Watchers;
    let mut out: Vec<String> = Vec::new();
    for name in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if name.chars().any(char::is_control) || name.chars().count() > 200 {
            return Err(invalid(
                field,
                format!("{name:?}: expected names of at most 200 characters, without line breaks, separated by commas"),
            ));
        }
        if !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.to_string());
        }
    }
    if out.len() > MAX_WATCHERS {
        return Err(invalid(
            field,
            format!("{} names: expected at most {MAX_WATCHERS}", out.len()),
        ));
    }
    Ok(out)
}

/// Reads an internal lead time: a whole number of days from 0 to [`MAX_LEAD_TIME_DAYS`]
/// (`45`, or `45 days`). Errors name the field and what was expected.
pub fn parse_lead_time(text: &str) -> Result<u32> {
    parse_whole_days(
        EditableField::LeadTimeDays,
        text,
        MAX_LEAD_TIME_DAYS,
        "the internal decide-by date",
    )
}

/// Reads a whole number of days from 0 to `max` for `field` (`45`, `45 days`); 0 turns
/// `what` off. Errors name the field and what was expected.
fn parse_whole_days(field: EditableField, text: &str, max: u32, what: &str) -> Result<u32> {
    let t = text.trim().to_ascii_lowercase();
    let number = t
        .strip_suffix("days")
        .or_else(|| t.strip_suffix("day"))
        .unwrap_or(&t)
        .trim();
    let expected = format!("expected a whole number of days from 0 to {max} (0 turns {what} off)");
    let n: i64 = number.parse().map_err(|_| {
        invalid(
            field,
            format!("\"{}\" is not a number of days: {expected}", text.trim()),
        )
    })?;
    if n < 0 {
        return Err(invalid(field, format!("{n} is negative: {expected}")));
    }
    match u32::try_from(n) {
        Ok(days) if days <= max => Ok(days),
        _ => Err(invalid(
            field,
            format!("{n} days is more than a year: {expected}"),
        )),
    }
}

fn parse_bool(field: EditableField, text: &str) -> Result<Option<bool>> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "unknown" => Ok(None),
        "yes" | "true" | "on" | "y" => Ok(Some(true)),
        "no" | "false" | "off" | "n" => Ok(Some(false)),
        _ => Err(invalid(field, format!("\"{text}\": expected yes or no"))),
    }
}

fn text_value(field: EditableField, text: &str) -> Result<Option<String>> {
    let t = text.trim();
    if t.chars().count() > 500 {
        return Err(invalid(field, "longer than 500 characters"));
    }
    if t.chars().any(|c| c.is_control()) {
        return Err(invalid(
            field,
            "contains control characters (line breaks, tabs)",
        ));
    }
    Ok((!t.is_empty()).then(|| t.to_string()))
}

/// Sets `field` of `agreement` from `value` (text as typed; empty clears an optional
/// field, making it unknown) and drops the importer's warnings about that field
/// ([`Warning::field`](crate::domain::model::Warning) equal to [`EditableField::name`]): the user
/// has answered them. Errors: [`Error::Invalid`] naming the field and what was expected;
/// the agreement is unchanged on error.
pub fn apply_edit(agreement: &mut Agreement, field: EditableField, value: &str) -> Result<()> {
    set_field(agreement, field, value)?;
    // The user has now given this field a value (or confirmed it unknown): what the
    // importer asked to confirm about it is answered. The expiry sets the term; the
    // convenience notice is a row of the termination rights (whose cure periods stay to
    // confirm).
    agreement.warnings.retain(|w| {
        w.field != field.name()
            && !(field == EditableField::ExpiryDate && w.field == "initial_term")
            && !(field == EditableField::TerminationForConvenience
                && w.field == "termination_rights"
                && !w.message.to_lowercase().contains("cure"))
    });
    Ok(())
}

fn set_field(agreement: &mut Agreement, field: EditableField, value: &str) -> Result<()> {
    let src = || Source::user(value.trim());
    let empty = value.trim().is_empty();
    match field {
        EditableField::Title => {
            agreement.title =
                text_value(field, value)?.ok_or_else(|| invalid(field, "a title is required"))?;
        }
        EditableField::Subtitle => agreement.subtitle = text_value(field, value)?,
        EditableField::AgreementType => {
            agreement.agreement_type = text_value(field, value)?.map(|v| Sourced::new(v, src()));
        }
        EditableField::Parties => {
            let mut parties = Vec::new();
            for part in value
                .split([';', '/'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
            {
                if let Some(p) = text_value(field, part)? {
                    parties.push(p);
                }
            }
            if parties.len() > MAX_PARTIES {
                return Err(invalid(
                    field,
                    format!("{} parties: expected at most {MAX_PARTIES}", parties.len()),
                ));
            }
            agreement.parties = (!parties.is_empty()).then(|| Sourced::new(parties, src()));
        }
        EditableField::Counterparty => agreement.counterparty = text_value(field, value)?,
        EditableField::Classification => {
            agreement.classification = text_value(field, value)?.map(|v| Sourced::new(v, src()));
        }
        EditableField::ContractOwner => {
            agreement.contract_owner = text_value(field, value)?.map(|v| Sourced::new(v, src()));
        }
        EditableField::EffectiveDate => {
            agreement.effective_date = if empty {
                None
            } else {
                match PartialDate::parse(value) {
                    Ok(PartialDate::Day { date }) => Some(Sourced::new(date, src())),
                    Ok(other) => {
                        return Err(invalid(
                            field,
                            format!(
                                "\"{other}\" has no day: expected a full date such as 2023-01-01"
                            ),
                        ))
                    }
                    Err(e) => return Err(invalid(field, e.to_string())),
                }
            };
        }
        EditableField::PlannedExit => {
            agreement.recorded.planned_exit = if empty {
                None
            } else {
                match PartialDate::parse(value) {
                    Ok(PartialDate::Day { date }) => Some(date),
                    Ok(other) => {
                        return Err(invalid(
                            field,
                            format!(
                                "\"{other}\" has no day: expected a full date such as 2027-06-30"
                            ),
                        ))
                    }
                    Err(e) => return Err(invalid(field, e.to_string())),
                }
            };
        }
        EditableField::LastReview | EditableField::NextReview => {
            let v = if empty {
                None
            } else {
                Some(Sourced::new(
                    PartialDate::parse(value).map_err(|e| invalid(field, e.to_string()))?,
                    src(),
                ))
            };
            if field == EditableField::LastReview {
                agreement.last_review = v;
            } else {
                agreement.next_review = v;
            }
        }
        EditableField::InitialTerm
        | EditableField::RenewalPeriod
        | EditableField::NonRenewalNotice => {
            let v = if empty {
                None
            } else {
                Some(Sourced::new(parse_period_text(field, value)?, src()))
            };
            match field {
                EditableField::InitialTerm => agreement.initial_term = v,
                EditableField::RenewalPeriod => agreement.renewal_period = v,
                _ => agreement.non_renewal_notice = v,
            }
        }
        EditableField::AutoRenewal => {
            agreement.auto_renewal = parse_bool(field, value)?.map(|b| Sourced::new(b, src()));
        }
        EditableField::ExpiryDate => {
            if empty {
                agreement.initial_term = None;
                return Ok(());
            }
            let date = match PartialDate::parse(value) {
                Ok(PartialDate::Day { date }) => date,
                Ok(other) => {
                    return Err(invalid(
                        field,
                        format!("\"{other}\" has no day: expected a full date such as 2027-03-31"),
                    ))
                }
                Err(e) => return Err(invalid(field, e.to_string())),
            };
            let Some(effective) = agreement.effective_date.as_ref().map(|e| e.value) else {
                return Err(invalid(
                    field,
                    "the expiry is counted from the effective date: set the effective date first",
                ));
            };
            let term = crate::services::manual::term_from_expiry(effective, date)
                .map_err(|e| invalid(field, e.to_string()))?;
            agreement.initial_term = Some(Sourced::new(term, src()));
        }
        EditableField::TerminationForConvenience => {
            let t = value.trim().to_ascii_lowercase();
            if empty || matches!(t.as_str(), "none" | "no" | "ninguna" | "no tiene") {
                agreement
                    .termination_rights
                    .retain(|r| r.kind != TerminationKind::Convenience);
                return Ok(());
            }
            let notice = parse_period_text(field, value)?;
            match agreement
                .termination_rights
                .iter_mut()
                .find(|r| r.kind == TerminationKind::Convenience)
            {
                Some(r) => {
                    r.notice = Some(notice);
                    r.source = src();
                }
                None => agreement.termination_rights.push(TerminationRight {
                    scenario: "Termination for convenience".to_string(),
                    kind: TerminationKind::Convenience,
                    notice: Some(notice),
                    cure_period: None,
                    consequence: String::new(),
                    source: src(),
                }),
            }
        }
        EditableField::TotalCommitment => {
            if empty {
                agreement.total_commitment = None;
                return Ok(());
            }
            // a code after the number ("1,200,000 PEN"), else the sign or code before it
            let t = value.trim();
            let (number, code_after) = match t.rsplit_once(char::is_whitespace) {
                Some((n, c)) if c.len() == 3 && c.chars().all(|x| x.is_ascii_alphabetic()) => {
                    (n, Some(c.to_ascii_uppercase()))
                }
                _ => (t, None),
            };
            let amount = crate::adapters::import::register::cells::read_amount(
                &crate::adapters::import::register::cells::Cell::text(number),
            )
            .map_err(|e| invalid(field, format!("{e} (e.g. 1,200,000 PEN)")))?;
            let currency = code_after.or(amount.currency).ok_or_else(|| {
                invalid(
                    field,
                    format!("\"{t}\" names no currency: expected e.g. 1,200,000 PEN or USD 45,000"),
                )
            })?;
            let money = Money {
                amount: amount.amount,
                currency,
            };
            agreement.total_commitment = Some(Commitment {
                category: "Total commitment".to_string(),
                label: "Total contract value".to_string(),
                column: "Value".to_string(),
                year: None,
                value: Quantity::Money {
                    money,
                    per: None,
                    note: None,
                },
                source: src(),
            });
        }
        EditableField::LeadTimeDays => {
            agreement.recorded.lead_time_days = if empty {
                None
            } else {
                Some(parse_lead_time(value)?)
            };
        }
        EditableField::EscalateDays => {
            agreement.recorded.escalate_days = if empty {
                None
            } else {
                Some(parse_escalate_days(value)?)
            };
        }
        EditableField::Watchers => agreement.recorded.watchers = parse_watchers(value)?,
        EditableField::BusinessDayAdjustment => {
            agreement.business_day_adjustment =
                parse_bool(field, value)?.ok_or_else(|| invalid(field, "expected yes or no"))?;
        }
        EditableField::PriceReview => {
            let t = value.trim().to_ascii_lowercase();
            agreement.price_review = if empty {
                None
            } else if t.contains("renewal") {
                Some(Sourced::new(PriceReview::AtEachRenewal, src()))
            } else if t.contains("annual") || t.contains("year") {
                Some(Sourced::new(PriceReview::Annually, src()))
            } else {
                Some(Sourced::new(
                    PriceReview::Other(text_value(field, value)?.unwrap_or_default()),
                    src(),
                ))
            };
        }
        EditableField::Country => {
            agreement.country = if empty {
                None
            } else {
                Some(Sourced::new(
                    Country::parse(value).ok_or_else(|| {
                        invalid(
                            field,
                            format!("\"{value}\" is not a country: expected Peru, Chile or a two-letter ISO code"),
                        )
                    })?,
                    src(),
                ))
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_convenience_and_total_commitment_are_edited_and_checked() {
        let mut a = Agreement::new("X");
        let e = apply_edit(&mut a, EditableField::ExpiryDate, "2027-03-31").unwrap_err();
        assert!(
            e.to_string().contains("set the effective date first"),
            "{e}"
        );
        apply_edit(&mut a, EditableField::EffectiveDate, "2024-04-01").unwrap();
        // 2024-04-01 + 3 years - 1 day = 2027-03-31 (rule 2): a term of whole years
        apply_edit(&mut a, EditableField::ExpiryDate, "31 March 2027").unwrap();
        assert_eq!(
            a.initial_term.as_ref().map(|t| t.value),
            Some(Period::years(3))
        );
        assert_eq!(current_value(&a, EditableField::ExpiryDate).0, "2027-03-31");
        let e = apply_edit(&mut a, EditableField::ExpiryDate, "2024-03-01").unwrap_err();
        assert!(e.to_string().contains("expiry_date"), "{e}");
        assert!(apply_edit(&mut a, EditableField::ExpiryDate, "March 2027").is_err());

        apply_edit(&mut a, EditableField::TerminationForConvenience, "180 days").unwrap();
        assert_eq!(
            current_value(&a, EditableField::TerminationForConvenience).0,
            "180 days"
        );
        apply_edit(&mut a, EditableField::TerminationForConvenience, "6 months").unwrap();
        let rights: Vec<_> = a
            .termination_rights
            .iter()
            .filter(|r| r.kind == TerminationKind::Convenience)
            .collect();
        assert_eq!(rights.len(), 1);
        assert_eq!(rights[0].notice, Some(Period::months(6)));
        assert!(apply_edit(&mut a, EditableField::TerminationForConvenience, "soon").is_err());
        apply_edit(&mut a, EditableField::TerminationForConvenience, "none").unwrap();
        assert!(a.termination_rights.is_empty());

        apply_edit(&mut a, EditableField::TotalCommitment, "1,200,000 PEN").unwrap();
        assert_eq!(
            current_value(&a, EditableField::TotalCommitment).0,
            "1,200,000 PEN"
        );
        apply_edit(&mut a, EditableField::TotalCommitment, "S/ 1.500.000,50").unwrap();
        assert_eq!(
            current_value(&a, EditableField::TotalCommitment).0,
            "1,500,000.50 PEN"
        );
        let e = apply_edit(&mut a, EditableField::TotalCommitment, "1,200,000").unwrap_err();
        assert!(e.to_string().contains("no currency"), "{e}");
        assert!(apply_edit(&mut a, EditableField::TotalCommitment, "-5 USD").is_err());
        // a refused value leaves the last good one
        assert_eq!(
            current_value(&a, EditableField::TotalCommitment).0,
            "1,500,000.50 PEN"
        );
        apply_edit(&mut a, EditableField::TotalCommitment, "").unwrap();
        assert!(a.total_commitment.is_none());
    }

    #[test]
    fn current_values_read_back_unchanged() {
        let mut a = Agreement::new("X");
        apply_edit(&mut a, EditableField::EffectiveDate, "1 January 2023").unwrap();
        apply_edit(&mut a, EditableField::InitialTerm, "3 years").unwrap();
        apply_edit(&mut a, EditableField::AutoRenewal, "yes").unwrap();
        apply_edit(&mut a, EditableField::NextReview, "July 2025").unwrap();
        apply_edit(&mut a, EditableField::Country, "PE").unwrap();
        apply_edit(&mut a, EditableField::PriceReview, "at each renewal").unwrap();
        apply_edit(&mut a, EditableField::Parties, "Acme SAC; Widget Corp").unwrap();
        apply_edit(&mut a, EditableField::Subtitle, "Acme - Strategic Partner").unwrap();
        assert_eq!(
            a.parties.as_ref().map(|p| p.value.clone()),
            Some(vec!["Acme SAC".to_string(), "Widget Corp".to_string()])
        );
        assert_eq!(
            current_value(&a, EditableField::Parties).0,
            "Acme SAC / Widget Corp"
        );
        let many = vec!["P"; MAX_PARTIES + 1].join(" / ");
        assert!(apply_edit(&mut a, EditableField::Parties, &many).is_err());
        for v in editable_values(&a) {
            let mut b = a.clone();
            apply_edit(&mut b, v.field, &v.value)
                .unwrap_or_else(|e| panic!("{:?} {:?}: {e}", v.field, v.value));
            assert_eq!(
                current_value(&b, v.field).0,
                v.value,
                "{:?} reads back",
                v.field
            );
        }
        apply_edit(&mut a, EditableField::PlannedExit, "30 June 2027").unwrap();
        assert_eq!(
            a.recorded.planned_exit,
            chrono::NaiveDate::from_ymd_opt(2027, 6, 30)
        );
        assert!(apply_edit(&mut a, EditableField::PlannedExit, "June 2027").is_err());
        let (text, source) = current_value(&a, EditableField::EffectiveDate);
        assert_eq!(text, "2023-01-01");
        assert_eq!(source.unwrap().section, "Edited in Renewal Desk");
        assert_eq!(current_value(&a, EditableField::Country).0, "Peru");
        assert_eq!(current_value(&a, EditableField::AgreementType).0, "");
    }

    #[test]
    fn the_lead_time_reads_whole_days_from_0_to_365() {
        let mut a = Agreement::new("X");
        assert_eq!(current_value(&a, EditableField::LeadTimeDays).0, "30");
        apply_edit(&mut a, EditableField::LeadTimeDays, "45").unwrap();
        assert_eq!(a.recorded.lead_time_days, Some(45));
        apply_edit(&mut a, EditableField::LeadTimeDays, " 60 days ").unwrap();
        assert_eq!(a.lead_time_days(), 60);
        apply_edit(&mut a, EditableField::LeadTimeDays, "0").unwrap();
        assert_eq!(a.recorded.lead_time_days, Some(0));
        let before = a.clone();
        for (bad, says) in [
            ("-5", "-5 is negative"),
            ("366", "366 days is more than a year"),
            ("soon", "\"soon\" is not a number of days"),
            ("4.5", "\"4.5\" is not a number of days"),
        ] {
            let e = apply_edit(&mut a, EditableField::LeadTimeDays, bad).unwrap_err();
            let text = e.to_string();
            assert!(text.starts_with("invalid lead_time_days: "), "{text}");
            assert!(text.contains(says), "{text}");
            assert!(text.contains("from 0 to 365"), "{text}");
        }
        assert_eq!(a, before, "refused values change nothing");
        apply_edit(&mut a, EditableField::LeadTimeDays, "").unwrap();
        assert_eq!(
            a.recorded.lead_time_days, None,
            "empty restores the default"
        );
        assert_eq!(
            EditableField::parse("lead-time"),
            Some(EditableField::LeadTimeDays)
        );
        assert_eq!(
            EditableField::parse("lead_time_days"),
            Some(EditableField::LeadTimeDays)
        );
    }

    #[test]
    fn an_edit_answers_the_warnings_about_its_field() {
        let mut a = Agreement::new("X");
        for (code, field) in [
            ("no_renewal_clause", "auto_renewal"),
            ("no_country", "country"),
        ] {
            a.warnings.push(crate::domain::model::Warning {
                code: code.to_string(),
                field: field.to_string(),
                line: None,
                message: code.to_string(),
            });
        }
        apply_edit(&mut a, EditableField::AutoRenewal, "yes").unwrap();
        let left: Vec<&str> = a.warnings.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(left, ["no_country"]);
        assert!(apply_edit(&mut a, EditableField::Country, "Atlantis").is_err());
        assert_eq!(a.warnings.len(), 1, "a refused edit answers nothing");
    }

    #[test]
    fn edits_parse_and_validate() {
        let mut a = Agreement::new("X");
        apply_edit(&mut a, EditableField::EffectiveDate, "1 January 2023").unwrap();
        assert_eq!(
            a.effective_date.as_ref().unwrap().value.to_string(),
            "2023-01-01"
        );
        assert_eq!(a.effective_date.as_ref().unwrap().source.line, None);
        apply_edit(&mut a, EditableField::NonRenewalNotice, "60 days").unwrap();
        assert_eq!(
            a.non_renewal_notice.as_ref().unwrap().value,
            Period::days(60)
        );
        apply_edit(&mut a, EditableField::Country, "Chile").unwrap();
        assert_eq!(a.country.as_ref().unwrap().value, Country::Chile);
        let before = a.clone();
        let e = apply_edit(&mut a, EditableField::EffectiveDate, "31 February 2025").unwrap_err();
        assert!(e.to_string().contains("effective_date"), "{e}");
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(apply_edit(&mut a, EditableField::InitialTerm, "-2 years").is_err());
        assert!(apply_edit(&mut a, EditableField::InitialTerm, "500 years").is_err());
        assert!(apply_edit(&mut a, EditableField::Title, "").is_err());
        assert!(apply_edit(&mut a, EditableField::ContractOwner, "a\nb").is_err());
        assert_eq!(a, before, "failed edits change nothing");
        apply_edit(&mut a, EditableField::NonRenewalNotice, "").unwrap();
        assert!(a.non_renewal_notice.is_none());
    }
}
