//! Reminders by email to the contract owners (issue 12): the people directory
//! ([`people`]), the mail settings and the SMTP password ([`settings`]), what an email says
//! with its calendar invitations ([`compose`]), and the email run with its log and
//! escalation ([`run`]).
//!
//! Email is a second channel beside the desktop notifications of [`crate::adapters::remind`]:
//! both follow the same ladder; each keeps its own log, so a step shown on the laptop still
//! reaches the owner's mailbox, once.

pub mod compose;
pub mod people;
pub mod run;
pub mod settings;

pub use compose::{MailError, MailItem, Role};
pub use people::{OwnerToComplete, Person};
pub use run::{
    reconcile_invitations, run, run_configured, run_with, send_test, MailLogEntry, MailRun,
    MailTotals, SentMail, Smtp, Transport, Unreachable, MAX_DIGEST_ITEMS,
};
pub use settings::{MailSettings, Security};
