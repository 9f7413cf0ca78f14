"""Showing and printing a PDF made by the services (report pages) with QtPdf and QPrinter.

The report PDF is made once (``services.reports.pdf_bytes``); the preview and the printer
both read those bytes, so what is printed is the page that was previewed.

* :func:`open_pdf` loads bytes into a ``QPdfDocument`` (through a ``QBuffer`` kept as the
  document's child, which must live as long as the document).
* :func:`new_printer` makes the ``QPrinter`` every print starts from: high resolution, A4
  portrait, whole paper (the PDF brings its own margins).
* :func:`pages_to_print` reads the page range the print dialog left on the printer.
* :func:`print_pdf` paints the chosen pages onto the printer. Each page is rendered by
  pdfium at the printer's resolution (capped at :data:`MAX_DPI`) in horizontal bands, so a
  600 dpi A4 page never needs one 140 MB image; a page is scaled to fit the paper keeping
  its proportions (A4 onto A4 is 1:1). It may run on the worker thread: it makes its own
  ``QPdfDocument`` there, and painting on a ``QPrinter`` outside the GUI thread is allowed.

Qt's print engines receive images, so a PDF "printed" to a file holds page images, not text:
to keep the text, use 保存PDF (the PDF itself).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from fazhi_desktop.services.errors import FazhiError
from fazhi_desktop.ui.i18n import tr

MAX_DPI = 600        # finer than any office printer needs; keeps page images bounded
BAND_BYTES = 24 << 20  # at most ~24 MB of image per rendered band


class PrintError(FazhiError):
    """The PDF could not be read or the printer refused to start (message in Chinese)."""


def open_pdf(data: bytes, parent: QObject | None = None) -> QPdfDocument:
    """A ``QPdfDocument`` of ``data`` (``PrintError`` if pdfium cannot read it)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        error = document.error()
        document.deleteLater()
        raise PrintError(tr("无法读取报表 PDF（{error}）。").format(error=error.name))
    return document


def new_printer() -> QPrinter:
    """The printer settings every report print starts from (the print dialog may change
    them): A4 portrait, the whole sheet, high resolution."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def pages_to_print(printer: QPrinter, page_count: int) -> list[int]:
    """0-based page numbers the printer's page range asks for, within the document."""
    if printer.printRange() == QPrinter.PrintRange.PageRange:
        wanted: list[int] = []
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            for r in ranges.toRangeList():
                wanted += range(r.from_, r.to + 1)
        elif printer.fromPage() > 0:
            wanted = list(range(printer.fromPage(), max(printer.toPage(), printer.fromPage()) + 1))
        pages = sorted({p - 1 for p in wanted if 1 <= p <= page_count})
        return pages
    return list(range(page_count))


def _target(page_size_pt: QSize | QRectF, paper: QRect) -> QRect:
    """Where a page of ``page_size_pt`` goes on ``paper``: scaled to fit, centred."""
    w, h = float(page_size_pt.width()), float(page_size_pt.height())
    scale = min(paper.width() / w, paper.height() / h)
    tw, th = round(w * scale), round(h * scale)
    return QRect(paper.x() + (paper.width() - tw) // 2, paper.y() + (paper.height() - th) // 2,
                 tw, th)


def print_pdf(data: bytes, printer: QPrinter, pages: list[int] | None = None, *,
              progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Paint ``pages`` (0-based; default all) of the PDF ``data`` onto ``printer``.

    Returns the number of pages printed, or 0 when ``cancelled()`` turned true between two
    bands: the job is then aborted (``printer.abort()``) and an output file the printer was
    writing to is removed, so a cancelled print leaves nothing behind.
    """
    document = open_pdf(data)  # this thread's own document (QtPdf serialises pdfium calls)
    chosen = list(range(document.pageCount())) if pages is None else [
        p for p in pages if 0 <= p < document.pageCount()]
    if not chosen:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(tr("打印机没有准备好，无法开始打印（请检查打印机是否连接、是否有纸）。"))
    dpi = min(printer.resolution(), MAX_DPI)
    to_device = printer.resolution() / dpi
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    paper.moveTo(0, 0)  # full-page mode: the painter's origin is the paper's corner
    gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
    try:
        for n, page in enumerate(chosen):
            if n:
                printer.newPage()
            target = _target(document.pagePointSize(page), paper)
            full = QSize(max(1, round(target.width() / to_device)),
                         max(1, round(target.height() / to_device)))
            band = max(16, BAND_BYTES // (4 * full.width()))
            for top in range(0, full.height(), band):
                if cancelled is not None and cancelled():
                    _abort(painter, printer)
                    return 0
                rows = min(band, full.height() - top)
                options = QPdfDocumentRenderOptions()
                options.setScaledSize(full)
                options.setScaledClipRect(QRect(0, top, full.width(), rows))
                image = document.render(page, QSize(full.width(), rows), options)
                if gray:
                    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
                painter.drawImage(QRectF(target.x(), target.y() + top * to_device,
                                         target.width(), rows * to_device), image)
            if progress is not None:
                progress(n + 1, len(chosen))
    except BaseException:
        _abort(painter, printer)
        raise
    painter.end()
    return len(chosen)


def _abort(painter: QPainter, printer: QPrinter) -> None:
    """Stop a print job half way: nothing more reaches the printer; no partial file."""
    printer.abort()
    if painter.isActive():
        painter.end()
    name = printer.outputFileName()
    if name:
        Path(name).unlink(missing_ok=True)
