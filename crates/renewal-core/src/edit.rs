//! Fixing or filling a field by hand (the app's Edit form, `renewals edit`).
//!
//! Values arrive as text and are read with the same parsers as the importer, so an edit is
//! held to the same rules: a date must exist, a period must be positive and at most 100
//! years. An edited value's source is "Edited in Renewal Desk" with the text typed.
//! [`crate::store::Store::update`] then records the change in the history.

use serde::{Deserialize, Serialize};

use crate::calendar::Country;
use crate::dates::{PartialDate, Period, PeriodUnit, MAX_PERIOD_DAYS};
use crate::error::{Error, Result};
use crate::model::{Agreement, PriceReview, Source, Sourced};

/// A field that can be edited, with the form of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditableField {
    /// Text.
    Title,
    /// Text.
    AgreementType,
    /// Text: the other party.
    Counterparty,
    /// A date (`2023-01-01` or `1 January 2023`).
    EffectiveDate,
    /// A period (`3 years`, `36 months`).
    InitialTerm,
    /// `yes`/`no` (`true`/`false`); empty for unknown.
    AutoRenewal,
    /// A period.
    RenewalPeriod,
    /// A period (`90 days`).
    NonRenewalNotice,
    /// `at each renewal`, `annually`, or other text.
    PriceReview,
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
}

impl EditableField {
    /// Every editable field.
    pub const ALL: [EditableField; 15] = [
        EditableField::Title,
        EditableField::AgreementType,
        EditableField::Counterparty,
        EditableField::EffectiveDate,
        EditableField::InitialTerm,
        EditableField::AutoRenewal,
        EditableField::RenewalPeriod,
        EditableField::NonRenewalNotice,
        EditableField::PriceReview,
        EditableField::Country,
        EditableField::BusinessDayAdjustment,
        EditableField::Classification,
        EditableField::ContractOwner,
        EditableField::LastReview,
        EditableField::NextReview,
    ];

    /// The snake_case name (as in the agreement's JSON).
    pub fn name(self) -> &'static str {
        match self {
            EditableField::Title => "title",
            EditableField::AgreementType => "agreement_type",
            EditableField::Counterparty => "counterparty",
            EditableField::EffectiveDate => "effective_date",
            EditableField::InitialTerm => "initial_term",
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
        }
    }

    /// Parses a snake_case name.
    pub fn parse(name: &str) -> Option<EditableField> {
        EditableField::ALL.into_iter().find(|f| f.name() == name)
    }
}

fn invalid(field: EditableField, message: impl Into<String>) -> Error {
    Error::Invalid {
        field: field.name().to_string(),
        message: message.into(),
    }
}

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
/// field, making it unknown). Errors: [`Error::Invalid`] naming the field and what was
/// expected; the agreement is unchanged on error.
pub fn apply_edit(agreement: &mut Agreement, field: EditableField, value: &str) -> Result<()> {
    let src = || Source::user(value.trim());
    let empty = value.trim().is_empty();
    match field {
        EditableField::Title => {
            agreement.title =
                text_value(field, value)?.ok_or_else(|| invalid(field, "a title is required"))?;
        }
        EditableField::AgreementType => {
            agreement.agreement_type = text_value(field, value)?.map(|v| Sourced::new(v, src()));
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
