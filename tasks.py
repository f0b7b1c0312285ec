#!/usr/bin/env python3
"""The project's entry point: creates and reuses `.venv`, installs what a task needs, runs it.

Standard library only, so it runs on a fresh machine with nothing but Python 3.11+:

    python3 tasks.py reports   # render every notebook on the seed corpus into outputs/
    python3 tasks.py test      # run the test suite
    python3 tasks.py lab       # JupyterLab on notebooks/ with the project's kernel
    python3 tasks.py bench     # speed benchmark (prints figures)
    python3 tasks.py evaluate  # evaluation against the peer data in ../shared
    python3 tasks.py screenshots  # PNGs of every rendered report at 1400 and 390 px (needs Chromium)

`make <task>` is an alias for each.  Extra arguments are passed to the underlying command, e.g.
`python3 tasks.py test -k tokenize` or `python3 tasks.py reports --show-code`.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("CONFLICTNEWS_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
# The official daily tally, where the development layout has it (never copied into the project).
SHARED_REFERENCE = ROOT.parent / "shared" / "reference" / "gaza_casualties_daily.json"

# The tested dependency versions every install is held to (upgrades are a deliberate commit).
CONSTRAINTS = ROOT / "constraints.txt"

# Which optional dependency groups of pyproject.toml each task needs (None: no environment).
EXTRAS = {"reports": [], "extract": [], "test": ["test"], "lab": ["lab"], "bench": [], "evaluate": [],
          "screenshots": None}


def say(msg: str) -> None:
    print(f"[tasks] {msg}", flush=True)


def ensure_env(extras: list[str]) -> None:
    """Create .venv once; (re)install the package when pyproject.toml changed or a task needs an
    extra that is not installed yet.  The stamp records what was installed, from which pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]} ({sys.executable}).")
    if not (BIN / "python").exists():
        say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / ".conflictnews-installed.json"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()
                            + (CONSTRAINTS.read_bytes() if CONSTRAINTS.exists() else b"")).hexdigest()
    try:
        installed = json.loads(stamp.read_text())
    except (OSError, ValueError):
        installed = {}
    have = set(installed.get("extras", [])) if installed.get("pyproject") == digest else None
    if have is not None and set(extras) <= have:
        return
    wanted = sorted(set(extras) | (have or set()))
    target = f".[{','.join(wanted)}]" if wanted else "."
    say(f"installing conflictnews{target[1:]} and its dependencies into {VENV.name} "
        f"(once; about a minute on a fresh machine)")
    pins = ["-c", str(CONSTRAINTS)] if CONSTRAINTS.exists() else []
    with heartbeat("still installing"):
        subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        *pins, "-e", target], cwd=ROOT, check=True)
    say("installed")
    stamp.write_text(json.dumps({"pyproject": digest, "extras": wanted}))


class heartbeat:
    """Say every 10 s that a silent step is still running (pip --quiet prints nothing for a minute)."""

    def __init__(self, what: str, seconds: float = 10.0) -> None:
        self.what, self.seconds, self.stop = what, seconds, threading.Event()

    def __enter__(self):
        started = time.monotonic()

        def beat() -> None:
            while not self.stop.wait(self.seconds):
                say(f"{self.what}... ({time.monotonic() - started:.0f} s)")
        self.thread = threading.Thread(target=beat, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()


def run(*cmd: str) -> int:
    return subprocess.run([str(c) for c in cmd], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in EXTRAS:
        print(__doc__)
        return 2
    task, args = argv[0], argv[1:]
    if task == "screenshots":  # standard library and the system's Chromium only
        return run(sys.executable, ROOT / "tools" / "screenshots.py", *args)
    ensure_env(EXTRAS[task])
    py = BIN / "python"
    if task == "reports":
        chosen = any(a.startswith(("reference=", "--params")) for a in args)  # the user's choice wins
        if not chosen and SHARED_REFERENCE.exists():
            args = [*args, "--param", f"reference={SHARED_REFERENCE}"]  # the tally to compare with
        return run(BIN / "conflictnews", "render", *args)
    if task == "extract":
        return run(BIN / "conflictnews", "extract", *(args or ["seeds", "--out", "outputs/tables/extract"]))
    if task == "test":
        return run(py, "-m", "pytest", *args)
    if task == "lab":
        run(py, "-m", "ipykernel", "install", "--sys-prefix", "--name", "conflictnews",
            "--display-name", "Python (conflictnews)")
        # the corpus cache the renders use (lib/conflictnews/cache.py): re-running a notebook
        # does not load and tokenize the corpus again
        os.environ.setdefault("CONFLICTNEWS_CACHE", str(ROOT / "outputs" / ".cache"))
        return run(BIN / "jupyter", "lab", "--notebook-dir", ROOT / "notebooks", *args)
    if task == "bench":
        return run(py, ROOT / "benchmarks" / "bench.py", *args)
    if task == "evaluate":
        return run(py, ROOT / "benchmarks" / "evaluate.py", *args)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
