#!/usr/bin/env bash
# Finds a Java 17+ runtime already on the runner (every GitHub-hosted image has one) without changing anything for
# the job's later steps: writes its home to the step output `home` (empty when there is none, and then the action
# runs actions/setup-java), and the job's JAVA_HOME to `previous` so it can be restored after setup-java.
set -euo pipefail

major() { # the feature release of the java launcher $1, or 0
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' \
    | head -n 1 | grep . || echo 0
}

found=""
for home in "${JAVA_HOME_17_X64:-}" "${JAVA_HOME_21_X64:-}" "${JAVA_HOME_17_ARM64:-}" "${JAVA_HOME_21_ARM64:-}" \
    "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java || echo /nonexistent)")")")"; do
  if [[ -n "$home" && -x "$home/bin/java" && "$(major "$home/bin/java")" -ge 17 ]]; then
    found="$home"
    break
  fi
done
if [[ -n "$found" ]]; then
  echo "Schema Warden runs on the Java at $found (the job's own settings are left as they are)"
else
  echo "No Java 17 or newer on this runner: actions/setup-java installs Temurin 17"
fi
{
  echo "home=$found"
  echo "previous=${JAVA_HOME:-}"
} >> "$GITHUB_OUTPUT"
