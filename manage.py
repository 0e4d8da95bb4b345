#!/usr/bin/env python
"""Django's command-line utility for the trade cooperation portal."""

import os
import signal
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # A plain exit on SIGTERM lets the embedded database handle stop the
    # server when the last process using it goes away.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
