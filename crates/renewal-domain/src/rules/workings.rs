//! The workings text: the one-line explanation and the step-by-step workings a lawyer can
//! check (renewal-rules.md: "Every computed date must be explainable to a lawyer: the engine
//! returns the date *and its workings* (the clause it came from, the arithmetic, any
//! adjustment)").
//!
//! Rendered on demand from an event's [`Basis`], so that computing the events of a large
//! register stays cheap; each line names the rule it applies.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::calendar::Country;
//! use renewal_domain::dates::Period;
//! use renewal_domain::model::{Agreement, Source, Sourced};
//! use renewal_domain::rules::{assess, EventKind, EventStatus};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut a = Agreement::new("Microsoft Peru");
//! let src = || Source::user("example");
//! a.effective_date = Some(Sourced::new(d(2023, 1, 1), src()));
//! a.initial_term = Some(Sourced::new(Period::years(3), src()));
//! a.auto_renewal = Some(Sourced::new(true, src()));
//! a.renewal_period = Some(Sourced::new(Period::months(12), src()));
//! a.non_renewal_notice = Some(Sourced::new(Period::days(90), src()));
//! a.country = Some(Sourced::new(Country::Peru, src()));
//! let s = assess(&a, d(2026, 11, 23));
//! let next = s.next_notice_deadline().unwrap();
//! let w = next.workings(&a).join("\n");
//! assert!(w.contains("2027-12-31 − 90 days = 2027-10-02"));
//! assert!(w.contains("Saturday"));
//! ```

use std::fmt::Write as _;

use crate::calendar;
use crate::dates::{long_date, Precision};
use crate::model::Agreement;

use super::business_days::agreement_country;
use super::events::{Basis, DatedEvent, EndReason, EventKind, EventStatus};
use super::notice_deadlines;
use super::terms::Term;

impl DatedEvent {
    /// One line a lawyer can check, e.g. "Last day to serve non-renewal notice so that the
    /// agreement does not renew on Sat 1 Jan 2028: 2027-12-31 − 90 days = 2027-10-02, a
    /// Saturday, moved to Fri 1 Oct 2027."
    pub fn explanation(&self) -> String {
        let mut s = String::new();
        let _ = match self.basis {
            Basis::NoticeBeforeExpiry { term, notice } => write!(
                s,
                "Last day to serve non-renewal notice so that the term ending {} does not renew: {} − {notice} = {}",
                term.end, term.end, self.unadjusted_date
            ),
            Basis::RenewalAfterTerm { term, next_length } => write!(
                s,
                "Renews for {next_length} unless notice is served: term {} ends {}, next term starts {}",
                term.number, term.end, self.unadjusted_date
            ),
            Basis::TermEnd { term, reason } => match reason {
                EndReason::FixedTerm => write!(s, "Fixed term ends: {} + {} − 1 day = {}", term.start, term.length, term.end),
                EndReason::NoRenewalClause => write!(
                    s,
                    "Term ends and no renewal clause was found: {} + {} − 1 day = {}",
                    term.start, term.length, term.end
                ),
                EndReason::NonRenewalNoticeServed { served_on } => write!(
                    s,
                    "Ends at the end of term {} ({}) because non-renewal notice was served on {served_on}",
                    term.number, term.end
                ),
                EndReason::TerminationNoticeServed { .. } => write!(s, "Ends on {}", term.end),
            },
            Basis::PriceReviewAtRenewal { term } => write!(
                s,
                "Price review at each renewal: falls on the renewal date {} after term {} ends",
                self.unadjusted_date, term.number
            ),
            Basis::PriceReviewAnniversary { effective, years } => write!(
                s,
                "Annual price review: {effective} + {years} year{} = {}",
                if years == 1 { "" } else { "s" },
                self.unadjusted_date
            ),
            Basis::StatedDate { stated } => match stated.precision() {
                Precision::Day => write!(s, "Stated in the agreement: {stated}"),
                Precision::Month => write!(s, "Stated as \"{stated}\": a month falls on its first day, {}", self.unadjusted_date),
                Precision::Quarter => write!(s, "Stated as \"{stated}\": a quarter falls on its last day, {}", self.unadjusted_date),
                Precision::Year => write!(s, "Stated as \"{stated}\": a year falls on its last day, {}", self.unadjusted_date),
            },
            Basis::ExitWindow { agreement_end, window } => write!(
                s,
                "Window of {window} from the day after the agreement ends ({agreement_end}): closes {}",
                self.unadjusted_date
            ),
            Basis::ServeBy { exit, notice } => write!(
                s,
                "To exit on {exit}, serve termination notice by {exit} − {notice} = {}",
                self.unadjusted_date
            ),
            Basis::TerminationEffective { reason } => match reason {
                EndReason::TerminationNoticeServed { served_on, notice, planned_exit } => match planned_exit {
                    Some(exit) => write!(s, "Termination notice served {served_on}: ends on the planned exit {exit} (no earlier than {served_on} + {notice})"),
                    None => write!(s, "Termination notice served {served_on}: ends no earlier than {served_on} + {notice} = {}", self.unadjusted_date),
                },
                _ => write!(s, "Agreement ends {}", self.unadjusted_date),
            },
        };
        let notice = matches!(
            self.kind,
            EventKind::NonRenewalNoticeDeadline | EventKind::TerminationNoticeDeadline
        );
        if notice && self.status == EventStatus::Open && self.days_from_today < 0 {
            // Rule 3 and "What an agreement yields": open until the unadjusted date.
            let _ = write!(
                s,
                "; the safe business day ({}) has passed: notice served by {} is still in time",
                long_date(self.date),
                long_date(self.unadjusted_date)
            );
        } else if let Some(adj) = &self.adjustment {
            let _ = write!(s, "; not a business day, so act by {}", long_date(adj.date));
        }
        if let Some(last) = self.last_business_day.filter(|d| *d != self.date) {
            let _ = write!(s, "; last business day within it: {}", long_date(last));
        }
        s
    }

    /// The workings, one step per line: the term, the arithmetic, the business-day
    /// adjustment (rule 4) and the quoted clause.
    pub fn workings(&self, agreement: &Agreement) -> Vec<String> {
        let mut w = Vec::new();
        let term_line = |t: &Term| {
            format!(
                "{} runs {} to {}: {} + {} − 1 day (rule 2)",
                super::decision::term_label(t),
                t.start,
                t.end,
                t.start,
                t.length
            )
        };
        match self.basis {
            Basis::NoticeBeforeExpiry { term, notice } => {
                w.push(term_line(&term));
                w.push(notice_deadlines::workings_line(
                    &term,
                    notice,
                    self.unadjusted_date,
                    agreement_country(agreement),
                ));
            }
            Basis::RenewalAfterTerm { term, next_length } => {
                w.push(term_line(&term));
                w.push(format!(
                    "Renewal date = expiry + 1 day = {}; the agreement auto-renews for {next_length} (rule 5)",
                    self.unadjusted_date
                ));
            }
            Basis::TermEnd { term, .. } => {
                w.push(term_line(&term));
            }
            Basis::PriceReviewAtRenewal { term } => {
                w.push(term_line(&term));
                w.push(format!(
                    "Price review \"at each renewal\" falls on the renewal date, {}",
                    self.unadjusted_date
                ));
            }
            Basis::PriceReviewAnniversary { effective, years } => w.push(format!(
                "{effective} + {years} × 12 months = {} (rule 1)",
                self.unadjusted_date
            )),
            Basis::StatedDate { stated } => w.push(match stated.precision() {
                Precision::Day => format!("Stated date: {stated}"),
                Precision::Month => format!(
                    "\"{stated}\" has month precision: as a deadline it falls on the first day of the month, {} (rule 7)",
                    self.unadjusted_date
                ),
                Precision::Quarter => format!(
                    "\"{stated}\" has quarter precision: as a due date it falls on the last day of the quarter, {} (rule 7)",
                    self.unadjusted_date
                ),
                Precision::Year => format!(
                    "\"{stated}\" has year precision: as a due date it falls on the last day of the year, {}",
                    self.unadjusted_date
                ),
            }),
            Basis::ExitWindow {
                agreement_end,
                window,
            } => {
                let start = agreement_end.succ_opt().unwrap_or(agreement_end);
                w.push(format!(
                    "The agreement ends {agreement_end}; the window runs from the next day, {start}"
                ));
                w.push(format!(
                    "Window end = {start} + {window} − 1 day = {} (rule 8)",
                    self.unadjusted_date
                ));
            }
            Basis::ServeBy { exit, notice } => w.push(format!(
                "Serve-by date = planned exit − convenience notice = {exit} − {notice} = {} (rule 6)",
                self.unadjusted_date
            )),
            Basis::TerminationEffective { reason } => {
                if let EndReason::TerminationNoticeServed {
                    served_on,
                    notice,
                    planned_exit,
                } = reason
                {
                    w.push(format!(
                        "Notice served {served_on} + {notice} = earliest end {} (rule 6)",
                        notice.after(served_on).unwrap_or(served_on)
                    ));
                    if let Some(exit) = planned_exit {
                        w.push(format!("Planned exit {exit} is later, so the agreement ends then"));
                    }
                }
            }
        }
        if let Basis::TermEnd {
            reason: EndReason::NonRenewalNoticeServed { served_on },
            ..
        } = self.basis
        {
            w.push(format!(
                "Non-renewal notice recorded as served on {served_on}: no renewal after this term"
            ));
        }
        if let Some(adj) = &self.adjustment {
            w.push(format!(
                "{} (rule 4)",
                adj.explain(agreement_country(agreement))
            ));
        } else if self.kind.is_deadline() && !agreement.business_day_adjustment {
            w.push("Business-day adjustment is switched off for this agreement".to_string());
        } else if self.kind == EventKind::ExitWindowEnd {
            if let Some(last) = self.last_business_day.filter(|d| *d != self.date) {
                let country = agreement_country(agreement);
                let adj = calendar::previous_business_day(country, self.date);
                w.push(format!(
                    "{} is not a business day ({}): the last business day within the window is {} (rule 4; the window's end does not move)",
                    self.date,
                    adj.skipped
                        .first()
                        .map(|s| s.reason.as_str())
                        .unwrap_or("non-working day"),
                    long_date(last)
                ));
            }
        }
        if let Some(src) = self.source(agreement) {
            w.push(format!("Source: {src}"));
        }
        w
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::calendar::Country;
    use crate::dates::{PartialDate, Period};
    use crate::model::{Agreement, Source, Sourced};
    use crate::rules::{assess, EventKind};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn microsoft_like() -> Agreement {
        let src = || Source::user("- 90-day notice for non-renewal");
        let mut a = Agreement::new("Microsoft Peru");
        a.effective_date = Some(Sourced::new(d("2023-01-01"), src()));
        a.initial_term = Some(Sourced::new(Period::years(3), src()));
        a.auto_renewal = Some(Sourced::new(true, src()));
        a.renewal_period = Some(Sourced::new(Period::months(12), src()));
        a.non_renewal_notice = Some(Sourced::new(Period::days(90), src()));
        a.country = Some(Sourced::new(Country::Peru, src()));
        a.next_review = Some(Sourced::new(
            PartialDate::Month {
                year: 2025,
                month: 7,
            },
            src(),
        ));
        a
    }

    #[test]
    fn a_notice_deadline_explains_its_arithmetic_and_adjustment() {
        let a = microsoft_like();
        let s = assess(&a, d("2026-11-23"));
        let next = s.next_notice_deadline().unwrap();
        assert_eq!(
            next.explanation(),
            "Last day to serve non-renewal notice so that the term ending 2027-12-31 does not renew: 2027-12-31 − 90 days = 2027-10-02; not a business day, so act by Fri 1 Oct 2027"
        );
        let w = next.workings(&a);
        assert_eq!(w[0], "Term 3, second renewal runs 2027-01-01 to 2027-12-31: 2027-01-01 + 12 months − 1 day (rule 2)");
        assert_eq!(w[1], "Notice deadline = expiry − notice period = 2027-12-31 − 90 days = 2027-10-02 (rule 3); notice served that day leaves 90 full days up to and including expiry");
        assert!(
            w[2].contains("2027-10-02 is a Saturday") && w[2].ends_with("(rule 4)"),
            "{}",
            w[2]
        );
    }

    #[test]
    fn a_month_precision_review_says_it_falls_on_the_first_day() {
        let a = microsoft_like();
        let s = assess(&a, d("2026-11-23"));
        let nr = s
            .events
            .iter()
            .find(|e| e.kind == EventKind::NextReview)
            .unwrap();
        assert_eq!(
            nr.explanation(),
            "Stated as \"July 2025\": a month falls on its first day, 2025-07-01"
        );
        assert!(nr.workings(&a).iter().any(|l| l.contains("(rule 7)")));
    }
}
