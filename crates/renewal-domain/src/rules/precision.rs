//! Rule 7: month and quarter precision.
//!
//! renewal-rules.md §Arithmetic, rule 7:
//!
//! > **Month-precision dates** ("July 2025") keep their precision for display; as a deadline
//! > they fall on the **first** day of the month (the earliest reading). Quarter-precision
//! > ("Q2 2025") falls on the **last** day of the quarter (a due date: `2025-06-30`).
//!
//! The arithmetic is [`PartialDate::deadline`]; [`stated_deadline`] is the engine's entry to
//! it, used by next reviews ([`super::reviews`]) and obligations ([`super::obligations`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::PartialDate;
//! use renewal_domain::rules::precision::stated_deadline;
//!
//! let july = PartialDate::parse("July 2025").unwrap();
//! assert_eq!(stated_deadline(&july), NaiveDate::from_ymd_opt(2025, 7, 1));
//! let q2 = PartialDate::parse("Q2 2025").unwrap();
//! assert_eq!(stated_deadline(&q2), NaiveDate::from_ymd_opt(2025, 6, 30));
//! ```

use chrono::NaiveDate;

use crate::dates::PartialDate;

/// The day a stated date means as a deadline (rule 7): a month on its first day, a quarter
/// (and a year) on its last day, a full date on itself. `None` when the fields are out of
/// range.
pub fn stated_deadline(stated: &PartialDate) -> Option<NaiveDate> {
    stated.deadline()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn months_fall_on_their_first_day_quarters_and_years_on_their_last() {
        let cases = [
            ("July 2025", "2025-07-01"),
            ("Q2 2025", "2025-06-30"),
            ("Q4 2025", "2025-12-31"),
            ("Q1 2024", "2024-03-31"),
            ("2025", "2025-12-31"),
            ("1 January 2023", "2023-01-01"),
        ];
        for (text, expected) in cases {
            let stated = PartialDate::parse(text).unwrap();
            assert_eq!(stated_deadline(&stated), Some(d(expected)), "{text}");
        }
        assert_eq!(
            stated_deadline(&PartialDate::Quarter {
                year: 2025,
                quarter: 5
            }),
            None
        );
    }
}
