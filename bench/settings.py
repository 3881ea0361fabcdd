"""Settings of the benchmark server: the project's, plus the bare views of `bench/urls.py`.

Only the benchmark's gunicorn runs with DJANGO_SETTINGS_MODULE=bench.settings; production
never loads this module, so the bare views are never reachable there.
"""

from bwcmeet.settings import *  # noqa: F403 -- the same settings, one change below

ROOT_URLCONF = "bench.urls"
