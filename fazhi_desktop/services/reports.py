"""Reports for upward reporting (SPEC §4): figures from ``StatsService`` → PDF / xlsx /
narrative from ``fazhi_desktop.reports``.

For the GUI (report dialog, preview, print): run :meth:`ReportService.build` on the worker
thread with a ``progress(fraction, message)`` callback and a ``cancel()`` flag, show
:func:`narrative` of the result (copy button), get the PDF with :meth:`pdf_bytes` for the
preview and the printer, and save with :meth:`save_pdf` / :meth:`save_xlsx`. Everything
returned is plain data (``ReportData`` is a dataclass), safe to pass between threads.
All failures are :class:`~fazhi_desktop.services.errors.FazhiError` with a Chinese message;
nothing is left half written.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from fazhi_desktop.domain.figures import Period
from fazhi_desktop.reports.model import ReportData
from fazhi_desktop.reports.narrative import report_narrative
from fazhi_desktop.reports.output import ReportCancelled, ReportError
from fazhi_desktop.services.context import Context
from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.services.stats import Cancel, Cancelled, Progress, StatsService


class ReportFileError(FazhiError):
    """A report file could not be written (the message names the file and why)."""


@dataclass(frozen=True)
class ReportFiles:
    """What :meth:`ReportService.write` produced."""

    data: ReportData
    pdf: Path | None
    xlsx: Path | None


def narrative(data: ReportData) -> str:
    """The paragraph of sentences ("排查矛盾纠纷502起，调处率100%；…") for these figures."""
    return report_narrative(data)


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Refuse early (before any work) a destination that cannot be written."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ReportFileError(f"无法写入报表文件“{target}”：这是一个文件夹。")
    if not folder.is_dir():
        raise ReportFileError(f"无法写入报表文件“{target}”：所在文件夹不存在。")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ReportFileError(f"无法写入报表文件“{target}”：没有写入该文件夹的权限。")
    if target.exists() and not os.access(target, os.W_OK):
        raise ReportFileError(f"无法写入报表文件“{target}”：文件只读或正被其他程序使用。")
    return target


class ReportService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.stats = StatsService(ctx)

    def build(self, period: str | Period, unit: str | None = None,
              as_of: str | dt.date | None = None, *, progress: Progress | None = None,
              cancel: Cancel | None = None) -> ReportData:
        """The figures, breakdowns, items and trend of one report (one read transaction)."""
        return self.stats.report_data(period, unit, as_of, progress=progress, cancel=cancel)

    def pdf_bytes(self, data: ReportData, *, masked: bool = True,
                  progress: Progress | None = None, cancel: Cancel | None = None) -> bytes:
        from fazhi_desktop.reports import pdf

        try:
            return pdf.pdf_bytes(data, masked=masked, progress=progress, cancel=cancel)
        except ReportCancelled:
            raise Cancelled() from None
        except ReportError as exc:
            raise ReportFileError(str(exc)) from None

    def save_pdf(self, data: ReportData, path: str | os.PathLike[str], *, masked: bool = True,
                 progress: Progress | None = None, cancel: Cancel | None = None) -> Path:
        from fazhi_desktop.reports import pdf

        check_writable(path)
        try:
            return pdf.write_pdf(data, path, masked=masked, progress=progress, cancel=cancel)
        except ReportCancelled:
            raise Cancelled() from None
        except ReportError as exc:
            raise ReportFileError(str(exc)) from None

    def save_xlsx(self, data: ReportData, path: str | os.PathLike[str], *,
                  masked: bool = True) -> Path:
        from fazhi_desktop.reports import xlsx

        check_writable(path)
        try:
            return xlsx.write_xlsx(data, path, masked=masked)
        except ReportError as exc:
            raise ReportFileError(str(exc)) from None

    def write(self, period: str | Period, unit: str | None = None,
              as_of: str | dt.date | None = None, *, pdf: str | os.PathLike[str] | None = None,
              xlsx: str | os.PathLike[str] | None = None, masked: bool = True,
              progress: Progress | None = None, cancel: Cancel | None = None) -> ReportFiles:
        """Check every input and destination first, then build and write the files."""
        self.stats.resolve(period, unit, as_of)
        for target in (pdf, xlsx):
            if target is not None:
                check_writable(target)
        data = self.build(period, unit, as_of, progress=progress, cancel=cancel)
        pdf_path = self.save_pdf(data, pdf, masked=masked, progress=progress,
                                 cancel=cancel) if pdf is not None else None
        xlsx_path = self.save_xlsx(data, xlsx, masked=masked) if xlsx is not None else None
        return ReportFiles(data, pdf_path, xlsx_path)
