"""The product's own 400 and 413 pages (Django's are English text)."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render

_TOO_BIG = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request, exception=None):
    if isinstance(exception, _TOO_BIG):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)
