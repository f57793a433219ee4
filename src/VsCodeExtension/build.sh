#!/usr/bin/env bash
# Builds and tests the VS Code extension: npm ci (from the committed lockfile), TypeScript, the grammar tests
# (assertions and snapshots, vscode-tmgrammar-test), the language server published into server/, the .vsix in
# artifacts/vscode/. tests/run-all.sh runs it after building the solution (then pass --no-build: the server is built).
# The last line is "extension tests: N passed, N failed" (one per grammar test file, and the packaged server's smoke test).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
build_server=true
[[ "${1:-}" == "--no-build" ]] && build_server=false

fail() { echo "extension: $1" >&2; echo "extension tests: ${passed:-0} passed, $(( ${failed:-0} + 1 )) failed"; exit 1; }

npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed"
npx tsc -p . || fail "TypeScript did not compile"

passed=0
failed=0
for test in tests/grammar/*.net; do
  if npx vscode-tmgrammar-test -g syntaxes/netdsl.tmLanguage.json "$test"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
for test in tests/snap/*.net; do
  # Without --updateSnapshot the tool compares with the committed .snap and fails on any difference.
  if npx vscode-tmgrammar-snap -g syntaxes/netdsl.tmLanguage.json "$test"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

rm -rf server
# Framework-dependent and without the native launcher: one .vsix for every platform, started with dotnet.
publish=(dotnet publish "$repo/src/LanguageServer/NetDsl.LanguageServer.csproj" -c Release -o server -p:DebugType=none -p:UseAppHost=false)
$build_server || publish+=(--no-build)
"${publish[@]}" </dev/null >/dev/null || fail "dotnet publish of the language server failed"
[[ -f server/NetDsl.LanguageServer.dll ]] || fail "server/NetDsl.LanguageServer.dll is missing"

if node tests/server-smoke.js; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

mkdir -p "$repo/artifacts/vscode"
version=$(node -p "require('./package.json').version")
npx vsce package --out "$repo/artifacts/vscode/netdsl-$version.vsix" || fail "vsce package failed"

echo "extension tests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
