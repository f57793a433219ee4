#!/usr/bin/env bash
# Packs NetDsl's packages into a local NuGet feed and registers it, so any project on this machine can reference them
# (nothing is published to nuget.org):
#
#   bash scripts/pack-local-feed.sh            packs NetDsl.Dsl, NetDsl, NetDsl.Runtime, NetDsl.Templates and the
#                                              'netdsl' tool NetDsl.Cli into artifacts/packages, adds that folder as
#                                              the NuGet source 'netdsl-local' (user-wide) and installs the
#                                              'dotnet new netdsl' template
#
# Options: --output DIR (another feed folder), --version V (default: the repository's), --no-register (pack only).
# Works non-interactively; tests/Consumer/run.sh packs with it.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output="$repo/artifacts/packages"
version=""
register=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --no-register) register=0; shift ;;
    *) echo "pack-local-feed: unknown option '$1' (see the comment at the top of this script)" >&2; exit 2 ;;
  esac
done
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
mkdir -p "$output"

properties=(-c Release -o "$output" -p:ContinuousIntegrationBuild=true)
[[ -n "$version" ]] && properties+=(-p:Version="$version")
for project in src/Dsl/NetDsl.Dsl.csproj src/Generator/NetDsl.Generator.csproj src/Runtime/NetDsl.Runtime.csproj \
               templates/NetDsl.Templates/NetDsl.Templates.csproj src/Cli/NetDsl.Cli.csproj; do
  echo "pack-local-feed: packing $project"
  log=$(mktemp)
  if ! dotnet pack "$repo/$project" "${properties[@]}" </dev/null >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    echo "pack-local-feed: dotnet pack $project failed" >&2
    exit 1
  fi
  rm -f "$log"
done
echo "pack-local-feed: packages are in $output"

if [[ $register == 1 ]]; then
  if dotnet nuget list source </dev/null | grep -qF "$output"; then
    echo "pack-local-feed: $output is already a NuGet source"
  else
    dotnet nuget add source "$output" --name netdsl-local </dev/null
  fi
  template=$(ls -t "$output"/NetDsl.Templates.*.nupkg | head -n 1)
  dotnet new install "$template" --force </dev/null
  echo "pack-local-feed: done; 'dotnet new netdsl -o MyNet' makes a project that uses them"
fi
