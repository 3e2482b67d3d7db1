"""Settings for raovat. Every variable read here is documented in docs/configuration.md.

DEBUG is off unless asked for. Without DEBUG=true (development) or DEMO=true (`./dev demo`)
the product runs as production: SECRET_KEY and ALLOWED_HOSTS are mandatory and every
transport-security setting `check --deploy` asks for is on. Either way the database is
a SQLite file under ./var unless DATABASE_URL names another.
"""

import datetime
from pathlib import Path

import dj_database_url
from botocore.config import Config as BotoConfig
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

from raovat.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    map_tile_origin,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# DEMO: the demo on one machine (`./dev demo`) runs as production does, with the
# product's own error pages, but over plain HTTP on localhost with a development key.
DEMO = env_bool("DEMO", False)
# DEBUG (Django's debug pages, the development key) only when asked for: DEBUG=true.
DEBUG = env_bool("DEBUG", False)
_LOCAL = DEBUG or DEMO

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env_secret("SECRET_KEY", _DEV_SECRET if _LOCAL else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY (or SECRET_KEY_FILE) must be set when DEBUG=false "
        "(DEBUG=true for development on this machine)"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if _LOCAL else [])
if not _LOCAL and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG=false")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "raovat.web.views.cases.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "raovat.units",
    "raovat.cases",
    "raovat.web",
    "raovat.demo",
    "raovat.documents",
    "raovat.jobs",
    "raovat.messaging",
    "raovat.notifications",
    "raovat.audit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "raovat.accounts",  # after django-otp: its admin replaces django-otp's English one
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "raovat.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "raovat.accounts.middleware.permissions_policy",
    "raovat.web.request_log.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "raovat.accounts.middleware.idle_session",
    "raovat.accounts.middleware.no_store_when_signed_in",
    "django_otp.middleware.OTPMiddleware",
    "raovat.accounts.middleware.second_factor_gate",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "raovat.web.access.RefusedIsNotFound",
    "raovat.web.slow.StatementTimeoutIsBusy",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "raovat.urls"
# Form widgets are drawn with Django's own Jinja2 templates of them (the same HTML): a
# filter form of a work list or "Tra cứu" is a few hundred options, and the Django
# template engine took 2-4 ms a page to draw them (docs/performance.md).
FORM_RENDERER = "raovat.web.renderers.FormRenderer"
WSGI_APPLICATION = "raovat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "raovat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "raovat.web.context.unit_menu",
                "csp.context_processors.nonce",
            ],
        },
    },
]

_SQLITE_PATH = VAR_DIR / "raovat.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", "")
# A database that stops answering must not hold a request (or the worker) forever: the
# connection attempt and every statement have a limit; past it the request fails, the
# worker backs off and tries again.
DB_CONNECT_TIMEOUT = env_int("DB_CONNECT_TIMEOUT", 5, minimum=2, maximum=120)
DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 30, minimum=1, maximum=3600)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {
                "connect_timeout": DB_CONNECT_TIMEOUT,
                # jit off: the planner's JIT compiled our counts for longer than they ran
                # (docs/performance.md); every session gets it, whatever the server's default.
                "options": f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000} -c jit=off",
                # A server gone silent (network cut, frozen host) is noticed by TCP too.
                "keepalives": 1,
                "keepalives_idle": 30,
                "keepalives_interval": 10,
                "keepalives_count": 3,
                "tcp_user_timeout": (DB_STATEMENT_TIMEOUT + DB_CONNECT_TIMEOUT) * 1000,
            }
        )
else:
    _SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _SQLITE_PATH,
            # Writers queue instead of failing with "database is locked"; WAL lets
            # readers go on while a batch transition is being written.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                # How long a statement waits for SQLite's write lock.
                "timeout": DB_STATEMENT_TIMEOUT,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "units.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "raovat.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "raovat.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
# Vietnamese for the strings Django's own catalogue lacks (the administration).
LOCALE_PATHS = [BASE_DIR / "raovat" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["raovat.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "raovat" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise reads it at start-up
WHITENOISE_USE_FINDERS = _LOCAL  # the demo needs no collectstatic
STORAGES = {
    # Uploaded evidence (photos, signed scans) is personal data: the storage has no
    # public URL and every file is served by a view that checks the user's unit first.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("MEDIA_ROOT", str(VAR_DIR / "media")), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if _LOCAL
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]
# An S3 object store (SeaweedFS, MinIO, Ceph RGW…) instead of the disk, for several
# application servers and millions of files. Objects stay private: no ACL, no public URL;
# files are still served only through the views that check the user's unit
# (docs/decisions/011-files-on-object-storage.md).
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
_S3_SET = sorted(
    name
    for name in (
        "STORAGE_S3_ENDPOINT_URL",
        "STORAGE_S3_ACCESS_KEY",
        "STORAGE_S3_SECRET_KEY",
        "STORAGE_S3_SECRET_KEY_FILE",
        "STORAGE_S3_REGION",
        "STORAGE_S3_ADDRESSING_STYLE",
    )
    if env_str(name, "")
)
if _S3_SET and not STORAGE_S3_BUCKET:
    raise ImproperlyConfigured(f"{', '.join(_S3_SET)} set without STORAGE_S3_BUCKET")
if STORAGE_S3_BUCKET:
    _s3_access_key = env_str("STORAGE_S3_ACCESS_KEY", "")
    _s3_secret_key = env_secret("STORAGE_S3_SECRET_KEY", "")
    if not (_s3_access_key and _s3_secret_key):
        raise ImproperlyConfigured(
            "STORAGE_S3_BUCKET needs STORAGE_S3_ACCESS_KEY and STORAGE_S3_SECRET_KEY (or _FILE)"
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL", "") or None,
            "access_key": _s3_access_key,
            "secret_key": _s3_secret_key,
            "region_name": env_str("STORAGE_S3_REGION", "us-east-1"),
            "addressing_style": env_choice(
                "STORAGE_S3_ADDRESSING_STYLE", "path", ("path", "virtual")
            ),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            # A store that does not answer fails a request in seconds, not minutes.
            "client_config": BotoConfig(
                connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}
            ),
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 15, minimum=1, maximum=200)
# Most cases one dispatch (and one batch action on a work list) may carry.
DISPATCH_MAX_CASES = env_int("DISPATCH_MAX_CASES", 750, minimum=1, maximum=5000)
MAX_PHOTO_MEGAPIXELS = env_int("MAX_PHOTO_MEGAPIXELS", 50, minimum=1, maximum=500)
# All the number reader's passes over the photos of one upload, in the job worker.
OCR_MAX_SECONDS = env_int("OCR_MAX_SECONDS", 45, minimum=5, maximum=600)
# The only fonts documents are laid out with (Liberation Serif; Debian: fonts-liberation2).
DOCUMENT_FONT_DIR = env_str("DOCUMENT_FONT_DIR", "/usr/share/fonts/truetype/liberation2")
# The longest one document may take to lay out (the 750-row slip takes ~0.5 s).
DOCUMENT_MAX_SECONDS = env_int("DOCUMENT_MAX_SECONDS", 60, minimum=5, maximum=600)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "raovat@localhost")

# The address officers and the SMS gateway reach the product at: links in e-mails,
# delivery-report URLs given to Kannel.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

SMS_BACKEND = env_str("SMS_BACKEND", "console")
if SMS_BACKEND not in ("console", "kannel"):
    raise ImproperlyConfigured(f"SMS_BACKEND={SMS_BACKEND!r}: use 'console' or 'kannel'")
KANNEL_SENDSMS_URL = env_str("KANNEL_SENDSMS_URL", "http://127.0.0.1:13013/cgi-bin/sendsms")
KANNEL_USER = env_str("KANNEL_USER", "")
KANNEL_PASSWORD = env_secret("KANNEL_PASSWORD", "")
KANNEL_FROM = env_str("KANNEL_FROM", "")
KANNEL_SMSC = env_str("KANNEL_SMSC", "")
KANNEL_TIMEOUT = env_int("KANNEL_TIMEOUT", 10, minimum=1, maximum=120)
if SMS_BACKEND == "kannel" and not (KANNEL_USER and KANNEL_PASSWORD):
    raise ImproperlyConfigured("SMS_BACKEND=kannel needs KANNEL_USER and KANNEL_PASSWORD")
SMS_MAX_ATTEMPTS = env_int("SMS_MAX_ATTEMPTS", 5, minimum=1, maximum=50)
SMS_RETRY_SECONDS = env_int("SMS_RETRY_SECONDS", 30, minimum=1, maximum=3600)
SMS_IN_DOUBT_SECONDS = env_int("SMS_IN_DOUBT_SECONDS", 600, minimum=1, maximum=86400)
SMS_MAX_SEGMENTS = env_int("SMS_MAX_SEGMENTS", 5, minimum=1, maximum=16)
SMS_RATE_PER_SECOND = env_int("SMS_RATE_PER_SECOND", 20, minimum=1, maximum=1000)
CALL_BACKEND = env_str("CALL_BACKEND", "tel")
if CALL_BACKEND != "tel":
    raise ImproperlyConfigured(f"CALL_BACKEND={CALL_BACKEND!r}: only 'tel' exists today")

# Ranges: a lease or poll of 0 s would turn the worker into a tight loop on the database.
JOBS_LEASE_SECONDS = env_int("JOBS_LEASE_SECONDS", 120, minimum=1, maximum=3600)
JOBS_POLL_SECONDS = env_int("JOBS_POLL_SECONDS", 1, minimum=1, maximum=60)
JOBS_RETRY_SECONDS = env_int("JOBS_RETRY_SECONDS", 60, minimum=1, maximum=3600)
JOBS_MAX_ATTEMPTS = env_int("JOBS_MAX_ATTEMPTS", 3, minimum=1, maximum=100)
JOBS_OUTAGE_MAX_SECONDS = env_int("JOBS_OUTAGE_MAX_SECONDS", 30, minimum=1, maximum=600)

# Webhooks of the API clients (docs/decisions/024-webhooks.md).
WEBHOOK_TIMEOUT = env_int("WEBHOOK_TIMEOUT", 10, minimum=1, maximum=60)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8, minimum=1, maximum=50)
WEBHOOK_RETRY_SECONDS = env_int("WEBHOOK_RETRY_SECONDS", 60, minimum=1, maximum=3600)
WEBHOOK_PAUSE_AFTER = env_int("WEBHOOK_PAUSE_AFTER", 20, minimum=1, maximum=1000)

# Days after a case is closed or cancelled before `anonymise_closed_cases` removes the
# subscriber's identity (docs/decisions/005-personal-data.md).
RETENTION_DAYS = env_int("RETENTION_DAYS", 730, minimum=1, maximum=36500)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not _LOCAL:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0, maximum=63072000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Signing in (docs/decisions/010-login-and-headers.md). A sign-in lasts at most
# SESSION_COOKIE_AGE and ends after SESSION_IDLE_SECONDS without a request.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300, maximum=2592000)
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60, maximum=86400)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the user's unit read in the user's query (sessions signed in
    # before it named ModelBackend: they sign in once more).
    "raovat.accounts.backends.UnitModelBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 30, minimum=1, maximum=10000)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1, maximum=1440)
AXES_HANDLER = "raovat.accounts.lockout.LockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# Tries during a lockout do not prolong it, so the time the page names stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "raovat.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "raovat.accounts.lockout.client_ip"
AXES_USERNAME_CALLABLE = "raovat.accounts.lockout.client_username"
LOGIN_TRUST_FORWARDED_FOR = env_bool("BEHIND_TLS_PROXY", False)
AXES_ENABLE_ADMIN = False  # raovat.accounts.admin shows the lockouts in Vietnamese
AXES_VERBOSE = False
# Two-factor sign-in: required, when true, of administrators and of the units that see
# subscribers' identity (handling units, telecom and culture authorities).
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Quản lý số thuê bao rao vặt")

# "Bản đồ": background tiles from the province's own tile server (government networks are
# closed), as Leaflet writes a tile URL; without one the points show on a plain background
# (docs/decisions/023-map.md).
MAP_TILE_URL = env_str("MAP_TILE_URL", "").strip()
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "").strip()
MAP_TILE_ORIGIN = map_tile_origin(MAP_TILE_URL)

# Content-Security-Policy (django-csp): scripts only from our own files, or with the
# response's nonce; styles may still be inline (Bootstrap's and the admin's attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": [SELF, NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *([MAP_TILE_ORIGIN] if MAP_TILE_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # What the policy refuses is reported here and logged (raovat/web/csp_report.py).
        "report-uri": "/csp-bao-cao/",
    },
}
# The ward's capture takes the photo through a file input (the phone's camera app) and
# asks for the position: the page itself needs geolocation only.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
    "display-capture=(), magnetometer=(), gyroscope=(), accelerometer=()"
)
# One JSON line per request (raovat/web/request_log.py), on standard output; on by default
# in production, where runserver's own lines are not there.
REQUEST_LOG = env_bool("REQUEST_LOG", not DEBUG)
# The health check (/suc-khoe/) calls the workers down when none was seen for this long.
HEALTH_WORKER_SECONDS = env_int("HEALTH_WORKER_SECONDS", 90, minimum=10, maximum=3600)
if not DEBUG:
    # The proxy asks for the health over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]

LOG_LEVEL = env_choice(
    "LOG_LEVEL", "info", ("debug", "info", "warning", "error", "critical")
).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # Failures and lockouts are warnings; each successful sign-in is not news.
        "axes": {"level": "WARNING"},
        "raovat.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False},
    },
}

# The REST API (raovat/api, docs/decisions/020-api-auth-and-problems.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "raovat.api.auth.ClientTokenAuthentication",
        "raovat.api.auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["raovat.api.auth.UnitMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "raovat.api.problems.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"client": env_str("API_RATE", "600/minute")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Quản lý số thuê bao quảng cáo rao vặt",
    "DESCRIPTION": (
        "Giao diện lập trình cho các hệ thống kết nối: tra cứu và xem hồ sơ, "
        "thực hiện thao tác trên hồ sơ. Xác thực bằng mã truy cập "
        "(`Authorization: Bearer …`) do quản trị viên cấp trong mục "
        "“Ứng dụng kết nối”, hoặc phiên đăng nhập của trình duyệt. Lỗi trả về "
        "theo RFC 9457 (application/problem+json)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "raovat.api.schema.problems_everywhere",
    ],
}
