//! The Review page (issue 11 item 1): one agreement's stored document beside the values
//! read from it, accepting, correcting or filling each value, and the review queue. Every
//! change goes through the core ([`portfolio::confirm_field`], [`portfolio::confirm_warning`],
//! [`portfolio::edit_field`]), which records it in the agreement's history, and returns the
//! agreement's new review page.

use renewal_core::adapters::store::Store;
use renewal_core::services::edit::EditableField;
use renewal_core::services::portfolio;
use renewal_core::services::review::{self, QueueItem, ReviewLines, ReviewPage};
use tauri::AppHandle;

use super::{after_change, blocking};
use crate::error::AppResult;
use crate::state::AppState;

/// Agreement `id`'s review page: its stored document's lines, its values with their
/// located sources, confidence and status, and the review queue (see
/// [`review::review_page`]).
///
/// # Errors
/// `not_found` for an unknown id; `database` if the store fails.
#[tauri::command]
pub async fn review_page(app: AppHandle, id: i64) -> AppResult<ReviewPage> {
    blocking(app, move |_, s| {
        let started = std::time::Instant::now();
        let page = review::review_page(&*s.store()?, id)?;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            lines = page.total_lines,
            "review page computed"
        );
        Ok(page)
    })
    .await
}

/// Lines `first..first + count` (1-based, at most 2,000) of agreement `id`'s stored
/// document, as the Review page's text is scrolled (see [`review::review_lines`]).
///
/// # Errors
/// `invalid` naming `lines` for a first line of 0 or too many lines; `not_found`;
/// `database`.
#[tauri::command]
pub async fn review_lines(
    app: AppHandle,
    id: i64,
    first: u32,
    count: u32,
) -> AppResult<ReviewLines> {
    blocking(app, move |_, s| {
        Ok(review::review_lines(&*s.store()?, id, first, count)?)
    })
    .await
}

/// The agreements with something left to confirm, by id (see [`review::review_queue`]).
///
/// # Errors
/// `database` if the store fails.
#[tauri::command]
pub async fn review_queue(app: AppHandle) -> AppResult<Vec<QueueItem>> {
    blocking(app, |_, s| Ok(review::review_queue(&*s.store()?)?)).await
}

/// Applies `change` to agreement `id` on a blocking thread, forgets the computed views and
/// returns the new review page. Nothing is refreshed when `change` fails.
async fn change_reviewed<F>(app: AppHandle, id: i64, change: F) -> AppResult<ReviewPage>
where
    F: FnOnce(&mut Store) -> renewal_core::error::Result<()> + Send + 'static,
{
    blocking(app, move |app, s: &AppState| {
        let mut store = s.store()?;
        change(&mut store)?;
        after_change(app, s);
        Ok(review::review_page(&store, id)?)
    })
    .await
}

/// Confirms the value of `field` (snake_case, e.g. `effective_date`) as read: its warnings
/// leave the agreement and the history keeps them under `confirm`.
///
/// # Errors
/// `invalid` naming the field when nothing about it is left to confirm; `not_found`;
/// `database`.
#[tauri::command]
pub async fn review_confirm_field(app: AppHandle, id: i64, field: String) -> AppResult<ReviewPage> {
    change_reviewed(app, id, move |store| {
        portfolio::confirm_field(store, id, &field).map(|_| ())
    })
    .await
}

/// Confirms warning `index` (0-based) of agreement `id`: it leaves the list, the history
/// keeps it.
///
/// # Errors
/// `invalid` for an index with no warning; `not_found`; `database`.
#[tauri::command]
pub async fn review_confirm_warning(app: AppHandle, id: i64, index: u32) -> AppResult<ReviewPage> {
    change_reviewed(app, id, move |store| {
        portfolio::confirm_warning(store, id, index).map(|_| ())
    })
    .await
}

/// Corrects or fills `field` of agreement `id` with `value`, checked like an import
/// (recorded as `edit`; the field's warnings are answered).
///
/// # Errors
/// `invalid` located at the field, saying what it expects (nothing is changed);
/// `not_found`; `database`.
#[tauri::command]
pub async fn review_edit_field(
    app: AppHandle,
    id: i64,
    field: EditableField,
    value: String,
) -> AppResult<ReviewPage> {
    change_reviewed(app, id, move |store| {
        portfolio::edit_field(store, id, field, &value).map(|_| ())
    })
    .await
}
