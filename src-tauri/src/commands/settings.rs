//! Settings: the reminder ladder, rule 4's business-day adjustment for new imports (and
//! optionally every agreement), the paper size of briefs, and a what-if as-of date.

use chrono::NaiveDate;
use renewal_core::adapters::brief::Paper;
use renewal_core::adapters::remind::Ladder;
use renewal_core::services::portfolio::{self, DeskSettings};
use tauri::AppHandle;

use super::{after_change, blocking};
use crate::error::AppResult;
use crate::state::AppInfo;

/// The settings stored in the database.
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn get_settings(app: AppHandle) -> AppResult<DeskSettings> {
    blocking(app, |_, s| Ok(portfolio::settings(&*s.store()?)?)).await
}

/// Sets the global reminder ladder from text such as `90,60,30,14,7,3,1,0` (empty: back
/// to the default).
///
/// # Errors
/// `invalid_input` for text that is not a list of days (0 to 3650).
#[tauri::command]
pub async fn set_ladder(app: AppHandle, ladder: String) -> AppResult<DeskSettings> {
    blocking(app, move |_, s| {
        let ladder = match ladder.trim() {
            "" => None,
            text => Some(Ladder::parse(text)?),
        };
        let mut store = s.store()?;
        store.set_global_ladder(ladder.as_ref())?;
        Ok(portfolio::settings(&store)?)
    })
    .await
}

/// Sets rule 4's business-day adjustment for new imports; with `apply_to_existing`, also
/// for every agreement (each change in its history).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn set_business_day_adjustment(
    app: AppHandle,
    on: bool,
    apply_to_existing: bool,
) -> AppResult<DeskSettings> {
    blocking(app, move |app, s| {
        let mut store = s.store()?;
        if portfolio::set_business_day_adjustment(&mut store, on, apply_to_existing)? > 0 {
            after_change(app, s);
        }
        Ok(portfolio::settings(&store)?)
    })
    .await
}

/// Sets the paper size of renewal briefs.
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn set_paper(app: AppHandle, paper: Paper) -> AppResult<DeskSettings> {
    blocking(app, move |_, s| {
        let mut store = s.store()?;
        portfolio::set_paper(&mut store, paper)?;
        Ok(portfolio::settings(&store)?)
    })
    .await
}

/// Sets (or with `null` clears) the what-if as-of date: every view is computed as of it
/// until cleared; reminders keep using the real date. Not stored: a restart clears it.
#[tauri::command]
pub async fn set_as_of(app: AppHandle, date: Option<NaiveDate>) -> AppResult<AppInfo> {
    blocking(app, move |app, s| {
        s.set_what_if(date);
        crate::views::prewarm(app);
        Ok(AppInfo::from_state(s))
    })
    .await
}
