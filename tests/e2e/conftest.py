"""A real browser against a live server: headless Chromium driven by Playwright.

The server is pytest-django's `live_server` (a thread of this process, on the test database,
which is transactional so that the server and the worker see what the test commits). With
`REDIS_URL` set, as in CI, a real Celery worker builds the drafts; without it tasks run in the
server's thread (eager mode). Every step's screenshot is kept under `E2E_ARTEFACTS`
(default `test-artefacts/e2e/`), one folder per test.
"""

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from playwright.sync_api import Browser, Page, sync_playwright

from bwcmeet.celery import app as celery_app

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTEFACTS = Path(
    os.environ.get("E2E_ARTEFACTS", Path(settings.BASE_DIR) / "test-artefacts" / "e2e")
)
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def _async_unsafe_orm() -> Iterator[None]:
    """Playwright's sync API runs an event loop in this thread, and Django then refuses ORM
    calls from it; the test's ORM calls are synchronous all the same."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_async_unsafe_orm) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Chromium at {CHROMIUM} (apt-get install chromium); CI installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def report_worker() -> Iterator[None]:
    """A real worker on Redis when one is configured; in eager mode the server builds."""
    if not settings.REDIS_URL:
        yield
        return
    with start_worker(celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield


@pytest.fixture
def artefacts(request) -> Path:
    folder = ARTEFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
def page(request, browser, live_server, settings, artefacts) -> Iterator[Page]:
    # The live server speaks plain HTTP: secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if request.node.stash.get(FAILED, False):  # the page as the failure left it
        page.screenshot(path=artefacts / "failure.png", full_page=True)
    context.close()
