"""The periodic report ("Báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt").

A report of Decree 30/2020/NĐ-CP (type "Báo cáo", code BC): header, title with the
period, I. the general situation in one paragraph, II. the results in three tables (the
figures, per reporting unit, per carrier), III. difficulties and IV. proposals as the
clerk typed them, the closing line, recipients and signature. The figures are the
frozen dict of `raovat.documents.report_figures` (the statistics screen's selectors).
"""

import datetime

from raovat.cases.labels import chain_names
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
        return (
            f"tháng {start.month:02d} năm {start.year}"
            if start.month < 3
            else f"tháng {start.month} năm {start.year}"
        )
    if kind == PeriodKind.QUARTER:
        return f"quý {ROMAN[(start.month - 1) // 3]} năm {start.year}"
    if kind == PeriodKind.YEAR:
        return f"năm {start.year}"
    return f"từ ngày {dmy(start)} đến ngày {dmy(end)}"


def paragraphs(text: str) -> list[str]:
    """The clerk's text as paragraphs: one per non-empty line."""
    found = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return found or [NONE_TYPED]


def _value(rows: list[dict], key: str) -> int:
    return next((row["value"] for row in rows if row["key"] == key), 0)


def summary(figures: dict, *, of_unit_name: str, label: str, names: dict[str, str]) -> str:
    """The general situation in one paragraph, from the same figures as the tables."""

    def c(key):
        return words.format_number(_value(figures["totals"], key))

    def m(key):
        return words.format_money(_value(figures["money"], key))

    return (
        f"Trong {label}, {of_unit_name} đã tiếp nhận {c('tiep-nhan')} hồ sơ số thuê bao "
        f"được ghi trên quảng cáo rao vặt treo, dán trái phép; xác nhận {c('xac-nhan')} hồ "
        f"sơ, trả về bổ sung {c('tra-ve')} hồ sơ; chuyển {names['telecom']} "
        f"{c('chuyen-vien-thong')} hồ sơ, đã có thông tin chủ thuê bao của {c('xac-dinh')} "
        f"hồ sơ; hoàn tất liên hệ, mời làm việc {c('lien-he')} hồ sơ, lập biên bản vi phạm "
        f"hành chính {c('bien-ban')} hồ sơ, ra quyết định xử phạt {c('quyet-dinh')} hồ sơ "
        f"với tổng số tiền phạt {m('quyet-dinh')}, đã nộp {m('nop-phat')}; ngưng cung cấp "
        f"dịch vụ {c('ngung')} số thuê bao, khôi phục {c('khoi-phuc')} số thuê bao; chuyển "
        f"{names['culture']} xử lý {c('chuyen-van-hoa')} hồ sơ; kết thúc {c('ket-thuc')} hồ "
        f"sơ, hủy {c('huy')} hồ sơ."
    )


def table_rows(figures: dict) -> dict:
    """The three tables' rows, every value a string as the layout prints it."""
    totals = [
        {"no": str(i), "label": row["label"], "value": words.format_number(row["value"])}
        for i, row in enumerate(figures["totals"], 1)
    ]
    totals += [
        {
            "no": str(len(totals) + i),
            "label": row["label"],
            "value": words.format_money(row["value"]),
        }
        for i, row in enumerate(figures["money"], 1)
    ]
    by_reporter = [
        {
            "no": str(i),
            **{k: words.format_number(v) if isinstance(v, int) else v for k, v in row.items()},
        }
        for i, row in enumerate(figures["by_reporter"], 1)
    ]
    by_carrier = [
        {
            "no": str(i),
            **{k: words.format_number(v) if isinstance(v, int) else v for k, v in row.items()},
        }
        for i, row in enumerate(figures["by_carrier"], 1)
    ]
    return {"totals": totals, "by_reporter": by_reporter, "by_carrier": by_carrier}


def report_context(report: PeriodicReport, figures: dict) -> dict:
    unit, of_unit = report.unit, report.of_unit
    label = period_label(report.period_kind, report.start, report.end)
    on = report.issued_on or local(report.created_at).date()
    recipients = [f"{short_form(unit.parent.name)} (để báo cáo);"] if unit.parent else []
    of_name = figures.get("scope_name") or (of_unit.name if of_unit else unit.name)
    computed = datetime.datetime.fromisoformat(figures["computed_at"])
    return {
        **header(TITLE, f"{SUBJECT} {label}", unit=unit, number_label=report.number_label, on=on),
        **signature(unit, recipients),
        "period_label": label,
        "period_range": f"từ ngày {dmy(report.start)} đến ngày {dmy(report.end)}",
        "of_unit_name": of_name,
        "computed_at": f"{local(computed):%d/%m/%Y %H:%M}",
        "summary": summary(figures, of_unit_name=of_name, label=label, names=chain_names(unit)),
        **table_rows(figures),
        "difficulties": paragraphs(report.difficulties),
        "proposals": paragraphs(report.proposals),
        "closing": (
            f"Trên đây là báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt "
            f"{label} của {unit.name}./."
        ),
    }
