#!/usr/bin/env bash
# The review step of the GitHub Action: finds the base and head the event names, makes sure both are in the
# (possibly shallow) clone, runs `warden review` and publishes through the same Java code as `warden serve`.
#
# Inputs come only from the environment (action.yml maps each input to one variable under `env:`), so a value is
# never parsed as shell: INPUT_WORKING_DIRECTORY, INPUT_BASE, INPUT_CONFIG, INPUT_SNAPSHOT, INPUT_FAIL_ON,
# INPUT_FORMAT, INPUT_SARIF_FILE, GITHUB_TOKEN (empty: publish nothing).
# From the install step: WARDEN_JAR (a verified release jar) or WARDEN_SOURCE (a checkout whose ./warden builds it),
# WARDEN_JAVA_HOME. From the runner: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_BASE_REF, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE.
# Exit code: warden's (0 passes, 1 blocked, 2 usage/configuration/infrastructure error).
set -euo pipefail

die() { echo "warden-action: $*" >&2; exit 2; }

warden() {
  if [[ -n "${WARDEN_JAR:-}" ]]; then
    # Short runs: the C1 compiler and the serial collector start fastest (as ./warden does).
    "${WARDEN_JAVA_HOME:+$WARDEN_JAVA_HOME/bin/}java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
      -jar "$WARDEN_JAR" "$@"
  elif [[ -n "${WARDEN_SOURCE:-}" ]]; then
    JAVA_HOME="${WARDEN_JAVA_HOME:-${JAVA_HOME:-}}" "$WARDEN_SOURCE/warden" "$@"
  else
    die "neither WARDEN_JAR nor WARDEN_SOURCE is set: run the action's install step first"
  fi
}

fail_on="${INPUT_FAIL_ON:-}" format="${INPUT_FORMAT:-}" sarif="${INPUT_SARIF_FILE:-}" config="${INPUT_CONFIG:-}"
case "$fail_on" in ""|error|warning|info) ;; *) die "fail-on must be error, warning or info, got '$fail_on'" ;; esac
case "$format" in ""|text|github|markdown|json|sarif|codequality) ;;
  *) die "format must be text, github, markdown, json, sarif or codequality, got '$format'" ;; esac
# Relative output paths are the workspace's, as the user wrote them; resolve them before changing directory.
if [[ -n "$sarif" && "$sarif" != /* ]]; then sarif="${GITHUB_WORKSPACE:-$PWD}/$sarif"; fi
if [[ -n "${INPUT_WORKING_DIRECTORY:-}" ]]; then
  cd -- "$INPUT_WORKING_DIRECTORY" 2>/dev/null \
    || die "working-directory '$INPUT_WORKING_DIRECTORY' is not a directory of the workspace"
fi
git rev-parse --git-dir >/dev/null 2>&1 \
  || die "$(pwd) is not a git checkout: run actions/checkout before this action (or set working-directory)"

event="${GITHUB_EVENT_NAME:-}"
pr_event=0 number="" base="${INPUT_BASE:-${GITHUB_BASE_REF:-}}" base_sha="" head="HEAD" head_sha="" settings_from_base=0
case "$event" in
  pull_request)
    pr_event=1 # GITHUB_BASE_REF names the base and the checkout is the change: the event file is not needed here
    ;;
  pull_request_target|pull_request_review|pull_request_review_comment)
    pr_event=1
    # The event file is partly written by whoever opened the pull request: warden reads it and prints only
    # checked values (a plain branch name, commit ids, a number).
    props="$(warden github-event)" || die "cannot read the pull request from GITHUB_EVENT_PATH (see above)"
    while IFS='=' read -r key value; do
      case "$key" in
        number) number="$value" ;;
        base_ref) [[ -n "$base" ]] || base="$value" ;;
        base_sha) base_sha="$value" ;;
        head_sha) head_sha="$value" ;;
      esac
    done <<< "$props"
    ;;
  *)
    [[ -n "$base" ]] || die "event '$event' is not about a pull request: give the action a base input" \
      "(e.g. base: main)"
    ;;
esac

if [[ "$event" == "pull_request_target" ]]; then
  # The workspace is the base branch (trusted); the pull request's code never is. Review its head commit,
  # explicitly, with the settings (configuration, policy, CODEOWNERS) of the base: never the base itself.
  head="$head_sha"
  settings_from_base=1
  one=(); [[ "$(git rev-parse --is-shallow-repository)" == true ]] && one=(--depth=1)
  git cat-file -e "$head^{commit}" 2>/dev/null \
    || git fetch --no-tags --quiet ${one[@]+"${one[@]}"} origin "+refs/pull/$number/head:refs/remotes/pull/$number/head" \
    || true
  git cat-file -e "$head^{commit}" 2>/dev/null || git fetch --no-tags --quiet ${one[@]+"${one[@]}"} origin "$head" 2>/dev/null \
    || die "refusing to review: the pull request's head $head (pull_request_target) cannot be fetched from" \
      "origin (refs/pull/$number/head has moved on or is gone); the run for the newer push reviews it"
  if [[ -n "$config" ]]; then
    # A config path names the base's file, never the pull request's.
    base_config="$(mktemp)"
    git show "${base_sha}:${config#./}" > "$base_config" 2>/dev/null \
      || git show "HEAD:${config#./}" > "$base_config" 2>/dev/null \
      || die "config '$config' is not a file of the base branch"
    config="$base_config"
  fi
fi
[[ -z "$config" || -f "$config" ]] || die "config file '$config' does not exist (paths are relative to the repository)"

# The base and the merge base must be in the clone: actions/checkout fetches one commit by default
# (fetch-depth: 1). Fetch the base branch, then deepen both histories until they meet (bounded).
base_ref="$base"
if ! git rev-parse --verify --quiet "$base_ref^{commit}" >/dev/null; then
  base_ref="origin/$base"
fi
shallow="$(git rev-parse --is-shallow-repository)"
if ! git rev-parse --verify --quiet "$base_ref^{commit}" >/dev/null; then
  depth=(); [[ "$shallow" == true ]] && depth=(--depth=50)
  git fetch --no-tags --quiet ${depth[@]+"${depth[@]}"} origin "+refs/heads/$base:refs/remotes/origin/$base" \
    || die "cannot fetch the base branch '$base' from origin: check the base input"
fi
if ! git merge-base "$base_ref" "$head" >/dev/null 2>&1 && [[ "$(git rev-parse --is-shallow-repository)" == true ]]
then
  step=50 fetched=0
  for _ in 1 2 3 4 5 6 7 8; do
    git fetch --no-tags --quiet --deepen="$step" origin "+refs/heads/$base:refs/remotes/origin/$base" \
      || die "cannot deepen the clone to find where '$head' left '$base'"
    fetched=$((fetched + step))
    if git merge-base "$base_ref" "$head" >/dev/null 2>&1; then
      echo "warden-action: deepened the shallow clone by $fetched commits to find the merge base with $base" >&2
      break
    fi
    step=$((step * 2))
  done
fi
git merge-base "$base_ref" "$head" >/dev/null 2>&1 \
  || die "no merge base of '$base' and the change within the fetched history: use actions/checkout with" \
    "fetch-depth: 0"

publish=0
if [[ -n "${GITHUB_TOKEN:-}" && $pr_event -eq 1 ]]; then
  publish=1
elif [[ -n "${GITHUB_TOKEN:-}" ]]; then
  echo "warden-action: '$event' is not a pull request event: the review goes to the log and the job summary only" >&2
fi
# One annotation per finding: the published check run carries them; workflow annotations only when not publishing.
[[ -n "$format" ]] || { [[ $publish -eq 1 ]] && format=text || format=github; }

args=(review --repo . --base "$base_ref" --head "$head" --format "$format")
[[ $settings_from_base -eq 1 ]] && args+=(--settings-from-base)
[[ -n "$config" ]] && args+=(--config "$config")
[[ -n "$fail_on" ]] && args+=(--fail-on "$fail_on")
[[ -n "${GITHUB_STEP_SUMMARY:-}" ]] && args+=(--also-output "markdown=$GITHUB_STEP_SUMMARY")
[[ -n "$sarif" ]] && args+=(--also-output "sarif=$sarif")
[[ $publish -eq 1 ]] && args+=(--publish github)
# The configuration names the variable to read the snapshot from (snapshot: {env: WARDEN_SNAPSHOT_URL}).
[[ -n "${INPUT_SNAPSHOT:-}" ]] && export WARDEN_SNAPSHOT_URL="$INPUT_SNAPSHOT"

set +e
warden "${args[@]}"
status=$?
set -e
exit "$status"
