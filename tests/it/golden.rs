//! Golden tests: the worked example of renewal-rules.md for the three sample agreements at
//! today = 2026-11-23, through the real importer and engine, and through the CLI.

use renewal_core::domain::calendar::Country;
use renewal_core::domain::dates::{PartialDate, Period, Precision};
use renewal_core::domain::model::{AgreementStatus, PriceReview, TerminationKind};
use renewal_core::domain::money::Quantity;
use renewal_core::domain::rules::{assess, Assessment, DatedEvent, EventKind, EventStatus};
use rust_decimal::Decimal;

use crate::common::*;

fn events(a: &Assessment, kind: EventKind) -> Vec<&DatedEvent> {
    a.events.iter().filter(|e| e.kind == kind).collect()
}

fn money_amount(q: &Quantity) -> (Decimal, String) {
    match q {
        Quantity::Money { money, .. } => (money.amount, money.currency.clone()),
        other => panic!("expected money, got {other:?}"),
    }
}

#[test]
fn microsoft_peru_reads_every_clause_the_worked_example_relies_on() {
    let doc = import_seed("microsoft-peru-mifibra.md");
    let a = &doc.agreement;
    assert_eq!(a.title, "Microsoft Peru Partnership Agreement");
    assert_eq!(a.effective_date.as_ref().unwrap().value, d("2023-01-01"));
    assert_eq!(a.initial_term.as_ref().unwrap().value, Period::years(3));
    assert!(a.auto_renewal.as_ref().unwrap().value);
    assert_eq!(a.renewal_period.as_ref().unwrap().value, Period::months(12));
    assert_eq!(
        a.non_renewal_notice.as_ref().unwrap().value,
        Period::days(90)
    );
    assert_eq!(
        a.price_review.as_ref().unwrap().value,
        PriceReview::AtEachRenewal
    );
    assert_eq!(
        a.next_review.as_ref().unwrap().value,
        PartialDate::Month {
            year: 2025,
            month: 7
        }
    );
    assert_eq!(a.country.as_ref().unwrap().value, Country::Peru);
    assert_eq!(a.counterparty.as_deref(), Some("Microsoft Corporation"));
    assert_eq!(a.our_party.as_deref(), Some("MiFibra Communications PLC"));
    assert_eq!(
        a.classification.as_ref().unwrap().value,
        "Commercial in Confidence"
    );
    assert_eq!(
        a.contract_owner.as_ref().unwrap().value,
        "Commercial Director"
    );
    // Every value keeps a pointer to its text.
    let notice_src = &a.non_renewal_notice.as_ref().unwrap().source;
    assert_eq!(notice_src.text, "- 90-day notice for non-renewal");
    assert_eq!(notice_src.line, Some(148));
    assert!(notice_src.section.ends_with("Renewal Terms"));
    // Termination rights, each with its period.
    let conv = a.convenience_termination().unwrap();
    assert_eq!(conv.notice, Some(Period::days(180)));
    assert_eq!(conv.consequence, "Wind-down plan");
    let breach = a
        .termination_rights
        .iter()
        .find(|t| t.kind == TerminationKind::MaterialBreach)
        .unwrap();
    assert_eq!(breach.cure_period, Some(Period::days(30)));
    assert_eq!(breach.notice, None);
    // Money: S/15M is 15,000,000 PEN; S/250K/year per year.
    let total = a.total_commitment.as_ref().unwrap();
    assert_eq!(
        money_amount(&total.value),
        (Decimal::from(15_000_000), "PEN".to_string())
    );
    let campaign = a
        .amounts
        .iter()
        .find(|c| c.label == "Campaign fund" && c.column == "Microsoft Contribution")
        .unwrap();
    assert_eq!(campaign.value.to_string(), "S/ 250,000 per year");
    let azure_y3 = a
        .commitments
        .iter()
        .find(|c| c.label == "Azure Consumption" && c.year == Some(3))
        .unwrap();
    assert_eq!(
        money_amount(&azure_y3.value),
        (Decimal::from(3_000_000), "PEN".to_string())
    );
    assert_eq!(a.revenue_shares.len(), 4);
    assert_eq!(a.service_levels.len(), 4);
    assert!(a
        .data_protection
        .iter()
        .any(|s| s.value.contains("Peru/EU")));
    // Nothing thrown away: every section and table is kept, and the text verbatim.
    assert!(a
        .sections
        .iter()
        .any(|s| s.heading == "Joint Activities" && s.tables[0].rows.len() == 4));
    assert_eq!(
        doc.source_text,
        std::fs::read_to_string(seed("microsoft-peru-mifibra.md")).unwrap()
    );
    assert_eq!(doc.sha256.len(), 64);
    // No renewal warnings for a complete document.
    assert!(!a.warnings.iter().any(|w| w.code == "no_renewal_clause"));
}

#[test]
fn microsoft_peru_dates_at_2026_11_23() {
    let a = import_seed("microsoft-peru-mifibra.md").agreement;
    let s = assess(&a, today());
    assert_eq!(s.status, AgreementStatus::Active);
    // initial term ends 2025-12-31; current term 2026-01-01 to 2026-12-31
    assert_eq!(s.terms[0].end, d("2025-12-31"));
    let cur = s.current_term().unwrap();
    assert_eq!((cur.start, cur.end), (d("2026-01-01"), d("2026-12-31")));

    let notices = events(&s, EventKind::NonRenewalNoticeDeadline);
    // its notice deadline 2026-10-02 has closed
    assert_eq!(notices[0].date, d("2026-10-02"));
    assert_eq!(notices[0].status, EventStatus::Closed);
    // the next notice deadline is 2027-10-02, a Saturday, so 2027-10-01
    assert_eq!(notices[1].unadjusted_date, d("2027-10-02"));
    assert_eq!(notices[1].date, d("2027-10-01"));
    assert_eq!(notices[1].status, EventStatus::Open);
    assert_eq!(notices[1].days_from_today, 312);
    let next = s.next_notice_deadline().unwrap();
    assert_eq!(next.date, d("2027-10-01"));
    assert_eq!(s.next_deadline().unwrap().date, d("2027-10-01"));
    let w = next.workings(&a).join("\n");
    assert!(w.contains("2027-12-31 − 90 days = 2027-10-02"), "{w}");
    assert!(w.contains("Saturday"), "{w}");
    assert!(w.contains("90-day notice for non-renewal"), "{w}");

    // renews 2027-01-01 with a price review that day
    let renewal = events(&s, EventKind::Renewal)[0];
    assert_eq!(renewal.date, d("2027-01-01"));
    assert_eq!(renewal.status, EventStatus::Open);
    let review = events(&s, EventKind::PriceReview)[0];
    assert_eq!(review.date, d("2027-01-01"));
    // If nobody acts, the renewal being decided is the one the open notice deadline
    // 2027-10-02 guards: 1 January 2028 (1 January 2027 is already locked in).
    assert_eq!(
        s.default_outcome(&a),
        "renews on Sat 1 Jan 2028 for 12 months with a price review"
    );
    // notice for convenience served today ends it no earlier than 2027-05-22
    let conv = s.convenience.as_ref().unwrap();
    assert_eq!(conv.earliest_end_if_served_today, d("2027-05-22"));
    // next review (July 2025) is overdue, shown with month precision
    let nr = events(&s, EventKind::NextReview)[0];
    assert_eq!(nr.date, d("2025-07-01"));
    assert_eq!(nr.precision, Precision::Month);
    assert_eq!(nr.status, EventStatus::Overdue);
    // Obligations: Graph API integration Q2 2025 → 2025-06-30, overdue.
    let obligations = events(&s, EventKind::ObligationDue);
    let graph = obligations
        .iter()
        .find(|e| e.subject.as_deref() == Some("Graph API integration"))
        .unwrap();
    assert_eq!(graph.date, d("2025-06-30"));
    assert_eq!(graph.status, EventStatus::Overdue);
    // Sorted by date.
    assert!(s.events.windows(2).all(|w| w[0].date <= w[1].date));
}

fn check_aws(name: &str, country: Country, currency: &str) {
    let doc = import_seed(name);
    let a = &doc.agreement;
    assert_eq!(a.effective_date.as_ref().unwrap().value, d("2023-07-01"));
    assert_eq!(a.initial_term.as_ref().unwrap().value, Period::years(3));
    assert!(
        a.auto_renewal.is_none(),
        "the document has no renewal clause"
    );
    assert!(a.warnings.iter().any(|w| w.code == "no_renewal_clause"
        && w.message == "no renewal clause found: confirm whether it was extended"));
    assert_eq!(a.country.as_ref().unwrap().value, country);
    assert_eq!(a.exit_rights.len(), 3);
    let total = a.total_commitment.as_ref().unwrap();
    assert_eq!(
        money_amount(&total.value),
        (Decimal::from(12_000_000), currency.to_string())
    );
    let y2 = a
        .commitments
        .iter()
        .find(|c| c.year == Some(2) && c.column == "Minimum Spend")
        .unwrap();
    assert_eq!(money_amount(&y2.value).0, Decimal::from(4_000_000));

    let s = assess(a, today());
    assert_eq!(s.status, AgreementStatus::Expired);
    assert_eq!(s.end_date, Some(d("2026-06-30")));
    let expiry = events(&s, EventKind::Expiry)[0];
    assert_eq!(expiry.date, d("2026-06-30"));
    let windows = events(&s, EventKind::ExitWindowEnd);
    let by_subject = |p: &str| {
        windows
            .iter()
            .find(|e| e.subject.as_deref().unwrap_or("").starts_with(p))
            .unwrap_or_else(|| panic!("no exit window {p}"))
    };
    let export = by_subject("Contract end");
    assert_eq!(
        (export.date, export.status),
        (d("2026-09-28"), EventStatus::Closed)
    );
    let migration = by_subject("Migration");
    assert_eq!(
        (migration.date, migration.status),
        (d("2026-12-27"), EventStatus::Open)
    );
    let wind_down = by_subject("Termination");
    assert_eq!(wind_down.date, d("2027-06-30"));
    assert_eq!(
        s.default_outcome(a),
        "expired on Tue 30 Jun 2026; migration (assisted) closes Sun 27 Dec 2026"
    );
    let nr = events(&s, EventKind::NextReview)[0];
    assert_eq!(nr.status, EventStatus::Overdue);
    // No notice deadlines or renewals are invented for a fixed term.
    assert!(events(&s, EventKind::Renewal).is_empty());
    assert!(events(&s, EventKind::NonRenewalNoticeDeadline).is_empty());
}

#[test]
fn aws_peru_expired_with_exit_windows() {
    check_aws("aws-peru-mifibra.md", Country::Peru, "PEN");
}

#[test]
fn aws_chile_as_aws_peru_with_dollar_assumed_usd() {
    check_aws("aws-chile-wom.md", Country::Chile, "USD");
    let a = import_seed("aws-chile-wom.md").agreement;
    let w = a
        .warnings
        .iter()
        .find(|w| w.code == "currency_assumed")
        .expect("the $ assumption is a warning");
    assert_eq!(w.line, Some(12));
    assert!(w.message.contains("Chilean peso"));
}

#[test]
fn cli_deadlines_json_reproduces_the_worked_example() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let files: Vec<String> = seed_files()
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let out = renewals(&db, "2026-11-23", &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("Microsoft Peru Partnership Agreement"));

    let out = renewals(&db, "2026-11-23", &["deadlines", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    for r in rows {
        for key in [
            "agreement_id",
            "agreement",
            "kind",
            "date",
            "unadjusted_date",
            "status",
            "days_from_today",
            "explanation",
        ] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
    }
    let dates: Vec<&str> = rows.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sorted by date");
    let ms_notice = rows
        .iter()
        .find(|r| {
            r["agreement"] == "Microsoft Peru Partnership Agreement"
                && r["kind"] == "non_renewal_notice_deadline"
                && r["status"] == "open"
        })
        .unwrap();
    assert_eq!(ms_notice["date"], "2027-10-01");
    assert_eq!(ms_notice["unadjusted_date"], "2027-10-02");
    assert_eq!(ms_notice["days_from_today"], 312);
    let migration = rows
        .iter()
        .find(|r| {
            r["agreement"] == "AWS Peru Partnership Agreement"
                && r["kind"] == "exit_window_end"
                && r["status"] == "open"
        })
        .unwrap();
    assert_eq!(migration["date"], "2026-12-27");

    // --within keeps only what is still to act on within the window.
    let out = renewals(
        &db,
        "2026-11-23",
        &["deadlines", "--within", "40", "--json"],
    );
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows
        .iter()
        .all(|r| r["days_from_today"].as_i64().unwrap() <= 40));
    assert!(rows
        .iter()
        .all(|r| r["status"] == "open" || r["status"] == "overdue"));
    assert!(rows.iter().any(|r| r["date"] == "2027-01-01"));
    assert!(!rows.iter().any(|r| r["date"] == "2027-10-01"));

    // list --json: one row per agreement with the contract's fields.
    let out = renewals(&db, "2026-11-23", &["list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 3);
    let ms = list
        .iter()
        .find(|r| r["title"] == "Microsoft Peru Partnership Agreement")
        .unwrap();
    assert_eq!(ms["status"], "active");
    assert_eq!(ms["counterparty"], "Microsoft Corporation");
    assert_eq!(ms["current_term_end"], "2026-12-31");
    assert_eq!(ms["next_deadline"]["date"], "2027-10-01");
    let aws = list
        .iter()
        .find(|r| r["title"] == "AWS Peru Partnership Agreement")
        .unwrap();
    assert_eq!(aws["status"], "expired");

    // show --json: every field, warnings, events with workings.
    let id = ms["id"].as_i64().unwrap().to_string();
    let out = renewals(&db, "2026-11-23", &["show", &id, "--json"]);
    let detail: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(detail["agreement"]["effective_date"]["value"], "2023-01-01");
    assert_eq!(
        detail["convenience"]["earliest_end_if_served_today"],
        "2027-05-22"
    );
    assert!(!detail["events"][0]["workings"]
        .as_array()
        .unwrap()
        .is_empty());
    let out = renewals(&db, "2026-11-23", &["show", &id]);
    let text = stdout(&out);
    assert!(
        text.contains("Fri 1 Oct 2027 (unadjusted 2027-10-02)"),
        "{text}"
    );
}

// Issue 15: after a recorded notice, nothing after the end; an exit window's last business day.

#[test]
fn microsoft_peru_terminated_lists_nothing_after_the_end() {
    use renewal_core::domain::model::ServedNotice;
    let mut a = import_seed("microsoft-peru-mifibra.md").agreement;
    // `notice ID --termination --served 2027-06-01`, as of 2027-06-01: 180 days → 2027-11-28.
    a.recorded.termination_notice = Some(ServedNotice {
        served_on: d("2027-06-01"),
        note: String::new(),
    });
    let s = assess(&a, d("2027-06-01"));
    assert_eq!(s.end_date, Some(d("2027-11-28")));
    let expiry = events(&s, EventKind::Expiry);
    assert_eq!(expiry.len(), 1);
    assert_eq!(expiry[0].date, d("2027-11-28"));
    for kind in [
        EventKind::NonRenewalNoticeDeadline,
        EventKind::Renewal,
        EventKind::PriceReview,
    ] {
        for e in events(&s, kind) {
            assert!(
                e.unadjusted_date <= d("2027-11-28"),
                "{kind} {} listed after the end",
                e.unadjusted_date
            );
        }
    }
    // The deadline of 2027-10-02 guarded the renewal of 2028-01-01, which never happens.
    assert!(!events(&s, EventKind::NonRenewalNoticeDeadline)
        .iter()
        .any(|e| e.unadjusted_date == d("2027-10-02")));

    // Terminated on 2026-09-12 (served 2026-03-16 + 180 days): nothing for 2027.
    a.recorded.termination_notice = Some(ServedNotice {
        served_on: d("2026-03-16"),
        note: String::new(),
    });
    let s = assess(&a, today());
    assert_eq!(s.end_date, Some(d("2026-09-12")));
    assert_eq!(s.status, AgreementStatus::Terminated);
    assert!(s.convenience.is_none(), "no 'if served today' once ended");
    assert!(
        !s.events.iter().any(|e| e.unadjusted_date >= d("2027-01-01")
            && matches!(
                e.kind,
                EventKind::NonRenewalNoticeDeadline | EventKind::Renewal | EventKind::PriceReview
            )),
        "{:?}",
        s.events
    );
}

#[test]
fn aws_peru_migration_window_shows_its_last_business_day() {
    let a = import_seed("aws-peru-mifibra.md").agreement;
    let s = assess(&a, today());
    let migration = events(&s, EventKind::ExitWindowEnd)
        .into_iter()
        .find(|e| e.subject.as_deref().unwrap_or("").starts_with("Migration"))
        .unwrap();
    // Closes Sunday 2026-12-27; 26 Saturday, 25 Christmas Day (Peru): Thursday 24 December.
    assert_eq!(migration.date, d("2026-12-27"));
    assert_eq!(migration.last_business_day, Some(d("2026-12-24")));
    let w = migration.workings(&a).join("\n");
    assert!(
        w.contains("the last business day within the window is Thu 24 Dec 2026"),
        "{w}"
    );
}

#[test]
fn an_import_warns_when_the_notice_period_outlasts_the_renewal_period() {
    use renewal_core::adapters::import::import_markdown;
    let text = std::fs::read_to_string(seed("microsoft-peru-mifibra.md")).unwrap();
    let as_read = import_markdown("microsoft-peru-mifibra.md", &text).unwrap();
    assert!(!as_read
        .agreement
        .warnings
        .iter()
        .any(|w| w.code == "notice_longer_than_term"));
    let longer = text.replace(
        "- 90-day notice for non-renewal",
        "- 400-day notice for non-renewal",
    );
    let a = import_markdown("longer-notice.md", &longer)
        .unwrap()
        .agreement;
    assert_eq!(
        a.non_renewal_notice.as_ref().unwrap().value,
        Period::days(400)
    );
    let warnings: Vec<_> = a
        .warnings
        .iter()
        .filter(|w| w.code == "notice_longer_than_term")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].field, "non_renewal_notice");
    assert_eq!(warnings[0].line, Some(148));
    assert_eq!(
        warnings[0].message,
        "the non-renewal notice period (400 days) is as long as or longer than the renewal period (12 months): each notice deadline falls before the term it guards starts; confirm both periods"
    );
}
