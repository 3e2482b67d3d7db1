"""Per-kind context builders and the placeholders each kind offers to DOCX templates."""

from raovat.documents.contexts import cases, decision, dispatches, report
from raovat.documents.contexts.common import COMMON_FIELDS
from raovat.documents.kinds import DocumentKind as K

# kind -> {placeholder: Vietnamese description shown in the admin}
FIELDS: dict[str, dict[str, str]] = {
    **{
        kind: {
            **COMMON_FIELDS,
            **dispatches.DISPATCH_FIELDS,
            **dispatches.EXTRA_FIELDS.get(kind, {}),
        }
        for kind in dispatches.ROW_FIELDS
    },
    **{
        kind: {**COMMON_FIELDS, **cases.SUBSCRIBER_FIELDS, **extra}
        for kind, extra in cases.EXTRA_FIELDS.items()
    },
    K.PENALTY_DECISION: {**COMMON_FIELDS, **cases.SUBSCRIBER_FIELDS, **decision.FIELDS},
    K.PERIODIC_REPORT: {**COMMON_FIELDS, **report.FIELDS},
}
# kind -> {field of one row: description}, for kinds with a table of cases
ROW_FIELDS: dict[str, dict[str, str]] = dispatches.ROW_FIELDS

assert set(FIELDS) == set(K.values)
