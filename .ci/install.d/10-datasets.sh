#!/usr/bin/env bash
# datasets module: external peers for the interop tests (h5dump, h5py, zstd CLI).
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
command -v h5dump >/dev/null 2>&1 || missing+=(hdf5-tools)
/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1 || missing+=(python3-h5py)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
if [ ${#missing[@]} -eq 0 ]; then
  echo "10-datasets: hdf5-tools, python3-h5py and zstd already present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "10-datasets: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
