"""Who may see a subscriber's identity: the one rule, for pages, lists, exports, filters.

The handling unit needs it to summon the subscriber, the telecom authority provides it,
and the culture authority needs it for its own decision once the case is sent there
(docs/decisions/005-personal-data.md). Everyone else sees no identity, not even masked.
"""

from django.db.models import Q

from raovat.units.models import User


def may_see_identity(user: User, case) -> bool:
    unit = user.unit_id
    return unit is not None and unit in (case.handling_unit_id, case.telecom_unit_id,
                                         case.culture_unit_id)


def identity_scope(user: User) -> Q:
    """The same rule as a filter, for searches by name or address."""
    unit = user.unit_id
    if unit is None:
        return Q(pk__in=[])
    return Q(handling_unit_id=unit) | Q(telecom_unit_id=unit) | Q(culture_unit_id=unit)
