"""Gap-free numbers that stay unique when two officers ask at the same moment."""

from django.db import transaction
from django.db.models import F

from raovat.cases.models import Counter


def counter_next(*, key: str) -> int:
    """Take the next number of a sequence. Commits or rolls back with the caller."""
    with transaction.atomic():
        Counter.objects.bulk_create([Counter(key=key, last=0)], ignore_conflicts=True)
        # The UPDATE takes the row lock on PostgreSQL (and the write lock on SQLite), so
        # concurrent callers queue here and each reads back its own value.
        Counter.objects.filter(key=key).update(last=F("last") + 1)
        return Counter.objects.get(key=key).last


def case_number_next(*, year: int) -> str:
    return f"HS-{year}-{counter_next(key=f'case/{year}'):06d}"


# Decree 30/2020/NĐ-CP, Appendix III: the abbreviation of each type the product issues.
# Each is also the key of a unit's yearly sequence, "doc/<unit>/<code>/<year>".
INVITATION = "GM"  # Giấy mời
TRANSFER_SLIP = "PC"  # Phiếu chuyển
RECORD = "BB"  # Biên bản
REPORT = "BC"  # Báo cáo
# Form MBB01 of Decree 118/2021/NĐ-CP prints the record's symbol itself, "Số: …/BB-VPHC"
# (biên bản vi phạm hành chính): the record keeps it, its number counts per unit and
# year, and a document citing it for another authority names the unit (decision 014).
RECORD_SYMBOL = "BB-VPHC"
# A "Công văn" (the suspension request, the remediation request) has no type name and,
# as Decree 30 allows for it, no type abbreviation: "số/ký hiệu" is the number and the
# issuing unit's code, 15/VHTTQ1. "CV" names only its sequence, shared by every công văn
# of the unit so that two never carry the same symbol.
OFFICIAL_LETTER = "CV"


def document_number_next(*, unit_id: int, type_code: str, year: int) -> int:
    return counter_next(key=f"doc/{unit_id}/{type_code}/{year}")


def document_symbol(*, number: int, type_code: str, unit) -> str:
    """Decree 30/2020's "số, ký hiệu": number / type abbreviation - issuing unit's code,
    or number / issuing unit's code for a công văn; a violation record keeps its form's
    symbol (RECORD_SYMBOL).

    The unit's own code (`Unit.code`, unique among issuing units) keeps two units'
    documents apart at a receiver that gets both: 5/PC-VHTTQ1 and 5/PC-VHTTQ3.
    """
    if type_code == OFFICIAL_LETTER:
        return f"{number}/{unit.code}"
    if type_code == RECORD:
        return f"{number}/{RECORD_SYMBOL}"
    return f"{number}/{type_code}-{unit.code}"
