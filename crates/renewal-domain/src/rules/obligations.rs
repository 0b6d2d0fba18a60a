//! Obligations: dated requirements of the agreement.
//!
//! renewal-rules.md, Vocabulary and "What an agreement yields":
//!
//! > | obligation | a dated requirement in the agreement ("Graph API integration, due Q2 2025") |
//!
//! > | `obligation_due` | a dated obligation that is not marked complete |
//!
//! The due date is read by rule 7 ("Q2 2025" → `2025-06-30`), moved by rule 4 (someone must
//! act) and `overdue` once passed.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::PartialDate;
//! use renewal_domain::model::{Agreement, Obligation, ObligationStatus, Source};
//! use renewal_domain::rules::{assess, EventKind};
//!
//! let mut a = Agreement::new("Obligations");
//! a.obligations.push(Obligation {
//!     category: "Technical".into(),
//!     name: "Graph API integration".into(),
//!     status: ObligationStatus::Planned,
//!     status_text: "Planned".into(),
//!     due: Some(PartialDate::parse("Q2 2025").unwrap()),
//!     details: None,
//!     source: Source::user("example"),
//! });
//! let s = assess(&a, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
//! let due = s.events.iter().find(|e| e.kind == EventKind::ObligationDue).unwrap();
//! assert_eq!(due.date, NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
//! ```

use crate::model::ObligationStatus;

use super::assessment::Builder;
use super::events::{Basis, Clause, EventKind};
use super::precision::stated_deadline;

/// Lists the due date of each obligation that has one and is not complete.
pub(crate) fn push_obligations(b: &mut Builder<'_>) {
    let agreement = b.agreement;
    for (i, o) in agreement.obligations.iter().enumerate() {
        if o.status == ObligationStatus::Complete {
            continue;
        }
        let Some(due) = o.due else {
            continue;
        };
        if let Some(date) = stated_deadline(&due) {
            b.push(
                EventKind::ObligationDue,
                date,
                due.precision(),
                Basis::StatedDate { stated: due },
                Clause::Obligation(i),
                Some(o.name.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::dates::PartialDate;
    use crate::model::{Agreement, Obligation, ObligationStatus, Source};
    use crate::rules::{assess, EventKind, EventStatus};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn obligation(name: &str, status: ObligationStatus, due: &str) -> Obligation {
        Obligation {
            category: "Technical".into(),
            name: name.into(),
            status,
            status_text: String::new(),
            due: Some(PartialDate::parse(due).unwrap()),
            details: None,
            source: Source::user("test"),
        }
    }

    #[test]
    fn incomplete_obligations_are_due_complete_ones_are_not() {
        let mut a = Agreement::new("Obligations");
        a.obligations.push(obligation(
            "Graph API integration",
            ObligationStatus::Planned,
            "Q2 2025",
        ));
        a.obligations
            .push(obligation("Launch", ObligationStatus::Complete, "Q1 2025"));
        // Saturday 2027-01-02 moves back to Friday 2027-01-01: no country, so weekends only.
        a.obligations.push(obligation(
            "Audit",
            ObligationStatus::Planned,
            "2 January 2027",
        ));
        let s = assess(&a, d("2026-11-23"));
        let due: Vec<_> = s
            .events
            .iter()
            .filter(|e| e.kind == EventKind::ObligationDue)
            .map(|e| (e.subject.clone().unwrap_or_default(), e.date, e.status))
            .collect();
        assert_eq!(
            due,
            vec![
                (
                    "Graph API integration".to_string(),
                    d("2025-06-30"),
                    EventStatus::Overdue
                ),
                ("Audit".to_string(), d("2027-01-01"), EventStatus::Open),
            ]
        );
    }
}
