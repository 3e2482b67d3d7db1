"""`/csp-bao-cao/`: where browsers report what the Content-Security-Policy refused.

A refused script or style is either an attack that the policy stopped or a page of ours
that the policy breaks; both are worth a line in the log. The report is read, cut down to
what tells the two apart (the directive, where the refused thing came from, which page of
ours, which line) and logged on `raovat.csp`; nothing is stored. Browsers send it without
a CSRF token and without waiting for an answer, so the view takes no token, refuses what
is not a small JSON report, and answers 204.

Page addresses are logged without their query string: a search's criteria (a name, a
phone number) must not reach the log through a report.
"""

import json
import logging
from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

log = logging.getLogger("raovat.csp")

MAX_BODY = 16 * 1024
TYPES = ("application/csp-report", "application/reports+json", "application/json")


def _where(url) -> str:
    """An address as the log may keep it: scheme, host and path, no query, no fragment."""
    if not isinstance(url, str) or not url:
        return ""
    if url in ("inline", "eval", "data", "blob", "self"):
        return url
    parts = urlsplit(url[:500])
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else parts.path


def _reports(payload) -> list[dict]:
    """The reports in either format: report-uri's {"csp-report": {...}} or the Reporting
    API's list of {"type": "csp-violation", "body": {...}}."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        r = payload["csp-report"]
        return [
            {
                "directive": r.get("effective-directive") or r.get("violated-directive"),
                "blocked": r.get("blocked-uri"),
                "page": r.get("document-uri"),
                "source": r.get("source-file"),
                "line": r.get("line-number"),
            }
        ]
    if isinstance(payload, list):
        return [
            {
                "directive": b.get("effectiveDirective"),
                "blocked": b.get("blockedURL"),
                "page": b.get("documentURL"),
                "source": b.get("sourceFile"),
                "line": b.get("lineNumber"),
            }
            for item in payload[:20]
            if isinstance(item, dict)
            and item.get("type") == "csp-violation"
            and isinstance(b := item.get("body"), dict)
        ]
    return []


@csrf_exempt
@require_POST
def csp_report(request):
    kind = request.content_type or ""
    if kind not in TYPES:
        return HttpResponseBadRequest("Báo cáo không đúng định dạng.")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return HttpResponseBadRequest("Báo cáo quá lớn.")
    try:
        payload = json.loads(request.body[:MAX_BODY].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return HttpResponseBadRequest("Báo cáo không đúng định dạng.")
    reports = _reports(payload)
    if not reports:
        return HttpResponseBadRequest("Báo cáo không đúng định dạng.")
    for r in reports:
        line = r["line"] if isinstance(r["line"], int) else ""
        log.warning(
            "CSP refused %s: %s on %s (%s:%s)",
            str(r["directive"] or "?")[:60],
            _where(r["blocked"]) or "?",
            _where(r["page"]) or "?",
            _where(r["source"]),
            line,
        )
    return HttpResponse(status=204)
