#!/usr/bin/env bash
# Acceptance runs of the linear-model issue (docs/linear.md, "Acceptance"). Takes ~2-4 minutes on 2 cores
# (the ce cells are the slow ones: λ_min(H) is small, so SGD runs up to ~10⁶ steps to equilibrate).
#   scripts/linear-acceptance.sh [OUTDIR]      (default: artifacts/linear-acceptance)
# Prints one line per check with PASS/FAIL and writes every JSON, the sweep CSV and PNG to OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-artifacts/linear-acceptance}
mkdir -p "$OUT"
dotnet build src/Kelvin.Cli -c Release -v quiet -nologo >/dev/null
KELVIN="dotnet src/Kelvin.Cli/bin/Release/net10.0/kelvin.dll"
COMMON="--d 10 --n 20000 --sigma 0.5 --noise 0.5 --lr 0.01 --batch 8 --ensemble 64 --seed 1"
fail=0
check() { # name file python-condition message-expression
  if python3 - "$2" "$3" "$4" "$1" <<'PY'
import json, sys
j = json.load(open(sys.argv[1])); ok = eval(sys.argv[2]); msg = eval(sys.argv[3])
print(("PASS " if ok else "FAIL ") + sys.argv[4] + ": " + msg)
sys.exit(0 if ok else 1)
PY
  then :; else fail=1; fi
}

# 1. The nine (loss, init) cells: every analytic quantity within 4 SE, T within 10%.
for loss in mse mae ce; do
  for init in normal uniform mixed; do
    f="$OUT/cell-$loss-$init.json"
    $KELVIN linear --loss $loss --init $init $COMMON --json > "$f"
    check "$loss/$init" "$f" 'j["agreement"]["max_z"] < 4 and j["agreement"]["T_rel_diff"] < 0.10' \
      '"T analytic %.5g simulated %.5g (rel diff %.2f%%), max |z| %.2f" % (j["analytic"]["T"], j["simulated"]["T"], 100*j["agreement"]["T_rel_diff"], j["agreement"]["max_z"])'
  done
done

# 2. The asymptotic mse formula at d = 50, n = 100 000: T_I ≈ 2(‖w*‖²/d + σ²)/ln(σ²B/(ηs²)), signal 1.
f="$OUT/asymptotic-mse.json"
$KELVIN linear --loss mse --init normal --d 50 --n 100000 --signal 1 --sigma 0.5 --noise 0.5 --lr 0.01 --batch 8 --ensemble 64 --seed 1 --json > "$f"
check "mse asymptotic T_I (d=50, n=1e5)" "$f" \
  'abs(j["simulated"]["T"] - 2*(1+0.25)/__import__("math").log(0.25*8/(0.01*0.25))) / j["simulated"]["T"] < 0.05' \
  '"asymptotic %.5g vs simulated %.5g" % (2*(1+0.25)/__import__("math").log(0.25*8/(0.01*0.25)), j["simulated"]["T"])'

# 3. Separable classification data: a clear one-line error, exit != 0.
if msg=$($KELVIN linear --loss ce --d 10 --n 200 --noise 0.001 2>&1 >/dev/null); then
  echo "FAIL separable ce: exit 0"; fail=1
else
  echo "PASS separable ce: exit $?, '$msg'"
fi

# 4. Concept shift: isentropic refresh (analytic and simulated).
f="$OUT/shift-concept.json"
$KELVIN linear --loss mse --init normal $COMMON --shift concept --shift-size 0.5 --json > "$f"
check "concept shift" "$f" 'j["refresh"]["analytic"]["regime"] == "isentropic" and j["refresh"]["simulated"]["regime"] == "isentropic"' \
  '"regimes %s / %s, W = %.4g" % (j["refresh"]["analytic"]["regime"], j["refresh"]["simulated"]["regime"], j["refresh"]["analytic"]["W"])'

# 5. Noise shift (s → 2s): finite T_II within 10% of analytic.
f="$OUT/shift-noise.json"
$KELVIN linear --loss mse --init normal $COMMON --shift noise --shift-size 2 --json > "$f"
check "noise shift" "$f" 'abs(j["refresh"]["simulated"]["T"] / j["refresh"]["analytic"]["T"] - 1) < 0.10' \
  '"T_II analytic %.5g simulated %.5g" % (j["refresh"]["analytic"]["T"], j["refresh"]["simulated"]["T"])'

# 6. A sweep over η: PNG + CSV + JSON; analytic and simulated agree point by point (within 10% and 4 SE).
f="$OUT/sweep-lr.json"
$KELVIN linear --loss mse --init normal $COMMON --sweep lr --from 0.002 --to 0.05 --points 5 \
  --plot "$OUT/sweep-lr.png" --csv "$OUT/sweep-lr.csv" --json > "$f"
check "sweep lr" "$f" 'all(abs(p["T_simulated"]/p["T_analytic"]-1) < 0.10 and abs(p["T_simulated"]-p["T_analytic"]) < 4*p["T_simulated_se"] for p in j["points"])' \
  '"; ".join("η=%.3g: %.4g vs %.4g±%.2g" % (p["value"], p["T_analytic"], p["T_simulated"], p["T_simulated_se"]) for p in j["points"])'
test -s "$OUT/sweep-lr.png" && echo "PASS sweep plot: $OUT/sweep-lr.png" || { echo "FAIL sweep plot missing"; fail=1; }

# 7. A markdown summary of the nine cells (pasted into docs/linear.md).
python3 - "$OUT" > "$OUT/results.md" <<'PY'
import json, sys
out = sys.argv[1]
print("| loss | init | E_I an / sim (z) | S_I an / sim (z) | E* an / sim (z) | S* an / sim (z) | T_I an | T_I sim ± SE | rel diff | max z |")
print("|---|---|---|---|---|---|---|---|---|---|")
for loss in ("mse", "mae", "ce"):
    for init in ("normal", "uniform", "mixed"):
        j = json.load(open(f"{out}/cell-{loss}-{init}.json"))
        a, s, e = j["analytic"], j["simulated"], j["simulated"]["stderr"]
        def q(k): return "%.5g / %.5g (%+.2f)" % (a[k], s[k], (a[k] - s[k]) / e[k])
        print(f"| {loss} | {init} | {q('E_init')} | {q('S_init')} | {q('E_trained')} | {q('S_trained')} | %.5g | %.5g ± %.2g | %.2f%% | %.2f |"
              % (a["T"], s["T"], e["T"], 100 * j["agreement"]["T_rel_diff"], j["agreement"]["max_z"]))
PY
echo "summary table: $OUT/results.md"

exit $fail
