#!/usr/bin/env bash
# Makes sure /usr/bin/python3 can import torch, for the PyTorch export tests (tests/Runtime.Tests/PyTorchExport):
# does nothing when it already can (a fraction of a second); else installs Debian's python3-torch with apt when this
# user may (root, or sudo without a password); else fails with the command to run. Idempotent; tests/run-all.sh runs it.
#
# Cost of the install (docs/export-pytorch.md, "In CI"): the torch packages themselves are 45 MB to download
# (python3-torch 9.0 MB, libtorch1.13 29.2 MB, libtorch-test 6.8 MB), plus whatever of their dependencies the machine lacks.
set -uo pipefail

python=${NETDSL_PYTHON:-/usr/bin/python3}
if [[ -x "$python" ]] && "$python" -c 'import torch' >/dev/null 2>&1; then
  exit 0
fi
if [[ -n "${NETDSL_PYTHON:-}" ]]; then
  echo "ensure-python-torch: NETDSL_PYTHON=$NETDSL_PYTHON cannot import torch; install PyTorch 1.13 or later for it, or unset NETDSL_PYTHON to use Debian's" >&2
  exit 1
fi

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "ensure-python-torch: /usr/bin/python3 has no torch and this user cannot install packages; run:" >&2
  echo "  sudo apt-get install -y --no-install-recommends python3-torch" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-python-torch: /usr/bin/python3 has no torch and this system has no apt-get; install PyTorch 1.13 or later" >&2
  echo "  for a python3 and point NETDSL_PYTHON at it" >&2
  exit 1
fi
echo "ensure-python-torch: installing python3-torch with apt-get"
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y --no-install-recommends python3-torch </dev/null; then
  "${sudo[@]}" apt-get update </dev/null && "${sudo[@]}" apt-get install -y --no-install-recommends python3-torch </dev/null
fi
if ! /usr/bin/python3 -c 'import torch' >/dev/null 2>&1; then
  echo "ensure-python-torch: python3-torch is installed but /usr/bin/python3 still cannot import torch" >&2
  exit 1
fi
echo "ensure-python-torch: $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)')"
