"""The periodic report ("Báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt").

A report of Decree 30/2020/NĐ-CP (type "Báo cáo", code BC): header, title with the
period, I. the general situation in one paragraph, II. the results in three tables (the
figures, per reporting unit, per carrier), III. difficulties and IV. proposals as the
clerk typed them, the closing line, recipients and signature. The figures are the
frozen dict of `raovat.documents.report_figures` (the statistics screen's selectors).
"""

import datetime

from raovat.documents import words
from raovat.documents.contexts.common import dmy, header, local, short_form, signature
from raovat.documents.models import PeriodicReport, PeriodKind

TITLE = "BÁO CÁO"
SUBJECT = "Kết quả xử lý số thuê bao quảng cáo rao vặt"
ROMAN = ("I", "II", "III", "IV")
NONE_TYPED = "Không có."

FIELDS = {
    "period_label": "Kỳ báo cáo, ví dụ tháng 11 năm 2026, quý IV năm 2026, năm 2026",
    "period_range": "Từ ngày … đến ngày … (dd/mm/yyyy)",
    "of_unit_name": "Tên đơn vị có số liệu trong báo cáo",
    "computed_at": "Thời điểm chốt số liệu (dd/mm/yyyy hh:mm)",
    "summary": "Đoạn tình hình chung, lập từ số liệu",
    "totals": "Bảng kết quả: mỗi dòng có no, label, value (dùng trong vòng lặp)",
    "by_reporter": "Bảng theo đơn vị phát hiện: no, unit và các cột số liệu (vòng lặp)",
    "by_carrier": "Bảng theo nhà mạng: no, carrier và các cột số liệu (vòng lặp)",
    "difficulties": "Khó khăn, vướng mắc, từng đoạn (dùng trong vòng lặp)",
    "proposals": "Kiến nghị, đề xuất, từng đoạn (dùng trong vòng lặp)",
    "closing": "Câu kết của báo cáo",
}


def period_label(kind: str, start: datetime.date, end: datetime.date) -> str:
    if kind == PeriodKind.MONTH:
        return f"tháng {start.month:02d} năm {start.year}" if start.month < 3 else \
            f"tháng {start.month} năm {start.year}"
    if kind == PeriodKind.QUARTER:
        return f"quý {ROMAN[(start.month - 1) // 3]} năm {start.year}"
    if kind == PeriodKind.YEAR:
        return f"năm {start.year}"
    return f"từ ngày {dmy(start)} đến ngày {dmy(end)}"


def paragraphs(text: str) -> list[str]:
    """The clerk's text as paragraphs: one per non-empty line."""
    found = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return found or [NONE_TYPED]


def _count(figures: dict, key: str) -> int:
    return next((row["value"] for row in figures["totals"] if row["key"] == key), 0)


def _money(figures: dict, key: str) -> str:
    return words.format_money(next((row["value"] for row in figures["money"]
                                    if row["key"] == key), 0))


def summary(figures: dict, *, of_unit_name: str, label: str) -> str:
    c = lambda key: words.format_number(_count(figures, key))  # noqa: E731
    return (
        f"Trong {label}, {of_unit_name} đã tiếp nhận {c('received')} hồ sơ số thuê bao "
        f"được ghi trên quảng cáo rao vặt treo, dán trái phép; xác nhận {c('confirmed')} hồ "
        f"sơ, trả về {c('returned')} hồ sơ; xác định được chủ thuê bao của {c('identified')} "
        f"hồ sơ; mời làm việc {c('contacted')} trường hợp, lập {c('recorded')} biên bản vi "
        f"phạm hành chính, ra {c('decided')} quyết định xử phạt với tổng số tiền phạt "
        f"{_money(figures, 'fines_decided')}, đã thu {_money(figures, 'fines_paid')}; ngưng "
        f"cung cấp dịch vụ {c('suspended')} số thuê bao, khôi phục {c('restored')} số thuê "
        f"bao; chuyển cơ quan văn hóa xử lý {c('sent_to_culture')} hồ sơ; kết thúc "
        f"{c('closed')} hồ sơ, hủy {c('cancelled')} hồ sơ."
    )


def table_rows(figures: dict) -> dict:
    """The three tables' rows, every value a string as the layout prints it."""
    totals = [{"no": str(i), "label": row["label"], "value": words.format_number(row["value"])}
              for i, row in enumerate(figures["totals"], 1)]
    totals += [{"no": str(len(totals) + i), "label": row["label"],
                "value": words.format_money(row["value"])}
               for i, row in enumerate(figures["money"], 1)]
    by_reporter = [{"no": str(i), **{k: words.format_number(v) if isinstance(v, int) else v
                                     for k, v in row.items()}}
                   for i, row in enumerate(figures["by_reporter"], 1)]
    by_carrier = [{"no": str(i), **{k: words.format_number(v) if isinstance(v, int) else v
                                    for k, v in row.items()}}
                  for i, row in enumerate(figures["by_carrier"], 1)]
    return {"totals": totals, "by_reporter": by_reporter, "by_carrier": by_carrier}


def report_context(report: PeriodicReport, figures: dict) -> dict:
    unit, of_unit = report.unit, report.of_unit
    label = period_label(report.period_kind, report.start, report.end)
    on = report.issued_on or local(report.created_at).date()
    recipients = [f"{short_form(unit.parent.name)} (để báo cáo);"] if unit.parent else []
    of_name = of_unit.name if of_unit else unit.name
    computed = datetime.datetime.fromisoformat(figures["computed_at"])
    return {
        **header(TITLE, f"{SUBJECT} {label}", unit=unit, number_label=report.number_label,
                 on=on),
        **signature(unit, recipients),
        "period_label": label,
        "period_range": f"từ ngày {dmy(report.start)} đến ngày {dmy(report.end)}",
        "of_unit_name": of_name,
        "computed_at": f"{local(computed):%d/%m/%Y %H:%M}",
        "summary": summary(figures, of_unit_name=of_name, label=label),
        **table_rows(figures),
        "difficulties": paragraphs(report.difficulties),
        "proposals": paragraphs(report.proposals),
        "closing": (f"Trên đây là báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt "
                    f"{label} của {unit.name}./."),
    }
