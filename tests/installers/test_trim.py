"""What the PyInstaller spec leaves out (installers/pyinstaller/trim.py), without building."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.installers._load import load

trim = load("installers/pyinstaller/trim.py")


def test_qt_files_kept_and_dropped():
    keep = [
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "PySide6/Qt/translations/qtbase_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Pdf.so.6",
        "PySide6/Qt/lib/libQt6Network.so.6",  # QtPdf links it
        "PySide6\\plugins\\platforms\\qwindows.dll",
    ]
    drop = [
        "PySide6/Qt/plugins/platforms/libqvnc.so",
        "PySide6/Qt/plugins/platforms/libqeglfs.so",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/generic/libqtuiotouchplugin.so",
        "PySide6/Qt/plugins/networkinformation/libqglib.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "PySide6/Qt/plugins/imageformats/libqtiff.so",
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_zh_CN.qm",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6\\translations\\qtbase_ja.qm",
    ]
    assert [d for d in keep if not trim.keep_qt_file(d)] == []
    assert [d for d in drop if trim.keep_qt_file(d)] == []


def test_system_libraries_are_not_bundled():
    assert trim.from_system("libstdc++.so.6")
    assert trim.from_system("libfontconfig.so.1")
    assert not trim.from_system("libxcb-cursor.so.0")
    assert not trim.from_system("libpython3.11.so.1.0")


def test_prune_keeps_what_roots_reach_transitively():
    graph = {
        "/s/QtGui.abi3.so": ["libQt6Gui.so.6", "libxkbcommon.so.0"],
        "/s/libxkbcommon.so.0": ["libc.so.6"],
        "/s/_sqlite3.so": ["libsqlite3.so.0"],
        "/s/libsqlite3.so.0": ["libz.so.1"],
        "/s/libz.so.1": [],
        "/s/libpango-1.0.so.0": ["libharfbuzz.so.0"],
        "/s/libharfbuzz.so.0": [],
    }
    entries = [
        ("PySide6/QtGui.abi3.so", "/s/QtGui.abi3.so", "EXTENSION"),
        ("libxkbcommon.so.0", "/s/libxkbcommon.so.0", "BINARY"),
        ("python3.11/lib-dynload/_sqlite3.so", "/s/_sqlite3.so", "EXTENSION"),
        ("libsqlite3.so.0", "/s/libsqlite3.so.0", "BINARY"),
        ("libz.so.1", "/s/libz.so.1", "BINARY"),
        ("libpango-1.0.so.0", "/s/libpango-1.0.so.0", "BINARY"),
        ("libharfbuzz.so.0", "/s/libharfbuzz.so.0", "BINARY"),
    ]
    kept, dropped = trim.prune_unreachable(entries, lambda src: graph[src])
    assert [e[0] for e in kept] == [e[0] for e in entries[:5]]
    assert dropped == ["libharfbuzz.so.0", "libpango-1.0.so.0"]


def test_readelf_reads_needed_libraries_of_a_real_binary():
    python = Path(sys.executable).resolve()
    needed = trim.readelf_needed(str(python))
    assert any(name.startswith("libc.so") for name in needed) or \
        any(name.startswith("libpython") for name in needed)
