"""Child processes that do not outlive the process that started them."""
from __future__ import annotations

import ctypes
import signal


def die_with_parent() -> None:
    """In a child process: ask Linux to send it SIGTERM when its parent dies, so a killed
    `dossier extract`, `build` or `serve` leaves no worker or mkdocs behind."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: nothing to ask
        pass
