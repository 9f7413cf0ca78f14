"""Opening a spreadsheet file and reading one sheet as plain Python values.

python-calamine reads ``.xlsx``/``.xlsm``, legacy ``.xls`` and ``.ods`` (about ten times
faster than openpyxl). Cells come back as ``str`` ('' for empty), ``float``/``int``,
``bool``, ``datetime.date``/``datetime`` (for date-formatted cells) or ``timedelta``.

Before calamine sees a file we look at its first bytes, so that a user who picks a Word
document, an encrypted workbook, a web page saved as ``.xls`` or an empty file is told what
it is in Chinese instead of getting a parser's stack trace. Limits (``MAX_FILE_BYTES``,
``MAX_ROWS``) keep a mistaken pick of a huge file from eating the PC's memory.

calamine does not say which cells hold formulas. A formula cell that was never calculated
(files written by scripts, or saved by tools that do not compute) reads as empty, which
would silently drop data; for ``.xlsx`` we therefore scan the sheet's XML for ``<f>``
elements without a cached ``<v>`` value and report them (``SheetData.uncached_formulas``).
"""

from __future__ import annotations

import mmap
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self
from xml.etree import ElementTree

import python_calamine as calamine

from fazhi_desktop.ledger.text import LedgerError, column_index

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class SheetData:
    """One sheet's cells. ``rows[r][c]`` is the cell at 0-based row r, column c (A1 = [0][0]).

    Rows are padded to the same width; leading empty rows and columns are kept so that row
    and column numbers shown to the user are the ones Excel shows.
    """

    name: str
    rows: list[list[Any]]
    # Merged ranges as (first_row, first_col, last_row, last_col), 0-based, inclusive.
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    # (row, col) of formula cells that have no calculated value in the file.
    uncached_formulas: list[tuple[int, int]] = field(default_factory=list)
    # True when columns beyond MAX_COLUMNS were cut off.
    truncated_columns: bool = False


def _describe(path: Path) -> str:
    return f"“{path.name}”"


def check_file(path: Path) -> str:
    """The kind of spreadsheet at ``path`` ('xlsx', 'xls' or 'ods'), or a ``LedgerError``."""
    name = _describe(path)
    if not path.exists():
        raise LedgerError(f"找不到文件{name}。")
    if path.is_dir():
        raise LedgerError(f"{name}是一个文件夹，不是Excel表格文件。")
    size = path.stat().st_size
    if size == 0:
        raise LedgerError(f"文件{name}是空的（0字节），里面没有表格。")
    if size > MAX_FILE_BYTES:
        raise LedgerError(
            f"文件{name}有 {size / 1024 / 1024:.0f} MB，超过一次导入的上限 "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB。请把台账拆成几个较小的文件分批导入。"
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    if head == _OLE_MAGIC:
        return _ole_kind(path)
    return _not_a_spreadsheet(path, head)


def _zip_kind(path: Path) -> str:
    name = _describe(path)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
                return "xlsx"
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    return "ods"
                if b"opendocument.text" in mime:
                    raise LedgerError(f"{name}是一个文字文档（.odt），不是表格。请选择Excel台账文件。")
    except zipfile.BadZipFile:
        raise LedgerError(f"文件{name}已损坏，无法作为Excel表格打开。") from None
    if any(n.startswith("word/") for n in names):
        raise LedgerError(f"{name}是一个Word文档，不是Excel表格。请选择Excel台账文件。")
    if any(n.startswith("ppt/") for n in names):
        raise LedgerError(f"{name}是一个PowerPoint演示文稿，不是Excel表格。")
    raise LedgerError(f"{name}是一个压缩包，不是Excel表格。请先解压，再选择其中的台账文件。")


def _ole_kind(path: Path) -> str:
    """Legacy .xls, Word .doc, or an encrypted OOXML workbook (which is an OLE container)."""
    name = _describe(path)
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        def has(stream: str) -> bool:
            return mm.find(stream.encode("utf-16-le")) != -1

        if has("EncryptedPackage") or has("EncryptionInfo"):
            raise _encrypted(path)
        if has("WordDocument"):
            raise LedgerError(f"{name}是一个Word文档（.doc），不是Excel表格。")
        if has("Workbook") or has("Book"):
            return "xls"
    raise LedgerError(f"{name}不是能识别的Excel表格文件。")


def _encrypted(path: Path) -> LedgerError:
    return LedgerError(
        f"{_describe(path)}设置了打开密码（已加密），程序无法读取。请在Excel中打开它，"
        "通过“文件→信息→保护工作簿→用密码进行加密”清除密码并保存后，再导入。"
    )


def _not_a_spreadsheet(path: Path, head: bytes) -> str:
    name = _describe(path)
    with path.open("rb") as fh:
        start = fh.read(2048)
    lowered = start.lower().lstrip(b"\xef\xbb\xbf \r\n\t")
    if lowered.startswith((b"<html", b"<!doctype", b"<table", b"<?xml", b"<meta")):
        raise LedgerError(
            f"{name}其实是一个网页（HTML）文件，只是扩展名像Excel（有些系统这样导出“xls”）。"
            "请用Excel打开它，“另存为”Excel工作簿（.xlsx）后再导入。"
        )
    if head.startswith(b"%PDF"):
        raise LedgerError(f"{name}是一个PDF文件，不是Excel表格。")
    if _looks_like_text(start):
        raise LedgerError(
            f"{name}是一个文本文件（可能是CSV），不是Excel表格。请用Excel打开它，"
            "“另存为”Excel工作簿（.xlsx）后再导入。"
        )
    raise LedgerError(f"{name}不是Excel表格文件（支持 .xlsx、.xls、.ods）。")


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


@dataclass
class Workbook:
    """An opened spreadsheet: its visible worksheets, and a way to read one."""

    path: Path
    kind: str
    sheet_names: list[str]
    _book: Any

    def read(self, sheet: str | int | None = None, max_rows: int | None = None) -> SheetData:
        """Read a sheet by name or 0-based index (default: the first with any data)."""
        max_rows = max_rows or MAX_ROWS
        name, raw = self._pick(sheet)
        end = raw.end
        if end is not None and end[0] + 1 > max_rows:
            raise LedgerError(
                f"工作表“{name}”有 {end[0] + 1} 行，超过一次导入的上限 {max_rows} 行。"
                "请把台账拆成几个文件分批导入。"
            )
        rows = raw.to_python(skip_empty_area=False, nrows=max_rows + 1)
        truncated = False
        if rows and len(rows[0]) > MAX_COLUMNS:
            rows = [row[:MAX_COLUMNS] for row in rows]
            truncated = True
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (raw.merged_cell_ranges or [])]
        formulas = _uncached_formulas(self.path, name) if self.kind == "xlsx" else []
        return SheetData(name, rows, merged, formulas, truncated)

    def _load(self, name: str) -> Any:
        try:
            return self._book.get_sheet_by_name(name)
        except calamine.PasswordError:
            raise _encrypted(self.path) from None
        except calamine.CalamineError as exc:
            raise LedgerError(f"读取工作表“{name}”失败：文件可能已损坏（{exc}）。") from None

    def _pick(self, sheet: str | int | None) -> tuple[str, Any]:
        """The sheet's name and its loaded calamine sheet (loading parses the whole sheet)."""
        if isinstance(sheet, int):
            if not 0 <= sheet < len(self.sheet_names):
                raise LedgerError(f"工作簿只有 {len(self.sheet_names)} 个工作表，没有第 {sheet + 1} 个。")
            return self.sheet_names[sheet], self._load(self.sheet_names[sheet])
        if sheet is not None:
            if sheet not in self.sheet_names:
                known = "、".join(self.sheet_names)
                raise LedgerError(f"找不到工作表“{sheet}”（这个文件里有：{known}）。")
            return sheet, self._load(sheet)
        for name in self.sheet_names:
            try:
                raw = self._load(name)
            except LedgerError:
                continue
            if raw.end is not None:
                return name, raw
        raise LedgerError(f"{_describe(self.path)}里的所有工作表都是空的，没有可导入的数据。")

    def close(self) -> None:
        self._book.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workbook(path: str | Path) -> Workbook:
    """Check and open a spreadsheet; raises ``LedgerError`` with a Chinese message."""
    path = Path(path)
    kind = check_file(path)
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError:
        raise _encrypted(path) from None
    except (calamine.CalamineError, OSError, ValueError) as exc:
        raise LedgerError(f"无法打开{_describe(path)}：文件可能已损坏（{exc}）。") from None
    names = [
        m.name for m in book.sheets_metadata
        if m.typ == calamine.SheetTypeEnum.WorkSheet
        and m.visible == calamine.SheetVisibleEnum.Visible
    ]
    if not names:
        book.close()
        raise LedgerError(f"{_describe(path)}里没有可见的工作表。")
    return Workbook(path, kind, names, book)


def read_sheet(path: str | Path, sheet: str | int | None = None) -> SheetData:
    with open_workbook(path) as book:
        return book.read(sheet)


# --- formulas without a cached value (xlsx only) ----------------------------------------

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _sheet_xml_path(zf: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rel_id = None
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            rel_id = sheet.get(f"{_NS_REL}id")
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _contains(zf: zipfile.ZipFile, member: str, needle: bytes) -> bool:
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _uncached_formulas(path: Path, sheet_name: str) -> list[tuple[int, int]]:
    try:
        with zipfile.ZipFile(path) as zf:
            member = _sheet_xml_path(zf, sheet_name)
            if member is None or not _contains(zf, member, b"<f"):
                return []
            return list(_scan_formulas(zf, member))
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []


def _scan_formulas(zf: zipfile.ZipFile, member: str) -> Iterator[tuple[int, int]]:
    with zf.open(member) as fh:
        for _event, elem in ElementTree.iterparse(fh, events=("end",)):
            if elem.tag != f"{_NS_MAIN}c":
                continue
            if elem.find(f"{_NS_MAIN}f") is not None:
                value = elem.find(f"{_NS_MAIN}v")
                if value is None or not (value.text or "").strip():
                    match = _CELL_REF.fullmatch(elem.get("r", ""))
                    if match:
                        yield int(match.group(2)) - 1, column_index(match.group(1))
            elem.clear()
