#!/usr/bin/env bash
# Whole-process benchmark of `warden lint` over a generated corpus: wall time (JVM start included) and peak heap.
# Usage: bench/scripts/lint-process.sh [FILES=1000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-1000}
runs=${2:-5}
mvn -B -q -ntp -DskipTests package -pl app,bench -am >/dev/null
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
java -cp bench/target/benchmarks.jar dev.schemawarden.bench.WriteCorpus "$corpus" "$files" 10 >/dev/null
echo "corpus: $files files, $(cat "$corpus"/*.sql | grep -c ';' || true) lines ending in ';'"
opts=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  set +e
  java "${opts[@]}" -Xlog:gc:file="$corpus/gc.log" -jar app/target/warden.jar lint "$corpus"/*.sql \
    --format json --output "$corpus/report.json"
  code=$?
  set -e
  end=$(date +%s.%N)
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$corpus/gc.log" | sed -E 's/M->.*//' | sort -n | tail -1)
  printf 'run %d: %.2f s, exit %d, peak heap before GC %s MB (limit -Xmx256m)\n' "$i" "$(echo "$end - $start" | bc)" "$code" "${peak:-n/a}"
done
