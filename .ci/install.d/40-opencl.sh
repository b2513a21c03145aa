#!/usr/bin/env bash
# engine-opencl: PoCL (OpenCL on the CPU) so the OpenCL tests run for real in CI. Idempotent.
set -euo pipefail
PKGS=(pocl-opencl-icd ocl-icd-libopencl1 ocl-icd-opencl-dev clinfo)
if declare -F apt_need >/dev/null; then
  apt_need "${PKGS[@]}"
else
  missing=()
  for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
clinfo -l || echo "warning: clinfo lists no OpenCL platform; the OpenCL tests will skip" >&2
