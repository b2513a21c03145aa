#!/usr/bin/env bash
# contracts module: pinned npm toolchain (solc JS compiler, anvil local node) from contracts/package-lock.json.
# Idempotent: re-runs npm ci only when node_modules is missing or incomplete.
set -euo pipefail
cd "$(dirname "$0")/../../contracts"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq nodejs npm
  else
    echo "30-contracts: node and npm are required" >&2; exit 1
  fi
fi
if [ ! -d node_modules/solc ] || [ ! -x node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil ]; then
  npm ci --no-audit --no-fund
fi
node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --version
