"""``fazhi excel import|export`` as a user types it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from fazhi_desktop.cli.main import main
from tests.ledger.builders import DISPUTE_HEADER, dispute_row, valid_id, xlsx


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(data_dir: Path) -> str:
    return str(data_dir)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    rows = [["2025年矛盾纠纷台账"], DISPUTE_HEADER,
            dispute_row(1, id_no=valid_id(1)), dispute_row(2, id_no=valid_id(2)),
            dispute_row(3, received="2025-02-30"), ["合计"]]
    return xlsx(tmp_path / "台账.xlsx", rows, merges=["A1:J1"])


def test_dry_run_shows_mapping_counts_and_problems_and_saves_nothing(
        folder: str, sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", folder, "excel", "import", str(sheet),
                       "--register", "disputes", "--dry-run")
    assert code == 0
    assert "表头：第2行" in out and "受理时间      登记日期" in out
    assert "可导入2行，有问题1行，与已有记录重复0行" in out
    assert "第5行 B列“受理时间”：“2025-02-30”不是存在的日期" in out
    assert "没有保存任何记录" in out
    code, out, _ = run(capsys, "--data-dir", folder, "records", "list", "disputes")
    assert "共 0 条" in out


def test_import_then_reimport_then_export(folder: str, sheet: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    mapping = tmp_path / "m.json"
    code, out, _ = run(capsys, "--data-dir", folder, "excel", "import", str(sheet),
                       "--register", "disputes", "--save-mapping", str(mapping))
    assert code == 0 and "导入完成：新增2条，有问题未导入1行" in out
    assert json.loads(mapping.read_text(encoding="utf-8"))["columns"]["申请人"] == "party1.name"

    code, out, err = run(capsys, "--data-dir", folder, "excel", "import", str(sheet),
                         "--register", "disputes", "--mapping", str(mapping))
    assert code == 1 and "与已有记录 纠2025-XC1-0001 重复" in out
    assert "没有可导入的行" in err

    out_file = tmp_path / "导出.xlsx"
    code, out, _ = run(capsys, "--data-dir", folder, "excel", "export", "--register", "disputes",
                       "--out", str(out_file), "--unmasked")
    assert code == 0 and "已导出 2 条" in out
    ws = openpyxl.load_workbook(out_file).active
    row = dict(zip([c.value for c in ws[2]], [c.value for c in ws[3]], strict=True))
    assert row["当事人1姓名"] == "张1" and row["纠纷类型"] == "邻里"


def test_json_preview(folder: str, sheet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", folder, "excel", "import", str(sheet),
                       "--register", "disputes", "--dry-run", "--json")
    data = json.loads(out)["preview"]
    assert code == 0 and data["counts"] == {"good": 2, "problem": 1, "duplicate": 0}
    bad = next(r for r in data["rows"] if r["status"] == "problem")
    assert bad["row"] == 5 and bad["problems"][0]["column"] == "B"


def test_bad_file_is_an_error_on_stderr(folder: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "--data-dir", folder, "excel", "import", str(empty),
                         "--register", "disputes")
    assert code == 1 and out == "" and "是空的" in err
