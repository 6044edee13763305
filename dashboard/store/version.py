"""The data token: one cheap read that says whether anything a page shows may have changed.

Every cached view, table and response is keyed by it, so an upload through any worker, or on
any host sharing the database, is seen by every other at once. On SQLite it is read on each
request (one statement, about a third of a millisecond).

On a database server (PostgreSQL) the token is not read per request. A trigger (migration
0007) sends ``NOTIFY tracker_data_changed`` whenever ``revisions`` or ``indicators`` change,
delivered when that transaction commits, to every worker on every host; each worker keeps one
connection listening (:class:`ChangeListener`, a daemon thread) and reads the token again only
after a notice. A read that a notice overtook is not kept (a generation counter). While the
listening connection is down, every request reads the token, as on SQLite, until it is back.
The store also forgets its own process's token at once after it writes (:func:`forget_token`).

Those reads go through a small pool of their own, in autocommit and without a pre-ping or a
rollback on return: one network round trip, where the store's pool spends three (the
pre-ping, ``BEGIN`` with the query, the rollback). A connection the server dropped fails its
one statement; it is then discarded and the read tried once more on a new connection, which is
what the pre-ping would have done.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import weakref

from sqlalchemy import Engine, create_engine, event

from . import schema

#: One round trip: every catalogue row, each carrying the newest revision id (and one row of
#: nothing but that id when the catalogue is empty).
TOKEN_QUERY = (
    f"SELECT (SELECT max(revision_id) FROM {schema.revisions.name}) AS newest, i.* "
    f"FROM (SELECT 1 AS one) AS o LEFT JOIN {schema.indicators.name} AS i ON TRUE "
    "ORDER BY i.position"
)


#: The channel migration 0007's trigger notifies.
CHANNEL = "tracker_data_changed"
#: The listening connection's ``application_name``.
LISTENER_NAME = "tracker-change-listener"
#: How long the listener waits for a notice before it checks whether it should stop (s).
LISTEN_WAIT = 1.0
#: How long it waits before listening again after its connection failed (s).
RECONNECT_WAIT = 1.0
#: How long it waits before looking again for triggers a database does not have yet (s).
NO_TRIGGERS_WAIT = 30.0
#: The triggers that send the notices (migration 0007); without them no notice would come.
TRIGGERS_QUERY = (
    "SELECT count(*) FROM pg_trigger WHERE tgname IN "
    "('revisions_notify_data_changed', 'indicators_notify_data_changed')"
)

log = logging.getLogger(__name__)


class ChangeListener:
    """Keeps one process's token between data changes on a PostgreSQL database.

    :meth:`cached` answers the token while the listening connection is up and no notice has
    come since it was read; otherwise ``None``, and the caller reads the token and hands it to
    :meth:`remember` with the :attr:`generation` it saw before reading.
    """

    def __init__(self, connect) -> None:
        self._connect = connect
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.generation = 0
        self.listening = False
        self._token: str | None = None
        self._token_generation = -1
        self._failing = False  # warn once per outage, not once a second
        self._thread = threading.Thread(target=self._run, name="token-listener", daemon=True)
        self._thread.start()

    def cached(self) -> str | None:
        with self._lock:
            if self.listening and self._token_generation == self.generation:
                return self._token
        return None

    def remember(self, token: str, generation: int) -> None:
        with self._lock:
            if self.listening and generation == self.generation:
                self._token, self._token_generation = token, generation

    def forget(self) -> None:
        """Something changed: the next request reads the token again."""
        with self._lock:
            self.generation += 1

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            connection = None
            try:
                connection = self._connect()
                connection.autocommit = True
                connection.execute(f"LISTEN {CHANNEL}")
                if connection.execute(TRIGGERS_QUERY).fetchone()[0] != 2:
                    # A database not yet upgraded: no notices would come, so keep reading
                    # the token per request, and look again later.
                    connection.close()
                    connection = None
                    self._stop.wait(NO_TRIGGERS_WAIT)
                    continue
                with self._lock:  # notices sent before LISTEN were missed: read afresh
                    self.listening = True
                    self.generation += 1
                if self._failing:
                    log.warning("listening for data changes again")
                    self._failing = False
                while not self._stop.is_set():
                    for _notice in connection.notifies(timeout=LISTEN_WAIT):
                        self.forget()
            except Exception as exc:  # noqa: BLE001 - any failure: read per request, retry
                if not self._failing and not self._stop.is_set():
                    log.warning("not listening for data changes (%s); retrying", exc)
                self._failing = True
            finally:
                with self._lock:
                    self.listening = False
                    self.generation += 1
                if connection is not None:
                    try:
                        connection.close()
                    except Exception:  # noqa: BLE001, S110 - closing a broken connection
                        pass
            self._stop.wait(RECONNECT_WAIT)


_LISTENERS: weakref.WeakKeyDictionary[Engine, ChangeListener] = weakref.WeakKeyDictionary()


def _listener(engine: Engine) -> ChangeListener | None:
    """The process's listener for ``engine``'s database (PostgreSQL with psycopg 3 only)."""
    if engine.dialect.name != "postgresql" or engine.dialect.driver != "psycopg":
        return None
    listener = _LISTENERS.get(engine)  # every request: no lock once it exists
    if listener is not None:
        return listener
    with _TOKEN_ENGINES_LOCK:
        listener = _LISTENERS.get(engine)
        if listener is None:
            dialect, url = engine.dialect, engine.url
            arguments, keywords = dialect.create_connect_args(url)
            # Named so that an operator sees it in pg_stat_activity.
            keywords = {**keywords, "application_name": LISTENER_NAME}
            listener = ChangeListener(lambda: dialect.loaded_dbapi.connect(*arguments, **keywords))
            _LISTENERS[engine] = listener
            # It stops when the engine is disposed of or collected (tests make many).
            event.listen(engine, "engine_disposed", lambda _engine: listener.stop())
            weakref.finalize(engine, listener.stop)
    return listener


def forget_token(engine: Engine) -> None:
    """This process wrote to the data: read the token again at the next request."""
    listener = _LISTENERS.get(engine)
    if listener is not None:
        listener.forget()


#: The token's own engine, per store engine (SQLite reads through the store's: no network).
_TOKEN_ENGINES: weakref.WeakKeyDictionary[Engine, Engine] = weakref.WeakKeyDictionary()
_TOKEN_ENGINES_LOCK = threading.Lock()


def _token_engine(engine: Engine) -> Engine:
    if engine.dialect.name == "sqlite":
        return engine
    token_engine = _TOKEN_ENGINES.get(engine)
    if token_engine is not None:
        return token_engine
    with _TOKEN_ENGINES_LOCK:
        token_engine = _TOKEN_ENGINES.get(engine)
        if token_engine is None:
            token_engine = create_engine(
                engine.url,
                isolation_level="AUTOCOMMIT",
                pool_pre_ping=False,
                pool_reset_on_return=None,
                pool_size=2,
                max_overflow=6,
            )
            _TOKEN_ENGINES[engine] = token_engine
            # Disposing of the store's engine closes the token's connections too.
            event.listen(engine, "engine_disposed", lambda _engine: token_engine.dispose())
    return token_engine


def _read_token_rows(token_engine: Engine) -> list[tuple]:
    connection = token_engine.raw_connection()
    try:
        cursor = connection.cursor()
        cursor.execute(TOKEN_QUERY)
        rows = [tuple(row) for row in cursor.fetchall()]
        cursor.close()
    except token_engine.dialect.loaded_dbapi.Error:
        connection.invalidate()  # never handed out again
        raise
    finally:
        connection.close()
    return rows


def data_token(engine: Engine) -> str:
    """``"<newest revision>-<catalogue digest>"``: any upload or rollback adds a revision,
    and ``init-db`` with a changed catalogue file changes the digest.

    One fixed statement through the driver's own cursor: nothing to compile, one round trip;
    on PostgreSQL only after a change was notified (see the module).
    """
    listener = _listener(engine)
    if listener is not None:
        cached = listener.cached()
        if cached is not None:
            return cached
        generation = listener.generation
    token = _read_token(engine)
    if listener is not None:
        listener.remember(token, generation)
    return token


def _read_token(engine: Engine) -> str:
    token_engine = _token_engine(engine)
    try:
        rows = _read_token_rows(token_engine)
    except token_engine.dialect.loaded_dbapi.Error:
        if token_engine is engine:
            raise
        rows = _read_token_rows(token_engine)  # once more, on a new connection
    newest = rows[0][0] if rows else None
    # repr of plain tuples is stable across processes (unlike hash() of str), so the token
    # could key a cache shared by several hosts.
    digest = hashlib.blake2b(repr([row[1:] for row in rows]).encode(), digest_size=8)
    return f"{newest or 0}-{digest.hexdigest()}"
