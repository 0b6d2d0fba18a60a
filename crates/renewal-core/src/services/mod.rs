//! Application services: the operations the desktop app and the `renewals` CLI both call,
//! so that every setting applies to both front ends.
//!
//! - [`portfolio`]: import batches, samples, settings, one agreement's page, export, backup;
//! - [`dashboard`]: the dashboard and the one agreement row model of lists and tables;
//! - [`table`]: the agreements table searched, filtered, sorted and paged over every row;
//! - [`views`]: read models of one agreement (detail, events) for the CLI, the app and the brief;
//! - [`edit`], [`clauses`]: fixing a field or a clause-table row by hand, checked like an import;
//! - [`review`]: the Review page (document lines beside the values read) and the review queue;
//! - [`readings`]: the values inferred or assumed and the values edited by hand (brief and page);
//! - [`samples`]: the fictional sample agreements shipped with the app;
//! - [`serving_notice`]: how notice is served (who, form, to whom, how), in the words every
//!   surface prints.

pub mod calendars;
pub mod clauses;
pub mod dashboard;
pub mod edit;
pub mod manual;
pub mod portfolio;
pub mod readings;
pub mod register;
pub mod review;
pub mod samples;
pub mod serving_notice;
pub mod stream;
pub mod table;
pub mod views;

/// The machine's real date (the local calendar date now), as opposed to the as-of date
/// (`as_of`) a computation is made for. Records of when something was done (a deadline
/// marked done, a notice acted on from a notification) carry the real date; every date
/// computation takes an `as_of`, which front ends default to this.
pub fn real_today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Who is making a change when no name is given: the operating-system user's login name
/// (the `whoami` crate reads it from the system, not the environment), or
/// "unknown user" when the system has none. Recorded with decisions (issue 16 items 3 and 7).
pub fn os_user() -> String {
    whoami::fallible::username()
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| "unknown user".to_string())
}
