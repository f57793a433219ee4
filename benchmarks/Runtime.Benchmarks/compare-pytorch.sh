#!/usr/bin/env bash
# One training step of BenchCnn (the quickstart's CNN) in TorchSharp (this project, generated module, plain loop) and
# in Debian's PyTorch 1.13 (/usr/bin/python3), same network, batch, threads and optimizer, each in its own process,
# in interleaved A B B A rounds so that a changing load hits both alike. Prints every process's median step time
# (wall) and CPU time per step (all its threads), and for both the median TorchSharp / PyTorch ratio over the rounds
# and its range. On a busy machine the CPU-time ratio is the steadier one; at 1 thread it is the work each does.
#   bash compare-pytorch.sh [rounds=6] [threads=2] [batch=128] [optimizer=sgd] [steps=30]
# Extra environment for the TorchSharp side: CSHARP_ENV="OMP_WAIT_POLICY=ACTIVE" (the default is NetDsl's PASSIVE).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rounds=${1:-6} threads=${2:-2} batch=${3:-128} optimizer=${4:-sgd} steps=${5:-30}
dotnet build "$here" -c Release --nologo -v q >/dev/null
dll=$(ls "$here"/bin/Release/net10.0/linux-x64/NetDsl.Runtime.Benchmarks.dll)

csharp() { env ${CSHARP_ENV:-} dotnet "$dll" step "$batch" "$threads" "$steps" "$optimizer" | grep median_ms; }
python() { env ${PYTHON_ENV:-} /usr/bin/python3 "$here/pytorch_step.py" "$batch" "$threads" "$steps" "$optimizer"; }
value() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"; }
ratio() { awk -v a="$(value "$1" "$5")" -v b="$(value "$2" "$5")" -v c="$(value "$3" "$5")" -v d="$(value "$4" "$5")" 'BEGIN { printf "%.3f", (a + b) / (c + d) }'; }
summary() { sort -n | awk -v n="$rounds" -v what="$1" '
  { r[NR] = $1 }
  END { printf "TorchSharp / PyTorch %s, %d ABBA rounds: median %.3f, range %.3f-%.3f\n", what, n, (n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2), r[1], r[n] }'; }

ratios=() cpu_ratios=()
for ((r = 1; r <= rounds; r++)); do
  a1=$(csharp); p1=$(python); p2=$(python); a2=$(csharp)
  echo "round $r: TorchSharp $a1"
  echo "round $r: PyTorch    $p1"
  echo "round $r: PyTorch    $p2"
  echo "round $r: TorchSharp $a2"
  ratios+=("$(ratio "$a1" "$a2" "$p1" "$p2" median_ms)")
  cpu_ratios+=("$(ratio "$a1" "$a2" "$p1" "$p2" cpu_ms)")
done
printf '%s\n' "${ratios[@]}" | summary "step time (wall)"
printf '%s\n' "${cpu_ratios[@]}" | summary "CPU time per step"
