"""Import, reading the file: find the header row and the data rows of every sheet."""

import re

from raovat.cases.services.carrier_excel.profiles import (
    MAX_BYTES,
    MAX_ROWS,
    PHONE,
    CarrierFileError,
    Profile,
    _NoHeader,
)
from raovat.cases.text import fold


def _norm_header(value) -> str:
    text = fold(str(value or ""))
    text = re.sub(r"\(.*?\)", "", text)  # "Ngày sinh (dd/mm/yyyy)"
    return " ".join(text.replace("*", " ").replace(":", " ").split())


def _load(upload):
    from openpyxl import load_workbook

    name = getattr(upload, "name", "") or "tệp"
    if upload.size > MAX_BYTES:
        raise CarrierFileError(f"Tệp “{name}” lớn hơn 5 MB, hãy chia thành nhiều tệp nhỏ hơn.")
    if name.lower().endswith(".xls"):
        raise CarrierFileError(
            f"Tệp “{name}” là định dạng Excel 97–2003 (.xls): hãy mở "
            "bằng Excel và lưu lại dưới dạng .xlsx rồi nhập lại."
        )
    try:
        upload.seek(0)
        return load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a file that is not .xlsx
        raise CarrierFileError(
            f"Tệp “{name}” không phải tệp Excel (.xlsx) hoặc đã bị hỏng. "
            "Hãy chọn tệp .xlsx của nhà mạng."
        ) from None


def _header(rows, profile: Profile) -> tuple[int | None, dict[str, int], bool]:
    """The header row's number (within the first 10), column key → index, and whether
    any cell before it had a value. Reads `rows` up to the header only."""
    seen = False
    for number, values in enumerate(rows, 1):
        if number > 10:
            break
        cells = [_norm_header(v) for v in values]
        if any(c in PHONE.aliases for c in cells):
            mapping: dict[str, int] = {}
            for index, text in enumerate(cells):
                for column in profile.columns:
                    if text in column.aliases and column.key not in mapping:
                        mapping[column.key] = index
            return number, mapping, seen
        seen = seen or any(v not in (None, "") for v in values)
    return None, {}, seen


def _sheet_rows(ws, profile: Profile, sheet_label: str):
    """(row number, {column key: value}) for each non-empty data row of a sheet."""
    rows = ws.iter_rows(values_only=True)
    header, mapping, seen = _header(rows, profile)
    if header is None:
        if not seen:
            return None
        raise _NoHeader(
            f"{sheet_label}: không tìm thấy dòng tiêu đề có cột “Số thuê bao” trong 10 dòng "
            f"đầu. Tệp cần có các cột: {_required(profile)}."
        )
    missing = [c.header for c in profile.columns if c.required and c.key not in mapping]
    if missing:
        raise CarrierFileError(
            f"{sheet_label}: thiếu cột {', '.join(missing)}. Tệp cần có "
            f"các cột: {_required(profile)}."
        )
    found = []
    for number, values in enumerate(rows, header + 1):
        row = {key: values[i] if i < len(values) else None for key, i in mapping.items()}
        if all(v is None or str(v).strip() == "" for v in row.values()):
            continue
        found.append((number, row))
        if len(found) > MAX_ROWS:
            raise CarrierFileError(
                f"{sheet_label}: có hơn {MAX_ROWS} dòng, hãy chia thành nhiều tệp."
            )
    return found


def _required(profile: Profile) -> str:
    return ", ".join(c.header for c in profile.columns if c.required)


def read_rows(upload, profile: Profile) -> list[tuple[str, dict]]:
    wb = _load(upload)
    try:
        sheets = wb.worksheets
        result, no_header = [], []
        for ws in sheets:
            label = f"Trang “{ws.title}”" if len(sheets) > 1 else "Tệp"
            try:
                rows = _sheet_rows(ws, profile, label)
            except _NoHeader as exc:
                no_header.append(exc)  # a notes sheet beside the data is fine
                continue
            if rows is None:
                continue
            prefix = f"{ws.title} – " if len(sheets) > 1 else ""
            result += [(f"{prefix}dòng {n}", row) for n, row in rows]
    finally:
        wb.close()
    if not result:
        raise (
            no_header[0]
            if no_header
            else CarrierFileError(f"Tệp “{upload.name}” không có dòng dữ liệu nào.")
        )
    return result
