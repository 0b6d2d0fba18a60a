//! The main window: created in Rust so navigation can be locked to the app's own pages.

use tauri::{Manager, Runtime, Url, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};

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
    let hide_target = window.clone();
    window.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
            if let Err(e) = hide_target.hide() {
                tracing::warn!("could not hide the window: {e}");
            }
        }
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
}
