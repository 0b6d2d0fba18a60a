//! The dashboard, the agreements table, one agreement's page, and what the user records
//! about an agreement (edits, served notices, done marks, snoozes). Each change goes to
//! the agreement's history in the core; each change command returns the agreement's new
//! page (through [`change_agreement`]).

use chrono::NaiveDate;
use renewal_core::adapters::remind::NoticeKind;
use renewal_core::adapters::store::Imported;
use renewal_core::domain::model::DecisionChoice;
use renewal_core::services::clauses::{ClauseTable, RowEdit};
use renewal_core::services::dashboard::{AgreementRow, Dashboard};
use renewal_core::services::edit::EditableField;
use renewal_core::services::manual::{self, NewAgreement, NewAgreementPreview};
use renewal_core::services::portfolio::{self, AgreementPage};
use renewal_core::services::table::{TablePage, TableQuery};
use tauri::AppHandle;

use super::{blocking, change_agreement};
use crate::error::AppResult;

/// What needs a decision, soonest first, as of the as-of date (see
/// [`renewal_core::services::dashboard::dashboard`]).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn dashboard(app: AppHandle) -> AppResult<Dashboard> {
    blocking(app, |app, _| crate::views::dashboard_view(app)).await
}

/// One row per agreement, by id (see [`renewal_core::services::dashboard::agreement_rows`];
/// the agreements table asks for windows instead: [`agreement_rows_page`]).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn agreement_rows(app: AppHandle) -> AppResult<Vec<AgreementRow>> {
    blocking(app, |_, state| {
        Ok(crate::views::table_view(state)?.to_rows())
    })
    .await
}

/// One window of the agreements table: the rows matching `query`'s search and filters, in
/// its order, from its offset (at most its limit, capped at
/// [`renewal_core::services::table::MAX_PAGE_ROWS`]), with the counts and the filters'
/// options (see [`renewal_core::services::table`]), over the rows computed as of the as-of
/// date (kept until the data or that date changes).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn agreement_rows_page(app: AppHandle, query: TableQuery) -> AppResult<TablePage> {
    blocking(app, move |_, state| {
        Ok(crate::views::table_view(state)?.query(&query))
    })
    .await
}

/// Agreement `id`'s page as of the as-of date: every field with its source, warnings,
/// events with workings, history (each value with its text for people), reminders.
///
/// # Errors
/// `not_found` for an unknown id; `database` if the store fails.
#[tauri::command]
pub async fn agreement_page(app: AppHandle, id: i64) -> AppResult<AgreementPage> {
    blocking(app, move |_, s| {
        Ok(portfolio::agreement_page(&*s.store()?, id, s.view_as_of())?)
    })
    .await
}

/// Fixes or fills `field` of agreement `id` with `value` (validated; recorded as `edit`).
///
/// # Errors
/// `invalid` located at the field, saying what it expects; `not_found`; `database`.
#[tauri::command]
pub async fn edit_field(
    app: AppHandle,
    id: i64,
    field: EditableField,
    value: String,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, _| {
        portfolio::edit_field(store, id, field, &value)?;
        Ok(())
    })
    .await
}

/// Adds, changes or removes a row of clause table `table` of agreement `id` (cells
/// validated like imported ones; every changed cell recorded as `edit`).
///
/// # Errors
/// `invalid` located at the table, the row (0-based) and the column, saying (with the row
/// 1-based) what it expects; `not_found`; `database`.
#[tauri::command]
pub async fn edit_row(
    app: AppHandle,
    id: i64,
    table: ClauseTable,
    edit: RowEdit,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, _| {
        portfolio::edit_row(store, id, table, &edit)?;
        Ok(())
    })
    .await
}

/// Marks warning `index` (0-based) of agreement `id` as confirmed: removed, kept in the
/// history as `confirm`.
///
/// # Errors
/// `invalid` for an index with no warning; `not_found`; `database`.
#[tauri::command]
pub async fn confirm_warning(app: AppHandle, id: i64, index: u32) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, _| {
        portfolio::confirm_warning(store, id, index)?;
        Ok(())
    })
    .await
}

/// Records a notice of `kind` as served on `served_on` (recorded as `record_notice`).
///
/// # Errors
/// `not_found`; `database`.
#[tauri::command]
pub async fn record_notice(
    app: AppHandle,
    id: i64,
    kind: NoticeKind,
    served_on: NaiveDate,
    note: String,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, _| {
        store.record_notice(id, kind, served_on, note.trim())?;
        Ok(())
    })
    .await
}

/// Records the decision on the agreement's question at hand as of the app's as-of date,
/// decided today (the real date) by the operating-system user (recorded as
/// `record_decision`; issue 16 item 3).
///
/// # Errors
/// `invalid` naming the field (`choice` not allowed here, `target_date` missing or outside
/// the time left to act, no dated `decision`); `not_found`; `database`.
#[tauri::command]
pub async fn record_decision(
    app: AppHandle,
    id: i64,
    choice: DecisionChoice,
    target_date: Option<NaiveDate>,
    reason: String,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, s| {
        store.record_decision(
            id,
            choice,
            target_date,
            &renewal_core::services::os_user(),
            renewal_core::services::real_today(),
            reason.trim(),
            s.view_as_of(),
        )?;
        Ok(())
    })
    .await
}

/// Marks event `event_id` done on `done_on` (recorded as `mark_done`).
///
/// # Errors
/// `invalid` when the agreement has no such event as of the as-of date; `not_found`;
/// `database`.
#[tauri::command]
pub async fn mark_done(
    app: AppHandle,
    id: i64,
    event_id: String,
    done_on: NaiveDate,
    note: String,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, s| {
        store.mark_done(id, &event_id, done_on, note.trim(), s.view_as_of())?;
        Ok(())
    })
    .await
}

/// Silences the reminders of event `event_id` for `days` days from the real today
/// (recorded as `snooze`): reminders run on the real date, never the what-if one.
///
/// # Errors
/// `invalid` for 0 or more than 3650 days, or an event with no reminders left;
/// `not_found`; `database`.
#[tauri::command]
pub async fn snooze(
    app: AppHandle,
    id: i64,
    event_id: String,
    days: u32,
) -> AppResult<AgreementPage> {
    change_agreement(app, id, move |store, s| {
        store.snooze(id, &event_id, days, s.config.real_today())?;
        Ok(())
    })
    .await
}

/// The dates a new agreement entered by hand would yield as of the as-of date, without
/// storing it (issue 11 item 2: shown before saving).
///
/// # Errors
/// `invalid` located at the first field refused, saying what it expects.
#[tauri::command]
pub async fn preview_new_agreement(
    app: AppHandle,
    new: NewAgreement,
) -> AppResult<NewAgreementPreview> {
    blocking(app, move |_, s| Ok(manual::preview(&new, s.view_as_of())?)).await
}

/// Stores a new agreement entered by hand, by the app's user (recorded in its history as
/// created), and returns its id and title.
///
/// # Errors
/// `invalid` located at the first field refused (nothing is stored), or at `title` when an
/// agreement with that title exists; `database`.
#[tauri::command]
pub async fn add_agreement(app: AppHandle, new: NewAgreement) -> AppResult<Imported> {
    blocking(app, move |app, s| {
        let imported = {
            let mut store = s.store()?;
            manual::add(&mut store, &new, s.config.real_today())?
        };
        super::after_change(app, s);
        Ok(imported)
    })
    .await
}

/// A new agreement that starts as a copy of agreement `id` ("Duplicate"): its terms as
/// the form shows them, the title empty.
///
/// # Errors
/// `not_found` for an unknown id; `database`.
#[tauri::command]
pub async fn new_agreement_from(app: AppHandle, id: i64) -> AppResult<NewAgreement> {
    blocking(app, move |_, s| {
        Ok(manual::from_agreement(&s.store()?.get(id)?.agreement))
    })
    .await
}
