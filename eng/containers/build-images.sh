#!/usr/bin/env bash
# Builds every image of the platform with podman, without any image registry:
#   1. cooperation/base:bookworm   Debian 12 (debootstrap, minbase) + the .NET runtime's native dependencies, imported into podman
#   2. cooperation/<deployable>    the four services, the gateway and the web portal, from service.Containerfile, published self-contained
#   3. cooperation/postgres:15, cooperation/redis:7, cooperation/rabbitmq:3.10   from Debian's packages, on the same base
#
# Usage: eng/containers/build-images.sh [--only base|apps|servers] [--from-source] [--rebuild-base] [deployable...]
#   Naming deployables (directory-api, portfolio-api, events-api, analytics-api, gateway, web) builds only those images.
#   By default the services are published on this machine (dotnet publish -r linux-x64 --self-contained) and the Containerfile's
#   build stage is skipped (APP_SOURCE=prebuilt), because no SDK image is available here. --from-source builds inside the
#   SDK image instead (SDK_IMAGE, default mcr.microsoft.com/dotnet/sdk:10.0), as CI elsewhere would.
# Environment: DEBIAN_MIRROR (default: the first mirror in this machine's apt sources), TAG (default: dev),
#   PODMAN_RUNTIME (default: runc).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here="$root/eng/containers"
tag=${TAG:-dev}
runtime=${PODMAN_RUNTIME:-runc}
base_image=cooperation/base:bookworm
only="" from_source=0 rebuild_base=0 selected=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only=$2; shift ;;
    --from-source) from_source=1 ;;
    --rebuild-base) rebuild_base=1 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) selected+=("$1") ;;
  esac
  shift
done
podman=(podman --runtime "$runtime")
build=("${podman[@]}" build --format docker --ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
# name:project folder:assembly
deployables=(
  "directory-api:services/Directory:Directory.Api"
  "portfolio-api:services/Portfolio:Portfolio.Api"
  "events-api:services/Events:Events.Api"
  "analytics-api:services/Analytics:Analytics.Api"
  "gateway:gateway:Gateway"
  "web:web/Portal:web"
)
step() { echo "== $*"; }
seconds() { echo $(( $(date +%s) - $1 )); }

build_base() {
  if [ $rebuild_base -eq 0 ] && podman image exists "$base_image"; then
    step "$base_image exists (--rebuild-base rebuilds it)"; return
  fi
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
  local mirror=${DEBIAN_MIRROR:-$(grep -rhoE '^(URIs:|deb) *https?://[^ ]+/debian' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | head -1 | grep -oE 'https?://.*')}
  local rootfs; rootfs=$(mktemp -d)
  local start; start=$(date +%s)
  step "debootstrap bookworm (minbase + libicu72 libssl3 zlib1g ca-certificates tzdata) from $mirror"
  debootstrap --variant=minbase --include=libicu72,libssl3,zlib1g,ca-certificates,tzdata bookworm "$rootfs" "$mirror" >/dev/null
  # Smaller: no apt caches, documentation or locales beyond C.UTF-8 (which is built into glibc).
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/info/*
  tar -C "$rootfs" --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* -c . | podman import \
    --change 'ENV LANG=C.UTF-8' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/bash"]' - "$base_image" >/dev/null
  rm -rf "$rootfs"
  step "$base_image built in $(seconds "$start") s"
}

build_apps() {
  for entry in "${deployables[@]}"; do
    IFS=: read -r name project assembly <<<"$entry"
    if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then continue; fi
    local args=(-f "$here/service.Containerfile" --build-arg "RUNTIME_IMAGE=$base_image" --build-arg "ASSEMBLY=$assembly")
    local start; start=$(date +%s)
    if [ $from_source -eq 1 ]; then
      step "$name: building from source in the SDK image"
      "${build[@]}" "${args[@]}" ${SDK_IMAGE:+--build-arg "SDK_IMAGE=$SDK_IMAGE"} --build-arg "PROJECT=$project" -t "cooperation/$name:$tag" .
    else
      step "$name: dotnet publish (self-contained, linux-x64) on this machine"
      rm -rf "artifacts/containers/$assembly"
      # Its own intermediate folders (--artifacts-path), so that builds running in the working tree meanwhile cannot interfere.
      dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "artifacts/containers/$assembly" --nologo -v q \
        --artifacts-path artifacts/container-build
      "${build[@]}" "${args[@]}" --build-arg APP_SOURCE=prebuilt -t "cooperation/$name:$tag" .
    fi
    step "$name built in $(seconds "$start") s"
  done
}

build_servers() {
  for server in postgres:15 redis:7 rabbitmq:3.10; do
    local start; start=$(date +%s)
    step "cooperation/$server from Debian's packages"
    "${build[@]}" --build-arg "BASE_IMAGE=$base_image" -f "$here/${server%%:*}.Containerfile" -t "cooperation/$server" "$here"
    step "cooperation/$server built in $(seconds "$start") s"
  done
}

case "$only" in
  "") build_base; build_apps; build_servers ;;
  base) build_base ;;
  apps) build_apps ;;
  servers) build_servers ;;
  *) echo "--only base|apps|servers" >&2; exit 2 ;;
esac
step "images"
podman images --filter reference='cooperation/*' --format '{{.Repository}}:{{.Tag}}  {{.Size}}'
