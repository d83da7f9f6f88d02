#!/usr/bin/env bash
# What the Opto source generator (and its analyzers) add to building a project: generates a throwaway library with
# N [Bundle] methods (default 200, in classes of 10), then builds it RUNS times (default 3) each way, alternating,
# after one warm-up build of each: without the generator, with it, and without it but with the code it generated
# added as ordinary source files (which separates running the generator from compiling what it writes). Every build
# recompiles (--no-incremental); the compiler server stays warm, as it does for a developer. Reports the median wall
# time of `dotnet build` and the median time of its Csc task.
#
#   benchmarks/generator-build/run.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
methods=${1:-200}
runs=${2:-3}
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -n "${KEEP:-}" ] && echo "work folder: $work"
echo "Generator build-time harness — $(date -u '+%Y-%m-%d %H:%M') UTC, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"

# 1. Opto.Trace and the generator in Release, referenced as files so that only the generated project compiles.
dotnet build src/Opto.Trace/Opto.Trace.csproj -c Release -o "$work/lib" -v q --nologo >/dev/null
dotnet build analyzers/Opto.Trace.Generators/Opto.Trace.Generators.csproj -c Release -o "$work/gen" -v q --nologo >/dev/null

# 2. The project: N [Bundle] methods with XML summaries, sync and async, one to three arguments.
project="$work/Bundles"
mkdir -p "$project"
cat > "$project/Bundles.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>14.0</LangVersion>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="Opto.Trace" HintPath="$work/lib/Opto.Trace.dll" />
    <Analyzer Include="$work/gen/Opto.Trace.Generators.dll" Condition="'\$(WithGenerator)' == 'true'" />
    <Compile Include="$work/pregenerated/**/*.cs" Condition="'\$(Pregenerated)' == 'true'" />
  </ItemGroup>
</Project>
XML
classes=$(( (methods + 9) / 10 ))
made=0
for c in $(seq 1 "$classes"); do
  {
    echo "using Opto.Trace;"
    echo "namespace Bundles;"
    echo "/// <summary>Workflow step group $c.</summary>"
    echo "public partial class Steps$c"
    echo "{"
    echo "    private readonly double _scale = $c;"
    for m in $(seq 1 10); do
      [ "$made" -ge "$methods" ] && break
      made=$((made + 1))
      case $((m % 4)) in
        0) echo "    /// <summary>Scales value $m.</summary>"
           echo "    [Bundle] public double Scale$m(double x) => x * _scale + $m;" ;;
        1) echo "    /// <summary>Joins text $m.</summary>"
           echo "    [Bundle] public string Join$m(string a, string b) => a + \" $m \" + b;" ;;
        2) echo "    /// <summary>Counts words $m.</summary>"
           echo "    [Bundle] public static int Count$m(string text, int minimum, bool strict) => strict ? Math.Max(minimum, text.Split(' ').Length) : text.Length;" ;;
        3) echo "    /// <summary>Answers $m asynchronously.</summary>"
           echo "    [Bundle] public async Task<string> Answer${m}Async(string question, CancellationToken cancellationToken = default)"
           echo "    {"
           echo "        await Task.Yield();"
           echo "        cancellationToken.ThrowIfCancellationRequested();"
           echo "        return question + \" $m\";"
           echo "    }" ;;
      esac
    done
    echo "}"
  } > "$project/Steps$c.cs"
done
dotnet restore "$project" -v q --nologo >/dev/null

build() { # $1 = without|with|with-emit|pregenerated; prints "<wall ms> <csc ms>"
  local log="$work/build.log" start end flags
  case $1 in
    without) flags="-p:WithGenerator=false" ;;
    with) flags="-p:WithGenerator=true" ;;
    with-emit) flags="-p:WithGenerator=true -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath=$work/emitted" ;;
    pregenerated) flags="-p:WithGenerator=false -p:Pregenerated=true" ;;
  esac
  start=$(date +%s%N)
  dotnet build "$project" --no-restore --no-incremental $flags -clp:PerformanceSummary -v n --nologo > "$log" 2>&1 \
    || { cat "$log"; exit 1; }
  end=$(date +%s%N)
  local csc
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{print $1}' | tail -1)
  echo "$(( (end - start) / 1000000 )) ${csc:-0}"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (a - b) * 100 / b}'; }

build without >/dev/null
build with-emit >/dev/null
build with >/dev/null
mkdir -p "$work/pregenerated"
find "$work/emitted" -path '*Opto.Trace.Generators*' -name '*.g.cs' -exec cp {} "$work/pregenerated/" \;
build pregenerated >/dev/null
for variant in without with pregenerated; do : > "$work/$variant.txt"; done
for _ in $(seq 1 "$runs"); do
  for variant in without with pregenerated; do build "$variant" >> "$work/$variant.txt"; done
done

files=$(find "$work/pregenerated" -name '*.g.cs' | wc -l)
echo "$methods [Bundle] methods in $classes classes ($files generated files); $runs builds each (after one warm-up), medians:"
for variant in without with pregenerated; do
  wall=$(cut -d' ' -f1 "$work/$variant.txt" | median); csc=$(cut -d' ' -f2 "$work/$variant.txt" | median)
  eval "wall_$variant=$wall csc_$variant=$csc"
done
printf '  %-42s wall %5s ms   Csc %5s ms\n' "without the generator" "$wall_without" "$csc_without"
printf '  %-42s wall %5s ms (%s)   Csc %5s ms (%s)\n' "with the generator" "$wall_with" "$(percent "$wall_with" "$wall_without")" "$csc_with" "$(percent "$csc_with" "$csc_without")"
printf '  %-42s wall %5s ms (%s)   Csc %5s ms (%s)\n' "its output as plain source, no generator" "$wall_pregenerated" "$(percent "$wall_pregenerated" "$wall_without")" "$csc_pregenerated" "$(percent "$csc_pregenerated" "$csc_without")"
for variant in without with pregenerated; do echo "  raw $variant (wall csc): $(tr '\n' ';' < "$work/$variant.txt")"; done
echo "  load after: $(cut -d' ' -f1 /proc/loadavg)"
