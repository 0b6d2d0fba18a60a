//! Text output of `renewals show`.

use renewal_core::domain::dates::long_date;
use renewal_core::domain::model::Sourced;
use renewal_core::services::views::AgreementDetail;

use crate::days_text;

fn field<T: std::fmt::Display>(name: &str, v: &Option<Sourced<T>>) {
    match v {
        Some(s) => outln!(
            "  {name:<24} {}  [line {}]",
            s.value,
            s.source.line.map(|l| l.to_string()).unwrap_or("-".into())
        ),
        None => outln!("  {name:<24} (unknown)"),
    }
}

/// Prints every field, the warnings and the events with workings.
pub(crate) fn print_detail(d: &AgreementDetail) {
    let a = &d.agreement;
    outln!("#{} {}", d.id, a.title);
    if let Some(s) = &a.subtitle {
        outln!("{s}");
    }
    outln!(
        "As of {}: {} — by default it {}",
        long_date(d.today),
        d.status,
        d.default_outcome
    );
    // The decision at hand, as the dashboard, the brief and notifications state it.
    outln!("Decision: {}.", d.decision.question);
    if let Some(when) = d.decision.when_text() {
        outln!("  {when}.");
    }
    // The internal decide-by date beside the legal one (issue 16 item 3).
    if let Some(by) = d.decision.decide_by_text() {
        outln!("  {by}.");
    }
    if let Some(next) = d.decision.next_step() {
        outln!("  {next}.");
    }
    if let Some(locked) = d.decision.locked_in_text() {
        outln!("  {locked}.");
    }
    match d.decision.recorded_text() {
        Some(r) => outln!("  {r}."),
        None if !d.decision.choices().is_empty() => outln!(
            "  Undecided: record it with `renewals decide {} {}`.",
            d.id,
            d.decision
                .choices()
                .iter()
                .map(|c| c.as_str().replace('_', "-"))
                .collect::<Vec<_>>()
                .join("|")
        ),
        None => {}
    }
    let provisional = a.provisional_fields();
    if !provisional.is_empty() {
        outln!(
            "Provisional: read with low confidence, to confirm: {}",
            provisional.join(", ").replace('_', " ")
        );
    }
    outln!();
    outln!("Agreement");
    field("Agreement type", &a.agreement_type);
    match &a.parties {
        Some(p) => outln!("  {:<24} {}", "Parties", p.value.join(" / ")),
        None => outln!("  {:<24} (unknown)", "Parties"),
    }
    outln!(
        "  {:<24} {}",
        "Counterparty",
        a.counterparty.as_deref().unwrap_or("(unknown)")
    );
    field("Effective date", &a.effective_date);
    field("Initial term", &a.initial_term);
    field("Auto-renewal", &a.auto_renewal);
    field("Renewal period", &a.renewal_period);
    field("Non-renewal notice", &a.non_renewal_notice);
    match &a.price_review {
        Some(p) => outln!("  {:<24} {:?}", "Price review", p.value),
        None => outln!("  {:<24} (unknown)", "Price review"),
    }
    field("Country", &a.country);
    outln!(
        "  {:<24} {}",
        "Business-day adjustment",
        if a.business_day_adjustment {
            "on"
        } else {
            "off"
        }
    );
    field("Classification", &a.classification);
    field("Contract owner", &a.contract_owner);
    field("Last review", &a.last_review);
    field("Next review", &a.next_review);
    if let Some(t) = &d.current_term {
        outln!(
            "  {:<24} #{} {} to {}",
            "Current term",
            t.number,
            t.start,
            t.end
        );
    }
    if let Some(c) = &a.total_commitment {
        outln!("  {:<24} {}", "Total commitment", c.value);
    }
    if !a.termination_rights.is_empty() {
        outln!("\nTermination rights");
        for t in &a.termination_rights {
            let n = t
                .notice
                .map(|n| format!("notice {n}"))
                .or(t.cure_period.map(|c| format!("cure period {c}")))
                .unwrap_or_else(|| "no period".into());
            outln!("  {} ({n}): {}", t.scenario, t.consequence);
        }
    }
    if let Some(c) = &d.convenience {
        outln!("  {}", c.explanation);
    }
    // How notice is served, worded as in the brief and on the agreement page.
    outln!("\nServing notice: {}", d.serving_notice.summary);
    for (title, list) in [("Commitments", &a.commitments), ("Amounts", &a.amounts)] {
        if !list.is_empty() {
            outln!("\n{title}");
            for c in list {
                outln!("  {} › {} › {}: {}", c.category, c.label, c.column, c.value);
            }
        }
    }
    if !a.revenue_shares.is_empty() {
        outln!("\nRevenue shares");
        for r in &a.revenue_shares {
            let parts: Vec<String> = r
                .parties
                .iter()
                .zip(&r.shares_percent)
                .map(|(p, s)| format!("{p} {s}%"))
                .collect();
            outln!("  {}: {}", r.product, parts.join(", "));
        }
    }
    if !a.service_levels.is_empty() {
        outln!("\nService levels");
        for s in &a.service_levels {
            outln!(
                "  {}: {} ({})",
                s.metric,
                s.target,
                s.penalty.as_deref().unwrap_or("-")
            );
        }
    }
    if !a.obligations.is_empty() {
        outln!("\nObligations");
        for o in &a.obligations {
            outln!(
                "  {} [{}]{}",
                o.name,
                o.status_text,
                o.due.map(|d| format!(" due {d}")).unwrap_or_default()
            );
        }
    }
    if !a.exit_rights.is_empty() {
        outln!("\nExit rights");
        for e in &a.exit_rights {
            outln!(
                "  {} — {}: {}",
                e.scenario,
                e.process,
                e.window.map(|w| w.to_string()).unwrap_or("-".into())
            );
        }
    }
    if !a.data_protection.is_empty() {
        outln!("\nData protection");
        for s in &a.data_protection {
            outln!("  {}", s.value);
        }
    }
    if !d.warnings.is_empty() || !d.notes.is_empty() {
        outln!("\nWarnings (confirm one with `renewals confirm ID N`)");
        for (i, w) in d.warnings.iter().enumerate() {
            let n = i + 1;
            match w.line {
                Some(l) => outln!("  [{n}] line {l}: {}: {}", w.field, w.message),
                None => outln!("  [{n}] {}: {}", w.field, w.message),
            }
        }
        for n in &d.notes {
            outln!("  {n}");
        }
    }
    outln!("\nDated events");
    for e in &d.events {
        let date = if e.date != e.unadjusted_date {
            format!("{} (unadjusted {})", long_date(e.date), e.unadjusted_date)
        } else {
            long_date(e.date)
        };
        outln!(
            "  {date}  {}  [{}, {}]",
            e.label,
            e.status,
            days_text(e.days_from_today)
        );
        for w in &e.workings {
            outln!("      {w}");
        }
    }
}

/// `renewals review ID` (issue 11 item 1): the values read with low confidence that make
/// the agreement provisional, with the text each was read from, then every warning
/// numbered as `confirm ID N` takes it, and how to confirm or correct.
pub(crate) fn print_review(stored: &renewal_core::adapters::store::StoredAgreement) {
    let a = &stored.agreement;
    outln!("#{} {}", stored.id, a.title);
    let provisional = a.provisional_fields();
    if provisional.is_empty() && a.warnings.is_empty() {
        outln!("Nothing to confirm: every value is confirmed or was read with high confidence.");
        return;
    }
    if provisional.is_empty() {
        outln!("Not provisional: no date rests on a value read with low confidence.");
    } else {
        outln!(
            "Provisional: its dates rest on {} value(s) read with low confidence:",
            provisional.len()
        );
        for field in &provisional {
            outln!("  {field}");
        }
    }
    if !a.warnings.is_empty() {
        outln!("To confirm ({}):", a.warnings.len());
        for (i, w) in a.warnings.iter().enumerate() {
            let line = w.line.map(|l| format!(" (line {l})")).unwrap_or_default();
            outln!("  {}. [{}]{line} {}", i + 1, w.field, w.message);
        }
    }
    outln!(
        "Confirm a value as read with `renewals confirm {id} FIELD` (or a warning with `renewals confirm {id} N`); correct it with `renewals edit {id} FIELD VALUE`.",
        id = stored.id
    );
}
