#!/usr/bin/env bash
# Kelvin on an LLM-size checkpoint (issue 15, item 4):
#   bench/big_checkpoint.sh [--dir /tmp/kelvin-big-checkpoint] [--keep] [--shards N]
#   (--keep: leave the models; --shards N: measure only the first N shard files, when the CLI reads
#   shards one at a time — the peak memory is per file anyway, throughput is weights/s)
# 1. writes two synthetic LLaMA-shaped bf16 models (1.49·10⁹ parameters, 4 safetensors shards each,
#    ~3.0 GB per model; never committed) with bench/peers/make_big_checkpoint.py (needs ~6.1 GB free);
# 2. runs `kelvin inspect` on the model and `kelvin compare` of the two models under /usr/bin/time -v:
#    peak resident memory, wall and CPU seconds; the sharded folder when this build reads folders,
#    else each shard file in turn (peak = the largest, times summed);
# 3. times scipy's vasicek (bench/peers/scipy_checkpoint_entropy.py) on the first shard's 2-D tensors;
# 4. writes DIR/result.json, which bench/compare.py turns into the PERFORMANCE.md rows.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DIR=/tmp/kelvin-big-checkpoint
KEEP=0
SHARDS=4
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --shards) SHARDS=$2; shift 2 ;;
    *) echo "big_checkpoint.sh: unknown option $1" >&2; exit 1 ;;
  esac
done
PY=/usr/bin/python3
[ -x /usr/bin/time ] || { echo "big_checkpoint.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
"$PY" -c 'import numpy, scipy.stats' 2>/dev/null || { echo "big_checkpoint.sh: needs python3-numpy and python3-scipy (apt-get install python3-scipy)" >&2; exit 1; }
mkdir -p "$DIR"
free_kb=$(df -Pk "$DIR" | awk 'NR == 2 {print $4}')
if [ "${free_kb:-0}" -lt 6500000 ]; then echo "big_checkpoint.sh: needs ~6.5 GB free in $DIR" >&2; exit 1; fi

echo "big_checkpoint.sh: building the CLI (Release)" >&2
dotnet build src/Kelvin.Cli/Kelvin.Cli.csproj -c Release -nologo -v q >&2 || exit 1
# a private copy, so that rebuilding the tree during the (long) measurement does not change it
rm -rf "$DIR/cli" && cp -r "$ROOT/src/Kelvin.Cli/bin/Release/net10.0" "$DIR/cli" || exit 1
KELVIN=(dotnet "$DIR/cli/kelvin.dll")

for m in a b; do
  if [ ! -f "$DIR/$m/model.safetensors.index.json" ]; then
    echo "big_checkpoint.sh: writing model $m" >&2
    "$PY" bench/peers/make_big_checkpoint.py --out "$DIR/$m" --seed $([ $m = a ] && echo 1 || echo 2) >&2 || exit 1
  fi
done
mapfile -t SHARDS_A < <(ls "$DIR"/a/*.safetensors)
mapfile -t SHARDS_B < <(ls "$DIR"/b/*.safetensors)

# measure NAME CMD...: appends "name peak_kb wall_s cpu_s exit" to $DIR/measure.txt
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$DIR/time.txt" "$@" > "$DIR/$name.out" 2> "$DIR/$name.err"
  local code=$?
  local peak wall user sys
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  user=$(awk -F': ' '/User time/ {print $2}' "$DIR/time.txt"); sys=$(awk -F': ' '/System time/ {print $2}' "$DIR/time.txt")
  echo "$name $peak $wall $(echo "$user + $sys" | bc -l) $code" >> "$DIR/measure.txt"
  echo "  $name: exit $code, peak $((peak / 1024)) MB, wall $wall s" >&2
}
: > "$DIR/measure.txt"
if "${KELVIN[@]}" inspect "$DIR/a" > /dev/null 2>&1; then
  LAYOUT="4 shards, read as one directory (folder)"
  measure inspect "${KELVIN[@]}" inspect "$DIR/a"
  measure compare "${KELVIN[@]}" compare "$DIR/a" "$DIR/b"
else
  LAYOUT="4 shards, one file at a time (this build does not read sharded directories)"
  for i in "${!SHARDS_A[@]}"; do
    [ "$i" -lt "$SHARDS" ] || break
    measure "inspect$i" "${KELVIN[@]}" inspect "${SHARDS_A[$i]}"
    measure "compare$i" "${KELVIN[@]}" compare "${SHARDS_A[$i]}" "${SHARDS_B[$i]}"
  done
fi
echo "big_checkpoint.sh: scipy vasicek on the first shard" >&2
"$PY" bench/peers/scipy_checkpoint_entropy.py "${SHARDS_A[0]}" > "$DIR/scipy.json" || echo '{}' > "$DIR/scipy.json"

"$PY" - "$DIR" "$LAYOUT" "$SHARDS" <<'PYEOF'
import json, sys, os, struct
d, layout, nshards = sys.argv[1], sys.argv[2], int(sys.argv[3])
params = 0
for m in ("a",):
    idx = json.load(open(os.path.join(d, m, "model.safetensors.index.json")))
    params = idx["metadata"]["total_size"] // 2
rows = [l.split() for l in open(os.path.join(d, "measure.txt")) if l.strip()]
def shard_weights(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        h = json.loads(f.read(n))
    return sum((t["data_offsets"][1] - t["data_offsets"][0]) // 2 for k, t in h.items() if k != "__metadata__")
files = sorted(x for x in os.listdir(os.path.join(d, "a")) if x.endswith(".safetensors"))
measured = params if "folder" in layout else sum(shard_weights(os.path.join(d, "a", x)) for x in files[:nshards])
if "folder" not in layout and nshards < len(files):
    layout += f"; the first {nshards} of {len(files)} shards measured ({measured / 1e9:.2f}·10⁹ weights)"
out = {"parameters": params, "layout": layout, "measured_weights": measured}
for cmd, weights in (("inspect", measured), ("compare", 2 * measured)):
    rs = [r for r in rows if r[0].startswith(cmd)]
    if not rs:
        continue
    wall = sum(float(r[2]) for r in rs); cpu = sum(float(r[3]) for r in rs)
    out[cmd] = {"peak_mb": max(int(r[1]) for r in rs) / 1024, "wall_s": wall, "cpu_s": cpu,
                "cpu_per_wall": cpu / wall if wall else 0, "exit": max(int(r[4]) for r in rs),
                "weights_per_s": weights / wall if wall and all(r[4] == "0" for r in rs) else None}
s = json.load(open(os.path.join(d, "scipy.json")))
out["scipy_weights_per_s"] = s.get("weights_per_s")
out["scipy_weights"] = s.get("weights")
json.dump(out, open(os.path.join(d, "result.json"), "w"), indent=1)
print(json.dumps(out))
PYEOF
if [ "$KEEP" = 1 ]; then echo "big_checkpoint.sh: models kept in $DIR/a and $DIR/b" >&2
else rm -rf "$DIR/a" "$DIR/b"; fi
