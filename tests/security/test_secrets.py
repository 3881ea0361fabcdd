"""No secret in the repository: the tracked files hold no private key, no service token, and
no password or key in a settings-like file other than a documented placeholder."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Shapes that are secrets wherever they appear.
KEY_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_\w{50,})"),
    "Slack token": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "Stripe live key": re.compile(r"\b[rs]k_live_[0-9A-Za-z]{20,}"),
}
# In settings-like files: a secret-sounding name given a literal value.
ASSIGNMENT = re.compile(
    r"""(?ix)\b([A-Z_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY)[A-Z_]*)
    \s*[:=]\s*["']?([A-Za-z0-9$][^\s"'#,)]*)"""
)
URL_CREDENTIALS = re.compile(r"\b[a-z][a-z0-9+.-]*://[^/\s:@'\"]+:([^@\s/'\"]+)@([^/\s:'\"]+)")
# Documented placeholders, values from the environment, and format fields filled at run time.
PLACEHOLDER = re.compile(
    r"""^(?:
        change-me[\w-]*|choose-[\w-]+|[\w-]+-not-a-secret|insecure-dev-only
        |collectstatic-build-only|\$\{?\w+\}?.*|\{[^}]+\}|env\(.*|os\.environ.*|
    )$""",
    re.VERBOSE,
)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SETTINGS_LIKE = re.compile(
    r"""(?x)(^|/)(
        \.env[\w.]*|[\w.-]+\.env|settings[\w]*\.py|[\w.-]+\.conf\.py|[\w.-]+\.ya?ml|[\w.-]+\.toml
        |[\w.-]+\.ini|[\w.-]+\.cfg|Dockerfile[\w.]*|Makefile|[\w.-]+\.sh|\.ci/[\w.-]+
    )$"""
)
FORBIDDEN_FILES = re.compile(r"(^|/)(\.env|[\w.-]+\.(pem|key|p12|pfx|keystore)|id_[rd]sa\w*)$")


def findings(path: str, text: str) -> list[str]:
    """What in `text` (the content of `path`) looks like a secret, as `path:line: what`."""
    found = []
    settings_like = SETTINGS_LIKE.search(path) is not None
    for number, line in enumerate(text.splitlines(), start=1):
        found += [f"{path}:{number}: {name}" for name, p in KEY_PATTERNS.items() if p.search(line)]
        for password, host in URL_CREDENTIALS.findall(line):
            if not PLACEHOLDER.match(password) and host not in LOOPBACK:
                found.append(f"{path}:{number}: password in a URL")
        if settings_like and not line.lstrip().startswith("#"):
            for name, value in ASSIGNMENT.findall(line):
                if value and not PLACEHOLDER.match(value):
                    found.append(f"{path}:{number}: {name} has a literal value")
    return found


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "-z"],  # noqa: S607 -- git from PATH
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_no_tracked_file_holds_a_secret():
    found = []
    for name in tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue  # deleted in the work tree
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: fonts, images
        found += findings(name, text)

    assert found == []


def test_no_environment_file_or_key_file_is_tracked():
    assert [name for name in tracked_files() if FORBIDDEN_FILES.search(name)] == []


def test_local_environment_files_are_ignored_by_git():
    tracked_files()  # skips outside a checkout
    ignored = subprocess.run(
        ["git", "check-ignore", ".env", "deploy/.env"],  # noqa: S607 -- git from PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )

    assert ignored.stdout.split() == [".env", "deploy/.env"]


@pytest.mark.parametrize(
    ("path", "line", "what"),
    [
        ("deploy/.env.example", "SECRET_KEY=3k9$x-real-looking-key", "SECRET_KEY has a literal"),
        ("bwcmeet/settings.py", 'EMAIL_HOST_PASSWORD = "hunter2hunter2"', "EMAIL_HOST_PASSWORD"),
        ("deploy/compose.yaml", "  POSTGRES_PASSWORD: s3cr3t-pw", "POSTGRES_PASSWORD"),
        # Planted secrets are assembled, so that this file holds none itself.
        (
            "README.md",
            "DATABASE_URL=postgres://app:" + "pw123@db.example.org/app",
            "password in a URL",
        ),
        ("docs/x.md", "-----BEGIN OPENSSH " + "PRIVATE KEY-----", "private key"),
        ("a.py", 'KEY = "AKIA' + "ABCDEFGHIJKLMNOP" + '"', "AWS access key"),
        ("a.py", "token = 'ghp_" + "a" * 36 + "'", "GitHub token"),
    ],
)
def test_scanner_finds_a_planted_secret(path, line, what):
    found = findings(path, line)

    assert len(found) == 1
    assert what in found[0]


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("deploy/.env.example", "SECRET_KEY=change-me"),
        ("deploy/.env.example", "POSTGRES_PASSWORD=change-me-too"),
        ("deploy/.env.example", "DATABASE_URL=postgres://bwcmeet:change-me-too@postgres:5432/b"),
        ("deploy/.env.example", "# DJANGO_SUPERUSER_PASSWORD=choose-a-long-password"),
        (".ci/run", 'export SECRET_KEY="ci-only-not-a-secret"'),
        (".ci/run", 'export DATABASE_URL="postgres://bwcmeet:bwcmeet@127.0.0.1:$PORT/bwcmeet"'),
        ("Makefile", "test: export SECRET_KEY ?= tests-only-not-a-secret"),
        ("bwcmeet/settings.py", 'SECRET_KEY = env("SECRET_KEY")'),
        ("deploy/compose.yaml", "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}"),
        ("apps/x.py", 'PASSWORD = "only settings-like files are read for names"'),
    ],
)
def test_scanner_lets_documented_placeholders_pass(path, line):
    assert findings(path, line) == []
