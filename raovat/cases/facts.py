"""What an officer gives a transition besides a note: one typed value per requirement.

`case_transition(facts=…)` takes the value its transition's row asks for (the `facts` of
the Need in `raovat.cases.services.requirements`); `per_case` gives one per case, for a
batch such as an Excel import. A value may be incomplete: the requirement's check names
what is missing, in Vietnamese, and nothing changes.

`of(Kind, mapping)` builds one from a form's cleaned data, an API item or a stored row,
keeping only the fields the kind has.
"""

import dataclasses
import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from raovat.cases.models.outcome import SubscriberKind


@dataclasses.dataclass(frozen=True)
class Identity:
    """Need.IDENTITY: the subscriber, as the telecom authority provides it."""

    full_name: str = ""
    address: str = ""
    kind: str | None = SubscriberKind.INDIVIDUAL
    id_number: str = ""
    birth_date: datetime.date | None = None
    carrier: str = ""


@dataclasses.dataclass(frozen=True)
class Suspension:
    """Need.SUSPENSION: when the carrier stopped the service, under which reference."""

    suspended_on: datetime.date | None = None
    carrier_reference: str = ""


@dataclasses.dataclass(frozen=True)
class Outcome:
    """Need.OUTCOME: the culture department's decision that closes the case."""

    decision_number: str = ""
    decided_on: datetime.date | None = None
    result: str = ""
    amount: int | None = 0


@dataclasses.dataclass(frozen=True)
class Decision:
    """Need.DECISION: the handling unit's penalty decision."""

    decided_on: datetime.date | None = None
    signer_name: str = ""
    legal_basis: Any = None  # a LegalBasis of purpose "violation"
    amount: int | None = None
    payment_due: datetime.date | None = None
    signer_title: str = ""
    remedial_measures: str = ""
    aggravating: str = ""
    mitigating: str = ""
    additional_penalty: str = ""
    remedial_due: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class Payment:
    """Need.PAYMENT: the fine paid under a decision."""

    paid_on: datetime.date | None = None
    amount: int | None = None
    reference: str = ""


@dataclasses.dataclass(frozen=True)
class Restore:
    """Need.PAID without a payment: the handling unit's letter that allows the restore."""

    handler_decision: str = ""


Facts = Identity | Suspension | Outcome | Decision | Payment | Restore
F = TypeVar("F", Identity, Suspension, Outcome, Decision, Payment, Restore)


def of(kind: type[F], data: Mapping) -> F:
    """`kind` from a mapping; keys the kind does not have are left out."""
    names = {f.name for f in dataclasses.fields(kind)}
    return kind(**{key: value for key, value in data.items() if key in names})
