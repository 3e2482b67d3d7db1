"""`/suc-khoe/`: is this application server fit to serve? For the reverse proxy and
monitoring. No sign-in, and nothing in the answer but what is up and what is down.

- database: a `SELECT 1`;
- storage: the object store's bucket answers, or the media folder is writable;
- worker: some worker looked for work within HEALTH_WORKER_SECONDS, or holds a live lease.

200 when all are up, 503 otherwise. `?pham-vi=web` leaves the worker out: what a reverse
proxy asks before sending requests to this server (workers down must not take every
application server out of the pool).
"""

import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from raovat.jobs.beats import worker_last_seen
from raovat.storage import storage_ready

log = logging.getLogger("raovat.health")


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        log.exception("health: database check failed")
        return False


def _storage() -> bool:
    try:
        return storage_ready(default_storage)
    except Exception:
        log.exception("health: storage check failed")
        return False


@never_cache
@require_safe
def health(request):
    checks = {
        "database": "ok" if _database() else "error",
        "storage": "ok" if _storage() else "error",
    }
    answer: dict = {}
    if request.GET.get("pham-vi") != "web":
        seen = worker_last_seen() if checks["database"] == "ok" else None
        age = None if seen is None else max(0, int((timezone.now() - seen).total_seconds()))
        checks["worker"] = (
            "ok" if age is not None and age <= settings.HEALTH_WORKER_SECONDS else "error"
        )
        answer["worker_last_seen_seconds"] = age
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, **answer},
        status=200 if healthy else 503,
    )
