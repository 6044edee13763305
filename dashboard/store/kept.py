"""Kept answers shared by every worker and host: the ``kept_answers`` table.

The response cache (``dashboard/web/response_cache.py``) keeps serialised views in each worker's
memory; this is its second level, in the database every worker and host already shares. A key is
a digest of the whole request key, data token included, so a row can only ever be read for the
data it was built from. Writes happen off the request path (see ``SharedAnswers``) and never
hold up a viewer; rows of older tokens are deleted as newer ones arrive.
"""

from __future__ import annotations

import json
import queue
import threading
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from . import schema
from .engine import write_transaction

__all__ = ["SharedAnswer", "SharedAnswers"]

#: Answers waiting to be written; beyond this many a new one is simply not shared.
_QUEUE_SIZE = 64
#: At most this many answers per data token (the busiest views are a few dozen); beyond it a
#: new one stays in its worker's memory only, so made-up query strings cannot fill the disk.
MAX_SHARED_ROWS = 500


@dataclass(frozen=True)
class SharedAnswer:
    body: bytes
    gzipped: bytes
    headers: tuple[tuple[str, str], ...]


class SharedAnswers:
    """Read at once; written by one background thread per process, in arrival order."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._pending: queue.Queue = queue.Queue(maxsize=_QUEUE_SIZE)
        self._writer: threading.Thread | None = None
        self._lock = threading.Lock()

    def get(self, key: str) -> SharedAnswer | None:
        table = schema.kept_answers
        try:
            with self.engine.connect() as conn:
                row = conn.execute(
                    select(table.c.body, table.c.gzipped, table.c.headers).where(table.c.key == key)
                ).first()
        except SQLAlchemyError:  # a database made before 0006, or a moment's outage
            return None
        if row is None:
            return None
        headers = tuple((str(k), str(v)) for k, v in json.loads(row.headers))
        return SharedAnswer(bytes(row.body), bytes(row.gzipped), headers)

    def put_later(self, key: str, token: str, answer: SharedAnswer) -> None:
        """Queue ``answer`` to be written; never waits (a full queue drops it)."""
        try:
            self._pending.put_nowait((key, token, answer))
        except queue.Full:
            return
        with self._lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(
                    target=self._write_pending, name="kept-answers-writer", daemon=True
                )
                self._writer.start()

    def put(self, key: str, token: str, answer: SharedAnswer) -> None:
        """Write one answer now, and drop every row of another token."""
        table = schema.kept_answers
        try:
            with write_transaction(self.engine) as conn:
                conn.execute(delete(table).where(table.c.token != token))
                kept = conn.execute(select(func.count()).select_from(table)).scalar_one()
                if kept >= MAX_SHARED_ROWS:  # odd query strings must not fill the disk
                    return
                conn.execute(
                    insert(table).values(
                        key=key,
                        token=token,
                        body=answer.body,
                        gzipped=answer.gzipped,
                        headers=json.dumps([list(pair) for pair in answer.headers]),
                    )
                )
        except IntegrityError:  # another process wrote the same answer first
            return
        except SQLAlchemyError:
            return  # sharing is an optimisation: a failed write costs only a rebuild

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every queued answer is written (tests, and commands about to exit)."""
        _join(self._pending, timeout)

    def _write_pending(self) -> None:
        """Write what is queued; end after 5 s with nothing to do (the next put starts it
        again), or when the process stops the thread (a test server's shutdown does)."""
        while True:
            try:
                key, token, answer = self._pending.get(timeout=5)
            except (queue.Empty, SystemExit):
                return
            try:
                self.put(key, token, answer)
            except SystemExit:
                return
            finally:
                self._pending.task_done()


def _join(pending: queue.Queue, timeout: float) -> None:
    import time

    deadline = time.monotonic() + timeout
    while pending.unfinished_tasks and time.monotonic() < deadline:
        time.sleep(0.01)
