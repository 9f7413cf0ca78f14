"""What the spec removes from PyInstaller's collection, as plain functions (unit-tested in
``tests/installers/test_trim.py`` without building anything).

Three rules, applied to ``a.binaries``/``a.datas`` entries ``(dest, src, typecode)``:

1. :func:`keep_qt_file` — Qt pieces the app never uses: platform plugins for embedded or remote
   displays (eglfs, linuxfb, vnc, vkkhrdisplay), generic input plugins (evdev, tuio — only used
   with those), network-information and TLS plugins (QtNetwork is there only because QtPdf
   links it), rarely needed image formats (tiff, webp, tga, wbmp, icns: the app reads SVG,
   PNG, ICO, JPEG, GIF), the GTK3 platform theme (it would drag the build machine's GTK into the
   bundle), every Qt translation except ``qtbase_zh_CN.qm``, and on Windows the software
   OpenGL and Direct3D compiler DLLs (only Qt Quick / OpenGL widgets use them).
2. :func:`from_system` (Linux) — libraries taken from the target system instead of the build
   machine, because a bundled copy must match the system (``libstdc++``/``libgcc_s`` are loaded
   by the system's OpenGL drivers, ``libfontconfig``/``libfreetype``/``libexpat`` read the
   system's font configuration) or because every desktop has them (``libglib``, ``libdbus``,
   ``libX11``, ``libgssapi_krb5``). They become ``Depends:`` of the .deb; leaving them out
   also keeps the build machine's newer glibc symbols out of the bundle.
3. :func:`prune_unreachable` (Linux) — top-level shared libraries that nothing kept still needs
   (PyInstaller collected them for something rule 1 or 2 removed).
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import PurePath

DROP_PLUGINS = (
    "libqeglfs", "libqlinuxfb", "libqvnc", "libqvkkhrdisplay", "libqminimalegl",
    "libqgtk3",
    "libqtiff", "libqwebp", "libqtga", "libqwbmp", "libqicns",
    "qeglfs", "qlinuxfb", "qvnc", "qtiff", "qwebp", "qtga", "qwbmp", "qicns",  # Windows names
)
# QtNetwork comes only as a dependency of QtPdf: the app never goes online, so neither its
# network-information nor its TLS plugins are needed.
DROP_PLUGIN_DIRS = ("generic", "egldeviceintegrations", "networkinformation", "tls")
# (QtNetwork stays: QtPdf, the report preview, links against it.)
DROP_QT_LIBS = ("libQt6EglFsKmsSupport", "libQt6EglFSDeviceIntegration",
                "libQt6Qml", "libQt6Quick", "Qt6Qml", "Qt6Quick",
                # Windows: Mesa's software OpenGL and the Direct3D shader compiler serve Qt Quick
                # and QOpenGLWidget only; a widgets app paints with the raster engine.
                "opengl32sw", "d3dcompiler_")
QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm",)

SYSTEM_LIBS = ("libstdc++.so", "libgcc_s.so", "libfontconfig.so", "libfreetype.so",
               "libexpat.so", "libglib-2.0.so", "libgthread-2.0.so", "libdbus-1.so",
               "libX11.so", "libX11-xcb.so",
               # QtNetwork (linked by QtPdf) needs GSSAPI; the Kerberos chain is the system's
               "libgssapi_krb5.so")


def keep_qt_file(dest: str) -> bool:
    """False for a Qt plugin, library or translation this app does not need."""
    parts = PurePath(dest.replace("\\", "/")).parts
    name = parts[-1]
    if "translations" in parts and name.endswith(".qm"):
        return name in QT_TRANSLATIONS_KEPT
    if "plugins" in parts:
        if any(d in parts for d in DROP_PLUGIN_DIRS):
            return False
        if name.startswith(DROP_PLUGINS):
            return False
    return not name.startswith(DROP_QT_LIBS)


def from_system(dest: str) -> bool:
    """True for a library the Linux package takes from the system (see module docstring)."""
    name = PurePath(dest).name
    return name.startswith(SYSTEM_LIBS)


def is_root(dest: str) -> bool:
    """Binaries kept unconditionally: extension modules, everything in a package folder
    (Qt libraries and plugins, wheels' vendored libraries) and libpython."""
    path = PurePath(dest)
    name = path.name
    return (len(path.parts) > 1 or ".cpython-" in name or ".abi3." in name
            or name.startswith("libpython"))


def prune_unreachable(entries: Iterable[tuple[str, str, str]],
                      needed: Callable[[str], Iterable[str]]) -> tuple[list, list[str]]:
    """Keep roots and the top-level libraries reachable from them through ``needed(src)``
    (direct DT_NEEDED names). Returns (kept entries, names of dropped ones)."""
    entries = list(entries)
    by_name = {PurePath(e[0]).name: e for e in entries if not is_root(e[0])}
    reached: set[str] = set()
    queue = [e for e in entries if is_root(e[0])]
    while queue:
        entry = queue.pop()
        for lib in needed(entry[1]):
            if lib in by_name and lib not in reached:
                reached.add(lib)
                queue.append(by_name[lib])
    kept = [e for e in entries if is_root(e[0]) or PurePath(e[0]).name in reached]
    dropped = sorted(set(by_name) - reached)
    return kept, dropped


_NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")


def readelf_needed(path: str) -> list[str]:
    """DT_NEEDED names of an ELF file (``readelf`` from binutils; [] for non-ELF files)."""
    try:
        out = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True,
                             check=False).stdout
    except FileNotFoundError as exc:  # pragma: no cover - binutils is a build requirement
        raise SystemExit("需要 readelf（sudo apt-get install binutils）") from exc
    return _NEEDED.findall(out)
