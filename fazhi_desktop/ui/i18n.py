"""Languages of the UI: Chinese (the source language of every string) and English.

Every user-visible string goes through :func:`tr`. The source strings are written in Chinese,
so the default UI needs no translation file at all and can never show a half-translated
screen; English comes from ``resources/i18n/fazhi_en.ts``, compiled to ``fazhi_en.qm`` by
``tools/build_translations.py`` (``pyside6-lrelease``). ``.qm`` files are build output: when
one is missing or older than its ``.ts``, :func:`qm_file` builds it (into the resources folder
or, if that is read-only, a per-user cache folder).

Qt's own ``qtbase_zh_CN.qm`` (shipped in the PySide6 wheel) is loaded for the Chinese UI so
that standard buttons read 确定/取消.

The chosen language is a per-user preference (``QSettings`` key ``ui/language``); switching
takes effect at the next start (or when a test builds a new main window after
:func:`install`).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from fazhi_desktop.paths import resource_dir

log = logging.getLogger(__name__)

LANGUAGES = {"zh": "中文（简体）", "en": "English"}
DEFAULT_LANGUAGE = "zh"
SETTINGS_KEY = "ui/language"

_state: dict[str, object] = {"lang": DEFAULT_LANGUAGE, "translators": []}


def tr(text: str) -> str:
    """Translate ``text`` (a Chinese source string) into the current UI language.

    One empty translation context for the whole UI keeps ``pyside6-lupdate`` and the
    run-time lookup in agreement wherever the call stands (module function or method).
    """
    return QCoreApplication.translate("", text)


def current() -> str:
    """``"zh"`` or ``"en"``: the language installed now; domain labels follow it."""
    return str(_state["lang"])


def i18n_dir() -> Path:
    return resource_dir() / "i18n"


def ts_file(lang: str) -> Path:
    return i18n_dir() / f"fazhi_{lang}.ts"


def lrelease_program() -> str | None:
    """``pyside6-lrelease`` beside this Python, on PATH, or Qt's ``lrelease`` in the wheel."""
    import shutil

    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        if (here / name).is_file():
            return str(here / name)
    found = shutil.which("pyside6-lrelease")
    if found:
        return found
    try:
        import PySide6

        base = Path(PySide6.__file__).parent
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        return None
    for name in ("lrelease", "lrelease.exe", "Qt/libexec/lrelease"):
        if (base / name).is_file():
            return str(base / name)
    return None


def build_qm(ts: Path, qm: Path) -> bool:
    """Compile ``ts`` into ``qm``; False (and a log line) when it cannot be done."""
    import subprocess

    program = lrelease_program()
    if program is None:
        log.warning("pyside6-lrelease not found; cannot build %s", qm)
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    tmp = qm.with_suffix(".qm.tmp")
    result = subprocess.run([program, "-silent", str(ts), "-qm", str(tmp)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not tmp.is_file():
        log.warning("lrelease failed for %s: %s", ts, result.stderr.strip())
        tmp.unlink(missing_ok=True)
        return False
    tmp.replace(qm)
    return True


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fazhi-desktop", appauthor=False)) / "i18n"


def qm_file(lang: str) -> Path | None:
    """The compiled translations of ``lang``, building them when missing or stale."""
    ts = ts_file(lang)
    candidates = [i18n_dir() / f"fazhi_{lang}.qm", _cache_dir() / f"fazhi_{lang}.qm"]
    if not ts.is_file():  # frozen build: only the .qm ships
        return next((c for c in candidates if c.is_file()), None)
    for qm in candidates:
        if qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
            return qm
    for qm in candidates:
        try:
            if build_qm(ts, qm):
                return qm
        except OSError as exc:
            log.warning("cannot write %s: %s", qm, exc)
    return None


def install(lang: str) -> str:
    """Install the translators of ``lang`` on the running application (replacing any)."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    for old in list(_state["translators"]):  # type: ignore[call-overload]
        app.removeTranslator(old)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh":
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            installed.append(qt)
        else:
            log.warning("qtbase_zh_CN.qm not found in %s", qt_dir)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        qm = qm_file(lang)
        own = QTranslator(app)
        if qm is not None and own.load(str(qm)):
            installed.append(own)
        else:
            log.warning("English translations unavailable; the UI stays in Chinese")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    for translator in installed:
        app.installTranslator(translator)
    _state["translators"] = installed
    _state["lang"] = lang
    return lang
