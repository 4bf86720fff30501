#!/usr/bin/env bash
# Kelvin against its peers, side by side, in one unattended run (issue 8):
#   bench/compare.sh [--quick] [--note TEXT] [--only mlp,thermometer,entropy,gemm,ensemble,curve]
# 1. installs the peers from Debian packages when missing (python3-torch, python3-scipy,
#    libopenblas0; `apt-get update` once, no prompts); a peer that cannot be installed is reported
#    and its rows show n/a, the rest still runs;
# 2. builds bench/Kelvin.Bench in Release (a failed build stops here, exit 1);
# 3. runs bench/compare.py: Kelvin and peer alternately, several rounds, medians and ratios; prints
#    one table and regenerates docs/PERFORMANCE.md (machine, versions, date).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=; fi

missing=()
"$PY" -c 'import torch' 2>/dev/null || missing+=(python3-torch)
"$PY" -c 'import scipy.stats' 2>/dev/null || missing+=(python3-scipy)
# (no grep -q: with pipefail, ldconfig's SIGPIPE would read as "missing")
{ ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' >/dev/null; } || missing+=(libopenblas0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare.sh: installing peers: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2 || echo "compare.sh: apt-get update failed" >&2
  for p in "${missing[@]}"; do
    $SUDO apt-get install -y -qq "$p" >&2 || echo "compare.sh: could not install $p: its rows will show n/a" >&2
  done
fi

echo "compare.sh: building bench/Kelvin.Bench (Release)" >&2
if ! dotnet build bench/Kelvin.Bench/Kelvin.Bench.csproj -c Release -nologo -v q >&2; then
  echo "compare.sh: the Release build failed" >&2
  exit 1
fi
exec "$PY" bench/compare.py "$@"
