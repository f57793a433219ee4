#!/usr/bin/env bash
# Makes sure /usr/bin/python3 can import torch and onnx, for the PyTorch export tests (tests/Runtime.Tests/PyTorchExport)
# and the ONNX checker test (tests/Runtime.Tests/Export): does nothing when it already can (a fraction of a second);
# else installs Debian's python3-torch and python3-onnx with apt when this user may (root, or sudo without a password);
# else fails with the command to run. Idempotent; tests/run-all.sh runs it.
#
# Cost of the install (docs/export-pytorch.md, "In CI"): the torch packages themselves are 45 MB to download
# (python3-torch 9.0 MB, libtorch1.13 29.2 MB, libtorch-test 6.8 MB), plus whatever of their dependencies the machine lacks;
# python3-onnx (1.12) is about 1 MB more.
set -uo pipefail

python=${NETDSL_PYTHON:-/usr/bin/python3}
if [[ -n "${NETDSL_PYTHON:-}" ]] && ! "$python" -c 'import torch' >/dev/null 2>&1; then
  echo "ensure-python: NETDSL_PYTHON=$NETDSL_PYTHON cannot import torch; install PyTorch 1.13 or later for it, or unset NETDSL_PYTHON to use Debian's" >&2
  exit 1
fi
packages=()
"$python" -c 'import torch' >/dev/null 2>&1 || packages+=(python3-torch)
/usr/bin/python3 -c 'import onnx' >/dev/null 2>&1 || packages+=(python3-onnx)
if [[ ${#packages[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "ensure-python: /usr/bin/python3 lacks torch or onnx and this user cannot install packages; run:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-python: /usr/bin/python3 has no torch and this system has no apt-get; install PyTorch 1.13 or later" >&2
  echo "  for a python3 and point NETDSL_PYTHON at it" >&2
  exit 1
fi
echo "ensure-python: installing ${packages[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}" </dev/null; then
  "${sudo[@]}" apt-get update </dev/null && "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}" </dev/null
fi
if ! /usr/bin/python3 -c 'import torch, onnx' >/dev/null 2>&1; then
  echo "ensure-python: ${packages[*]} are installed but /usr/bin/python3 still cannot import torch and onnx" >&2
  exit 1
fi
echo "ensure-python: $(/usr/bin/python3 -c 'import torch, onnx; print("torch", torch.__version__, "onnx", onnx.__version__)')"
