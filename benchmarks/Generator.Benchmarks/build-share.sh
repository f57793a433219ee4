#!/usr/bin/env bash
# The generator's share of building each example project, as the compiler reports it (-p:ReportAnalyzer=true).
#   bash benchmarks/Generator.Benchmarks/build-share.sh          # cold: a fresh compiler process per project
#   bash benchmarks/Generator.Benchmarks/build-share.sh warm     # the compiler server, after one build to warm it
#   bash benchmarks/Generator.Benchmarks/build-share.sh cold Zoo # some projects only
# Dependencies are built first; each example is then rebuilt alone (--no-dependencies --no-incremental), so the Csc
# time is that project's compile. Logs and binlogs go to artifacts/build-share/.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mode=${1:-cold}
shift || true
projects=("$@")
[[ ${#projects[@]} -eq 0 ]] && projects=(Networks Attributes Zoo QuickStart TransferLearning)
out="$repo/artifacts/build-share"
mkdir -p "$out"
cd "$repo"

shared=false
[[ $mode == warm ]] && shared=true

printf '%-18s %10s %10s %12s %12s\n' project "build (s)" "csc (s)" "generators" "NetDsl (s)"
for project in "${projects[@]}"; do
  path="examples/$project"
  dotnet build "$path" -c Release -p:UseSharedCompilation=$shared </dev/null >/dev/null
  runs=1
  [[ $mode == warm ]] && runs=2 # the first rebuild starts the server and loads the analyzers; report the second
  for ((run = 1; run <= runs; run++)); do
    log="$out/$project.$mode.log"
    dotnet build "$path" -c Release --no-dependencies --no-incremental -p:UseSharedCompilation=$shared \
      -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary -bl:"$out/$project.$mode.binlog" </dev/null >"$log"
  done
  elapsed=$(sed -n 's/^Time Elapsed \([0-9:.]*\)$/\1/p' "$log" | tail -1 | awk -F: '{ print $1 * 3600 + $2 * 60 + $3 }')
  csc=$(awk '$3 == "Csc" && $2 == "ms" { print $1 / 1000 }' "$log" | tail -1)
  generators=$(sed -n 's/.*Total generator execution time: \([0-9.]*\) seconds.*/\1/p' "$log" | tail -1)
  netdsl=$(awk '/NetDsl.Generator.NetDslGenerator$/ { print $1 }' "$log" | tail -1)
  printf '%-18s %10s %10s %12s %12s\n' "$project" "$elapsed" "${csc:-?}" "${generators:-?}" "${netdsl:-?}"
done
