"""One JSON line per request on the `raovat.requests` logger, for the log collector.

Method, path, route (the URL pattern), status, duration in milliseconds, user and unit
ids. No query values (a search may hold a phone number or a name: only the parameter
names are written) and no URL tokens (the signed delivery-report links). Turned on and
off by REQUEST_LOG.
"""

import json
import logging
import time

from django.conf import settings
from django.utils import timezone

log = logging.getLogger("raovat.requests")
SECRET_KWARGS = ("token",)


def _path(request) -> str:
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in SECRET_KWARGS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(str(value), "…")
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = settings.REQUEST_LOG

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        start = time.perf_counter()
        response = self.get_response(request)
        duration = (time.perf_counter() - start) * 1000
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        match = getattr(request, "resolver_match", None)
        log.info(
            json.dumps(
                {
                    "time": timezone.now().isoformat(timespec="milliseconds"),
                    "method": request.method,
                    "path": _path(request),
                    "route": match.route if match is not None else None,
                    "query_keys": sorted(request.GET.keys()),
                    "status": response.status_code,
                    "duration_ms": round(duration, 1),
                    "user": user.pk if signed_in else None,
                    "unit": user.unit_id if signed_in else None,
                },
                ensure_ascii=False,
            )
        )
        return response
