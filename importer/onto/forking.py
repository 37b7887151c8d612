"""When onto may fork: to parse a first import on every core, and to save its state beside the writes."""

from __future__ import annotations

import sys
import threading


def can_fork() -> bool:
    """Whether forking this process is safe.

    fork copies only the calling thread: with other threads running, a lock one of them holds
    could stay held in the child forever. spawn re-runs the caller's main module, which a
    library cannot ask of its callers. macOS has fork, but system frameworks loaded in the
    parent can crash a forked child there. So: fork, on Linux, from a single thread.
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1
