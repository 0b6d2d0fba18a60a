//! Integration tests of Renewal Desk: one binary, one module per area.

mod bad_input;
mod brief;
mod brief_defects;
mod calendars;
mod common;
mod concurrency;
mod dashboard;
mod decide_by;
mod decision;
mod golden;
mod history;
mod ics;
mod mail;
mod manual;
mod portfolio;
mod reading;
mod reading_props;
mod recorded;
mod register;
mod remind;
mod rules_props;
mod samples;
mod serving_notice;
mod spans;
mod store;
