#!/usr/bin/python3
"""A drag source for the e2e tests, like a file manager's: a small GTK 3 window at
(X, Y) showing "N files"; dragging from it offers the files as text/uri-list (what
Nautilus or Thunar offer), so a real XDND drop reaches the app when xdotool moves the
pointer from here onto the app's window and releases the button.

Usage: drag-source.py X Y FILE...   (DISPLAY must be set; prints "ready" when shown)
Needs Debian's python3-gi and gir1.2-gtk-3.0.
"""
import sys
from pathlib import Path

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402


def main() -> int:
    if len(sys.argv) < 4:
        print("usage: drag-source.py X Y FILE...", file=sys.stderr)
        return 2
    x, y = int(sys.argv[1]), int(sys.argv[2])
    uris = [Path(f).resolve().as_uri() for f in sys.argv[3:]]

    win = Gtk.Window(title="Drag source")
    win.set_default_size(200, 120)
    win.move(x, y)
    box = Gtk.EventBox()
    label = Gtk.Label(label=f"{len(uris)} files")
    box.add(label)
    win.add(box)

    box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
    box.drag_source_add_uri_targets()

    def on_get(_widget, _ctx, data, _info, _time):
        data.set_uris(uris)

    def on_end(_widget, _ctx):
        print("drag ended", flush=True)

    box.connect("drag-data-get", on_get)
    box.connect("drag-end", on_end)
    win.connect("destroy", Gtk.main_quit)

    def ready():
        print("ready", flush=True)
        return False

    win.connect("map-event", lambda *_: GLib.timeout_add(200, ready) and False)
    win.show_all()
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
