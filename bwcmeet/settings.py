"""bwcmeet settings: one module, driven by the environment.

With no variable set, bwcmeet runs on the embedded default: SQLite in the project folder and
Celery tasks run in-process. `DATABASE_URL` (PostgreSQL) and `REDIS_URL` (broker and result
backend) switch to the production path. See deploy/.env.example for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` (never committed) may hold the variables for a developer's machine.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Without DEBUG a secret must come from the environment: no default key reaches production.
SECRET_KEY = env("SECRET_KEY", default="insecure-dev-only") if DEBUG else env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "simple_history",
    "axes",
    "apps.core",
    "apps.accounts",
    "apps.entities",
    "apps.meetings",
    "apps.delegations",
    "apps.agendas",
    "apps.documents",
    "apps.attendance",
    "apps.interchange",
    "apps.reports",
    "apps.audit",
    "apps.backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bwcmeet.urls"
WSGI_APPLICATION = "bwcmeet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A kept connection is checked before reuse, so a database restart costs no request a 503.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database host answers 503 within seconds instead of hanging the request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The API's throttles keep their counts here: give every web process the same cache
# (`redis://redis:6379/1`) in production; one process's memory is enough on the embedded default.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in whose username and address are locked out (apps/accounts/
    # throttling.py); it signs no one in itself.
    "apps.accounts.throttling.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The admin's permissions follow the user's role, as the API's do.
    "apps.accounts.backends.RoleBackend",
]
# --- Sign-in limits (django-axes; apps/accounts/throttling.py) ------------------------------
# A username that failed this many times from one address is locked out there for a while, on
# the admin's sign-in page and the API's token endpoint alike.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
# The pair, not the username alone: a stranger must not be able to lock a delegate out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "apps.accounts.throttling.locked_out_response"
AXES_VERBOSE = False  # lockouts are still logged; not a banner at every start of a command
# Reverse proxies in front of bwcmeet (1 behind the compose setup's proxy): the client's address
# is then the one they add to X-Forwarded-For; with none, the header is ignored (it is forgeable).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "apps.accounts.throttling.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
TIME_ZONE = "Europe/Zurich"  # the Palais des Nations keeps Geneva time
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DOCUMENT_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# Largest spreadsheet of participants (CSV or XLSX) an import accepts, in bytes.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not manifest storage: views must not depend on collectstatic having run.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Celery: eager (in-process) unless a broker is configured --------------------------------
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Task time limits stay below the visibility timeout, so a running task is never redelivered;
# a job whose worker died unacknowledged is handed out again once it has passed.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
}
CELERY_TASK_TIME_LIMIT = 900
CELERY_TASK_SOFT_TIME_LIMIT = 840

# --- Reports: drafts are built by the task `reports.build_draft` -----------------------------
# The build's own limits, below the task defaults and the broker's visibility timeout (3600 s),
# so that a build is stopped (and marked failed) before Redis would hand the job to another
# worker.
REPORTS_BUILD_SOFT_TIME_LIMIT = env.int("REPORTS_BUILD_SOFT_TIME_LIMIT", default=600)
REPORTS_BUILD_TIME_LIMIT = env.int("REPORTS_BUILD_TIME_LIMIT", default=660)
# A draft left BUILDING or RENDERING longer than this (its worker died) may be taken over.
REPORTS_BUILD_LEASE_SECONDS = env.int("REPORTS_BUILD_LEASE_SECONDS", default=900)
# The watchdog: `celery beat` sends `reports.fail_stuck_drafts` this often; it marks FAILED the
# drafts still in progress past the lease, so that none waits forever for a dead worker.
REPORTS_WATCHDOG_SECONDS = env.int("REPORTS_WATCHDOG_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "reports.fail_stuck_drafts": {
        "task": "reports.fail_stuck_drafts",
        "schedule": REPORTS_WATCHDOG_SECONDS,
        # A run nobody picked up is dropped: the next one does the same work.
        "options": {"expires": REPORTS_WATCHDOG_SECONDS},
    },
}

# --- REST framework -----------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing or bad credential a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["apps.accounts.permissions.SignedInReadSecretariatWrite"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "apps.core.api.exception_handler",
    # Requests for an API token per client address (apps.accounts.throttling).
    "DEFAULT_THROTTLE_RATES": {"sign-in": env("SIGN_IN_RATE", default="10/min")},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "bwcmeet API",
    "DESCRIPTION": "Meetings, participation, documents and reports of the Biological Weapons "
    "Convention, for the Implementation Support Unit and its integrations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Tags and operation ids from the resource (`meetings_postpone_create`), not from `v1`.
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Every 4xx has the one error shape of apps/core/api.py; the hook documents it everywhere.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.openapi.document_error_responses",
    ],
    # Several models name a field `status`, `kind` or `role` with different choices: one
    # component per choice set, named after its enum.
    "ENUM_NAME_OVERRIDES": {
        "MeetingStatusEnum": "apps.meetings.enums.MeetingStatus",
        "MeetingKindEnum": "apps.meetings.enums.MeetingKind",
        "OfficerRoleEnum": "apps.meetings.enums.OfficerRole",
        "AgendaStatusEnum": "apps.agendas.enums.AgendaStatus",
        "InterventionKindEnum": "apps.agendas.enums.InterventionKind",
        "EntityKindEnum": "apps.entities.enums.EntityKind",
        "TreatyStatusKindEnum": "apps.entities.enums.TreatyStatusKind",
        "MemberRoleEnum": "apps.delegations.enums.MemberRole",
        "Rule44CategoryEnum": "apps.delegations.enums.Rule44Category",
        "UserRoleEnum": "apps.accounts.enums.Role",
        "DocumentStatusEnum": "apps.documents.enums.DocumentStatus",
        "UNLanguageEnum": "apps.core.enums.UNLanguage",
        "RegistrationStatusEnum": "apps.attendance.enums.RegistrationStatus",
        "NominationStatusEnum": "apps.attendance.enums.NominationStatus",
        "ParticipantListKindEnum": "apps.attendance.enums.ListKind",
        "ReportKindEnum": "apps.reports.enums.ReportKind",
        "DraftLanguageEnum": "apps.reports.enums.DRAFT_LANGUAGES",
    },
}

# --- Security (production values unless DEBUG) ----------------------------------------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
