//! The tray icon: the next deadline (a disabled menu item, plus the tooltip where the
//! platform has one), "Open", "Run reminders now" and "Quit".

use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{MouseButton, MouseButtonState, TrayIconBuilder, TrayIconEvent};
use tauri::{AppHandle, Manager, Runtime, Wry};

use crate::state::AppState;

/// Id of the tray icon.
pub const TRAY_ID: &str = "main-tray";
/// Menu item ids.
pub mod ids {
    /// The (disabled) "Next deadline: ..." line.
    pub const NEXT_DEADLINE: &str = "next-deadline";
    /// Show the main window.
    pub const OPEN: &str = "open";
    /// Run the reminder policy now.
    pub const RUN_REMINDERS: &str = "run-reminders";
    /// Quit the app.
    pub const QUIT: &str = "quit";
}

/// The menu item whose text shows the next deadline (managed as state).
pub struct TrayItems {
    next_deadline: MenuItem<Wry>,
}

/// How the tray names a deadline: "Fri 1 Oct 2027 · Microsoft Peru Partnership
/// Agreement: Non-renewal notice deadline".
pub fn deadline_label(item: &renewal_core::services::dashboard::DashboardItem) -> String {
    format!(
        "{} · {}: {}",
        renewal_core::domain::dates::long_date(item.date),
        item.agreement,
        item.label
    )
}

/// The text of the next-deadline line for `label` (`None`: nothing is due).
pub fn next_deadline_text(label: Option<&str>) -> String {
    match label {
        Some(l) => format!("Next deadline: {l}"),
        None => "Next deadline: none".to_owned(),
    }
}

/// Builds the tray icon and its menu.
///
/// # Errors
/// A [`tauri::Error`] if the menu or icon cannot be created (the caller logs it and
/// carries on without a tray).
pub fn build(app: &tauri::App<Wry>) -> tauri::Result<()> {
    let next = MenuItem::with_id(
        app,
        ids::NEXT_DEADLINE,
        next_deadline_text(None),
        false,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(app, ids::OPEN, "Open Renewal Desk", true, None::<&str>)?;
    let run = MenuItem::with_id(
        app,
        ids::RUN_REMINDERS,
        "Run reminders now",
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, ids::QUIT, "Quit", true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &next,
            &PredefinedMenuItem::separator(app)?,
            &open,
            &run,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .menu(&menu)
        .tooltip("Renewal Desk")
        .show_menu_on_left_click(false)
        .on_menu_event(|app, event| on_menu(app, event.id().as_ref()))
        .on_tray_icon_event(|tray, event| {
            if let TrayIconEvent::Click {
                button: MouseButton::Left,
                button_state: MouseButtonState::Up,
                ..
            } = event
            {
                crate::window::show_main(tray.app_handle());
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(TrayItems {
        next_deadline: next,
    });
    Ok(())
}

/// Handles a tray menu click. Runs on the main thread, so it never blocks:
/// "Run reminders now" only wakes the scheduler thread.
pub fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match id {
        ids::OPEN => crate::window::show_main(app),
        ids::RUN_REMINDERS => {
            let state = app.state::<AppState>();
            let sent = state
                .scheduler
                .lock()
                .ok()
                .and_then(|s| s.as_ref().map(|s| s.run_now()));
            if !matches!(sent, Some(Ok(()))) {
                tracing::warn!("tray: the scheduler is not running");
            }
        }
        ids::QUIT => app.exit(0),
        _ => {}
    }
}

/// Shows `label` (for example "Fri 1 Oct 2027 · Acme lease") as the next deadline.
///
/// # Errors
/// A [`tauri::Error`] if the menu or tooltip cannot be updated.
pub fn set_next_deadline<R: Runtime>(app: &AppHandle<R>, label: Option<&str>) -> tauri::Result<()> {
    let text = next_deadline_text(label);
    if let Some(items) = app.try_state::<TrayItems>() {
        items.next_deadline.set_text(&text)?;
    }
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        tray.set_tooltip(Some(&text))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use renewal_core::domain::rules::{EventKind, EventStatus};
    use renewal_core::services::dashboard::DashboardItem;

    #[test]
    fn the_tray_names_the_date_the_agreement_and_the_deadline() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let item = DashboardItem {
            agreement_id: 3,
            agreement: "Microsoft Peru Partnership Agreement".into(),
            counterparty: None,
            contract_owner: None,
            event_id: "non_renewal_notice_deadline:2027-10-02".into(),
            kind: EventKind::NonRenewalNoticeDeadline,
            label: "Non-renewal notice deadline".into(),
            date: d("2027-10-01"),
            unadjusted_date: d("2027-10-02"),
            status: EventStatus::Open,
            days_from_today: 312,
            explanation: String::new(),
            outcome: String::new(),
            provisional: false,
            value: None,
            decision: None,
            decide_by: None,
            decide_by_text: None,
            next_step: None,
        };
        let label = deadline_label(&item);
        assert_eq!(
            label,
            "Fri 1 Oct 2027 · Microsoft Peru Partnership Agreement: Non-renewal notice deadline"
        );
        assert_eq!(
            next_deadline_text(Some(&label)),
            format!("Next deadline: {label}")
        );
        assert_eq!(next_deadline_text(None), "Next deadline: none");
    }
}
