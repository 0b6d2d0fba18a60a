//! A bare Tauri 2 window showing an empty page: the baseline that
//! `scripts/bench-app.sh` measures Renewal Desk against. The page calls
//! `first_paint` two animation frames after it loads, exactly as Renewal Desk's UI
//! calls `ui_ready`; both append the wall-clock time (ns since the Unix epoch) to
//! the file named by `RENEWAL_DESK_BENCH_MARKER`.

use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

#[tauri::command]
fn first_paint() -> Result<(), String> {
    let now_ns = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    if let Some(marker) = std::env::var_os("RENEWAL_DESK_BENCH_MARKER") {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(marker)
            .map_err(|e| e.to_string())?;
        writeln!(f, "{now_ns}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() {
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_paint])
        .run(tauri::generate_context!())
    {
        eprintln!("bare-window: {e}");
        std::process::exit(1);
    }
}
