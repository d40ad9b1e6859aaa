"""Gunicorn's settings: ``gunicorn -c config/gunicorn.py config.wsgi``. Every value can be set
from the environment, so one file serves production (behind nginx) and ``make bench``.

Sync workers: nginx buffers slow clients, so a worker is busy only while Python builds a page,
which is CPU work; more workers than about twice the cores only queue for the CPU.
"""

import multiprocessing

import environ

env = environ.Env()

bind = env.list("GUNICORN_BIND", default=["127.0.0.1:8000"])
workers = env.int("WEB_CONCURRENCY", default=multiprocessing.cpu_count() * 2)
worker_class = "sync"
# Loads the site once in the master: workers start fast and share its memory, and a broken
# setting stops the start instead of every worker failing one after the other.
preload_app = True
timeout = env.int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
# A worker is replaced after this many requests (0: never), with jitter so they do not all
# restart together; a guard against slow leaks.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=0)
max_requests_jitter = max(1, max_requests // 10) if max_requests else 0
# nginx logs the requests; gunicorn only its own errors, on stderr.
accesslog = env("GUNICORN_ACCESS_LOG", default=None)
errorlog = "-"
loglevel = env("GUNICORN_LOG_LEVEL", default="warning")
# The proxies whose X-Forwarded-* headers gunicorn believes (nginx on the same host).
forwarded_allow_ips = env("FORWARDED_ALLOW_IPS", default="127.0.0.1")
