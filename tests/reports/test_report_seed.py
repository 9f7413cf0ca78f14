"""End to end on the seed database: ``fazhi stats --json``, the PDF, the workbook and the
narrative show the same numbers for the same period and unit; bad input writes nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from fazhi_desktop.cli.main import main
from fazhi_desktop.domain.figures import FIGURES, REGISTER_ORDER, format_rate
from fazhi_desktop.reports.narrative import report_narrative
from fazhi_desktop.services import open_services
from fazhi_desktop.services.reports import ReportFileError, ReportService
from tests.conftest import TODAY
from tests.reports import seed_data

from .pdftext import current_figures, pages_text
from .test_xlsx_narrative import summary_values


@pytest.fixture(scope="module")
def seeded(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("seeded-report") / "data"
    seed_data.build_seeded_folder(template_dir, folder, TODAY)
    return folder


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def outputs(seeded: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("out")
    pdf, xlsx = folder / "2025年报.pdf", folder / "2025年报.xlsx"
    code = main(["--data-dir", str(seeded), "report", "--period", "2025", "--out", str(pdf),
                 "--xlsx", str(xlsx)])
    assert code == 0
    with open_services(seeded, today=lambda: TODAY) as sv:
        data = ReportService(sv.ctx).build("2025")
    return {"pdf": pdf, "xlsx": xlsx, "data": data}


def test_same_numbers_in_json_pdf_xlsx_and_narrative(seeded: Path, outputs: dict[str, Any],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--data-dir", str(seeded), "stats", "--period", "2025", "--json")
    assert code == 0
    stats = json.loads(out)
    for register, expected in seed_data.EXPECTED_2025.items():
        for key, value in expected.items():
            assert stats[register][key] == value, (register, key)
    assert stats["petitions"]["by_channel"]["hotline_12345"]["closed_rate"] == 97.9

    printed = current_figures(outputs["pdf"].read_bytes())
    cells = summary_values(outputs["xlsx"])
    for register in REGISTER_ORDER:
        for f in FIGURES[register]:
            value = stats[register][f.key]
            if f.kind == "count":
                assert printed[register][f.key] == str(value), (register, f.key)
                assert cells[register][f.key].value == value, (register, f.key)
            else:
                assert printed[register][f.key] == format_rate(value), (register, f.key)
                cell = cells[register][f.key].value
                assert (cell == "—") if value is None else round(cell * 100, 1) == value

    text = report_narrative(outputs["data"])
    hot = stats["petitions"]["by_channel"]["hotline_12345"]
    assert f"排查矛盾纠纷{stats['disputes']['intake']}起" in text
    assert (f"12345政务服务热线转办件{hot['intake']}件，办结{hot['closed']}件，"
            f"办结率97.9%，群众回访满意率86.4%") in text
    assert "合法性审查32件、合同审查45份" in text and "提出法律意见110条" in text
    assert "出庭应诉率100%" in text
    flat = re.sub(r"\s+", "", "".join(pages_text(outputs["pdf"].read_bytes())))
    assert re.sub(r"\s+", "", text) in flat
    assert outputs["data"].stats_json() == stats


def test_pdf_lists_the_overdue_and_major_risk_items_masked(outputs: dict[str, Any]) -> None:
    text = "".join(pages_text(outputs["pdf"].read_bytes()))
    assert "重大风险" in text and "逾期" in text
    assert "王小明" not in text and "王*明" in text  # the helpers' party, masked
    assert "13800138000" not in text and "138****8000" in text


def test_stats_without_json_prints_labels(seeded: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--data-dir", str(seeded), "stats", "--period", "2025")
    assert code == 0
    assert "调处率" in out and "100.0%" in out and "97.4%" in out


@pytest.mark.parametrize("args,words", [
    (["--period", "2025-13"], "月份 13"),
    (["--period", "2025", "--unit", "000"], "单位代码“000”不存在"),
    (["--period", "2025-11", "--as-of", "2025-10-01"], "早于统计期间"),
])
def test_bad_input_writes_nothing(seeded: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str], args: list[str],
                                  words: str) -> None:
    code, out, err = _cli(capsys, "--data-dir", str(seeded), "report", *args,
                          "--out", str(tmp_path / "a.pdf"), "--xlsx", str(tmp_path / "a.xlsx"))
    assert code != 0 and words in err and out == ""
    assert list(tmp_path.iterdir()) == []
    code, _, err = _cli(capsys, "--data-dir", str(seeded), "stats", *args, "--json")
    assert code != 0 and words in err


def test_unwritable_destination_leaves_no_file(seeded: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "ok.pdf"
    code, _, err = _cli(capsys, "--data-dir", str(seeded), "report", "--period", "2025",
                        "--out", str(good), "--xlsx", str(tmp_path / "nope" / "a.xlsx"))
    assert code != 0 and "无法写入报表文件" in err and "所在文件夹不存在" in err
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_failure_while_writing_leaves_no_partial_file(seeded: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    def disk_full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_services(seeded, today=lambda: TODAY) as sv:
        service = ReportService(sv.ctx)
        data = service.build("2025-11")
        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises(ReportFileError, match="磁盘空间不足"):
            service.save_pdf(data, tmp_path / "x.pdf")
        with pytest.raises(ReportFileError, match="x.xlsx.*磁盘空间不足"):
            service.save_xlsx(data, tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_unmasked_report_shows_parties(seeded: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "full.pdf"
    code, _, err = _cli(capsys, "--data-dir", str(seeded), "report", "--period", "2025",
                        "--out", str(out), "--unmasked")
    assert code == 0 and "未脱敏" in err
    assert "王小明" in "".join(pages_text(out.read_bytes()))
