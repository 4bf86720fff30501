#!/usr/bin/env bash
# The particle-view sign flip of a linear model's training temperature (issue 12, docs/linear.md
# "The sign flip at σ = ρ_eff"): sweeps the init scale σ across ρ_eff and writes the figure, CSV and JSON.
#   scripts/linear-sigma-sweep.sh [OUTDIR]      (default: docs/figures)
# Takes ~2-4 minutes on 2 cores. Settings: d = 400 so that the d narrow spikes the pooled trained weights form
# around the ŵ_j overlap (their width is the SGD jitter, ≈ 0.07 here with noise 4, η = 0.005, B = 16); the
# discrete Lyapunov form because the full one costs n·d² per fixed-point iteration at d = 400 (its correction,
# η·tr H/(2B) ≈ 0.12, moves the particle-view S* by ~0.1%).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-docs/figures}
mkdir -p "$OUT"
dotnet build src/Kelvin.Cli -c Release -v quiet -nologo >/dev/null
KELVIN="dotnet src/Kelvin.Cli/bin/Release/net10.0/kelvin.dll"
ARGS="--view particle --sweep sigma --from 0.5 --to 2 --points 13 --d 400 --n 8000 --signal 1 --noise 4 --lr 0.005 --batch 16 --ensemble 8 --late 4 --lyapunov discrete --seed 1"
$KELVIN linear $ARGS --plot "$OUT/linear-sigma-sweep-particle.png" --csv "$OUT/linear-sigma-sweep-particle.csv"
$KELVIN linear $ARGS --json > "$OUT/linear-sigma-sweep-particle.json"
