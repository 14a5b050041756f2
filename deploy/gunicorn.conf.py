"""gunicorn settings for Limber: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Threads let a worker keep connections alive and wait on the database without blocking the
others; the app is loaded before forking so workers share its memory.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
preload_app = True
keepalive = 15
timeout = 30
graceful_timeout = 20
# Recycle workers now and then, so a slow leak can never grow without bound (0: never, to measure).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "limber"
