#!/usr/bin/env bash
# Acceptance of `kelvin run` (docs/run.md): times the default run (< 2 min on 2 cores) and the quick
# run (< 20 s), checks every report file is there, and that report.json is byte-identical across two
# quick runs and with DOTNET_PROCESSOR_COUNT=1. Timings are wall-clock and noisy on a shared machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
dotnet build src/Kelvin.Cli/Kelvin.Cli.csproj -c Release -v q -nologo >/dev/null
kelvin="$here/src/Kelvin.Cli/bin/Release/net10.0/kelvin"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -f "default run: %e s" "$kelvin" run --out "$tmp/default" > "$tmp/default.log"
/usr/bin/time -f "quick run 1: %e s" "$kelvin" run --quick --out "$tmp/q1" > /dev/null
/usr/bin/time -f "quick run 2: %e s" "$kelvin" run --quick --out "$tmp/q2" > /dev/null
DOTNET_PROCESSOR_COUNT=1 /usr/bin/time -f "quick run 3 (1 processor): %e s" "$kelvin" run --quick --out "$tmp/q3" > /dev/null
for f in report.md report.html report.json temperature_curve.png layer_temperatures.png entropy_histograms.png engine_efficiency.png linear_agreement.png; do
  [[ -s "$tmp/default/$f" ]] || { echo "missing $f" >&2; exit 1; }
done
echo "all report files present"
cmp "$tmp/q1/report.json" "$tmp/q2/report.json"
cmp "$tmp/q1/report.json" "$tmp/q3/report.json"
echo "byte-identical report.json (same seed, 2 runs, 1 vs all processors): yes"
grep -E "done in|report:" "$tmp/default.log"
