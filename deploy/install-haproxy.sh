#!/usr/bin/env bash
# Installs Debian's haproxy when it is missing (`make replicas` calls this first), as .ci/run
# installs chromium for the browser tests.
set -euo pipefail
if command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi
echo "deploy: haproxy missing; installing Debian's haproxy"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy
