#!/usr/bin/env bash
# Whole-process benchmark of `warden lint` over a generated corpus, through the `./warden` launcher users run
# (its JVM options, plus -Xmx256m and a GC log; class-data-sharing archive): wall time with JVM start, and peak heap under -Xmx256m.
# Usage: bench/scripts/lint-process.sh [FILES=1000] [RUNS=5] [FORMAT=text]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-1000}
runs=${2:-5}
format=${3:-text}
mvn -B -q -ntp -DskipTests package -pl bench -am >/dev/null
./warden version >/dev/null   # builds app/target/warden.jar and its CDS archive when stale
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
java -cp bench/target/benchmarks.jar dev.schemawarden.bench.WriteCorpus "$corpus" "$files" 10 >/dev/null
echo "corpus: $files files of 10 statements; format $format; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  rm -f "$corpus/gc.log"
  start=$(date +%s%N)
  set +e
  WARDEN_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmx256m -Xlog:gc:file=$corpus/gc.log" \
    ./warden lint "$corpus"/*.sql --format "$format" --output "$corpus/report" 2>/dev/null
  code=$?
  set -e
  end=$(date +%s%N)
  peak=$(grep -oE '[0-9]+M->[0-9]+M' "$corpus/gc.log" | sed -E 's/M->.*//' | sort -n | tail -1)
  printf 'run %d: %d ms, exit %d, peak heap before a GC %s MB (limit 256 MB)\n' "$i" $(((end - start) / 1000000)) \
    "$code" "${peak:-<no GC>}"
done
