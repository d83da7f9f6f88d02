#!/usr/bin/env bash
# What the Opto source generator (and its analyzers) add to building a project: generates a throwaway library with
# N [Bundle] methods (default 200, in classes of 10), then builds it RUNS times (default 3) each way, alternating,
# after one warm-up build of each: without the generator, with it, and without it but with the code it generated
# added as ordinary source files (which separates running the generator from compiling what it writes). Every build
# recompiles (--no-incremental). Two rounds: with the compiler server warm, as it is for a developer (median wall time
# of `dotnet build` and of its Csc task), and with no build servers at all (--disable-build-servers: a fresh csc
# process per build, as on a CI agent), where the CPU time of the whole build's process tree is measured as well. On a
# shared machine the CPU time is the steadier number: other people's builds stretch wall time far more than CPU time.
# (In the server round the compile runs inside VBCSCompiler, outside the measured process tree, so there the CPU
# column is MSBuild's alone and the Csc column is the one to read.) The server round asks for the server explicitly:
# some machines set UseSharedCompilation=false in the environment, which would silently make both rounds cold.
#
#   [SHAPE=minimal|workflow] benchmarks/generator-build/run.sh [N] [RUNS]   (defaults: minimal, 200 methods, 5 builds)
#
# SHAPE=minimal (the default, the worst case): every method is a one-line body, so the traced overloads are as much
# code as the methods themselves. SHAPE=workflow: bodies of two to six lines in the style of the repository's own
# [Bundle] methods (examples 01, 02 and 06: keyword checks, routing, reply templates, a prompt round trip).
set -euo pipefail
cd "$(dirname "$0")/../.."
shape=${SHAPE:-minimal}
case $shape in minimal|workflow) ;; *) echo "SHAPE must be minimal or workflow" >&2; exit 2 ;; esac
methods=${1:-200}
runs=${2:-5}
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
      if [ "$shape" = minimal ]; then
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
      else
        case $((m % 4)) in
          0) echo "    /// <summary>Scores ticket text $m for urgency.</summary>"
             echo "    [Bundle] public double Urgency$m(string text, double hoursWaiting)"
             echo "    {"
             echo "        var lower = text.ToLowerInvariant();"
             echo "        string[] alarms = [\"down\", \"outage\", \"urgent\", \"blocked\"];"
             echo "        var hits = alarms.Count(lower.Contains);"
             echo "        return 3.0 * hits + _scale * hoursWaiting + $m;"
             echo "    }" ;;
          1) echo "    /// <summary>Chooses the team for ticket text $m.</summary>"
             echo "    [Bundle] public string Route$m(string text, string fallback)"
             echo "    {"
             echo "        string[] billing = [\"invoice\", \"refund\", \"charged\"];"
             echo "        string[] technical = [\"error\", \"crash\", \"bug\"];"
             echo "        return billing.Any(text.Contains) ? \"billing\" : technical.Any(text.Contains) ? \"technical\" : fallback;"
             echo "    }" ;;
          2) echo "    /// <summary>Fills reply template $m.</summary>"
             echo "    [Bundle] public static string Reply$m(string template, string customer, int id) =>"
             echo "        template.Replace(\"{customer}\", customer, StringComparison.Ordinal)"
             echo "            .Replace(\"{ticket}\", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);" ;;
          3) echo "    /// <summary>Answers question $m.</summary>"
             echo "    [Bundle] public async Task<string> Answer${m}Async(string question, CancellationToken cancellationToken = default)"
             echo "    {"
             echo "        var prompt = \$\"Question $m: {question}\\nAnswer briefly.\";"
             echo "        await Task.Delay(0, cancellationToken);"
             echo "        var lines = prompt.Split('\\n', StringSplitOptions.RemoveEmptyEntries);"
             echo "        return string.Join(\" \", lines.Select(l => l.Trim()));"
             echo "    }" ;;
        esac
      fi
    done
    echo "}"
  } > "$project/Steps$c.cs"
done
dotnet restore "$project" -v q --nologo >/dev/null

build() { # $1 = without|with|with-emit|pregenerated, $2 = extra flags; prints "<wall ms> <csc ms> <cpu ms>"
  local log="$work/build.log" start end flags
  case $1 in
    without) flags="-p:WithGenerator=false" ;;
    with) flags="-p:WithGenerator=true" ;;
    with-emit) flags="-p:WithGenerator=true -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath=$work/emitted" ;;
    pregenerated) flags="-p:WithGenerator=false -p:Pregenerated=true" ;;
  esac
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu.txt" \
    dotnet build "$project" --no-restore --no-incremental $flags ${2:-} -clp:PerformanceSummary -v n --nologo > "$log" 2>&1 \
    || { cat "$log"; exit 1; }
  end=$(date +%s%N)
  local csc cpu
  csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | awk '{print $1}' | tail -1)
  cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu.txt")
  echo "$(( (end - start) / 1000000 )) ${csc:-0} $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f%%", (a - b) * 100 / b}'; }

server="-p:UseSharedCompilation=true"
cold="--disable-build-servers -p:UseSharedCompilation=false"
build without "$server" >/dev/null
build with-emit "$server" >/dev/null
build with "$server" >/dev/null
mkdir -p "$work/pregenerated"
find "$work/emitted" -path '*Opto.Trace.Generators*' -name '*.g.cs' -exec cp {} "$work/pregenerated/" \;
build pregenerated "$server" >/dev/null
report() { # $1 = round name, $2 = file suffix
  echo "$1 — $runs builds each (after one warm-up), medians:"
  for variant in without with pregenerated; do
    wall=$(cut -d' ' -f1 "$work/$variant$2.txt" | median); csc=$(cut -d' ' -f2 "$work/$variant$2.txt" | median)
    cpu=$(cut -d' ' -f3 "$work/$variant$2.txt" | median)
    eval "wall_$variant=$wall csc_$variant=$csc cpu_$variant=$cpu"
  done
  printf '  %-42s wall %5s ms            Csc %5s ms            CPU %6s ms\n' "without the generator" "$wall_without" "$csc_without" "$cpu_without"
  for variant in with pregenerated; do
    label="with the generator"; [ "$variant" = pregenerated ] && label="its output as plain source, no generator"
    eval "wall=\$wall_$variant csc=\$csc_$variant cpu=\$cpu_$variant"
    printf '  %-42s wall %5s ms (%6s)   Csc %5s ms (%6s)   CPU %6s ms (%6s)\n' "$label" "$wall" "$(percent "$wall" "$wall_without")" \
      "$csc" "$(percent "$csc" "$csc_without")" "$cpu" "$(percent "$cpu" "$cpu_without")"
  done
  for variant in without with pregenerated; do echo "  raw $variant (wall csc cpu): $(tr '\n' ';' < "$work/$variant$2.txt")"; done
}

files=$(find "$work/pregenerated" -name '*.g.cs' | wc -l)
echo "$methods [Bundle] methods ($shape bodies) in $classes classes ($files generated files)"

# Round 1: compiler server warm (a developer's rebuild). The server's JIT needs a few builds of each kind to settle.
for _ in 1 2; do for variant in without with pregenerated; do build "$variant" "$server" > /dev/null; done; done
for variant in without with pregenerated; do : > "$work/$variant.txt"; done
for _ in $(seq 1 "$runs"); do
  for variant in without with pregenerated; do build "$variant" "$server" >> "$work/$variant.txt"; done
done
report "compiler server warm (load $(cut -d' ' -f1 /proc/loadavg))" ""

# Round 2: no build servers (a CI agent's build): csc starts, and loads and JIT-compiles the analyzers, every time.
dotnet build-server shutdown > /dev/null 2>&1 || true
for variant in without with pregenerated; do build "$variant" "$cold" > /dev/null; : > "$work/$variant-cold.txt"; done
for _ in $(seq 1 "$runs"); do
  for variant in without with pregenerated; do build "$variant" "$cold" >> "$work/$variant-cold.txt"; done
done
report "no build servers (load $(cut -d' ' -f1 /proc/loadavg))" "-cold"
echo "  load after: $(cut -d' ' -f1 /proc/loadavg)"
