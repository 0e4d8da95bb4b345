"""django-tenants' PostgreSQL backend, with Django's per-request health check
(CONN_HEALTH_CHECKS: ``SELECT 1`` before a request's first query) skipped
when it cannot tell anything new.

The check is a full round trip (measured: 60 µs on the embedded server's Unix
socket, half of it the server's CPU; ~0.1–0.2 ms of each page over the network) that
protects against a persistent connection that died between requests: the
server restarted, the backend was terminated, an idle timeout closed it.
Each of those makes PostgreSQL send an error and close the socket, so the
socket turns readable. A connection that answered less than CHECK_DELAY ago
and has nothing waiting to be read is taken as usable without the round
trip, as PgBouncer does for a server connection released less than
``server_check_delay`` ago. Anything else (something to read, a closed
connection, an older answer, an error since) gets Django's real check.
"""

import select
import time

from django_tenants.postgresql_backend import base

#: Seconds after the connection last answered (its check passed, or a
#: request's statements ran without a connection error) during which a quiet
#: socket is enough. A busy worker serves a page every few milliseconds, so
#: nearly all its checks fall inside one second; longer would only widen the
#: window in which a death the server did not announce (a network cut: the
#: socket stays quiet) fails a request rather than the check, as it does with
#: PgBouncer within its server_check_delay.
CHECK_DELAY = 1.0
# Windows' select module has no poll(): there, every check is Django's.
CAN_POLL = hasattr(select, "poll")


class DatabaseWrapper(base.DatabaseWrapper):
    # time.monotonic() of the connection's last answer; None before any.
    answered_at: float | None = None

    def connect(self) -> None:
        super().connect()
        self.answered_at = time.monotonic()

    def close_if_unusable_or_obsolete(self) -> None:
        # Django calls this as a request starts and as it ends. Here
        # health_check_done is still True only if the request just served used
        # the connection (its first cursor ran the check, or connected), and
        # errors_occurred is False only if no statement since lost the server
        # (Django sets it on any error but a data or integrity error, both of
        # which the server answered). Counted from the request's end, as
        # PgBouncer counts from a connection's release.
        if self.connection is not None and self.health_check_done and not self.errors_occurred:
            self.answered_at = time.monotonic()
        super().close_if_unusable_or_obsolete()

    def is_usable(self) -> bool:
        if self._answered_recently_and_quiet():
            return True
        usable = super().is_usable()
        if usable:
            self.answered_at = time.monotonic()
        return usable

    def _answered_recently_and_quiet(self) -> bool:
        if (
            not CAN_POLL
            or self.connection is None
            or self.errors_occurred
            or self.answered_at is None
            or time.monotonic() - self.answered_at >= CHECK_DELAY
        ):
            return False
        # poll, not select: select refuses descriptors above 1023. POLLHUP
        # and POLLERR are reported without being asked for.
        try:
            if self.connection.closed:
                return False
            poller = select.poll()
            poller.register(self.connection.fileno(), select.POLLIN)
            return not poller.poll(0)
        except (OSError, ValueError, self.Database.Error):
            # is_usable() must not raise (Django's contract): the real check decides.
            return False
