"""No document or SMS with a hole: the values a text needs, and one refusal naming them.

A text (an SMS template, a document's context) names the values it prints. Before it is
sent or printed, each needed value is looked up; if any is blank the action is refused
with one sentence per source, as the officer knows it: "Chưa có thư mời: thiếu thời gian
và địa điểm." Nothing is sent, printed or numbered.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from raovat.cases.services.errors import WorkflowError


@dataclass(frozen=True)
class Slot:
    source: str  # where the value comes from: "thư mời", "thông tin đơn vị xử lý"
    label: str  # the value, as the source calls it: "thời gian"


class MissingValues(WorkflowError):
    """Refused because a text would print with a hole."""


def and_join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def missing_sentence(slots: Iterable[Slot]) -> str:
    by_source: dict[str, list[str]] = {}
    for slot in slots:
        labels = by_source.setdefault(slot.source, [])
        if slot.label not in labels:
            labels.append(slot.label)
    return " ".join(
        f"Chưa có {source}: thiếu {and_join(labels)}." for source, labels in by_source.items()
    )


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_slots(values: Mapping[str, object], needed: Mapping[str, Slot]) -> list[Slot]:
    return [slot for key, slot in needed.items() if blank(values.get(key))]


def require_values(
    values: Mapping[str, object], needed: Mapping[str, Slot], *, prefix: str = ""
) -> None:
    """Raise MissingValues naming every needed value that is blank."""
    missing = missing_slots(values, needed)
    if missing:
        raise MissingValues(prefix + missing_sentence(missing))
