"""``fazhi-desktop --selftest``: prove that an installed (frozen) build works, in seconds.

The installers run it right after freezing and again on the unpacked package; a help-desk
colleague can run it on a user's PC. Each step prints one line (Chinese / English) and the
run stops at the first failure with exit status 1 (details on stderr); 0 means all passed:

1. version — the version the build carries (a frozen build must not say ``0.0.0``);
2. resources — the CJK font, holiday data and Alembic migrations shipped beside the program;
3. database — a fresh data folder in a temporary directory, migrated to the newest schema;
4. record — one dispute with Chinese text written through ``services`` and read back;
5. report — this month's PDF report (the real one users print, several pages) rendered
   through the reports module, with the CJK font embedded as a subset;
6. sync — a second temporary PC; a full bundle exported by the first is verified, decrypted
   and imported by the second (``services/sync.py``), and the record arrives intact;
7. Qt — QtCore/QtGui/QtWidgets load, Qt's ``qtbase_zh_CN.qm`` (and any shipped ``.qm`` of our
   own) load as translators, and QtPdf (the report preview) opens the PDF of step 5. No window
   is opened.

Nothing outside the temporary directory is touched: not the user's data folder, not the user's
settings, and not the system keyring — the sync step swaps in an in-memory keyring backend that
discovery can never choose, and puts the previous backend back afterwards.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import platform
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import keyring
import keyring.backend
import keyring.core
import keyring.errors
from keyring.compat import properties

from fazhi_desktop import __version__
from fazhi_desktop.paths import resource_dir

PASSPHRASE = "自检用同步口令-selftest"
SUMMARY = "自检：张家与李家邻里漏水纠纷"


class SelftestFailure(Exception):
    """A check that did not hold; the message says what was expected (Chinese / English)."""


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Secrets in a dict, for the self-test (and the test suite and benchmarks) only. Its ``priority`` raises, so keyring's own
    discovery never considers it viable; it is only ever installed by ``set_keyring``."""

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("self-test keyring is never chosen automatically")

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.store.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@contextlib.contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install the in-memory backend; restore whatever was installed before (even nothing)."""
    previous = getattr(keyring.core, "_keyring_backend", None)
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.core._keyring_backend = previous  # may be None: discovery runs again later


@dataclass
class _Run:
    """State shared by the steps of one run (everything lives under ``root``)."""

    root: Path
    today: dt.date
    opened: list[Any] = field(default_factory=list)
    record: dict[str, Any] | None = None
    node_a: Any = None

    def open(self, name: str) -> Any:
        from fazhi_desktop.services import open_services

        sv = open_services(self.root / name, today=lambda: self.today)
        self.opened.append(sv)
        return sv

    def close(self) -> None:
        for sv in reversed(self.opened):
            with contextlib.suppress(Exception):
                sv.close()
        self.opened.clear()


def _expect(condition: object, message: str) -> None:
    if not condition:
        raise SelftestFailure(message)


# --- the steps -----------------------------------------------------------------------------

def step_version(run: _Run) -> str:
    frozen = bool(getattr(sys, "frozen", False))
    if frozen:
        _expect(__version__ != "0.0.0", "打包时未带上版本信息 / version metadata missing")
    kind = "打包版 frozen" if frozen else "源码 source"
    return f"{__version__}（{kind}，Python {platform.python_version()}，{platform.system()}）"


def step_resources(run: _Run) -> str:
    from fazhi_desktop.reports import fonts
    from fazhi_desktop.store import migrate

    font = fonts.font_path()
    holidays = sorted((resource_dir() / "holidays").glob("*.json"))
    _expect(holidays, f"缺少节假日数据 / no holiday data in {resource_dir() / 'holidays'}")
    revisions = migrate.known_revisions()
    _expect(revisions, f"缺少数据库迁移脚本 / no migrations in {migrate.MIGRATIONS}")
    return (f"字体 font {font.name}，节假日 holidays {holidays[0].stem}–{holidays[-1].stem}，"
            f"迁移 migrations ×{len(revisions)}")


def step_database(run: _Run) -> str:
    from fazhi_desktop.services.setup import SetupInfo, initialise
    from fazhi_desktop.store import migrate

    sv = run.open("node-a")
    current = migrate.current_revision(sv.ctx.engine)
    head = migrate.head_revision()
    _expect(current == head, f"数据库版本 {current} ≠ 最新 {head} / schema not at head")
    initialise(sv.ctx, SetupInfo(unit_code="000001", unit_name="自检街道", node_name="自检-甲",
                                 node_code="STA", operator="自检员甲"))
    run.node_a = sv
    return f"{run.root / 'node-a'} → {head}"


def step_record(run: _Run) -> str:
    sv = run.node_a
    data = {"summary": SUMMARY, "received_on": run.today.isoformat(), "category": "neighbor",
            "parties": [{"name": "张三丰", "role": "applicant", "phone": "13800138000"}]}
    created = sv.records.create("disputes", data)
    got = sv.records.get(created["id"])
    _expect(got["summary"] == SUMMARY, f"读回的摘要不一致 / summary read back as {got['summary']!r}")
    _expect([p["name"] for p in got["parties"]] == ["张三丰"], "当事人未保存 / party lost")
    found = sv.records.search("漏水")
    _expect(any(r["id"] == created["id"] for r in found), "全文检索找不到 / search failed")
    run.record = got
    return f"{got['serial']}：{got['summary']}"


def step_report(run: _Run) -> str:
    from fazhi_desktop.services.reports import ReportService

    reports = ReportService(run.node_a.ctx)
    data = reports.build(f"{run.today:%Y-%m}")
    pdf = reports.pdf_bytes(data)
    _expect(pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF"),
            "PDF 文件不完整 / PDF truncated")
    _expect(re.search(rb"/BaseFont /[A-Z]{6}\+WenQuanYiMicroHei", pdf) and b"/FontFile2" in pdf,
            "PDF 未嵌入中文字体 / CJK font not embedded")
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    _expect(pages >= 1, "PDF 没有页面 / no pages")
    out = run.root / "selftest-report.pdf"
    out.write_bytes(pdf)
    return f"{out.name}，{pages} 页 pages，{len(pdf) // 1024} KB"


def step_sync(run: _Run) -> str:
    from fazhi_desktop.services.setup import SetupInfo, initialise
    from fazhi_desktop.services.sync import SyncService

    assert run.record is not None
    with memory_keyring() as ring:
        a = SyncService(run.node_a.ctx)
        a.setup(PASSPHRASE)
        bundle_path = run.root / "selftest.fzb"
        exported = a.export(bundle_path, full=True)
        sv_b = run.open("node-b")
        initialise(sv_b.ctx, SetupInfo(unit_code="000001", unit_name="自检街道",
                                       node_name="自检-乙", node_code="STB", operator="自检员乙"))
        b = SyncService(sv_b.ctx)
        b.setup(PASSPHRASE)
        info = b.check(bundle_path)
        _expect(info.trust == "unknown", f"发送方信任状态 {info.trust} / unexpected trust state")
        result = b.import_bundle(bundle_path, trust=True)
        _expect(result.applied, "同步包未被导入 / bundle not applied")
        arrived = sv_b.records.get(run.record["id"])
        for name in ("serial", "summary", "received_on", "category"):
            _expect(arrived[name] == run.record[name],
                    f"同步后字段 {name} 不一致 / field {name} differs after sync")
        _expect([p["name"] for p in arrived["parties"]] == ["张三丰"],
                "同步后当事人丢失 / party lost in sync")
        _expect(len(ring.store) == 4, "密钥未写入自检密钥环 / secrets not in the test keyring")
    return (f"{bundle_path.name} {exported.size // 1024} KB，"
            f"{exported.kind} → 乙 B：{arrived['serial']}")


def step_qt(run: _Run) -> str:
    from PySide6 import QtGui, QtWidgets  # noqa: F401 - loading the libraries is the test
    from PySide6.QtCore import QLibraryInfo, QTranslator, qVersion

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    qt = QTranslator()
    _expect(qt.load("qtbase_zh_CN", qt_dir),
            f"找不到 Qt 中文翻译 qtbase_zh_CN.qm / missing in {qt_dir}")
    loaded.append("qtbase_zh_CN")
    for qm in sorted((resource_dir() / "i18n").glob("*.qm")):
        own = QTranslator()
        _expect(own.load(str(qm)), f"无法加载翻译 / cannot load {qm}")
        loaded.append(qm.stem)
    # QtPdf shows the report preview: it must open the report of step 5.
    from PySide6.QtPdf import QPdfDocument

    report = run.root / "selftest-report.pdf"
    pages = 0
    if report.is_file():
        document = QPdfDocument()
        _expect(document.load(str(report)) == QPdfDocument.Error.None_,
                f"QtPdf 无法打开报表 / QtPdf cannot open {report.name}")
        pages = document.pageCount()
        document.close()
        _expect(pages >= 1, "QtPdf 读到 0 页 / QtPdf sees no pages")
    return (f"Qt {qVersion()}，翻译 translations: {', '.join(loaded)}，"
            f"QtPdf 预览 preview {pages} 页 pages")


STEPS: tuple[tuple[str, str, Callable[[_Run], str]], ...] = (
    ("版本", "version", step_version),
    ("资源文件", "resources", step_resources),
    ("数据库与迁移", "database + migrations", step_database),
    ("记录写入与读取", "write + read a record", step_record),
    ("PDF 报表（中文）", "PDF report (Chinese)", step_report),
    ("同步包往返", "sync bundle round trip", step_sync),
    ("Qt 界面库、翻译与 PDF 预览", "Qt libraries, translations, PDF preview", step_qt),
)


def _writer(stream: TextIO | None) -> Callable[[str], None]:
    """``print`` that survives a windowed Windows build, where ``sys.stdout`` is None."""
    if stream is None:
        return lambda _line: None
    with contextlib.suppress(AttributeError, ValueError):
        stream.reconfigure(errors="replace")  # type: ignore[union-attr]

    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    return write


def run(out: TextIO | None = None, err: TextIO | None = None,
        today: dt.date | None = None) -> int:
    """Run every step; 0 when all pass, 1 at the first failure."""
    say = _writer(sys.stdout if out is None else out)
    shout = _writer(sys.stderr if err is None else err)
    say(f"法治工作台账 自检 / fazhi-desktop self-test {__version__}")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fazhi-selftest-") as tmp:
        state = _Run(Path(tmp), today or dt.date.today())
        try:
            for number, (zh, en, step) in enumerate(STEPS, 1):
                t0 = time.perf_counter()
                try:
                    detail = step(state)
                except Exception as exc:  # noqa: BLE001 - report any failure, then stop
                    say(f"[{number}/{len(STEPS)}] 失败 FAIL  {zh} / {en}：{exc}")
                    shout(traceback.format_exc())
                    say("自检未通过 / self-test FAILED")
                    return 1
                ms = (time.perf_counter() - t0) * 1000
                say(f"[{number}/{len(STEPS)}] 通过 OK    {zh} / {en}：{detail}（{ms:.0f} ms）")
        finally:
            state.close()
    say(f"自检通过 / self-test passed（{time.perf_counter() - started:.1f} s）")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry for ``fazhi-desktop --selftest`` (other arguments are ignored)."""
    return run()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
