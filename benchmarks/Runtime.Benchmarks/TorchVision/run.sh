#!/usr/bin/env bash
# Generated modules against TorchSharp's TorchVision models (ResNet-50 eval b8, MobileNet v2 eval b1, ResNet-18 train
# step b32 64x64, DenseNet-121 eval b4), same PyTorch-saved weights in both, in one command:
#   bash TorchVision/run.sh [rounds=10] [BenchmarkDotNet job=short|default|none]
# 1. saves the weights once with Debian's PyTorch 1.13 / torchvision 0.14 (NETDSL_BENCH_WEIGHTS, else
#    ~/.cache/netdsl/bench-weights); 2. interleaved rounds per case (TorchVision, generated, generated, TorchVision),
#    the median ratio generated / TorchVision; 3. the peak resident set of each side, each in a process of its own;
#    4. BenchmarkDotNet's TorchVisionBenchmarks (Ratio column: generated / TorchVision) unless the job is 'none'.
# Every line reports the one-minute load average at the time: trust ratios taken under a load below about 1.5.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-10}
job=${2:-short}
weights=${NETDSL_BENCH_WEIGHTS:-$HOME/.cache/netdsl/bench-weights}
export NETDSL_BENCH_WEIGHTS=$weights

/usr/bin/python3 "$here/TorchVision/save_weights.py" "$weights"
dotnet build "$here" -c Release --nologo -v quiet
dll=$(ls "$here"/bin/Release/net10.0/linux-x64/NetDsl.Runtime.Benchmarks.dll)
cases=(resnet50-eval-b8 mobilenetv2-eval-b1 resnet18-train-b32 densenet121-eval-b4)

echo "== interleaved rounds (load at start: $(cut -d' ' -f1 /proc/loadavg))"
dotnet "$dll" torchvision-paired "$rounds"

echo "== peak resident memory, one process per side"
for c in "${cases[@]}"; do
  for side in torchvision generated; do
    dotnet "$dll" torchvision-peak "$c" "$side"
  done
done

if [[ $job != none ]]; then
  echo "== BenchmarkDotNet ($job job)"
  (cd "$here" && dotnet "$dll" --filter '*TorchVisionBenchmarks*' --job "$job")
fi
