#!/usr/bin/env bash
# Gets Schema Warden for the review step: the release jar of this action's own version (the version in the
# action's pom.xml), downloaded and checksum-verified by fetch-warden.sh and cached by version in the runner's tool
# cache; from an unreleased ref (a -SNAPSHOT version) without a release-url, it builds from source and says so.
# Step outputs: `jar` (the verified jar) or `source` (the checkout whose ./warden builds and runs it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# The action's own project version: the first <version> of its root pom.xml (our file, not the user's).
version="$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)"
[[ -n "$version" ]] || { echo "warden: cannot read the action's version from $root/pom.xml" >&2; exit 2; }
release_url="${WARDEN_RELEASE_URL:-}"

if [[ -z "$release_url" && "$version" == *-SNAPSHOT ]]; then
  echo "warden: this action ref is unreleased ($version): building Schema Warden from source with Maven," \
    "which takes minutes; use a release tag (uses: .../action@v1) to download the jar in seconds" >&2
  export JAVA_HOME="${WARDEN_JAVA_HOME:-${JAVA_HOME:-}}"
  "$root/warden" version >&2 || { echo "warden: building from source failed (see above)" >&2; exit 2; }
  echo "source=$root" >> "$GITHUB_OUTPUT"
  exit 0
fi

export WARDEN_VERSION="$version"
export WARDEN_RELEASE_URL="${release_url:-${GITHUB_SERVER_URL:-https://github.com}/${GITHUB_ACTION_REPOSITORY:-schema-warden/schema-warden}/releases/download/v$version}"
export WARDEN_CACHE_DIR="${WARDEN_CACHE_DIR:-${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/schema-warden}"
jar="$("$here/fetch-warden.sh")" || exit 2
echo "jar=$jar" >> "$GITHUB_OUTPUT"
