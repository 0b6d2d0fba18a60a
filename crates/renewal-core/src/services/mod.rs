//! Application services: the operations the desktop app and the `renewals` CLI both call,
//! so that every setting applies to both front ends.
//!
//! - [`portfolio`]: import batches, samples, settings, one agreement's page, export, backup;
//! - [`dashboard`]: the dashboard and the one agreement row model of lists and tables;
//! - [`views`]: read models of one agreement (detail, events) for the CLI, the app and the brief;
//! - [`edit`], [`clauses`]: fixing a field or a clause-table row by hand, checked like an import;
//! - [`samples`]: the fictional sample agreements shipped with the app.

pub mod calendars;
pub mod clauses;
pub mod dashboard;
pub mod edit;
pub mod portfolio;
pub mod samples;
pub mod views;
