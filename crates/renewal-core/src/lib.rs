//! # renewal-core
//!
//! Renewal Desk without a display, no Tauri and no notification server, in three layers
//! (see `docs/architecture.md`):
//!
//! - [`domain`]: the pure domain (the `renewal-domain` crate): the agreement model, dates,
//!   money, calendars and the deadline engine of `renewal-rules.md`;
//! - [`adapters`]: what reads and writes the outside world: the document [`adapters::import`]er,
//!   the SQLite [`adapters::store`], the PDF renewal [`adapters::brief`], calendar export
//!   ([`adapters::ics`]) and reminders ([`adapters::remind`]);
//! - [`services`]: what the app and the CLI do with them, the one application layer both
//!   front ends call ([`services::portfolio`], [`services::dashboard`], edits, samples).
//!
//! Every date is computed by the rules in `renewal-rules.md` and comes with its workings.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::adapters::import::import_markdown;
//! use renewal_core::domain::rules::{assess, EventKind};
//!
//! let doc = "# Example Peru Supply Agreement\n\n\
//! | Field | Details |\n|---|---|\n\
//! | Parties | Acme SAC / Widget Corp |\n\
//! | Effective Date | 1 January 2023 |\n\
//! | Term | 3 years (auto-renewal) |\n\n\
//! ## Renewal Terms\n\n\
//! - Auto-renewal for 12-month periods\n\
//! - 90-day notice for non-renewal\n";
//! let agreement = import_markdown("example.md", doc)?.agreement;
//! let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let assessment = assess(&agreement, today);
//! let next = assessment.next_notice_deadline().unwrap();
//! assert_eq!(next.kind, EventKind::NonRenewalNoticeDeadline);
//! assert_eq!(next.unadjusted_date.to_string(), "2027-10-02"); // a Saturday
//! assert_eq!(next.date.to_string(), "2027-10-01"); // moved back to Friday (rule 4)
//! # Ok::<(), renewal_core::adapters::import::ImportError>(())
//! ```

pub use renewal_domain as domain;

pub mod adapters;
pub mod error;
pub mod services;

pub use error::{Error, Result};
