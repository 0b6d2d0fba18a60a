//! # renewal-domain
//!
//! The pure domain of Renewal Desk: what an agreement is ([`model`]), calendar arithmetic
//! on dates and periods ([`dates`], rule 1 of `renewal-rules.md`), money in
//! `rust_decimal` with ISO 4217 currencies ([`money`]), business days and public holidays
//! per country ([`calendar`], rule 4), and the deadline engine ([`rules`], rules 2–8).
//!
//! This crate has no SQLite, PDF, file or clock dependency: the compiler keeps the engine
//! a pure function of `(agreement, as_of)`. The adapters (store, importer, brief, reminders)
//! live in `renewal-core`, which re-exports this crate as `renewal_core::domain`.
//!
//! ```
//! use chrono::NaiveDate;
//! use renewal_domain::dates::Period;
//!
//! // Rule 2: expiry = start + term − 1 day.
//! let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
//! let expiry = Period::months(36).last_day_from(start);
//! assert_eq!(expiry, NaiveDate::from_ymd_opt(2025, 12, 31));
//! ```

pub mod calendar;
pub mod dates;
pub mod model;
pub mod money;
pub mod rules;
