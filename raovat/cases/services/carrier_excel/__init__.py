"""The Excel round trip with the carriers: send them the numbers, take back their answers.

Export: one .xlsx per carrier, zipped, because each file goes to a different company and
none of them may see the others' numbers (personal data, minimum needed).

Import: one reader for any workbook, checked against a column profile (identity or
suspension). Every row is matched to a case waiting at the unit or refused with a reason;
the result is stored as a `CarrierImport` preview and applying it is one
`case_transition` batch, from the stored rows, never from the file again. Applying runs in
the worker (`raovat/cases/tasks.py`): hundreds of rows take seconds.

Where each part lives:

- `profiles`: the file errors, `Column`, `Profile`, the limits and row statuses, `PROFILES`.
- `export`: `carrier_export` and the workbook it zips per carrier.
- `reading`: reading an uploaded workbook into (row reference, {column key: value}) pairs.
- `rows`: checking each row and matching it to a case (`parse_date`, `id_number_problem`).
- `imports`: the stored preview and its apply (`carrier_import_read`,
  `carrier_import_enqueue`, `carrier_import_run`, `carrier_import_apply`, and
  `APPLY_KIND`, the job kind `raovat/cases/tasks.py` registers).

This module re-exports the names used outside the package.
"""

from raovat.cases.services.carrier_excel.export import carrier_export
from raovat.cases.services.carrier_excel.imports import (
    APPLY_KIND,
    carrier_import_apply,
    carrier_import_enqueue,
    carrier_import_read,
    carrier_import_run,
)
from raovat.cases.services.carrier_excel.profiles import (
    IDENTITY,
    INVALID,
    MATCHED,
    PROFILES,
    SUSPENSION,
    UNMATCHED,
    XLSX,
    CarrierFileError,
)
from raovat.cases.services.carrier_excel.rows import id_number_problem

__all__ = [
    "APPLY_KIND",
    "IDENTITY",
    "INVALID",
    "MATCHED",
    "PROFILES",
    "SUSPENSION",
    "UNMATCHED",
    "XLSX",
    "CarrierFileError",
    "carrier_export",
    "carrier_import_apply",
    "carrier_import_enqueue",
    "carrier_import_read",
    "carrier_import_run",
    "id_number_problem",
]
