"""Progress for long steps, so that a user never stares at a silent terminal: a throttled counter
(``every``) and a heartbeat that says what is still running (``heartbeat``)."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator


def every(seconds: float, template: str, log: Callable[[str], None] = print) -> Callable[[int], None]:
    """A progress callback that logs ``template.format(count)`` at most every ``seconds``."""
    last = [time.monotonic()]

    def report(count: int) -> None:
        now = time.monotonic()
        if now - last[0] >= seconds:
            last[0] = now
            log(template.format(count))
    return report


@contextmanager
def heartbeat(describe: Callable[[float], str | None], seconds: float = 15.0,
              log: Callable[[str], None] = print) -> Iterator[None]:
    """While the block runs, log ``describe(elapsed seconds)`` every ``seconds`` (nothing when it
    returns None): "still rendering 02_actor_mentions, 03_stance_language (45 s)"."""
    stop = threading.Event()
    started = time.monotonic()

    def beat() -> None:
        while not stop.wait(seconds):
            line = describe(time.monotonic() - started)
            if line:
                log(line)
    thread = threading.Thread(target=beat, name="conflictnews-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
