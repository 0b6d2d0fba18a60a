//! Adapters: everything that reads or writes the outside world for the domain — documents
//! in ([`import`]), the SQLite database ([`store`]), the PDF renewal brief ([`brief`]),
//! calendar files ([`ics`]), reminders ([`remind`]) and, with the `mail` feature (on by
//! default), reminders by email (`mail`).

pub mod brief;
pub mod calendar_ics;
pub mod ics;
pub mod import;
#[cfg(feature = "mail")]
pub mod mail;
pub mod remind;
pub mod store;
