"""The 12-month trend chart of the PDF report, as vector graphics (reportlab.graphics).

Drawn for a black-and-white printer: the four registers differ by dash pattern and marker
shape, never by colour alone, and the legend repeats both.
"""

from __future__ import annotations

from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from fazhi_desktop.domain.figures import REGISTER_ORDER, REGISTER_ZH

from .model import TrendMonth

# register -> (dash pattern, marker kind, grey level)
_STYLE: dict[str, tuple[list[float] | None, str, float]] = {
    "disputes": (None, "FilledCircle", 0.0),
    "petitions": ([5, 2], "FilledSquare", 0.0),
    "lawsuits": ([1.5, 1.5], "Triangle", 0.25),
    "reviews": ([6, 2, 1.5, 2], "Diamond", 0.25),
}


def _month_label(tm: TrendMonth, first: bool) -> str:
    s = tm.month.start
    return f"{s.year}年{s.month}月" if first or s.month == 1 else f"{s.month}月"


def _nice_max(value: int) -> int:
    """A round upper bound for the value axis (at least 5)."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def trend_chart(trend: list[TrendMonth], font: str, width: float, height: float = 190) -> Drawing:
    """Monthly intake of the four registers over the months of ``trend``."""
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 38, 52
    chart.width, chart.height = width - 50, height - 70
    data = [[tm.intake.get(r, 0) for tm in trend] for r in REGISTER_ORDER]
    chart.data = data
    top = _nice_max(max((v for row in data for v in row), default=0))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, top // 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.75, 0.75, 0.75)
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.categoryNames = [_month_label(tm, i == 0) for i, tm in enumerate(trend)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 0
    chart.categoryAxis.labels.dy = -3
    chart.joinedLines = 1
    for i, register in enumerate(REGISTER_ORDER):
        dash, marker, grey = _STYLE[register]
        line = chart.lines[i]
        line.strokeColor = colors.Color(grey, grey, grey)
        line.strokeWidth = 1.2
        line.strokeDashArray = dash
        line.symbol = makeMarker(marker, size=4.5)
        line.symbol.fillColor = colors.Color(grey, grey, grey)
        line.symbol.strokeColor = colors.Color(grey, grey, grey)
    drawing.add(chart)
    drawing.add(String(4, height - 10, "登记数（件）", fontName=font, fontSize=7.5))
    # Legend: a line sample with its marker and the register's name.
    x = 40.0
    for register in REGISTER_ORDER:
        dash, marker, grey = _STYLE[register]
        colour = colors.Color(grey, grey, grey)
        drawing.add(Line(x, 14, x + 26, 14, strokeColor=colour, strokeWidth=1.2,
                         strokeDashArray=dash))
        sym = makeMarker(marker, size=4.5)
        sym.x, sym.y = x + 13, 14
        sym.fillColor = colour
        sym.strokeColor = colour
        drawing.add(sym)
        name = REGISTER_ZH[register]
        drawing.add(String(x + 30, 11, name, fontName=font, fontSize=8))
        x += 30 + stringWidth(name, font, 8) + 24
    return drawing
