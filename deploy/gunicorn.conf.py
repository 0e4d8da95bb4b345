# Gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.
# Sync workers: django-tenants sets the schema per database connection, and a
# request must not share its connection with another request's thread.
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
