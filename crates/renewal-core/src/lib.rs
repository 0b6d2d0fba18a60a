//! # renewal-core
//!
//! The whole domain of Renewal Desk, with no display, no Tauri and no notification server:
//! the agreement [`model`], the deadline engine ([`rules`]), business days and public
//! holidays ([`calendar`]), the Markdown [`import`]er, the SQLite [`store`] and the PDF
//! renewal [`brief`].
//!
//! Every date is computed by the rules in `renewal-rules.md` and comes with its workings.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_core::import::import_markdown;
//! use renewal_core::rules::{assess, EventKind};
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
//! # Ok::<(), renewal_core::import::ImportError>(())
//! ```

pub mod brief;
pub mod calendar;
pub mod clauses;
pub mod dashboard;
pub mod dates;
pub mod desk;
pub mod edit;
pub mod error;
pub mod ics;
pub mod import;
pub mod model;
pub mod money;
pub mod remind;
pub mod rules;
pub mod samples;
pub mod store;
pub mod views;

pub use error::{Error, Result};
