#!/usr/bin/env bash
# The project's test command: build the solution, run every test project, build and test the VS Code extension, then
# the package consumer check.
# Exits non-zero if anything fails; the last line is "N passed, N failed" (test cases summed over all test projects).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0

echo "== dotnet build NetDsl.sln -c Release"
if ! dotnet build NetDsl.sln -c Release </dev/null; then
  echo "run-all: the build failed" >&2
  status=1
fi

# The PyTorch export tests run the exported modules under Debian's python3-torch: installed here when missing.
echo "== scripts/ensure-python.sh"
if ! bash "$repo/scripts/ensure-python.sh" </dev/null; then
  echo "run-all: python3 with torch is missing and could not be installed (see the message above)" >&2
  status=1
fi

if [[ $status -eq 0 ]]; then
  echo "== dotnet test NetDsl.sln -c Release --no-build"
  # Everything the tests write to the temp folder (scratch files, the native cache, Python's files) goes to a folder
  # of this run, removed afterwards: the suite leaves nothing in /tmp.
  scratch="$repo/artifacts/test-tmp"
  rm -rf "$scratch"
  mkdir -p "$scratch"
  if ! TMPDIR="$scratch" dotnet test NetDsl.sln -c Release --no-build \
       --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" </dev/null; then
    echo "run-all: some tests failed" >&2
    status=1
  fi
  rm -rf "$scratch"
fi

# The VS Code extension: npm ci, TypeScript, grammar tests, the packaged server's smoke test, the .vsix.
extension_passed=0
extension_failed=0
if [[ $status -eq 0 ]]; then
  echo "== src/VsCodeExtension/build.sh --no-build"
  extension_log="$results/extension.log"
  extension_tmp="$repo/artifacts/extension-tmp"
  rm -rf "$extension_tmp"
  mkdir -p "$extension_tmp"
  TMPDIR="$extension_tmp" bash "$repo/src/VsCodeExtension/build.sh" --no-build </dev/null 2>&1 | tee "$extension_log"
  if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
    echo "run-all: the VS Code extension failed" >&2
    status=1
  fi
  rm -rf "$extension_tmp"
  extension_counts=$(grep -o 'extension tests: [0-9]* passed, [0-9]* failed' "$extension_log" | tail -n 1)
  extension_passed=$(sed -n 's/extension tests: \([0-9]*\) passed.*/\1/p' <<<"$extension_counts")
  extension_failed=$(sed -n 's/.* \([0-9]*\) failed/\1/p' <<<"$extension_counts")
  if [[ -z "$extension_counts" ]]; then extension_passed=0; extension_failed=1; fi
fi

echo "== tests/Consumer/run.sh"
if ! bash "$repo/tests/Consumer/run.sh"; then
  echo "run-all: the consumer check failed" >&2
  status=1
fi

# Sum the counters of every test project's .trx (failed includes errors, timeouts and aborted tests).
counter() { # name counters-element
  local value
  value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${value:-0}"
}
passed=0
failed=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
done
if [[ $status -eq 0 && ${#trx_files[@]} -eq 0 ]]; then
  echo "run-all: no test results were written" >&2
  status=1
fi

passed=$((passed + extension_passed))
failed=$((failed + extension_failed))
echo "$passed passed, $failed failed"
exit $status
