"""`manage.py check --deploy` is clean under the production settings of deploy/.env.example
(with a real secret key in place of its placeholder), and flags each unsafe variation."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")


def production_environment() -> dict[str, str]:
    """The variables deploy/.env.example sets, as the containers get them."""
    found = {}
    for line in (ROOT / "deploy" / ".env.example").read_text().splitlines():
        match = VARIABLE.match(line)
        if match:
            found[match[1]] = match[2]
    return found


def check_deploy(**overrides: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", ""),
        **production_environment(),
        "SECRET_KEY": secrets.token_urlsafe(50),
        **overrides,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_under_the_production_settings():
    result = check_deploy()

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_flags_each_unsafe_setting():
    # One run for all of them: each variable undone names its own check.
    result = check_deploy(
        DEBUG="True",
        SECRET_KEY="change-me",
        SECURE_SSL_REDIRECT="False",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="False",
    )

    assert result.returncode == 1
    assert sorted(re.findall(r"\((security\.\w+)\)", result.stderr)) == [
        "security.W004",  # no HSTS
        "security.W008",  # no redirect to HTTPS
        "security.W009",  # the placeholder key
        "security.W012",  # session cookie over HTTP
        "security.W018",  # DEBUG
    ]
