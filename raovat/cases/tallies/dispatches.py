"""The telecom authority's incoming dispatches that still wait (decision 030).

A sent request for subscribers' identity ("phiếu đến") waits while one of its cases is
at the unit it was sent to, in "chờ cung cấp thông tin" (`State.AT_TELECOM`): the
condition `selectors.telecom` read by walking every waiting case to its dispatches
(~14,000 cases for ~8,500 dispatches at a million cases, 150 ms for a page of 50). Each
such dispatch is one row here, keyed by the unit and the moment it was sent, so that the
list is a range of one index read in the order the officer reads it.

A case adds 1 to each dispatch it is on (of an identity kind, sent) whose receiving unit
is the unit the case waits at in that state. A case sent again on a later dispatch while
still waiting keeps both dispatches waiting, as the list always counted them.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import F

from raovat.cases.models import DispatchItem, WaitingDispatch
from raovat.cases.tallies import Contributions, KeptTally, register
from raovat.cases.workflow import IDENTITY_KINDS, State


class WaitingDispatchTally(KeptTally):
    model = WaitingDispatch
    values = ("n",)

    def contributions(self, case_ids: Sequence[int]) -> Contributions:
        out: Contributions = {}
        rows = DispatchItem.objects.filter(
            case_id__any=case_ids,
            case__state=State.AT_TELECOM,
            case__current_unit_id=F("dispatch__to_unit_id"),
            dispatch__kind__in=IDENTITY_KINDS,
            dispatch__sent_at__isnull=False,
        ).values_list("dispatch__to_unit_id", "dispatch__sent_at", "dispatch_id")
        for key in rows:
            out[key] = (out.get(key, (0,))[0] + 1,)
        return out

    def fill_sql(self) -> str:
        kinds = ", ".join(f"'{kind}'" for kind in IDENTITY_KINDS)
        q = connection.ops.quote_name
        return f"""
            INSERT INTO {q(WaitingDispatch._meta.db_table)} (unit_id, sent_at, dispatch_id, n)
            SELECT d.to_unit_id, d.sent_at, d.id, count(*)
            FROM cases_dispatchitem i
            JOIN cases_dispatch d ON d.id = i.dispatch_id
            JOIN cases_case c ON c.id = i.case_id
            WHERE d.kind IN ({kinds}) AND d.sent_at IS NOT NULL
              AND c.state = '{State.AT_TELECOM.value}' AND c.current_unit_id = d.to_unit_id
            GROUP BY d.to_unit_id, d.sent_at, d.id"""


TALLY = register(WaitingDispatchTally())
