"""``fazhi stats`` and ``fazhi report`` (SPEC §10): the figures of §3 and the report of §4."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from fazhi_desktop.cli.common import print_json, print_table
from fazhi_desktop.domain.figures import COUNT, FIGURES, REGISTER_ORDER, REGISTER_ZH, format_rate
from fazhi_desktop.services import Services

PERIOD_HELP = "统计期间：2025-11（月）、2025-Q4（季度）、2025（年）或 2025-03-01..2025-06-30"


def register(sub: Any) -> None:
    p = sub.add_parser("stats", help="统计数字（SPEC §3 口径）")
    p.add_argument("--period", required=True, help=PERIOD_HELP)
    p.add_argument("--unit", default=None, help="单位代码（含下属单位；默认本单位）")
    p.add_argument("--as-of", default=None, help="截至日期 YYYY-MM-DD（默认期末或今天）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出（键名稳定，供其他程序读取）")
    p.set_defaults(func=_stats, readonly=True)

    p = sub.add_parser("report", help="生成上报用的 PDF 报表和/或 Excel 工作簿")
    p.add_argument("--period", required=True, help=PERIOD_HELP)
    p.add_argument("--unit", default=None, help="单位代码（含下属单位；默认本单位）")
    p.add_argument("--as-of", default=None, help="截至日期 YYYY-MM-DD（默认期末或今天）")
    p.add_argument("--out", type=Path, default=None, help="PDF 文件路径")
    p.add_argument("--xlsx", type=Path, default=None, help="Excel 工作簿路径")
    p.add_argument("--unmasked", action="store_true",
                   help="不对当事人姓名、身份证号、电话脱敏（请妥善保管输出文件）")
    p.set_defaults(func=_report, readonly=True)


def _stats(args: argparse.Namespace, sv: Services) -> int:
    figures = sv.stats.figures(args.period, args.unit, args.as_of)
    if args.json:
        print_json(figures)
        return 0
    print(f"统计期间 {figures['from']} 至 {figures['to']}，截至 {figures['as_of']}，"
          f"单位 {figures['unit']}（含下属单位）")
    for register in REGISTER_ORDER:
        rows = []
        for f in FIGURES[register]:
            value = figures[register][f.key]
            rows.append([f.zh, str(value) if f.kind == COUNT else format_rate(value)])
        print()
        print(f"【{REGISTER_ZH[register]}】")
        print_table(["指标", "数值"], rows)
    return 0


def _default_pdf_name(period: str, unit: str) -> Path:
    safe = period.replace("..", "_至_").replace("/", "-")
    return Path(f"法治工作统计-{unit}-{safe}.pdf")


def _report(args: argparse.Namespace, sv: Services) -> int:
    service = sv.reports
    p, _, unit = service.stats.resolve(args.period, args.unit, args.as_of)
    pdf = args.out
    if pdf is None and args.xlsx is None:
        pdf = _default_pdf_name(p.text, unit)

    def progress(fraction: float, message: str) -> None:
        if sys.stderr.isatty():
            print(f"\r{message}… {int(fraction * 100):3d}%", end="", file=sys.stderr, flush=True)

    done = service.write(p, unit, args.as_of, pdf=pdf, xlsx=args.xlsx,
                         masked=not args.unmasked, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for path in (done.pdf, done.xlsx):
        if path is not None:
            print(f"已生成 {path}")
    if args.unmasked:
        print("注意：输出含未脱敏的当事人个人信息，请妥善保管。", file=sys.stderr)
    return 0
