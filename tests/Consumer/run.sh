#!/usr/bin/env bash
# End-to-end check of the NuGet packages, as a user gets them.
#
#   1. packs NetDsl.Dsl, NetDsl, NetDsl.Runtime, NetDsl.Templates and NetDsl.Cli with scripts/pack-local-feed.sh (the README's
#      install command) into a fresh local feed, under a version used nowhere else, so no cached package can stand
#      in for them;
#   2. in a temp folder outside the repository, with its own NuGet cache and a nuget.config listing that feed and
#      nuget.org:
#      a. a console app referencing NetDsl, NetDsl.Runtime and the CPU backend libtorch-cpu-linux-x64, without a
#         RuntimeIdentifier (the natives stay under bin/runtimes/linux-x64/native), with a small CNN in a .net file,
#         builds and runs a forward pass; the printed output shape is checked; a .net file whose comment holds NUL
#         bytes builds too;
#      b. a project whose .net file adds a 16-channel and an 8-channel value must fail to build, with the error at
#         the exact line and column of the .net file;
#      a2. the same project built with NetDslDiagrams=true writes its diagrams (SVG and Mermaid) under obj/, and a
#         second build skips them;
#      c. a program with NetDsl.Runtime but no native backend fails with the message that names the packages to add;
#      d. 'dotnet new netdsl' from the template package (installed into a template hive of its own) makes a project
#         that builds (timed) and trains (RuntimeIdentifier of this machine, natives next to the program);
#      e. the 'netdsl' tool installs as a local dotnet tool from the feed; 'netdsl check' passes a good file (exit 0)
#         and reports a bad one as the build does (exit 1, the error at its line and column); its package carries no
#         TorchSharp, and 'netdsl export onnx' writes a file without it.
#
# The developer's NuGet cache is used read-only as a fallback folder, so TorchSharp and libtorch (~600 MB) are
# neither downloaded nor copied again; NETDSL_CONSUMER_NO_FALLBACK=1 turns that off for a fully cold restore.
# NETDSL_CONSUMER_KEEP=1 keeps the temp folder for inspection. Works non-interactively (CI=true, no stdin).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/netdsl-consumer.XXXXXX")
cleanup() {
  if [[ "${NETDSL_CONSUMER_KEEP:-}" == 1 ]]; then
    echo "consumer: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

step() { printf '\n== consumer: %s\n' "$*"; }
fail() { printf 'consumer: FAILED: %s\n' "$*" >&2; exit 1; }

# The generator must load and run: no "cannot create analyzer" (CS8032) or "generator failed" (CS8784, CS8785).
generator_ran() {
  if grep -E '(warning|error) CS(8032|8784|8785)' "$1" >&2; then fail "the NetDsl generator did not load or run (see $1)"; fi
}

# Run a command with its output in a log; print the log's tail if it fails.
logged() {
  local log=$1; shift
  if ! "$@" </dev/null >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    return 1
  fi
}

feed="$work/feed"
version="0.1.0-consumer.$(date -u +%Y%m%d%H%M%S).$$"
user_cache=$(dotnet nuget locals global-packages --list </dev/null | sed -n 's/^global-packages: *//p')
mkdir -p "$feed"

step "packing NetDsl.Dsl, NetDsl, NetDsl.Runtime, NetDsl.Templates, NetDsl.Cli $version"
logged "$work/pack.log" bash "$repo/scripts/pack-local-feed.sh" --output "$feed" --version "$version" --no-register \
  || fail "scripts/pack-local-feed.sh"
for id in NetDsl.Dsl NetDsl NetDsl.Runtime NetDsl.Templates NetDsl.Cli; do
  [[ -f "$feed/$id.$version.nupkg" ]] || fail "$id.$version.nupkg was not produced"
done

export NUGET_PACKAGES="$work/nuget-packages"
fallback=""
if [[ "${NETDSL_CONSUMER_NO_FALLBACK:-}" != 1 && -n "$user_cache" && -d "$user_cache" ]]; then
  fallback="<fallbackPackageFolders><clear /><add key=\"developer-cache\" value=\"$user_cache\" /></fallbackPackageFolders>"
fi
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="netdsl-local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="netdsl-local">
      <package pattern="NetDsl" />
      <package pattern="NetDsl.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
  $fallback
</configuration>
XML

# Keep the temp projects away from any Directory.Build.* above the temp folder.
printf '<Project />\n' >"$work/Directory.Build.props"
printf '<Project />\n' >"$work/Directory.Build.targets"

write_project() { # dir name package-references...
  local dir=$1 name=$2; shift 2
  mkdir -p "$dir/models"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup>'
    echo '    <OutputType>Exe</OutputType>'
    echo '    <TargetFramework>net10.0</TargetFramework>'
    echo '    <Nullable>enable</Nullable>'
    echo '    <ImplicitUsings>enable</ImplicitUsings>'
    echo "    <RootNamespace>Consumer.$name</RootNamespace>"
    echo '    <SelfContained>false</SelfContained>'
    echo '    <NoWarn>$(NoWarn);NU1603</NoWarn>'
    echo '  </PropertyGroup>'
    echo '  <ItemGroup>'
    for package in "$@"; do
      # NAME or NAME@VERSION (a package from nuget.org); bare names are this run's NetDsl packages.
      echo "    <PackageReference Include=\"${package%@*}\" Version=\"$([[ $package == *@* ]] && echo "${package#*@}" || echo "$version")\" />"
    done
    echo '  </ItemGroup>'
    echo '</Project>'
  } >"$dir/$name.csproj"
}

# --- a. a small CNN, built from the packages and run --------------------------------------------------------------
libtorch_version=$(sed -n 's:.*<NetDslLibTorchVersion>\(.*\)</NetDslLibTorchVersion>.*:\1:p' "$repo/Directory.Build.props")
[[ -n "$libtorch_version" ]] || fail "NetDslLibTorchVersion not found in Directory.Build.props"

step "a. building and running a small CNN from the packages, with the CPU backend for Linux x64"
cnn="$work/cnn"
write_project "$cnn" Cnn NetDsl NetDsl.Runtime "libtorch-cpu-linux-x64@$libtorch_version"
cat >"$cnn/models/SmallCnn.net" <<'NET'
# A small CNN for 28x28 grey images.
network SmallCnn {
  input [1, 28, 28]
  conv(8, 3, padding: 1) |> relu |> maxpool(2)
  |> conv(16, 3, padding: 1) |> relu |> maxpool(2)
  |> flatten |> linear(10)
}
NET
# A comment of NUL bytes: the compiler refuses the file as binary (CS2015) unless NetDsl reads it itself.
{ printf 'network Commented {\n  input [3, 8, 8]\n  relu\n}\n# '; head -c 1000 /dev/zero; printf '\n'; } >"$cnn/models/Commented.net"
cat >"$cnn/Program.cs" <<'CS'
using Consumer.Cnn;
using TorchSharp;

NetDsl.Runtime.TorchNative.EnsureLoaded();
using var network = new SmallCnn();
using var batch = torch.randn(4, 1, 28, 28);
using var output = network.forward(batch);
Console.WriteLine($"output shape: [{string.Join(", ", output.shape)}]");
CS

logged "$work/cnn-build.log" dotnet build "$cnn" -c Release || { generator_ran "$work/cnn-build.log"; fail "the CNN project does not build"; }
generator_ran "$work/cnn-build.log"
if grep -E 'warning ND[0-9]+' "$work/cnn-build.log" >&2; then fail "the CNN project builds with NetDsl warnings"; fi
logged "$work/cnn-run.log" dotnet run --project "$cnn" -c Release --no-build || fail "the CNN program failed"
cat "$work/cnn-run.log"
grep -qxF 'output shape: [4, 10]' "$work/cnn-run.log" || fail "expected the line 'output shape: [4, 10]'"

# --- a2. the diagram option writes each network's SVG and Mermaid next to the generated code, incrementally ------------
step "a2. <NetDslDiagrams>true</NetDslDiagrams> writes SmallCnn.svg and SmallCnn.mmd under obj/, and skips an unchanged build"
diagrams="$cnn/obj/Release/net10.0/netdsl/diagrams"
logged "$work/cnn-diagrams.log" dotnet build "$cnn" -c Release -p:NetDslDiagrams=true -v:n || fail "the CNN project does not build with NetDslDiagrams"
for file in SmallCnn.svg SmallCnn.mmd Commented.svg; do [[ -s "$diagrams/$file" ]] || fail "$diagrams/$file was not written"; done
grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$diagrams/SmallCnn.svg" || fail "SmallCnn.svg is not an SVG"
[[ $(grep -c '<g class="node ' "$diagrams/SmallCnn.svg") == 10 ]] || fail "SmallCnn.svg should have 10 boxes (input, 8 layers, output)"
head -n 1 "$diagrams/SmallCnn.mmd" | grep -qxF 'flowchart TB' || fail "SmallCnn.mmd is not a Mermaid flowchart"
logged "$work/cnn-diagrams-again.log" dotnet build "$cnn" -c Release -p:NetDslDiagrams=true -v:d || fail "the second build with NetDslDiagrams failed"
grep -q 'Skipping target "NetDslDiagrams" because all output files are up-to-date' "$work/cnn-diagrams-again.log" \
  || fail "an unchanged project drew its diagrams again"

# --- b. a shape error is a build error at the exact place -------------------------------------------------------------
step "b. a channel mismatch fails the build at Mismatch.net(6,3); bytes that are not UTF-8 are ND0001 at Bytes.net(3,8), NUL bytes at Nul.net(3,8)"
mismatch="$work/mismatch"
write_project "$mismatch" Mismatch NetDsl
cat >"$mismatch/models/Mismatch.net" <<'NET'
# Two branches whose channel counts differ cannot be added.
network Mismatch {
  input [3, 32, 32]
  wide = input |> conv(16, 3, padding: 1)
  narrow = input |> conv(8, 3, padding: 1)
  add(wide, narrow)
}
NET
# NUL bytes in a statement are ND0001 there, not the compiler's CS2015 for the whole file.
{ printf 'network Nul {\n  input [3, 8, 8]\n  relu '; head -c 1000 /dev/zero; printf '\n}\n'; } >"$mismatch/models/Nul.net"
# The compiler host decodes additional files itself; invalid UTF-8 must reach NetDsl as text it reports, not a crash.
printf 'network Bytes {\n  input [3, 8, 8]\n  relu \xff\xfe\xc3\x28 x\n}\n' >"$mismatch/models/Bytes.net"
printf 'Console.WriteLine("unreachable");\n' >"$mismatch/Program.cs"

if dotnet build "$mismatch" -c Release </dev/null >"$work/mismatch-build.log" 2>&1; then
  tail -n 30 "$work/mismatch-build.log" >&2
  fail "the project with a channel mismatch built successfully"
fi
generator_ran "$work/mismatch-build.log"
if ! grep -E 'models/Mismatch\.net\(6,3\): error ND[0-9]{4}' "$work/mismatch-build.log"; then
  grep -E 'error|ND[0-9]{4}' "$work/mismatch-build.log" | sort -u | head -20 >&2 || true
  fail "expected 'Mismatch.net(6,3): error NDxxxx' in the build output"
fi
if ! grep -E 'models/Bytes\.net\(3,8\): error ND0001' "$work/mismatch-build.log"; then
  grep -E 'Bytes\.net|ND9999|CS8785' "$work/mismatch-build.log" | sort -u | head -20 >&2 || true
  fail "expected 'Bytes.net(3,8): error ND0001' in the build output"
fi
if ! grep -E 'models/Nul\.net\(3,8\): error ND0001' "$work/mismatch-build.log"; then
  grep -E 'Nul\.net|CS2015' "$work/mismatch-build.log" | sort -u | head -20 >&2 || true
  fail "expected 'Nul.net(3,8): error ND0001' in the build output"
fi
if grep -E 'ND9999|CS8785|CS2015' "$work/mismatch-build.log"; then
  fail "the generator crashed, or the compiler refused a .net file as binary"
fi

# --- c. no native backend: the message says which package to add -----------------------------------------------
step "c. NetDsl.Runtime without a native backend fails with what to add"
bare="$work/bare"
write_project "$bare" Bare NetDsl.Runtime
cat >"$bare/Program.cs" <<'CS'
try
{
    NetDsl.Runtime.TorchNative.EnsureLoaded();
    Console.WriteLine("loaded without a backend");
}
catch (NetDsl.Runtime.TorchNativeLoadException e)
{
    Console.WriteLine(e.Message);
}
CS
logged "$work/bare-build.log" dotnet build "$bare" -c Release || fail "the project without a backend does not build"
logged "$work/bare-run.log" dotnet run --project "$bare" -c Release --no-build || fail "the program without a backend crashed"
cat "$work/bare-run.log"
grep -q 'TorchSharp has no native backend: libtorch.so is in none of' "$work/bare-run.log" \
  && grep -q 'libtorch-cpu-linux-x64' "$work/bare-run.log" \
  || fail "expected the no-backend message naming libtorch-cpu-linux-x64"

# --- d. dotnet new netdsl ---------------------------------------------------------------------------------------------
step "d. dotnet new netdsl from the template package: builds and trains"
hive="$work/template-hive"
logged "$work/template-install.log" dotnet new install "$feed/NetDsl.Templates.$version.nupkg" --debug:custom-hive "$hive" \
  || fail "dotnet new install NetDsl.Templates"
logged "$work/template-new.log" dotnet new netdsl -n FirstNet -o "$work/FirstNet" --debug:custom-hive "$hive" \
  || fail "dotnet new netdsl"
grep -q "Include=\"NetDsl.Runtime\" Version=\"$version\"" "$work/FirstNet/FirstNet.csproj" || fail "the template does not reference NetDsl.Runtime $version"
started=$(date +%s%N)
logged "$work/template-build.log" dotnet build "$work/FirstNet" -c Release || { generator_ran "$work/template-build.log"; fail "the template project does not build"; }
built=$(date +%s%N)
generator_ran "$work/template-build.log"
awk -v ns=$((built - started)) 'BEGIN { printf "consumer: the template project built in %.1f s (restore included)\n", ns / 1e9 }'
logged "$work/template-run.log" dotnet run --project "$work/FirstNet" -c Release --no-build || fail "the template program failed"
cat "$work/template-run.log"
accuracy=$(sed -n 's/^test accuracy: \([0-9.]*\) %$/\1/p' "$work/template-run.log")
[[ -n "$accuracy" ]] || fail "expected a line 'test accuracy: N %'"
awk -v a="$accuracy" 'BEGIN { exit !(a >= 90) }' || fail "the template program reached only $accuracy % test accuracy"
printf 'consumer: bin sizes: CNN (no RuntimeIdentifier) %s, template project (RuntimeIdentifier) %s\n' \
  "$(du -sh "$cnn/bin" | cut -f1)" "$(du -sh "$work/FirstNet/bin" | cut -f1)"

# --- e. the netdsl tool -------------------------------------------------------------------------------------------------
step "e. the netdsl tool as a local dotnet tool: check a good and a bad file"
tool="$work/tool"
mkdir -p "$tool"
logged "$work/tool-manifest.log" bash -c "cd '$tool' && dotnet new tool-manifest" || fail "dotnet new tool-manifest"
logged "$work/tool-install.log" bash -c "cd '$tool' && dotnet tool install NetDsl.Cli --version '$version'" || fail "dotnet tool install NetDsl.Cli"
cat >"$tool/Good.net" <<'NET'
network Good(classes = 10) {
  input [1, 28, 28]
  conv(8, 3, padding: 1) |> relu |> maxpool(2)
  flatten
  linear(classes)
}
NET
cat >"$tool/Bad.net" <<'NET'
network Bad {
  input [3, 32, 32]
  conv(16, 3)
  linear(10)
}
NET
(cd "$tool" && dotnet netdsl check Good.net) >"$work/tool-good.log" 2>&1 || { cat "$work/tool-good.log" >&2; fail "netdsl check Good.net exited non-zero"; }
cat "$work/tool-good.log"
grep -qx 'netdsl check: 1 file, 0 errors, 0 warnings' "$work/tool-good.log" || fail "netdsl check Good.net: expected '1 file, 0 errors, 0 warnings'"
set +e
(cd "$tool" && dotnet netdsl check Bad.net) >"$work/tool-bad.log" 2>&1
code=$?
set -e
cat "$work/tool-bad.log"
[[ $code -eq 1 ]] || fail "netdsl check Bad.net exited $code, expected 1"
grep -q '^Bad.net(4,3): error ND0206: ' "$work/tool-bad.log" || fail "netdsl check Bad.net: expected the error ND0206 at Bad.net(4,3)"
# The tool writes ONNX with src/Dsl's writer alone: its package must not carry TorchSharp (~0.5 GB of natives with it).
if unzip -l "$feed/NetDsl.Cli.$version.nupkg" | grep -qi torch; then
  unzip -l "$feed/NetDsl.Cli.$version.nupkg" | grep -i torch >&2
  fail "the NetDsl.Cli package carries TorchSharp"
fi
(cd "$tool" && dotnet netdsl export onnx Good.net -o Good.onnx) >"$work/tool-onnx.log" 2>&1 || { cat "$work/tool-onnx.log" >&2; fail "netdsl export onnx Good.net exited non-zero"; }
cat "$work/tool-onnx.log"
[[ -s "$tool/Good.onnx" ]] || fail "netdsl export onnx wrote no Good.onnx"

step "passed"
