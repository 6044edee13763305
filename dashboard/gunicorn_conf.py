"""How gunicorn serves the tracker (the Procfile and ``make run`` both load this file).

- ``gthread`` workers: a connection waits in the worker's poller, not in a thread, until its
  request arrives (gunicorn 27 hands a connection to a thread only once data is ready, and
  gives it back if none comes within 5 s), so slow or stalled clients cannot take every thread,
  and ``/healthz`` is answered during a burst. One process per core (``WEB_CONCURRENCY``);
  threads (``GUNICORN_THREADS``) overlap waiting on the database and the network.
- ``timeout``: a request still running after this many seconds gets its worker restarted, so a
  stuck request cannot hold a worker for ever.
- Request limits: header and request-line sizes stay at gunicorn's defaults; bodies are limited
  by the app (``MAX_CONTENT_LENGTH``). A reverse proxy in front should buffer requests and
  responses (README, "Production").
"""

from __future__ import annotations

import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
backlog = 2048
# A fresh process now and then returns memory that pandas and plotly fragmented; the jitter
# keeps the workers from restarting together.
max_requests = 20_000
max_requests_jitter = 2_000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
