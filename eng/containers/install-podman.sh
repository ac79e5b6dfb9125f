#!/usr/bin/env bash
# Installs podman and runc from Debian's packages and configures them for this kind of machine: runc as the OCI runtime (crun fails
# on its hybrid cgroups) and file and process limits that RabbitMQ and .NET need. Shared by CI and docs/containers.md. Idempotent.
set -euo pipefail
packages=(podman runc debootstrap)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "Installed: ${missing[*]}"
fi
conf=/etc/containers/containers.conf
if [ "$(id -u)" -eq 0 ] && ! grep -qs '^runtime = "runc"' "$conf"; then
  mkdir -p /etc/containers
  cat > "$conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
  echo "Configured $conf (runc, ulimits)"
fi
podman --version
