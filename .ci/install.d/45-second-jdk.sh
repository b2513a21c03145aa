#!/usr/bin/env bash
# engine-opencl: a second JDK for H128ChainTest's cross-JVM check (the h128 sequence must not depend on
# the JVM). Idempotent: does nothing when /usr/lib/jvm already holds a JDK of another vendor or version
# than the one Maven runs on; otherwise installs the first apt candidate that differs from it.
set -euo pipefail
java_home="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
self_id() { sed -n 's/^IMPLEMENTOR="\(.*\)"$/\1/p; s/^JAVA_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null | tr '\n' ' '; }
self="$(self_id "$java_home")"
others() {
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"
    [ -x "$d/bin/java" ] && [ -f "$d/release" ] || continue
    [ "$(readlink -f "$d")" = "$(readlink -f "$java_home")" ] && continue
    [ "$(self_id "$d")" = "$self" ] && continue
    echo "$d"
  done
}
if [ -n "$(others)" ]; then
  echo "45-second-jdk: second JDK present: $(others | head -1)"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
running_major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")"
for major in 21 25 17; do
  pkg="openjdk-$major-jdk-headless"
  # the running JDK's own package would add nothing; a major it already is from another vendor still differs
  [ "$major" = "$running_major" ] && grep -q '^IMPLEMENTOR="Debian"' "$java_home/release" 2>/dev/null && continue
  if apt-cache policy "$pkg" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    echo "45-second-jdk: installing $pkg"
    $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "$pkg"
    break
  fi
done
if [ -z "$(others)" ]; then
  # the rest of CI still runs; H128ChainTest then fails under CHAINBEASTS_REQUIRE_TOOLS=1 naming this script
  echo "45-second-jdk: WARNING: no second JDK under /usr/lib/jvm and none on apt; install one (e.g. Temurin) there" >&2
  exit 0
fi
echo "45-second-jdk: second JDK: $(others | head -1)"
