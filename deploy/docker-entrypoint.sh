#!/bin/sh
# The image's entry point: puts the static files collected at build time
# where nginx reads them (STATIC_ROOT, a volume shared with nginx under
# compose; new files of an upgrade included), then runs the command.
set -eu
if [ -d /srv/portal/static-build ] && [ -w "${STATIC_ROOT}" ]; then
    cp -R /srv/portal/static-build/. "${STATIC_ROOT}/"
fi
exec "$@"
