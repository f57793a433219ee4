#!/usr/bin/env bash
# Draws the diagrams docs/zoo.md shows: the SVG of a representative set of zoo networks and of every block they call,
# into docs/diagrams/zoo (the files are committed; tests/Cli.Tests/ZooDiagramTests fails when they are out of date).
#
#   bash scripts/zoo-diagrams.sh
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
networks=(ResNet50 InceptionV3 MobileNetV2 VitB16 Gpt2)
out="$repo/docs/diagrams/zoo"
mkdir -p "$out"
rm -f "$out"/*.svg
args=()
for network in "${networks[@]}"; do args+=(--network "$network"); done
dotnet run --project "$repo/src/Cli" -c Release -- diagram "$repo/examples/Zoo" "${args[@]}" --format svg --out "$out"
