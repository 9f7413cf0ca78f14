"""Build the UI translations: ``resources/i18n/*.ts`` → ``*.qm`` (``pyside6-lrelease``).

    python tools/build_translations.py            # compile every .ts into its .qm
    python tools/build_translations.py --update   # first refresh the .ts from the sources
                                                  # (pyside6-lupdate: new strings appear as
                                                  # unfinished, translations are kept)
    python tools/build_translations.py --check    # exit 1 if any string lacks a translation

The source strings are Chinese (the default UI needs no .qm); ``fazhi_en.ts`` holds the
English. ``.qm`` files are build output (git-ignored); the app also builds a missing or stale
one at start (``fazhi_desktop.ui.i18n.qm_file``).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fazhi_desktop.ui.i18n import build_qm

I18N = ROOT / "resources" / "i18n"
SOURCES = sorted([*(ROOT / "fazhi_desktop" / "ui").glob("*.py"), ROOT / "fazhi_desktop" / "app.py"])


def lupdate_program() -> str:
    here = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (here / name).is_file():
            return str(here / name)
    found = shutil.which("pyside6-lupdate")
    if not found:
        raise SystemExit("找不到 pyside6-lupdate（请在装有 PySide6 的虚拟环境中运行）")
    return found


def update(ts: Path) -> None:
    lang = ts.stem.split("_", 1)[1]
    subprocess.run([lupdate_program(), *map(str, SOURCES), "-no-obsolete", "-locations", "none",
                    "-source-language", "zh_CN", "-target-language", lang, "-ts", str(ts)],
                   check=True)


def unfinished(ts: Path) -> list[str]:
    text = ts.read_text(encoding="utf-8")
    return re.findall(r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text, re.DOTALL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh .ts from the sources")
    parser.add_argument("--check", action="store_true", help="fail on untranslated strings")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    args = parser.parse_args(argv)
    status = 0
    for ts in sorted(I18N.glob("*.ts")):
        if args.update:
            update(ts)
        missing = unfinished(ts)
        if missing:
            print(f"{ts.name}: {len(missing)} 条未翻译", file=sys.stderr)
            for source in missing[:20]:
                print(f"  {source}", file=sys.stderr)
            if args.check:
                status = 1
        qm = ts.with_suffix(".qm")
        if not build_qm(ts, qm):
            print(f"{ts.name}: 编译失败", file=sys.stderr)
            return 1
        if not args.quiet:
            print(f"{qm.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
