//! Integration tests of Renewal Desk: one binary, one module per area.

mod bad_input;
mod brief;
mod calendars;
mod common;
mod concurrency;
mod dashboard;
mod decision;
mod golden;
mod history;
mod ics;
mod portfolio;
mod reading;
mod reading_props;
mod recorded;
mod remind;
mod rules_props;
mod samples;
mod spans;
mod store;
