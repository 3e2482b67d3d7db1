"""Strict readers for configuration from the environment.

Every variable the product reads is listed in docs/configuration.md. A value that
cannot be understood stops the process at start-up rather than being guessed at.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of {sorted(_TRUE | _FALSE)}"
    )


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    """An integer within minimum…maximum: every number the product reads has a sane range
    (a lease of 0 s would turn the worker into a tight loop on the database)."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name}={value} is outside {minimum}…{maximum}")
    return value


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={raw!r}: use one of {list(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, default: str) -> str:
    """A secret may be given inline (NAME) or as a file path (NAME_FILE)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        with open(path, encoding="utf-8") as fh:
            return fh.read().strip()
    return os.environ.get(name, default)


def map_tile_origin(url: str) -> str:
    """The origin the Content-Security-Policy must allow images from, for a tile URL as
    Leaflet writes it (`https://{s}.tiles.example.gov.vn/{z}/{x}/{y}.png`); empty for no
    URL or one on the product's own origin (`/tiles/{z}/{x}/{y}.png`)."""
    if not url:
        return ""
    if not all(part in url for part in ("{z}", "{x}", "{y}")):
        raise ImproperlyConfigured(f"MAP_TILE_URL={url!r} must contain {{z}}, {{x}} and {{y}}")
    if url.startswith("/") and not url.startswith("//"):
        return ""
    scheme, sep, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    if not sep or scheme not in ("http", "https") or not host:
        raise ImproperlyConfigured(
            f"MAP_TILE_URL={url!r} must start with https:// (or http://) or with /"
        )
    # Leaflet's {s} picks a sub-domain: the policy allows them all.
    return f"{scheme}://{host.replace('{s}', '*')}"
