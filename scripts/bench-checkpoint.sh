#!/usr/bin/env bash
# Times `kelvin inspect` on a generated 100-million-weight safetensors checkpoint (10 layers of
# 10 000 × 1 000 float32 Gaussian weights, 400 MB in /tmp, deleted afterwards) and reports its wall
# time and peak memory (max RSS). Needs Debian's python3-numpy to write the file (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy' 2>/dev/null; then apt-get update && apt-get install -y python3-numpy; fi
file=${1:-/tmp/kelvin-bench-100M.safetensors}
trap 'rm -f "$file"' EXIT
"$PY" - "$file" <<'PYEOF'
import json, struct, sys
import numpy as np
path, layers, rows, cols = sys.argv[1], 10, 10_000, 1_000
rng = np.random.default_rng(42)
size = rows * cols * 4
header = {f"layer{l}.weight": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [l * size, (l + 1) * size]} for l in range(layers)}
text = json.dumps(header).encode(); text += b" " * ((8 - len(text) % 8) % 8)
with open(path, "wb") as f:
    f.write(struct.pack("<Q", len(text))); f.write(text)
    for l in range(layers):
        f.write((rng.standard_normal(rows * cols, dtype=np.float32) * np.float32((2 / cols) ** 0.5)).astype("<f4").tobytes())
PYEOF
ls -l "$file"
dotnet build src/Kelvin.Cli -c Release -v quiet -nologo >/dev/null
/usr/bin/time -f 'wall %e s, cpu %U s user + %S s sys, max RSS %M KB' dotnet src/Kelvin.Cli/bin/Release/net10.0/kelvin.dll inspect "$file"
