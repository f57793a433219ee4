#!/usr/bin/env bash
# The CUDA check, for a machine with an NVIDIA GPU: trains the quickstart's network, saves and loads weights and a
# checkpoint across cuda and the CPU, and runs every zoo network's forward pass on cuda (tests/Gpu/GpuCheck).
#
# Where the CUDA libraries come from: the NuGet package TorchSharp-cuda-linux 0.107.0 (libtorch 2.10 for CUDA 12.8,
# with the CUDA runtime, cuBLAS and cuDNN it needs, several GB), restored from nuget.org, or from a folder of
# packages named by NETDSL_CUDA_FEED for machines without nuget.org. Only the NVIDIA driver comes from the machine
# (CUDA 12.8 needs driver 570 or newer).
#
# Exit codes: 0 every check passed; 1 CUDA was asked for and something is broken (the build, the restore, CUDA
# itself, or a check), said loudly; 3 NOT RUN because this machine has no NVIDIA GPU (said plainly, never a pass).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
fail() { printf '\ngpu: FAILED: %s\n' "$*" >&2; exit 1; }

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu: NOT RUN: this machine has no NVIDIA GPU (nvidia-smi is missing or lists none). Nothing was checked."
  exit 3
fi
nvidia-smi -L

restore=()
if [[ -n "${NETDSL_CUDA_FEED:-}" ]]; then
  restore=(--source "$NETDSL_CUDA_FEED" --source https://api.nuget.org/v3/index.json)
fi
echo "gpu: building tests/Gpu/GpuCheck with TorchSharp-cuda-linux (a first restore downloads several GB)"
dotnet build "$repo/tests/Gpu/GpuCheck" -c Release "${restore[@]}" </dev/null \
  || fail "tests/Gpu/GpuCheck did not build or restore; TorchSharp-cuda-linux must be restorable (nuget.org or NETDSL_CUDA_FEED)"
dotnet run --project "$repo/tests/Gpu/GpuCheck" -c Release --no-build -- "$repo" </dev/null \
  || fail "the CUDA checks failed (see above)"
echo "gpu: passed"
