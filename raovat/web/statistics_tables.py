"""The tables of "Thống kê", built once from `Statistics` for the screen (each with its
chart) and for the Excel file, so that both show the same numbers."""

import json
from dataclasses import dataclass, field

from django.urls import reverse

from raovat import xlsx
from raovat.cases.selectors.events import EVENT_KINDS
from raovat.cases.selectors.statistics import Duration, Figure, Statistics
from raovat.documents.words import format_money
from raovat.web.forms import criteria_query


@dataclass(frozen=True)
class Cell:
    text: str
    value: object = None  # what the Excel cell holds: a number where there is one
    url: str = ""
    numeric: bool = True


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: dict | None = None  # Chart.js type, labels and datasets, drawn by statistics.js
    note: str = ""

    @property
    def chart_json(self) -> str:
        # In an attribute, not a <script> block: the pages carry no inline script at all.
        return json.dumps(self.chart, ensure_ascii=False)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _figure(f: Figure, search_url: str) -> Cell:
    url = f"{search_url}?{criteria_query(f.criteria)}" if f.count else ""
    return Cell(_n(f.count), f.count, url)


def _text(text: str) -> Cell:
    return Cell(text, text, numeric=False)


def _days(value: int | None) -> Cell:
    return Cell("–" if value is None else _n(value), value)


def _share(part: float | None) -> Cell:
    if part is None:
        return Cell("–", None)
    percent = round(100 * part, 1)
    return Cell(f"{percent:.1f}".replace(".", ",") + " %", percent)


def _durations(d: Duration) -> list[Cell]:
    return [Cell(_n(d.measured), d.measured), _days(d.median), _days(d.p90)]


def statistics_tables(stats: Statistics) -> list[Table]:
    search = reverse("search")
    return [
        _summary(stats, search),
        *_units(stats, search),
        _carriers(stats, search),
        _steps(stats, search),
        _repeats(stats, search),
        _places(stats, search),
    ]


def _summary(stats, search) -> Table:
    table = Table("tong-hop", "Tổng hợp", ["Chỉ tiêu", "Số hồ sơ", "Số tiền"])
    for f in stats.figures:
        money = (
            Cell(format_money(f.amount, "₫"), f.amount) if f.amount is not None else Cell("", None)
        )
        table.rows.append([_text(f.label), _figure(f, search), money])
    counted = [f for f in stats.figures if f.amount is None]
    table.chart = {
        "type": "bar",
        "horizontal": True,
        "labels": [f.label for f in counted],
        "datasets": [{"label": "Số hồ sơ", "data": [f.count for f in counted]}],
    }
    return table


def _units(stats, search) -> list[Table]:
    labels = [EVENT_KINDS[k].label for k in stats.unit_keys]
    if stats.by_handling_unit:
        labels = [stats.by_handling_unit[0].figure(k).label for k in stats.unit_keys]
    tables = []
    for slug, title, rows in (
        ("don-vi-phat-hien", "Theo đơn vị phát hiện", stats.by_reporting_unit),
        ("don-vi-xu-ly", "Theo đơn vị xử lý", stats.by_handling_unit),
    ):
        table = Table(slug, title, [title.removeprefix("Theo ").capitalize(), *labels])
        for row in rows:
            table.rows.append([_text(row.name), *(_figure(f, search) for f in row.figures)])
        shown = rows[:15]
        table.chart = {
            "type": "bar",
            "labels": [r.name for r in shown],
            "datasets": [
                {"label": labels[i], "data": [r.figures[i].count for r in shown]} for i in (0, 4, 8)
            ],
        }
        if len(rows) > 15:
            table.note = "Biểu đồ vẽ 15 đơn vị có nhiều hồ sơ tiếp nhận nhất; bảng có đủ."
        tables.append(table)
    return tables


def _carriers(stats, search) -> Table:
    table = Table(
        "nha-mang",
        "Theo nhà mạng",
        [
            "Nhà mạng",
            "Hồ sơ tiếp nhận",
            "Tỷ lệ",
            "Đã có thông tin thuê bao",
            "Số lần đo thời gian cung cấp thông tin",
            "Trung vị (ngày làm việc)",
            "90% hồ sơ trong (ngày làm việc)",
            "Đã ngưng cung cấp dịch vụ",
            "Số lần đo thời gian ngưng",
            "Trung vị (ngày làm việc)",
            "90% hồ sơ trong (ngày làm việc)",
        ],
    )
    for r in stats.by_carrier:
        table.rows.append(
            [
                _text(r.label),
                _figure(r.received, search),
                _share(r.share),
                _figure(r.identified, search),
                *_durations(r.to_identify),
                _figure(r.suspended, search),
                *_durations(r.to_suspend),
            ]
        )
    table.chart = {
        "type": "bar",
        "labels": [r.label for r in stats.by_carrier],
        "datasets": [
            {
                "label": "Trung vị thời gian cung cấp thông tin (ngày làm việc)",
                "data": [r.to_identify.median for r in stats.by_carrier],
            },
            {
                "label": "Trung vị thời gian ngưng cung cấp dịch vụ (ngày làm việc)",
                "data": [r.to_suspend.median for r in stats.by_carrier],
            },
        ],
    }
    return table


def _steps(stats, search) -> Table:
    table = Table(
        "thoi-gian",
        "Thời gian xử lý từng bước",
        [
            "Bước",
            "Hồ sơ rời bước trong kỳ",
            "Số lần đo",
            "Trung vị (ngày làm việc)",
            "90% hồ sơ trong (ngày làm việc)",
            "Thời hạn (ngày làm việc)",
            "Đúng hạn",
        ],
    )
    shown = [s for s in stats.steps if s.duration.measured]
    for s in stats.steps:
        table.rows.append(
            [
                _text(s.label),
                _figure(s.ended, search),
                *_durations(s.duration),
                _days(s.days_allowed),
                _share(s.share_within),
            ]
        )
    table.chart = {
        "type": "bar",
        "horizontal": True,
        "labels": [s.label for s in shown],
        "datasets": [
            {"label": "Trung vị", "data": [s.duration.median for s in shown]},
            {"label": "90% hồ sơ trong", "data": [s.duration.p90 for s in shown]},
        ],
    }
    table.note = (
        "Thời gian tính bằng ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày nghỉ lễ; "
        "tính ngày làm bù), theo “Thời hạn xử lý” và thời hạn theo luật."
    )
    return table


def _repeats(stats, search) -> Table:
    table = Table("lap-lai", "Tái diễn, tái phạm", ["Chỉ tiêu", "Số hồ sơ"])
    for f in stats.repeats:
        table.rows.append([_text(f.label), _figure(f, search)])
    return table


def _places(stats, search) -> Table:
    table = Table("dia-diem", "Địa điểm bị phản ánh nhiều nhất", ["Địa điểm vi phạm", "Số hồ sơ"])
    for p in stats.places:
        table.rows.append([_text(p.place), _figure(p.cases, search)])
    table.chart = {
        "type": "bar",
        "horizontal": True,
        "labels": [p.place for p in stats.places],
        "datasets": [{"label": "Số hồ sơ", "data": [p.cases.count for p in stats.places]}],
    }
    return table


def statistics_sheets(stats: Statistics, tables: list[Table], scope: str):
    """One sheet per table, numbers as numbers; the period and scope head each title."""
    for table in tables:
        columns = [xlsx.Column(table.headers[0], 48)] + [
            xlsx.Column(h, 16, "number") for h in table.headers[1:]
        ]
        rows = [[c.value for c in row] for row in table.rows]
        yield xlsx.Sheet(table.title, columns, rows)
    yield xlsx.Sheet(
        "Phạm vi",
        [xlsx.Column("Nội dung", 30), xlsx.Column("Giá trị", 60)],
        [["Kỳ thống kê", stats.period.label], ["Phạm vi", scope]],
    )
