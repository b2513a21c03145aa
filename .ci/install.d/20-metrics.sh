#!/usr/bin/env bash
# metrics-server test peers: headless Chromium (page test) and Node's `ws` client (npm ci).
# Idempotent: installs chromium only when missing; `npm ci` reinstalls from the committed lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium
fi
command -v node >/dev/null 2>&1 || { echo "20-metrics.sh: node is required (Node.js 20)" >&2; exit 1; }
(cd metrics-server && npm ci --no-audit --no-fund)
