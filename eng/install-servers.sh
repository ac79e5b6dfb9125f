#!/usr/bin/env bash
# Installs the servers the platform and its tests run on: PostgreSQL 15, Redis 7 and RabbitMQ 3.10, from Debian's packages, and the
# curl and jq that docs/walkthrough.md (and its test) use.
# Shared by the AppHost (when the binaries are missing) and by CI. Idempotent; only the binaries are used, no system service is started.
set -euo pipefail
packages=(postgresql redis-server rabbitmq-server curl jq)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d keeps the packages from starting system-wide servers on the default ports.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
