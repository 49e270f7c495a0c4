#!/usr/bin/env python3
"""Run the test suite on SQLite and on a throwaway PostgreSQL cluster.

Usage: python scripts/run_tests.py [--db sqlite|postgresql|both] [pytest args...]

Arguments other than ``--db`` are passed to both pytest runs; everything after
``--`` is passed through untouched. On PostgreSQL the suite runs against a
temporary cluster that listens only on a Unix socket in a temporary folder and
is removed afterwards. When the PostgreSQL server binaries are missing, the
PostgreSQL run is skipped, unless ``CI`` is set, in which case it is an error.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_CHOICES = ("sqlite", "postgresql", "both")
SERVICE_USER = "postgres"
DATABASE_NAME = "aihub"
SOCKET_PATH_LIMIT = 100
EXIT_MEANINGS = {
    1: "tests failed",
    2: "interrupted",
    3: "internal error",
    4: "usage error",
    5: "no tests collected",
}


class UsageError(Exception):
    """Raised for invalid command-line arguments."""


class ClusterError(Exception):
    """Raised when the temporary PostgreSQL cluster cannot be set up."""


@dataclass(frozen=True)
class Outcome:
    """Result of one database run, for the final summary."""

    failed: bool
    summary: str

    @classmethod
    def from_exit_code(cls, code: int) -> Outcome:
        """Build an outcome from a pytest exit code; any non-zero code is a failure."""
        return cls(code != 0, describe_exit(code))


@dataclass(frozen=True)
class PostgresBinaries:
    """Location and major version of a PostgreSQL server installation."""

    bin_dir: Path
    version: str

    def tool(self, name: str) -> str:
        """Return the full path of one of the PostgreSQL programs."""
        return str(self.bin_dir / name)


@dataclass(frozen=True)
class Cluster:
    """A running temporary PostgreSQL cluster."""

    directory: Path
    port: int
    binaries: PostgresBinaries

    @property
    def database_url(self) -> str:
        """Return a dj-database-url URL for the ``aihub`` database over the socket."""
        host = urllib.parse.quote(str(self.directory), safe="")
        return f"postgres://{SERVICE_USER}@{host}:{self.port}/{DATABASE_NAME}"


def parse_args(argv: Sequence[str]) -> tuple[str, list[str]]:
    """Split the command line into the database choice and the pytest arguments."""
    db = "both"
    passthrough: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--":
            passthrough.extend(args)
            break
        if arg == "--db":
            if not args:
                raise UsageError("--db needs a value: sqlite, postgresql or both")
            db = args.pop(0)
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            passthrough.append(arg)
    if db not in DB_CHOICES:
        raise UsageError(f"--db must be one of {', '.join(DB_CHOICES)}, not {db!r}")
    return db, passthrough


def is_ci() -> bool:
    """Return whether the ``CI`` environment variable is set to a true value."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def is_root() -> bool:
    """Return whether this process runs as the superuser."""
    return os.geteuid() == 0


def header(text: str) -> None:
    """Print a section header."""
    print(f"\n== {text} ==", flush=True)


def describe_exit(code: int) -> str:
    """Return a human-readable outcome for a pytest exit code."""
    if code == 0:
        return "passed"
    meaning = EXIT_MEANINGS.get(code)
    return f"FAILED (exit code {code}: {meaning})" if meaning else f"FAILED (exit code {code})"


def run_pytest(args: Sequence[str], label: str, database_url: str | None) -> int:
    """Run pytest with the given database settings and return its exit code."""
    env = os.environ.copy()
    env.pop("AIHUB_DATABASE_URL", None)
    if database_url is not None:
        env["AIHUB_DATABASE_URL"] = database_url
    env["AIHUB_TEST_DB_LABEL"] = label
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT, env=env).returncode


def _version_key(version: str) -> tuple[int, ...]:
    """Return a sortable key for a version string such as ``15`` or ``9.6``."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _server_version(pg_ctl: str) -> str:
    """Return the major version reported by ``pg_ctl --version``."""
    output = subprocess.run([pg_ctl, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.(\d+))?", output)
    if not match:
        return "unknown version"
    major, minor = match.groups()
    return f"{major}.{minor}" if int(major) < 10 and minor else major


def find_postgres() -> PostgresBinaries | None:
    """Find ``initdb`` and ``pg_ctl`` on PATH or in the newest /usr/lib/postgresql."""
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        bin_dir = Path(initdb).resolve().parent
        if (bin_dir / "pg_ctl").exists():
            return PostgresBinaries(bin_dir, _server_version(str(bin_dir / "pg_ctl")))
    candidates = [
        Path(path)
        for path in glob.glob("/usr/lib/postgresql/*/bin")
        if os.access(Path(path) / "initdb", os.X_OK) and os.access(Path(path) / "pg_ctl", os.X_OK)
    ]
    if not candidates:
        return None
    bin_dir = max(candidates, key=lambda path: _version_key(path.parent.name))
    return PostgresBinaries(bin_dir, _server_version(str(bin_dir / "pg_ctl")))


def free_port() -> int:
    """Return a currently unused TCP port number, used to name the socket file."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_service_user(command: list[str]) -> list[str]:
    """Prefix a command so that it runs as the ``postgres`` user when we are root."""
    return ["runuser", "-u", SERVICE_USER, "--", *command] if is_root() else command


def _run_checked(command: list[str], directory: Path, what: str) -> None:
    """Run a cluster command, raising ClusterError with its output on failure."""
    result = subprocess.run(command, cwd=directory, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise ClusterError(f"{what} failed (exit code {result.returncode}):\n{output}")


def _make_temp_dir() -> Path:
    """Create the cluster folder, short enough for the Unix socket path limit."""
    base = tempfile.gettempdir()
    if len(os.path.join(base, "aihub-pg-xxxxxxxx", ".s.PGSQL.65535")) > SOCKET_PATH_LIMIT:
        base = "/tmp"
    directory = Path(tempfile.mkdtemp(prefix="aihub-pg-", dir=base))
    if is_root():
        account = pwd.getpwnam(SERVICE_USER)
        os.chown(directory, account.pw_uid, account.pw_gid)
    return directory


def _quote_conf(value: str) -> str:
    """Quote a value for postgresql.conf."""
    return "'" + value.replace("'", "''") + "'"


def _init_cluster(binaries: PostgresBinaries, directory: Path, data_dir: Path) -> None:
    """Create the cluster files, with a C.UTF-8 locale if the system has one."""
    base = [
        binaries.tool("initdb"),
        "-D",
        str(data_dir),
        "-U",
        SERVICE_USER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
    ]
    try:
        _run_checked(_as_service_user([*base, "--locale=C.UTF-8"]), directory, "initdb")
    except ClusterError:
        shutil.rmtree(data_dir, ignore_errors=True)
        _run_checked(_as_service_user([*base, "--no-locale"]), directory, "initdb")


def _configure_cluster(data_dir: Path, directory: Path, port: int) -> None:
    """Make the server listen only on a private Unix socket and skip durability work."""
    settings = {
        "listen_addresses": "''",
        "unix_socket_directories": _quote_conf(str(directory)),
        "port": str(port),
        "fsync": "off",
        "synchronous_commit": "off",
        "full_page_writes": "off",
    }
    with open(data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
        conf.write("\n")
        conf.writelines(f"{name} = {value}\n" for name, value in settings.items())


def _stop_cluster(binaries: PostgresBinaries, directory: Path, data_dir: Path) -> None:
    """Stop the server immediately if it is running; never raises."""
    if not (data_dir / "postmaster.pid").exists():
        return
    command = _as_service_user(
        [binaries.tool("pg_ctl"), "stop", "-D", str(data_dir), "-m", "immediate", "-w"]
    )
    subprocess.run(command, cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """Ignore SIGINT and SIGTERM for the duration, so that cleanup completes."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def temporary_cluster(binaries: PostgresBinaries) -> Iterator[Cluster]:
    """Start a throwaway PostgreSQL cluster with an ``aihub`` database, then remove it."""
    directory = _make_temp_dir()
    data_dir = directory / "data"
    log_file = directory / "server.log"
    port = free_port()
    try:
        _init_cluster(binaries, directory, data_dir)
        _configure_cluster(data_dir, directory, port)
        start = [
            binaries.tool("pg_ctl"),
            "start",
            "-D",
            str(data_dir),
            "-l",
            str(log_file),
            "-w",
            "-t",
            "60",
        ]
        try:
            _run_checked(_as_service_user(start), directory, "pg_ctl start")
        except ClusterError as error:
            log = log_file.read_text(errors="replace") if log_file.exists() else ""
            raise ClusterError(f"{error}\n{log}".rstrip()) from None
        createdb = [
            binaries.tool("createdb"),
            "-h",
            str(directory),
            "-p",
            str(port),
            "-U",
            SERVICE_USER,
            "-O",
            SERVICE_USER,
            DATABASE_NAME,
        ]
        _run_checked(createdb, directory, "createdb")
        yield Cluster(directory, port, binaries)
    finally:
        with _signals_ignored():
            _stop_cluster(binaries, directory, data_dir)
            shutil.rmtree(directory, ignore_errors=True)


def run_sqlite(args: Sequence[str]) -> Outcome:
    """Run the suite on SQLite."""
    header("pytest on SQLite")
    return Outcome.from_exit_code(run_pytest(args, "sqlite", None))


def run_postgresql(args: Sequence[str]) -> Outcome:
    """Run the suite on a temporary PostgreSQL cluster, if PostgreSQL is installed."""
    binaries = find_postgres()
    if binaries is None:
        message = (
            "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH "
            "or under /usr/lib/postgresql/*/bin"
        )
        if is_ci():
            print(f"\nERROR: {message}; they are required when CI is set.", file=sys.stderr)
            return Outcome(True, "FAILED (PostgreSQL server binaries not found)")
        print(f"\nNOTICE: {message}; the PostgreSQL run was skipped.", flush=True)
        return Outcome(False, "skipped (PostgreSQL server binaries not found)")
    try:
        with temporary_cluster(binaries) as cluster:
            header(
                f"pytest on PostgreSQL {binaries.version} "
                f"(temporary cluster in {cluster.directory})"
            )
            return Outcome.from_exit_code(run_pytest(args, "postgresql", cluster.database_url))
    except ClusterError as error:
        print(f"\nERROR: could not set up the PostgreSQL cluster: {error}", file=sys.stderr)
        return Outcome(True, "FAILED (temporary cluster could not be set up)")


def _raise_interrupt(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt so that cleanup runs."""
    raise KeyboardInterrupt


def main(argv: Sequence[str]) -> int:
    """Run the requested test runs and return the combined exit code."""
    try:
        db, pytest_args = parse_args(argv)
    except UsageError as error:
        print(f"run_tests.py: {error}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _raise_interrupt)
    results: dict[str, Outcome] = {}
    try:
        if db in ("sqlite", "both"):
            results["SQLite"] = run_sqlite(pytest_args)
        if db in ("postgresql", "both"):
            results["PostgreSQL"] = run_postgresql(pytest_args)
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    header("summary")
    for name, outcome in results.items():
        print(f"{name}: {outcome.summary}")
    return 1 if any(outcome.failed for outcome in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
