"""The product's URLs plus one that fails, to see the 500 page an officer would get."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from raovat.urls import handler400  # noqa: F401
from raovat.urls import urlpatterns as product_urls


def _fails(request):
    raise RuntimeError("a bug")


def _forbidden(request):
    raise PermissionDenied


urlpatterns = [path("loi-thu/", _fails), path("cam-thu/", _forbidden), *product_urls]
