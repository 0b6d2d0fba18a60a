#!/usr/bin/env bash
# Installs what building and testing the desktop app needs on Debian 12, and only
# what is missing (safe to run again):
#   * Debian packages: WebKitGTK 4.1 and friends for building the Tauri app,
#     WebKitWebDriver, Xvfb, D-Bus, a notification server, ImageMagick (screenshots),
#     poppler-utils (PDF checks, and rendering scanned pages for OCR), Tesseract OCR with
#     English and Spanish data (scanned PDF pages are read by it), python3-aiosmtpd (an SMTP server for the email tests), xdotool (answers file dialogs in the e2e tests) and a
#     CJK-capable font for the renewal brief (fonts-droid-fallback);
#   * tauri-driver 2.x (cargo install, pinned);
#   * afl++ (Debian's afl-fuzz) for the fuzz targets' smoke run in `make test`; and, only with
#     WITH_FUZZ=1, cargo-afl (cargo install, pinned), which builds its own AFL++ for the
#     instrumented runs (scripts/fuzz.sh, `make test-fuzz`);
#   * the npm packages of ui/ and e2e/ (from the lockfiles).
# Needs root (or sudo) for apt-get. Node.js >= 20 and a Rust toolchain must already be there.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TAURI_DRIVER_VERSION="2.1.0"

APT_PACKAGES=(
  # build the Tauri 2 app (webkit2gtk-4.1, tray icon, SVG icons, xdo for menus, TLS)
  build-essential pkg-config libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev libssl-dev
  # run it headless and drive it: X server, WebKitWebDriver, session bus, notifications
  xvfb webkit2gtk-driver dbus-x11 dunst libnotify-bin
  # the tray menu over D-Bus (gdbus) and closing the window as a window manager would
  # (e2e/bin/wm-close.py: python3 with libX11 through ctypes)
  libglib2.0-bin python3
  # a file-manager-like drag source for the drag-and-drop test (e2e/bin/drag-source.py)
  python3-gi gir1.2-gtk-3.0
  # "Open in PDF viewer" goes through xdg-open (file: its mime-type lookup)
  xdg-utils file
  # look at what it shows: screenshots (import), PDF pages (pdftoppm, pdftotext);
  # answer the app's real GTK file dialogs from the e2e tests (xdotool)
  imagemagick poppler-utils qpdf xdotool
  # scanned PDF pages are read by OCR: Tesseract with English and Spanish data (pdftoppm of
  # poppler-utils renders the pages); tests/it/ocr.rs makes and reads scans
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa
  # reminders tests: a private session bus (dbus-daemon, dbus-monitor)
  dbus
  # email reminder tests: a real SMTP server on loopback (python3 -m aiosmtpd)
  python3-aiosmtpd
  # the renewal brief draws Chinese, Japanese and Korean text with a CJK-capable system font
  # (fontconfig finds it; the brief lists such text under data gaps when there is none)
  fontconfig fonts-droid-fallback
  # the CI smoke run of the fuzz targets (`make test`): afl-fuzz in non-instrumented mode
  afl++
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# tauri-driver has no --version flag; ask cargo which version it installed.
installed=$(cargo install --list 2>/dev/null | sed -n 's/^tauri-driver v\([0-9.]*\):$/\1/p')
if [ "${installed%%.*}" = "2" ] && command -v tauri-driver >/dev/null; then
  echo "install-deps: tauri-driver $installed present"
else
  echo "install-deps: cargo install tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi

# cargo-afl for the fuzz targets (scripts/fuzz.sh). Installing it builds AFL++ (afl-fuzz
# and the runtime the targets link) from the source it ships, matched to this Rust; no
# Debian afl++ for these (its 4.04c is older than the 4.40c runtime cargo-afl links; Debian's
# serves the non-instrumented smoke run only).
# Only with WITH_FUZZ=1 (make test-fuzz): the instrumented build is too long for every CI run.
CARGO_AFL_VERSION="0.18.2"
if [ "${WITH_FUZZ:-0}" = 1 ]; then
  installed=$(cargo install --list 2>/dev/null | sed -n 's/^cargo-afl v\([0-9.]*\):$/\1/p')
  if [ "$installed" = "$CARGO_AFL_VERSION" ] && cargo afl --version 2>/dev/null | grep -q 'AFL++ version'; then
    echo "install-deps: cargo-afl $installed present"
  else
    echo "install-deps: cargo install cargo-afl $CARGO_AFL_VERSION"
    cargo install cargo-afl --version "$CARGO_AFL_VERSION" --locked
    # The runtime is built per Rust version: build it when this Rust has none yet.
    cargo afl --version 2>/dev/null | grep -q 'AFL++ version' || cargo afl config --build --force
  fi
fi

for dir in ui e2e; do
  lock="$ROOT/$dir/package-lock.json"
  stamp="$ROOT/$dir/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$lock" ]; then
    echo "install-deps: $dir/node_modules up to date"
  else
    # `npm install`, not `npm ci`: the npm of these machines writes lockfiles without the
    # other platforms' optional packages (rollup, tauri-cli binaries), which `npm ci`
    # rejects as out of sync; `npm install` installs exactly the locked versions.
    echo "install-deps: npm install in $dir/"
    (cd "$ROOT/$dir" && npm install --no-audit --no-fund)
  fi
done

# The `holidays` Python package: the independent oracle of the public-holiday calendars
# (crates/renewal-domain/src/calendar/oracle_tests.rs runs scripts/holidays-oracle.py).
# Pinned: the calendars were checked against this version.
HOLIDAYS_VERSION="0.109"
if python3 -c "import holidays, sys; sys.exit(holidays.__version__ != '$HOLIDAYS_VERSION')" 2>/dev/null; then
  echo "install-deps: python holidays $HOLIDAYS_VERSION present"
else
  echo "install-deps: pip install holidays==$HOLIDAYS_VERSION"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-pip
  fi
  # Debian 12's system python is "externally managed" (PEP 668): pip needs
  # --break-system-packages there; a pyenv or venv python does not.
  python3 -m pip install --quiet "holidays==$HOLIDAYS_VERSION" ||
    $SUDO python3 -m pip install --quiet --break-system-packages "holidays==$HOLIDAYS_VERSION"
fi
