#!/usr/bin/env bash
# Argument handling of warden-action.sh, with a stub warden that records its arguments and environment.
# Run: action/test/warden-action.test.sh   (exits non-zero on the first failure)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
script="$here/../warden-action.sh"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
git init -q -b main repo && cd repo
git -c user.email=t@t -c user.name=t commit -q --allow-empty -m base
cat > "$tmp/warden" <<'STUB'
#!/usr/bin/env bash
printf '%s\n' "$@" > "$STUB_ARGS"
echo "${WARDEN_SNAPSHOT_URL:-}" > "$STUB_ENV"
exit "${STUB_EXIT:-0}"
STUB
chmod +x "$tmp/warden"
export WARDEN_BIN="$tmp/warden" STUB_ARGS="$tmp/args" STUB_ENV="$tmp/env" GITHUB_BASE_REF=main
fail() { echo "FAIL: $*" >&2; exit 1; }

# Empty inputs (as action.yml passes them) are left out; the base is GITHUB_BASE_REF; publishing is on.
"$script" --config "" --snapshot "" --fail-on "" --format github
[[ "$(tr '\n' ' ' < "$tmp/args")" == "review --repo . --base main --format github --publish github " ]] \
  || fail "default arguments: $(tr '\n' ' ' < "$tmp/args")"

# Inputs become options; the snapshot is exported, not put on the command line.
echo "engine: postgres" > warden.yml
"$script" --config warden.yml --snapshot "postgres://ro@db/prod" --fail-on warning --format json --no-publish
[[ "$(tr '\n' ' ' < "$tmp/args")" == "review --repo . --base main --format json --config warden.yml --fail-on warning " ]] \
  || fail "inputs: $(tr '\n' ' ' < "$tmp/args")"
[[ "$(cat "$tmp/env")" == "postgres://ro@db/prod" ]] || fail "snapshot env"

# warden's exit code is the step's.
set +e; STUB_EXIT=1 "$script" >/dev/null 2>&1; code=$?; set -e
[[ $code -eq 1 ]] || fail "exit code $code, expected 1"

# Bad input fails with 2 and a message naming it, before warden runs.
rm -f "$tmp/args"
set +e; out="$("$script" --fail-on fatal 2>&1)"; code=$?; set -e
[[ $code -eq 2 && "$out" == *"fail-on must be error, warning or info"* && ! -f "$tmp/args" ]] || fail "bad fail-on: $out"
set +e; out="$(GITHUB_BASE_REF= "$script" 2>&1)"; code=$?; set -e
[[ $code -eq 2 && "$out" == *"GITHUB_BASE_REF is empty"* ]] || fail "no base: $out"
set +e; out="$("$script" --config missing.yml 2>&1)"; code=$?; set -e
[[ $code -eq 2 && "$out" == *"missing.yml"* ]] || fail "missing config: $out"
set +e; out="$("$script" --bogus 2>&1)"; code=$?; set -e
[[ $code -eq 2 && "$out" == *"unknown argument '--bogus'"* ]] || fail "unknown arg: $out"

echo "warden-action.sh: all argument tests passed"
