//! Adapters: everything that reads or writes the outside world for the domain — documents
//! in ([`import`]), the SQLite database ([`store`]), the PDF renewal brief ([`brief`]),
//! calendar files ([`ics`]) and reminders ([`remind`]).

pub mod brief;
pub mod calendar_ics;
pub mod ics;
pub mod import;
pub mod mail;
pub mod remind;
pub mod store;
