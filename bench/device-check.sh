#!/usr/bin/env bash
# Issue 15's GPU check, prepared for the `device` machine (a GPU, no JDK, no Maven, no network): the OpenCL suites
# (the per-step differential test with the full state after every step in both layouts, the golden vectors, the h128
# chains, the primitives in bulk) and, at 1,024 and 4,096 beasts per layout, every beast's window equal to Java's and
# the steps per second against Java on one thread (engine-opencl's DeviceCheck). Two steps:
#
#   bench/device-check.sh prepare
#       here, after `mvn -B -o install -DskipTests`: a jlink'd Java runtime (~36 MB), engine-opencl's test classpath
#       and the OpenCL ICD loader into .device/ (git-ignored; carry it: `run` with carry [".device"]).
#   bench/device-check.sh run [OUT_DIR] [BEASTS,...]
#       there (or here, on PoCL): writes OUT_DIR/device-check.json (default $OUT, else /tmp/device-check) and a log;
#       exit 0 only when every suite passed, none skipped, and every beast matched Java.
#
# One device call: {"command": "bash bench/device-check.sh run", "carry": [".device"], "timeout_s": 480}.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=.device

case "${1:-}" in
prepare)
  [ -d engine-opencl/target/test-classes ] || { echo "device-check: build first: mvn -B -o install -DskipTests" >&2; exit 2; }
  rm -rf "$dev" && mkdir -p "$dev/lib" "$dev/native"
  jlink --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector \
    --compress=2 --strip-debug --no-header-files --no-man-pages --output "$dev/jre" 2>/dev/null
  (cd engine-opencl && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="../$dev/cp.txt" -Dmdep.includeScope=test)
  tr ":" "\n" < "$dev/cp.txt" | while read -r jar || [ -n "$jar" ]; do cp "$jar" "$dev/lib/"; done
  cp -r engine-opencl/target/classes "$dev/classes"
  cp -r engine-opencl/target/test-classes "$dev/test-classes"
  loader=$(ldconfig -p | awk '/libOpenCL\.so\.1 .*x86-64/ {print $NF; exit}')
  [ -n "$loader" ] || { echo "device-check: no libOpenCL.so.1 here to carry (apt-get install ocl-icd-libopencl1)" >&2; exit 2; }
  cp -L "$loader" "$dev/native/libOpenCL.so.1"
  echo "device-check: prepared $dev ($(du -sh "$dev" | cut -f1)); run it there with carry [\"$dev\"]"
  ;;
run)
  out="${2:-${OUT:-/tmp/device-check}}"
  beasts="${3:-1024,4096}"
  mkdir -p "$out"
  java=java
  [ -x "$dev/jre/bin/java" ] && java="$dev/jre/bin/java"
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java")")")")
  # the GPU's OpenCL driver: an ICD file naming NVIDIA's library, unless the image registers one
  if ! ls /etc/OpenCL/vendors/*.icd >/dev/null 2>&1; then
    lib=$(ldconfig -p | awk '/libnvidia-opencl\.so\.1/ {print $NF; exit}')
    [ -n "$lib" ] || lib=$(find / -xdev -name 'libnvidia-opencl.so.1' 2>/dev/null | head -1 || true)
    if [ -n "$lib" ]; then
      mkdir -p /tmp/chainbeasts-icd && echo "$lib" > /tmp/chainbeasts-icd/nvidia.icd
      export OCL_ICD_VENDORS=/tmp/chainbeasts-icd
    fi
  fi
  libname=()
  [ -f "$dev/native/libOpenCL.so.1" ] && libname=(-Dorg.lwjgl.opencl.libname="$PWD/$dev/native/libOpenCL.so.1")
  cp="$dev/test-classes:$dev/classes:$dev/lib/*"
  [ -d "$dev/lib" ] || cp="engine-opencl/target/test-classes:engine-opencl/target/classes:$(cd engine-opencl && mvn -B -o -q \
    dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$out/gpu.txt"
  set -o pipefail
  # PoCL's SIGFPE handler needs Java's chained signal handling (libjsig); harmless elsewhere
  LD_PRELOAD="$home/lib/libjsig.so" CHAINBEASTS_REQUIRE_TOOLS=1 CHAINBEASTS_CACHE_DIR=/tmp/chainbeasts-device-cache \
    "$java" -ea:io.chainbeasts... --add-modules jdk.incubator.vector "${libname[@]}" -cp "$cp" \
    io.chainbeasts.engine.opencl.DeviceCheck "$out" "$beasts" 2>&1 | grep -v '^WARNING: Using incubator modules' | tee "$out/device-check.log"
  ;;
*)
  echo "usage: bench/device-check.sh prepare | run [OUT_DIR] [BEASTS,...]" >&2
  exit 2
  ;;
esac
