#!/bin/bash
# The images' HEALTHCHECK: GET /health on the service's own port with bash alone (no curl in a runtime image).
# Healthy when the answer is 200: the service and everything it depends on are ready.
exec 3<>"/dev/tcp/127.0.0.1/${HEALTH_PORT:-8080}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "${HEALTH_PATH:-/health}" >&3
IFS=' ' read -r -t 5 _ status _ <&3
[ "$status" = 200 ]
