#!/usr/bin/env bash
# client-libgdx: Xvfb (a virtual X server) and xauth for xvfb-run, Mesa's software GL (llvmpipe, in
# libgl1-mesa-dri, only recommended by xvfb) and the X client libraries GLFW loads at run time, so the client's
# screen, play-through and launcher tests render for real in CI. Idempotent.
set -euo pipefail
PKGS=(xvfb xauth libgl1-mesa-dri libx11-6 libxext6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1)
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
command -v xvfb-run >/dev/null && command -v Xvfb >/dev/null || { echo "50-client: xvfb-run or Xvfb missing after install" >&2; exit 1; }
echo "50-client: xvfb-run and Xvfb present"
