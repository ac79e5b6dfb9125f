#!/usr/bin/env bash
# What the portal's browser tests (tests/Portal.Tests) need besides .NET, installed when missing:
#   - Debian's Chromium (/usr/bin/chromium), which Playwright drives (no browser download: Playwright gets it as ExecutablePath),
#     and a CJK font so that pages in Chinese render as text in screenshots;
#   - axe-core's axe.min.js, from the npm registry (npm pack), into a cache folder that is never committed:
#     artifacts/test-tools/axe-core-<version>/axe.min.js (PORTAL_AXE_PATH points the tests elsewhere).
# Usage: eng/install-browser-tests.sh            (CI calls it from .ci/run; a developer runs it once)
set -euo pipefail
cd "$(dirname "$0")/.."
axe_version=${AXE_CORE_VERSION:-4.14.1}
cache="artifacts/test-tools/axe-core-$axe_version"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing+=(fonts-wqy-zenhei)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages for the browser tests: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "== Installing ${missing[*]} (Debian packages)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version

if [ ! -s "$cache/axe.min.js" ]; then
  command -v npm >/dev/null || { echo "npm is missing: it fetches axe-core for the accessibility checks (apt-get install npm)" >&2; exit 1; }
  echo "== Fetching axe-core $axe_version (npm pack) into $cache"
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "axe-core@$axe_version" >/dev/null && tar -xzf "axe-core-$axe_version.tgz")
  mkdir -p "$cache"
  cp "$work/package/axe.min.js" "$work/package/LICENSE" "$cache/"
  rm -rf "$work"
fi
echo "axe-core $axe_version: $cache/axe.min.js"
