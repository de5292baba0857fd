#!/usr/bin/env bash
# Runs `warden review` for the pull request of a GitHub Actions `pull_request` job and publishes the result (check
# run, sticky comment, suggestions) through the same Java code as `warden serve` (`--publish github`).
#
# Usage: warden-action.sh [--config FILE] [--snapshot VALUE] [--fail-on SEVERITY] [--format FORMAT]
#                         [--base REF] [--no-publish]
# Environment: GITHUB_TOKEN (to publish), GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_BASE_REF, GITHUB_OUTPUT
# (set by GitHub Actions); WARDEN_BIN overrides the warden launcher (default: the repository's ./warden).
# Exit code: warden's (0 passes, 1 blocked, 2 usage/configuration/infrastructure error).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
warden="${WARDEN_BIN:-$here/../warden}"
config="" snapshot="" fail_on="" format="github" base="${GITHUB_BASE_REF:-}" publish=1

die() { echo "warden-action: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --config|--snapshot|--fail-on|--format|--base)
      [[ $# -ge 2 ]] || die "$1 needs a value"
      case "$1" in
        --config) config="$2" ;;
        --snapshot) snapshot="$2" ;;
        --fail-on) fail_on="$2" ;;
        --format) format="$2" ;;
        --base) base="$2" ;;
      esac
      shift 2 ;;
    --no-publish) publish=0; shift ;;
    *) die "unknown argument '$1' (see the usage at the top of $0)" ;;
  esac
done

case "$fail_on" in
  ""|error|warning|info) ;;
  *) die "fail-on must be error, warning or info, got '$fail_on'" ;;
esac
[[ -n "$base" ]] || die "no base branch: GITHUB_BASE_REF is empty (run on: pull_request) and --base was not given"
[[ -z "$config" || -f "$config" ]] || die "config file '$config' does not exist (paths are relative to the repository)"

# The base must exist locally for the merge-base comparison; actions/checkout fetches only the head by default.
ref="$base"
if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
  ref="origin/$base"
  if ! git rev-parse --verify --quiet "$ref^{commit}" >/dev/null; then
    git fetch --no-tags --quiet origin "+refs/heads/$base:refs/remotes/origin/$base" \
      || die "cannot fetch the base branch '$base' (use actions/checkout with fetch-depth: 0)"
  fi
fi

args=(review --repo . --base "$ref" --format "$format")
[[ -n "$config" ]] && args+=(--config "$config")
[[ -n "$fail_on" ]] && args+=(--fail-on "$fail_on")
[[ $publish -eq 1 ]] && args+=(--publish github)
# The configuration names the variable to read the snapshot from (snapshot: {env: WARDEN_SNAPSHOT_URL}).
[[ -n "$snapshot" ]] && export WARDEN_SNAPSHOT_URL="$snapshot"

set +e
"$warden" "${args[@]}"
status=$?
set -e
exit "$status"
