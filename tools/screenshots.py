#!/usr/bin/env python3
"""Screenshots of every rendered report and index, at desktop and phone width, with headless
Chromium from the system's packages (``make screenshots``; standard library only).

    python3 tools/screenshots.py [--reports outputs] [--out outputs/screenshots] [--widths 1400,390]

Each page is loaded from disk (no network), laid out at the width (a phone width is emulated as
a phone: its viewport tag is honoured), and captured whole, in slices of at most ``--slice``
pixels (``<page>-<width>-01.png``, ``-02``...), so that a long report can be read slice by slice.
Chromium is driven over its DevTools pipe, so nothing beyond Python and Chromium is needed.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = ("no Chromium found (looked for: " + ", ".join(BROWSERS) + ").\n"
                "Install it from your system's packages, e.g. on Debian or Ubuntu:\n"
                "    sudo apt-get install chromium\n"
                "or name a browser with CHROMIUM=/path/to/chrome.")
PHONE_MAX = 600  # widths up to this are emulated as a phone (touch, viewport tag, device scale 1)


def find_browser() -> str | None:
    chosen = os.environ.get("CHROMIUM")
    if chosen:
        return chosen if Path(chosen).exists() or shutil.which(chosen) else None
    return next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)


class DevTools:
    """A Chromium process driven over ``--remote-debugging-pipe`` (fd 3: commands, fd 4: replies)."""

    def __init__(self, browser: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="cn-shots-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # The child gets the two pipe ends as its fds 3 and 4, as the protocol wants.
        def child_fds() -> None:
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.proc = subprocess.Popen(
            [browser, "--headless=new", "--remote-debugging-pipe", "--no-first-run", "--no-default-browser-check",
             "--disable-gpu", "--hide-scrollbars", "--no-sandbox", f"--user-data-dir={self.profile}",
             "--disable-extensions", "--mute-audio", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, pass_fds=(3, 4, to_chrome_r, from_chrome_w))
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        self.session = None

    def _send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, event: str) -> None:
        while self._read().get("method") != event:
            pass

    def open(self) -> None:
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.call("Page.enable")

    def call(self, method: str, params: dict | None = None) -> dict:
        return self._send(method, params, self.session)

    def close(self) -> None:
        try:
            self._send("Browser.close")
        except Exception:  # already gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def shoot(tools: DevTools, page: Path, width: int, out: Path, slice_px: int) -> list[Path]:
    """Screenshots of ``page`` laid out ``width`` pixels wide, in slices; returns their paths."""
    phone = width <= PHONE_MAX
    tools.call("Emulation.setDeviceMetricsOverride",
               {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": phone})
    tools.call("Emulation.setTouchEmulationEnabled", {"enabled": phone})
    tools.call("Page.navigate", {"url": page.resolve().as_uri()})
    tools.wait_for("Page.loadEventFired")
    size = tools.call("Page.getLayoutMetrics")["cssContentSize"]
    height = int(size["height"])
    paths = []
    for n, top in enumerate(range(0, max(height, 1), slice_px), start=1):
        clip = {"x": 0, "y": top, "width": max(width, int(size["width"])), "height": min(slice_px, height - top),
                "scale": 1}
        shot = tools.call("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        path = out / f"{page.parent.name + '-' if page.name == 'index.html' and page.parent != out.parent else ''}" \
                     f"{page.stem}-{width}-{n:02d}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        paths.append(path)
    return paths


def pages(reports: Path) -> list[Path]:
    """The reports and indexes under ``reports`` (sweeps too), not the screenshots themselves."""
    found = sorted(p for p in reports.rglob("*.html") if "screenshots" not in p.parts and ".cache" not in p.parts)
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", default="outputs", help="folder of rendered reports (default: outputs)")
    ap.add_argument("--out", default=None, help="where the PNGs go (default: REPORTS/screenshots)")
    ap.add_argument("--widths", default="1400,390", help="page widths in CSS pixels (default: 1400,390)")
    ap.add_argument("--slice", type=int, default=2400, help="height of one screenshot slice (default: 2400)")
    args = ap.parse_args(argv)
    reports = Path(args.reports)
    found = pages(reports)
    if not found:
        print(f"no HTML report in {reports}/: render them first (make reports)", file=sys.stderr)
        return 2
    browser = find_browser()
    if not browser:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else reports / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    widths = [int(w) for w in args.widths.split(",") if w.strip()]
    tools = DevTools(browser)
    try:
        tools.open()
        for page in found:
            for width in widths:
                shots = shoot(tools, page, width, out, args.slice)
                print(f"{page.relative_to(reports)} at {width} px: {len(shots)} slice(s)", flush=True)
    finally:
        tools.close()
    print(f"screenshots in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
