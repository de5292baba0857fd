#!/usr/bin/env bash
# Whole-process `./warden lint` against the native `squawk` binary on the same real migration files: the up.sql files
# of crates.io's diesel history, flattened into one directory. The two run alternately, so both see the same load.
# Usage: bench/scripts/lint-vs-squawk.sh [RUNS=7]
#   CRATES_IO_GIT  a git directory of rust-lang/crates.io holding $CRATES_IO_REV (default: a blobless clone into a
#                  temporary directory)
#   SQUAWK         the squawk binary (default: the native binary of the npm package squawk-cli under $SQUAWK_DIR,
#                  installed there with `npm install squawk-cli` when missing; SQUAWK_DIR defaults to /tmp/sq). Not
#                  node_modules/.bin/squawk: that is a Node.js script that starts the binary, and Node's own start-up
#                  (~0.1-0.2 s) would be counted as squawk's.
# The JDK is the `java` on PATH (PATH=/usr/lib/jvm/temurin-25-jdk-amd64/bin:$PATH for the JDK 25 AOT cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
rev=${CRATES_IO_REV:-57fa000662f511321daa61e6769f190ea0e80771}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git_dir=${CRATES_IO_GIT:-}
if [[ -z "$git_dir" ]]; then
  git clone -q --bare --filter=blob:none https://github.com/rust-lang/crates.io "$work/crates.io.git"
  git_dir="$work/crates.io.git"
fi
mkdir "$work/sql"
# One file per migration, named after its directory; the one directory name with a space is left out (squawk and
# warden would both take it, but a shell glob of the flattened names would not be the same list for both).
git --git-dir="$git_dir" ls-tree -r --name-only "$rev" migrations | grep '/up\.sql$' | grep -v ' ' |
  while read -r path; do
    git --git-dir="$git_dir" show "$rev:$path" > "$work/sql/$(basename "$(dirname "$path")").sql"
  done
files=("$work"/sql/*.sql)

squawk=${SQUAWK:-}
if [[ -z "$squawk" ]]; then
  sq_dir=${SQUAWK_DIR:-/tmp/sq}
  if [[ ! -x "$sq_dir/node_modules/.bin/squawk" ]]; then
    mkdir -p "$sq_dir" && (cd "$sq_dir" && npm install -s squawk-cli >/dev/null)
  fi
  squawk=$(cd "$sq_dir" && node -p 'require("./node_modules/squawk-cli/js/index.js").getBinaryPath()')
fi

./warden version >/dev/null   # builds the jar when stale and the start-up archive on its first run
echo "${#files[@]} files (crates.io $rev); $("$squawk" --version); $(./warden version | tail -1);" \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $((($(date +%s%N) - s) / 1000000)); }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
sq=(); wd=()
for i in $(seq "$runs"); do
  sq+=("$(ms "$squawk" "${files[@]}")")
  wd+=("$(ms ./warden lint "$work/sql")")
  echo "run $i: squawk ${sq[-1]} ms, warden ${wd[-1]} ms"
done
s=$(median "${sq[@]}"); w=$(median "${wd[@]}")
echo "median: squawk $s ms, warden $w ms, ratio $(awk -v w="$w" -v s="$s" 'BEGIN { printf "%.1f", w / s }')x;" \
  "load $(cut -d' ' -f1-3 /proc/loadavg)"
