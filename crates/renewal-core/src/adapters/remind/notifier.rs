//! The seam between the reminder run and whatever shows a reminder to a person.
//!
//! The core needs no notification server: the desktop implementation (notify-rust) lives in
//! the `renewal-notify` crate; tests use an in-memory one; the CLI also offers a plain-text
//! one for headless machines.

use std::time::Duration;

use super::message::Message;

/// How a message was delivered, recorded in the reminder log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// How, for a person: e.g. `desktop notification #7 (dunst 1.9.0)` or `standard output`.
    pub channel: String,
    /// The notification server's id for it, when there is one.
    pub id: Option<u32>,
}

/// Why a message could not be delivered. Its text is recorded as the failure reason and the
/// reminders are retried on the next run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotifyError {
    /// No notification server answers (no session bus, or nothing owns the name).
    #[error("no notification server: {0}")]
    NoServer(String),
    /// The server did not answer in time (a frozen server must not hang the run).
    #[error("the notification server did not answer within {0:?}")]
    Timeout(Duration),
    /// Any other failure, as the transport reported it.
    #[error("notification failed: {0}")]
    Failed(String),
}

/// A user clicked a button of a delivered notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInvoked {
    /// The notification's id ([`Sent::id`]).
    pub id: u32,
    /// The action's key ([`super::MessageAction::key`]).
    pub key: String,
}

/// Shows reminders to a person.
pub trait Notifier {
    /// Delivers one message (a single reminder or a digest). Must return within a bounded
    /// time: implementations talking to a server apply their own timeout.
    fn send(&self, message: &Message) -> Result<Sent, NotifyError>;

    /// Waits at most `timeout` for the person to click a button on a message this notifier
    /// sent. The default has no buttons and returns `None` at once.
    fn next_action(&self, timeout: Duration) -> Option<ActionInvoked> {
        let _ = timeout;
        None
    }
}

impl<N: Notifier + ?Sized> Notifier for &N {
    fn send(&self, message: &Message) -> Result<Sent, NotifyError> {
        (**self).send(message)
    }
    fn next_action(&self, timeout: Duration) -> Option<ActionInvoked> {
        (**self).next_action(timeout)
    }
}
