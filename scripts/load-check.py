#!/usr/bin/env python3
"""Checks the artifacts of scripts/load-test.sh and prints its report (Markdown).

Exit 1 when any check fails: an error, a lost or doubled notification, a start that did not
paint, or (with the bare window measured) the dashboard over its budget of 1.5 x the bare
window's first paint. See scripts/load-test.sh for what each check means.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import statistics
import sys


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser()
    p.add_argument("--art", required=True)
    p.add_argument("--log", required=True, help="reminder_log as TSV: agreement, event, step, state, channel, delivered_at")
    p.add_argument("--fresh", required=True, help="dry-run JSON on a copy with an empty log")
    p.add_argument("--window-start", required=True)
    p.add_argument("--notify-before", type=int, required=True)
    p.add_argument("--minutes", type=int, required=True)
    p.add_argument("--import-n", type=int, required=True)
    p.add_argument("--agreements-before", type=int, required=True)
    p.add_argument("--agreements-after", type=int, required=True)
    p.add_argument("--integrity", required=True)
    p.add_argument("--bare", default="1")
    return p.parse_args()


def key(r: dict) -> tuple:
    return (int(r["agreement_id"]), r["event_id"], step_key(r["step"]))


def step_key(step) -> str:
    """The log's step key (`d14`, `overdue-w3`, `snooze-2026-12-21`, as `Step::key`) from the
    JSON form of a Step: `{"step": "days_before", "value": 14}`."""
    if isinstance(step, str):
        return step
    kind, value = step.get("step"), step.get("value")
    if kind == "days_before":
        return f"d{value}"
    if kind == "overdue_week":
        return f"overdue-w{value}"
    if kind == "snoozed":
        return f"snooze-{value}"
    raise ValueError(f"unknown step {step!r}")


def main() -> int:
    a = parse_args()
    art = pathlib.Path(a.art)
    errors: list[str] = [l for l in (art / "errors.txt").read_text().splitlines() if l.strip()]

    # Runs: exit status, time, standard error.
    runs = []
    for line in (art / "runs.txt").read_text().splitlines():
        name, *fields = line.split()
        f = dict(x.split("=", 1) for x in fields)
        runs.append((name, int(f["rc"]), int(f["ms"]), int(f["started"])))
        err_file = art / f"{name}.err"
        err = err_file.read_text().strip() if err_file.exists() else ""
        if int(f["rc"]) != 0:
            errors.append(f"{name} exited {f['rc']}: {err[:300]}")
        elif err:
            errors.append(f"{name} wrote to standard error: {err[:300]}")
    reminds = sorted([r for r in runs if r[0].startswith("remind-")], key=lambda r: r[3])
    imports = [r for r in runs if r[0] == "import"]
    if len(reminds) != a.minutes:
        errors.append(f"{len(reminds)} remind runs finished, expected {a.minutes}")
    if len(imports) != 1:
        errors.append("the import did not finish")
    imported_lines = [l for l in (art / "import.out").read_text().splitlines() if l.strip()] if (art / "import.out").exists() else []
    imported_new = sum(1 for l in imported_lines if l.rstrip().endswith("imported"))
    if imported_new != a.import_n:
        errors.append(f"the import stored {imported_new} of {a.import_n} documents")
    if a.agreements_after != a.agreements_before + a.import_n:
        errors.append(f"{a.agreements_after} agreements after the window, expected {a.agreements_before + a.import_n}")
    if a.integrity.strip() != "ok":
        errors.append(f"integrity_check: {a.integrity.strip()[:200]}")

    # The app's log: anything at WARN or ERROR.
    app_log = art / "app.log"
    app_problems = []
    if app_log.exists():
        for line in app_log.read_text(errors="replace").splitlines():
            if re.search(r"\b(ERROR|WARN)\b", line):
                app_problems.append(line.strip())
    errors += [f"app log: {l[:300]}" for l in app_problems]

    # The log after the window.
    log_rows = {}
    for line in pathlib.Path(a.log).read_text().splitlines():
        aid, event, step, state, channel, delivered_at = (line.split("\t") + [""] * 6)[:6]
        log_rows[(int(aid), event, step)] = (state, channel, delivered_at)
    delivered_keys = {k for k, v in log_rows.items() if v[0] == "delivered"}
    window_rows = {k: v for k, v in log_rows.items() if v[0] == "delivered" and v[2] >= a.window_start}
    claimed_left = [k for k, v in log_rows.items() if v[0] in ("claimed", "failed")]

    # Doubled: each reminder a CLI run delivered is reported once across the runs and is
    # recorded against the notification that run sent.
    seen: dict[tuple, str] = {}
    doubled = []
    mismatched = []
    cli_notifications = set()
    cli_delivered = 0
    for name, rc, _ms, _s in reminds:
        path = art / f"{name}.json"
        try:
            report = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as e:
            errors.append(f"{name}: no JSON report ({e})")
            continue
        delivered = report.get("delivered", [])
        nid = report.get("notification_id")
        if delivered:
            cli_notifications.add(nid)
        for r in delivered:
            k = key(r)
            cli_delivered += 1
            if k in seen:
                doubled.append((k, seen[k], name))
            seen[k] = name
            row = log_rows.get(k)
            if row is None or row[0] != "delivered" or (nid is not None and f"#{nid}" not in row[1]):
                mismatched.append((k, name, nid, row))
        if report.get("failed"):
            errors.append(f"{name}: {len(report['failed'])} reminders failed: {report.get('failure')}")
    # Notifications of the window in the log (by channel: each names its notification id)
    # against the Notify calls seen on the bus.
    channels = {v[1] for v in window_rows.values()}
    notify_calls = sum(1 for l in (art / "notify.log").read_text(errors="replace").splitlines() if "member=Notify" in l) - a.notify_before
    app_rows = {k: v for k, v in window_rows.items() if k not in seen}

    # Lost: nothing pending, and the fresh dry run's set equals the log's delivered set.
    pending_text = (art / "pending.json").read_text().strip() if (art / "pending.json").exists() else ""
    try:
        pending = json.loads(pending_text) if pending_text else []
    except json.JSONDecodeError:
        pending = ["unreadable: " + pending_text[:200]]
    fresh = json.loads(pathlib.Path(a.fresh).read_text())
    fresh_keys = {key(r) for r in fresh.get("delivered", [])}
    lost = fresh_keys - delivered_keys
    extra = delivered_keys - fresh_keys

    # The dashboard.
    samples = [l.split() for l in (art / "samples.txt").read_text().splitlines() if l.strip()]
    app_ms = [int(s[1]) for s in samples if s[0] == "app"]
    bare_ms = [int(s[1]) for s in samples if s[0] == "bare"]
    app_med = statistics.median(app_ms) if app_ms else None
    bare_med = statistics.median(bare_ms) if bare_ms else None
    ratio = app_med / bare_med if app_med and bare_med else None
    over_budget = ratio is not None and ratio > 1.5

    ok = not errors and not doubled and not mismatched and not lost and not extra and not pending and not claimed_left \
        and notify_calls == len(channels) and not over_budget and app_ms
    out = []
    out.append(f"## Load run: {a.minutes} min from {a.window_start} UTC — {'PASS' if ok else 'FAIL'}")
    out.append("")
    out.append(f"- Agreements: {a.agreements_before:,} before, {a.agreements_after:,} after; `PRAGMA integrity_check`: {a.integrity.strip()[:60]}")
    if imports:
        _, rc, ms, s = imports[0]
        out.append(f"- Import of {a.import_n:,} documents (one command, from t = {s} s): exit {rc}, {ms / 1000:.1f} s, {imported_new:,} stored")
    rs = ", ".join(f"{r[2] / 1000:.1f}" for r in reminds)
    out.append(f"- `remind` runs: {len(reminds)}, exit codes {sorted({r[1] for r in reminds})}, durations (s): {rs}")
    out.append(f"- Errors: {len(errors)}" + ("" if not errors else ":"))
    out += [f"  - {e}" for e in errors[:20]]
    out.append(f"- Reminders delivered in the window: {len(window_rows):,} ({cli_delivered:,} by `remind` runs in "
               f"{len(cli_notifications)} notifications, {len(app_rows):,} by the app's start-up runs)")
    out.append(f"- Notifications: {notify_calls} Notify calls on the bus, {len(channels)} distinct notifications in the log")
    out.append(f"- Doubled: {len(doubled)} reminders reported by two runs; {len(mismatched)} reported but not recorded against their notification")
    out.append(f"- Lost: {len(lost)} due but never delivered (fresh dry run: {len(fresh_keys):,} due; log: {len(delivered_keys):,} delivered); "
               f"{len(extra)} delivered but not due; {len(pending)} pending; {len(claimed_left)} left claimed or failed")
    if app_ms:
        out.append(f"- Dashboard first paint under load, app: median {app_med:.0f} ms of {len(app_ms)} starts ({', '.join(map(str, app_ms))})")
    if bare_ms:
        out.append(f"- Bare Tauri window under the same load: median {bare_med:.0f} ms of {len(bare_ms)} starts ({', '.join(map(str, bare_ms))})")
    if ratio is not None:
        out.append(f"- Ratio {ratio:.2f}x (budget 1.5x): {'OVER BUDGET' if over_budget else 'within budget'}")
    for k in list(lost)[:5]:
        out.append(f"  - lost: {k}")
    for d in doubled[:5]:
        out.append(f"  - doubled: {d}")
    for m in mismatched[:5]:
        out.append(f"  - mismatched: {m}")
    print("\n".join(out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
