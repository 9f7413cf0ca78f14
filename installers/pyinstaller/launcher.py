"""Entry point of the frozen build (PyInstaller): one analysis, two executables.

``fazhi-desktop`` (windowed on Windows) starts the desktop app; ``fazhi`` (a console program)
is the command line. Both are built from this script and share one ``_internal`` folder; the
name of the running executable decides which one this is. Before anything else the platform
keyring backend is chosen by name (:mod:`fazhi_desktop.platform_keyring`), because a frozen
program cannot rely on keyring's entry-point discovery.

``--selftest`` works with either executable: on Windows use ``fazhi.exe --selftest`` to see
its output (a windowed program has no console).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def which() -> str:
    """``"cli"`` for the ``fazhi`` executable, ``"gui"`` for everything else."""
    return "cli" if Path(sys.executable).stem.lower() == "fazhi" else "gui"


def input_method(env: dict[str, str], plugins: Path) -> None:
    """Chinese input on Linux with the bundled Qt.

    UOS and Kylin set ``QT_IM_MODULE=fcitx``; the bundle carries only Qt's own ``ibus`` and
    ``compose`` input-context plugins (fcitx's Qt 6 plugin is built against one exact Qt version
    and cannot be shipped). Qt ≥ 6.7 reads a list from ``QT_IM_MODULES`` and takes the first
    that loads, so the user's module stays first and ``ibus`` — which fcitx5 also serves
    through its IBus front end — is the fallback. Not verified against fcitx on UOS/Kylin
    (see installers/README.md).
    """
    wanted = env.get("QT_IM_MODULE", "")
    if not wanted or env.get("QT_IM_MODULES") or wanted in ("ibus", "compose"):
        return
    if any(plugins.glob(f"lib{wanted}*")):
        return
    env["QT_IM_MODULES"] = ";".join(
        [*(["wayland"] if env.get("WAYLAND_DISPLAY") else []), wanted, "ibus"])


def main() -> int:
    from fazhi_desktop import platform_keyring

    platform_keyring.configure()
    if sys.platform.startswith("linux") and hasattr(sys, "_MEIPASS"):
        input_method(os.environ,  # type: ignore[arg-type]
                     Path(sys._MEIPASS) / "PySide6" / "Qt" / "plugins" / "platforminputcontexts")
    if which() == "cli":
        if sys.argv[1:2] == ["--selftest"]:
            from fazhi_desktop.selftest import main as selftest

            return selftest(sys.argv[1:])
        from fazhi_desktop.cli.main import main as cli

        return cli()
    from fazhi_desktop.app import main as gui

    return gui()


if __name__ == "__main__":
    raise SystemExit(main())
