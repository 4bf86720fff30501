#!/usr/bin/env bash
# Acceptance of `kelvin train` (docs/training.md): digits 64-64 relu, 10 epochs, seed 1.
# Checks: test accuracy >= 0.95, three layers, allocation residual < 0.01, and byte-identical JSON
# across two runs and with DOTNET_PROCESSOR_COUNT=1. Prints the wall time of each run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
dotnet build src/Kelvin.Cli/Kelvin.Cli.csproj -c Release -v q -nologo >/dev/null
kelvin="$here/src/Kelvin.Cli/bin/Release/net10.0/kelvin"
args=(train --data digits --hidden 64,64 --activation relu --epochs 10 --seed 1 --json)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -f "run 1: %e s" "$kelvin" "${args[@]}" > "$tmp/a.json"
/usr/bin/time -f "run 2: %e s" "$kelvin" "${args[@]}" > "$tmp/b.json"
DOTNET_PROCESSOR_COUNT=1 /usr/bin/time -f "run 3 (1 processor): %e s" "$kelvin" "${args[@]}" > "$tmp/c.json"
cmp "$tmp/a.json" "$tmp/b.json"
cmp "$tmp/a.json" "$tmp/c.json"
echo "byte-identical JSON: yes"
/usr/bin/python3 - "$tmp/a.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
acc, layers, res = d["accuracy"], len(d["layers"]), d["allocation_residual"]
print(f"accuracy {acc:.4f}, layers {layers}, allocation residual {res:.2e}, T {d['global']['T']} ({d['global']['regime']})")
assert acc >= 0.95 and layers == 3 and res < 0.01, "acceptance failed"
print("acceptance: ok")
PY
