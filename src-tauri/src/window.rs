//! The main window: created in Rust so navigation can be locked to the app's own pages,
//! and so files dropped on it are handled here: their paths are granted for reading (like
//! an open dialog's answer) and the page is told which ones it may import.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::{
    DragDropEvent, Emitter, Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder,
    WindowEvent,
};

use crate::state::{AppState, Grant};

/// Event emitted to the window when files are dropped on it, with [`DroppedFiles`].
pub const EVENT_FILES_DROPPED: &str = "files-dropped";

/// File extensions accepted as agreement documents: what the reader reads (issue 10 item
/// 1: Markdown, plain text, Word and PDF with a text layer; the content decides the format).
pub const DOCUMENT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "docx", "pdf"];

/// What a drop brought: documents the page may now import, and what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DroppedFiles {
    /// Documents granted for import (a dropped folder contributes the documents directly
    /// inside it), sorted.
    pub accepted: Vec<String>,
    /// Dropped paths that are not agreement documents (other extensions, unreadable).
    pub rejected: Vec<String>,
}

fn is_document(path: &Path) -> bool {
    path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Sorts dropped `paths` into documents to import and the rest. A folder contributes the
/// documents directly inside it (not its sub-folders).
pub fn documents_in_drop(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut accepted, mut rejected) = (Vec::new(), Vec::new());
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| is_document(f))
                        .collect()
                })
                .unwrap_or_default();
            if inside.is_empty() {
                rejected.push(p.clone());
            }
            accepted.append(&mut inside);
        } else if is_document(p) {
            accepted.push(p.clone());
        } else {
            rejected.push(p.clone());
        }
    }
    accepted.sort();
    accepted.dedup();
    (accepted, rejected)
}

/// Grants the documents of a drop for reading and tells the page ([`EVENT_FILES_DROPPED`]).
pub fn on_drop<R: Runtime>(window: &WebviewWindow<R>, paths: &[PathBuf]) {
    let (accepted, rejected) = documents_in_drop(paths);
    let state = window.state::<AppState>();
    for p in &accepted {
        state.granted.grant(p, Grant::Read);
    }
    let show = |v: Vec<PathBuf>| v.iter().map(|p| p.display().to_string()).collect();
    let payload = DroppedFiles {
        accepted: show(accepted),
        rejected: show(rejected),
    };
    tracing::info!(
        accepted = payload.accepted.len(),
        rejected = payload.rejected.len(),
        "files dropped"
    );
    if let Err(e) = window.emit_to(window.label(), EVENT_FILES_DROPPED, &payload) {
        tracing::warn!("could not tell the page about dropped files: {e}");
    }
}

/// Label of the one window (capabilities grant commands to this label only).
pub const MAIN_WINDOW: &str = "main";

/// Whether the webview may navigate to `url`: only the app's bundled pages
/// (`tauri://localhost`, `http(s)://tauri.localhost`) and, in dev builds, the Vite
/// server on localhost. Everything else (remote content) is refused.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => {
            let host = url.host_str();
            host == Some("tauri.localhost")
                || (cfg!(dev) && matches!(host, Some("localhost" | "127.0.0.1")))
        }
        "about" => url.as_str() == "about:blank",
        _ => false,
    }
}

/// Creates the main window (hidden when started by the login autostart entry).
/// Closing it hides it: the app keeps running in the tray so reminders still run;
/// "Quit" in the tray menu (or Settings) ends it.
///
/// # Errors
/// A [`tauri::Error`] if the window cannot be created.
pub fn create_main<R: Runtime, M: Manager<R>>(app: &M, visible: bool) -> tauri::Result<()> {
    let window = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("Renewal Desk")
        .inner_size(1200.0, 780.0)
        .min_inner_size(820.0, 560.0)
        .visible(visible)
        .on_navigation(|url| {
            let ok = is_app_url(url);
            if !ok {
                tracing::warn!(%url, "blocked navigation away from the app");
            }
            ok
        })
        .build()?;
    let target = window.clone();
    window.on_window_event(move |event| match event {
        WindowEvent::CloseRequested { api, .. } => {
            api.prevent_close();
            if let Err(e) = target.hide() {
                tracing::warn!("could not hide the window: {e}");
            }
        }
        WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) => on_drop(&target, paths),
        _ => {}
    });
    Ok(())
}

/// Shows, un-minimises and focuses the main window (tray "Open", second launch).
pub fn show_main<R: Runtime, M: Manager<R>>(app: &M) {
    let Some(window): Option<WebviewWindow<R>> = app.get_webview_window(MAIN_WINDOW) else {
        tracing::warn!("no main window to show");
        return;
    };
    let result = window
        .unminimize()
        .and_then(|()| window.show())
        .and_then(|()| window.set_focus());
    if let Err(e) = result {
        tracing::warn!("could not show the main window: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        is_app_url(&Url::parse(s).unwrap())
    }

    #[test]
    fn only_app_pages_are_navigable() {
        assert!(ok("tauri://localhost/index.html"));
        assert!(ok("http://tauri.localhost/"));
        assert!(!ok("https://example.com/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("tauri://evil.example/"));
        assert!(!ok("http://tauri.localhost.evil.example/"));
    }

    #[test]
    fn a_drop_keeps_documents_and_the_documents_in_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("seeds");
        std::fs::create_dir_all(folder.join("deeper")).unwrap();
        for name in [
            "b.md",
            "a.MD",
            "notes.txt",
            "signed.pdf",
            "supply.DOCX",
            "deeper/c.md",
        ] {
            std::fs::write(folder.join(name), "x").unwrap();
        }
        let single = dir.path().join("one.markdown");
        std::fs::write(&single, "x").unwrap();
        let picture = dir.path().join("photo.png");
        std::fs::write(&picture, "x").unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let (accepted, rejected) = documents_in_drop(&[
            folder.clone(),
            single.clone(),
            picture.clone(),
            empty.clone(),
            dir.path().join("gone.md"),
        ]);
        let mut want = vec![
            folder.join("a.MD"),
            folder.join("b.md"),
            folder.join("notes.txt"),
            folder.join("signed.pdf"),
            folder.join("supply.DOCX"),
            single,
        ];
        want.sort();
        assert_eq!(accepted, want);
        assert_eq!(rejected, vec![picture, empty, dir.path().join("gone.md")]);
    }
}
