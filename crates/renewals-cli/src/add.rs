//! `renewals add`: an agreement entered by hand (issue 11 item 2), checked like an edit;
//! a bad value is refused with a message naming the option and nothing is stored.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use renewal_core::adapters::store::Store;
use renewal_core::domain::rules::assess;
use renewal_core::services::manual::{add, NewAgreement};

use crate::error::CliResult;

/// The options of `renewals add`. Periods as "36 months", "1 year", "60 days"; dates as
/// 2024-04-01 or "1 April 2024".
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// The agreement's title
    #[arg(long)]
    title: String,
    /// The other party
    #[arg(long)]
    counterparty: Option<String>,
    /// The parties, separated by " / "
    #[arg(long)]
    parties: Option<String>,
    /// The contract owner (a name from `renewals people`)
    #[arg(long)]
    owner: Option<String>,
    /// The country whose public holidays apply (name or ISO code: PE, CL, US, ...)
    #[arg(long)]
    country: Option<String>,
    /// The effective date
    #[arg(long, value_name = "DATE")]
    effective: String,
    /// The initial term, e.g. "36 months" (or give --expiry)
    #[arg(long, value_name = "PERIOD", conflicts_with = "expiry")]
    term: Option<String>,
    /// The expiry date: the last day of the initial term (or give --term)
    #[arg(long, value_name = "DATE")]
    expiry: Option<String>,
    /// The renewal period, e.g. "12 months": the agreement renews automatically
    #[arg(long, value_name = "PERIOD")]
    renewal: Option<String>,
    /// The non-renewal notice period, e.g. "90 days" (needs --renewal)
    #[arg(long, value_name = "PERIOD")]
    notice: Option<String>,
    /// The notice period of a termination for convenience, e.g. "180 days"
    #[arg(long, value_name = "PERIOD")]
    convenience: Option<String>,
    /// The price review: "at each renewal", "annually" or other text
    #[arg(long, value_name = "TEXT")]
    price_review: Option<String>,
    /// The next review date (any precision: "July 2027", "Q3 2027", 2027-07-15)
    #[arg(long, value_name = "DATE")]
    next_review: Option<String>,
    /// The total contract value, e.g. 1,200,000 (needs --currency)
    #[arg(long, value_name = "AMOUNT")]
    value: Option<String>,
    /// The currency of --value, an ISO 4217 code (PEN, USD, CLP, ...)
    #[arg(long, value_name = "CCY")]
    currency: Option<String>,
}

impl From<AddArgs> for NewAgreement {
    fn from(a: AddArgs) -> Self {
        NewAgreement {
            title: a.title,
            counterparty: a.counterparty,
            parties: a.parties,
            owner: a.owner,
            country: a.country,
            effective_date: a.effective,
            term: a.term,
            expiry: a.expiry,
            renewal: a.renewal,
            notice: a.notice,
            convenience: a.convenience,
            price_review: a.price_review,
            next_review: a.next_review,
            value: a.value,
            currency: a.currency,
        }
    }
}

/// Stores the agreement and prints its id and its next deadline with the workings.
pub(crate) fn run(store: &mut Store, args: AddArgs, as_of: NaiveDate) -> CliResult {
    let new = NewAgreement::from(args);
    let imported = add(store, &new, as_of)?;
    outln!("{}\t{}\tentered by hand", imported.id, imported.title);
    let stored = store.get(imported.id)?;
    let s = assess(&stored.agreement, as_of);
    match s.next_deadline() {
        Some(e) => {
            outln!(
                "Next deadline: {} — {} ({})",
                e.label(),
                renewal_core::domain::dates::long_date(e.date),
                crate::days_text(e.days_from_today)
            );
            outln!("Workings: {}", e.explanation());
        }
        None => outln!(
            "No deadline ahead as of {}.",
            renewal_core::domain::dates::long_date(as_of)
        ),
    }
    Ok(ExitCode::SUCCESS)
}
