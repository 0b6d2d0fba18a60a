//! # renewal-notify
//!
//! Desktop notifications for Renewal Desk reminders: [`DesktopNotifier`] implements
//! [`renewal_core::adapters::remind::Notifier`] with notify-rust (pure-Rust zbus backend, talking to the
//! freedesktop notification server on the session bus). Used by the `renewals` CLI and,
//! later, the desktop app; the core itself needs no notification server.
//!
//! - **Text** comes from [`renewal_core::adapters::remind::Message`]: the summary names the agreement
//!   and the deadline, the body gives the date, the days left and the default outcome.
//!   It is escaped when the server renders markup (`body-markup` capability).
//! - **Urgency** follows the reminder: low 30 days or more ahead, critical 3 days or fewer
//!   or overdue, normal in between.
//! - **Actions** (open brief, snooze 1 day, mark done) are added only when the server
//!   advertises the `actions` capability.
//! - **Timeouts**: every call to the server runs on its own thread and is abandoned after
//!   [`DEFAULT_TIMEOUT`] (a frozen server must not hang the app); with no server at all the
//!   error comes back within milliseconds. Either way the reminder run records the failure
//!   and retries on its next run.
//!
//! ```no_run
//! use renewal_core::adapters::remind::Notifier;
//! use renewal_notify::DesktopNotifier;
//!
//! let notifier = DesktopNotifier::new();
//! match notifier.server() {
//!     Ok(info) => println!("{} {} {:?}", info.name, info.version, info.capabilities),
//!     Err(e) => eprintln!("reminders will be kept for later: {e}"),
//! }
//! ```

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;
use std::time::Duration;

use renewal_core::adapters::remind::{
    ActionInvoked, Message, Notifier, NotifyError, Sent, Urgency as ReminderUrgency,
};

/// How long each call to the notification server may take before it is abandoned.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The application name shown by the notification server.
pub const APP_NAME: &str = "Renewal Desk";

/// What the notification server says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// Product name, e.g. `dunst`.
    pub name: String,
    /// Version, e.g. `1.9.0`.
    pub version: String,
    /// Capabilities, e.g. `["actions", "body", "body-markup", ...]`.
    pub capabilities: Vec<String>,
}

impl ServerInfo {
    /// Whether the server advertises `capability`.
    pub fn has(&self, capability: &str) -> bool {
        self.capabilities.iter().any(|c| c == capability)
    }
}

/// Runs `f` on its own thread and waits at most `timeout` for its result. On timeout the
/// thread is left to finish (or stay blocked) on its own; the caller goes on.
pub fn with_timeout<T, F>(timeout: Duration, f: F) -> Result<T, NotifyError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("renewal-notify".to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| NotifyError::Failed(format!("cannot start a thread: {e}")))?;
    rx.recv_timeout(timeout)
        .map_err(|_| NotifyError::Timeout(timeout))
}

/// Escapes `& < >` for servers that render the body as markup.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The notify-rust implementation of [`Notifier`].
pub struct DesktopNotifier {
    timeout: Duration,
    listen: bool,
    actions: Mutex<(Sender<ActionInvoked>, Receiver<ActionInvoked>)>,
}

impl Default for DesktopNotifier {
    fn default() -> Self {
        DesktopNotifier::new()
    }
}

impl DesktopNotifier {
    /// A notifier with the [`DEFAULT_TIMEOUT`] that does not listen for button clicks.
    pub fn new() -> Self {
        DesktopNotifier {
            timeout: DEFAULT_TIMEOUT,
            listen: false,
            actions: Mutex::new(mpsc::channel()),
        }
    }

    /// Sets the timeout of each call to the server.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Listens for button clicks on the notifications it sends (see
    /// [`Notifier::next_action`]): one background thread per notification, waiting for the
    /// server's `ActionInvoked` or `NotificationClosed` signal.
    pub fn listen_for_actions(mut self, listen: bool) -> Self {
        self.listen = listen;
        self
    }

    /// Asks the server for its name, version and capabilities (each call under the timeout).
    /// Errors: [`NotifyError::NoServer`] when nothing answers on the session bus,
    /// [`NotifyError::Timeout`] when the server is frozen.
    pub fn server(&self) -> Result<ServerInfo, NotifyError> {
        let capabilities = with_timeout(self.timeout, notify_rust::get_capabilities)?
            .map_err(|e| NotifyError::NoServer(e.to_string()))?;
        let (name, version) = match with_timeout(self.timeout, notify_rust::get_server_information)?
        {
            Ok(i) => (i.name, i.version),
            Err(e) => {
                tracing::debug!("GetServerInformation failed: {e}");
                ("notification server".to_string(), String::new())
            }
        };
        Ok(ServerInfo {
            name,
            version,
            capabilities,
        })
    }
}

fn urgency(u: ReminderUrgency) -> notify_rust::Urgency {
    match u {
        ReminderUrgency::Low => notify_rust::Urgency::Low,
        ReminderUrgency::Normal => notify_rust::Urgency::Normal,
        ReminderUrgency::Critical => notify_rust::Urgency::Critical,
    }
}

/// Builds the notify-rust notification for `message` as `server` can show it.
pub fn notification(message: &Message, server: &ServerInfo) -> notify_rust::Notification {
    let mut n = notify_rust::Notification::new();
    let markup = server.has("body-markup");
    let text = |s: &str| {
        if markup {
            escape_markup(s)
        } else {
            s.to_string()
        }
    };
    n.appname(APP_NAME)
        .summary(&message.summary)
        .body(&text(&message.body))
        .icon("appointment-soon")
        .hint(notify_rust::Hint::Category(
            "x-renewal-desk.reminder".to_string(),
        ))
        .urgency(urgency(message.urgency));
    if server.has("actions") {
        for a in &message.actions {
            n.action(&a.key, &a.label);
        }
    }
    n
}

impl Notifier for DesktopNotifier {
    fn send(&self, message: &Message) -> Result<Sent, NotifyError> {
        let server = self.server()?;
        let n = notification(message, &server);
        let handle = with_timeout(self.timeout, move || n.show())?
            .map_err(|e| NotifyError::Failed(e.to_string()))?;
        let id = handle.id();
        if self.listen && server.has("actions") {
            if let Ok(guard) = self.actions.lock() {
                let tx = guard.0.clone();
                let spawned = std::thread::Builder::new()
                    .name("renewal-notify-actions".to_string())
                    .spawn(move || {
                        handle.wait_for_action(|key| {
                            let _ = tx.send(ActionInvoked {
                                id,
                                key: key.to_string(),
                            });
                        })
                    });
                if let Err(e) = spawned {
                    tracing::warn!("cannot listen for notification actions: {e}");
                }
            }
        }
        let who = if server.version.is_empty() {
            server.name.clone()
        } else {
            format!("{} {}", server.name, server.version)
        };
        Ok(Sent {
            channel: format!("desktop notification #{id} ({who})"),
            id: Some(id),
        })
    }

    fn next_action(&self, timeout: Duration) -> Option<ActionInvoked> {
        let guard = self.actions.lock().ok()?;
        guard.1.recv_timeout(timeout).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_that_hangs_is_abandoned() {
        let start = std::time::Instant::now();
        let r = with_timeout(Duration::from_millis(100), || {
            std::thread::sleep(Duration::from_secs(5));
        });
        assert_eq!(r, Err(NotifyError::Timeout(Duration::from_millis(100))));
        assert!(start.elapsed() < Duration::from_secs(2));
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_markup("A & B <i>"), "A &amp; B &lt;i&gt;");
    }
}
