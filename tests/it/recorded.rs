//! What users record changes what the engine computes (renewal-rules.md: `expiry` kind,
//! rule 6): served notices, planned exits, done marks.

use renewal_core::domain::model::{AgreementStatus, DoneMark, ServedNotice};
use renewal_core::domain::rules::{assess, EventKind, EventStatus};

use crate::common::*;

fn ms() -> renewal_core::domain::model::Agreement {
    import_seed("microsoft-peru-mifibra.md").agreement
}

fn served(on: &str) -> Option<ServedNotice> {
    Some(ServedNotice {
        served_on: d(on),
        note: "by courier".to_string(),
    })
}

#[test]
fn non_renewal_notice_served_in_time_ends_the_agreement_at_the_end_of_that_term() {
    let mut a = ms();
    // Served 2027-09-15, before the 2027-10-02 deadline of the term ending 2027-12-31.
    a.recorded.non_renewal_notice = served("2027-09-15");
    let s = assess(&a, d("2027-09-20"));
    assert_eq!(s.status, AgreementStatus::Active);
    assert!(!s.renewing);
    assert_eq!(s.end_date, Some(d("2027-12-31")));
    let expiry = s
        .events
        .iter()
        .find(|e| e.kind == EventKind::Expiry)
        .unwrap();
    assert_eq!(expiry.date, d("2027-12-31"));
    assert!(expiry
        .workings(&a)
        .join(" ")
        .contains("served on 2027-09-15"));
    let notice = s
        .events
        .iter()
        .find(|e| e.kind == EventKind::NonRenewalNoticeDeadline)
        .unwrap();
    assert_eq!(notice.status, EventStatus::Done);
    assert!(!s
        .events
        .iter()
        .any(|e| e.kind == EventKind::Renewal && e.date > d("2027-12-31")));
    assert_eq!(s.default_outcome(&a), "ends on Fri 31 Dec 2027");
    // After the end: expired, and it does not roll forward.
    let later = assess(&a, d("2028-02-01"));
    assert_eq!(later.status, AgreementStatus::Expired);
    assert_eq!(later.current_term().unwrap().end, d("2027-12-31"));
}

#[test]
fn a_late_non_renewal_notice_lets_one_more_renewal_happen() {
    let mut a = ms();
    // Served 2026-11-20: after the 2026-10-02 deadline, so 2027 renews; ends 2027-12-31.
    a.recorded.non_renewal_notice = served("2026-11-20");
    let s = assess(&a, today());
    assert_eq!(s.status, AgreementStatus::Active);
    assert_eq!(s.end_date, Some(d("2027-12-31")));
    assert!(s
        .events
        .iter()
        .any(|e| e.kind == EventKind::Renewal && e.date == d("2027-01-01")));
    assert!(!s
        .events
        .iter()
        .any(|e| e.kind == EventKind::Renewal && e.date == d("2028-01-01")));
}

#[test]
fn termination_for_convenience_recorded_ends_it_after_the_notice_period() {
    let mut a = ms();
    a.recorded.termination_notice = served("2026-11-23");
    let s = assess(&a, today());
    assert_eq!(s.end_date, Some(d("2027-05-22")));
    assert!(!s
        .events
        .iter()
        .any(|e| e.date > d("2027-05-22") && e.kind == EventKind::Renewal));
    let after = assess(&a, d("2027-06-01"));
    assert_eq!(after.status, AgreementStatus::Terminated);
}

#[test]
fn a_planned_exit_turns_convenience_notice_into_a_serve_by_deadline() {
    let mut a = ms();
    a.recorded.planned_exit = Some(d("2027-06-30"));
    let s = assess(&a, today());
    let serve_by = s
        .events
        .iter()
        .find(|e| e.kind == EventKind::TerminationNoticeDeadline)
        .unwrap();
    // 2027-06-30 − 180 days = 2027-01-01, New Year's Day in Peru → Thu 2026-12-31.
    assert_eq!(serve_by.unadjusted_date, d("2027-01-01"));
    assert_eq!(serve_by.date, d("2026-12-31"));
    assert!(serve_by.workings(&a).iter().any(|w| w.contains("rule 6")));
}

#[test]
fn a_done_mark_closes_an_overdue_item() {
    let mut a = ms();
    let s = assess(&a, today());
    let review = s
        .events
        .iter()
        .find(|e| e.kind == EventKind::NextReview)
        .unwrap();
    assert_eq!(review.status, EventStatus::Overdue);
    a.recorded.done.insert(
        review.id(),
        DoneMark {
            done_on: d("2026-11-20"),
            note: "reviewed with legal".to_string(),
        },
    );
    let s = assess(&a, today());
    let review = s
        .events
        .iter()
        .find(|e| e.kind == EventKind::NextReview)
        .unwrap();
    assert_eq!(review.status, EventStatus::Done);
    assert_eq!(review.id(), "next_review:2025-07-01");
}

#[test]
fn business_day_adjustment_can_be_switched_off() {
    let mut a = ms();
    a.business_day_adjustment = false;
    let s = assess(&a, today());
    let next = s.next_notice_deadline().unwrap();
    assert_eq!(next.date, d("2027-10-02"));
    assert!(next.workings(&a).iter().any(|w| w.contains("switched off")));
}
