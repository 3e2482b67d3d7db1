"""A request whose SQL ran past `DB_STATEMENT_TIMEOUT` answers 503 with the product's own
Vietnamese page, not the generic 500: the officer learns that nothing was changed and
that a narrower request (a shorter period, one unit) will go through.

PostgreSQL cancels such a statement with SQLSTATE 57014 (query_canceled), which Django
raises as an OperationalError; the request's transaction was rolled back with it. Any
other database error is left to the 500 page and its log.
"""

import logging

from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

log = logging.getLogger("raovat.slow")

QUERY_CANCELED = "57014"


def _canceled(exc: BaseException) -> bool:
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and getattr(cause, "sqlstate", None) == QUERY_CANCELED


class StatementTimeoutIsBusy:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not _canceled(exception):
            return None
        log.warning("statement timeout on %s %s", request.method, request.path)
        # No request context: its processors would query a connection whose transaction
        # (under ATOMIC_REQUESTS or a test's) the cancelled statement aborted.
        response = HttpResponse(render_to_string("503_slow.html"), status=503)
        response["Retry-After"] = "60"
        return response
