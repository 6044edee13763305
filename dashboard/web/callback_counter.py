"""Dash callbacks per client address, counted for every worker without a write per request."""

from __future__ import annotations

import threading
import time

from limits import RateLimitItem
from limits.storage import Storage


class SharedCallbackCounter:
    """Callbacks per client address, counted in the shared storage in batches.

    Every worker (on every host) adds its own count to the one shared counter per address and
    window, so the limit holds for the whole service. To keep a database write off most
    viewers' requests, a worker adds its hits ``batch`` at a time (a 60th of the limit: 10 for
    600 a minute; 1 for small limits) and decides in between from the shared total it last
    read plus its own hits since. A worker can thus let through at most ``batch - 1`` more
    than the limit before it next reads the total.
    """

    def __init__(self, storage: Storage, limit: RateLimitItem) -> None:
        self.storage = storage
        self.limit = limit
        self.batch = max(1, limit.amount // 60)
        self._local: dict[str, list[float]] = {}  # address -> [unsent hits, total, window end]
        self._lock = threading.Lock()

    def hit(self, address: str) -> float | None:
        """Count one callback; None if allowed, else when the address may call again."""
        now = time.time()
        with self._lock:
            state = self._local.get(address)
            if state is None or now >= state[2]:
                state = self._local[address] = [0, 0, now + self.limit.get_expiry()]
                if len(self._local) > 10_000:  # forget addresses whose windows are over
                    for gone in [a for a, s in self._local.items() if s[2] <= now]:
                        del self._local[gone]
            state[0] += 1
            unsent = int(state[0])
            if unsent < self.batch and state[1] + unsent <= self.limit.amount:
                return None
            state[0] = 0
        key = self.limit.key_for("tracker", "callbacks", address)
        total = self.storage.incr(key, self.limit.get_expiry(), amount=unsent)
        ends = self.storage.get_expiry(key)
        with self._lock:
            state[1], state[2] = total, ends
        return ends if total > self.limit.amount else None
