#!/usr/bin/env bash
# Reproduces the bundled datasets under data/ from Debian's python3-sklearn package data.
#
#   scripts/fetch-datasets.sh            # installs python3-sklearn if missing, rewrites data/*.csv
#
# Every value is copied as the text the package ships (no re-formatting, no rounding); only the
# layout changes: one header row (feature names from scikit-learn, runs of other characters than letters and digits → `_`, then
# `target`), comma separated, one sample per line. See data/PROVENANCE.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src=/usr/lib/python3/dist-packages/sklearn/datasets/data

if [ ! -f "$src/iris.csv" ]; then
  apt-get update
  apt-get install -y python3-sklearn
fi
echo "python3-sklearn $(dpkg-query -W -f='${Version}' python3-sklearn)" >&2

/usr/bin/python3 - "$src" "$here/data" <<'PY'
import csv, gzip, os, re, sys
from sklearn import datasets as d

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)

def clean(name):
    return re.sub(r"[^A-Za-z0-9]+", "_", str(name)).strip("_")

def write(name, header, rows):
    path = os.path.join(out, name + ".csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows × {len(header) - 1} features", file=sys.stderr)

def sklearn_csv(file):
    """scikit-learn's own layout: a first line 'n,d,class names…', then rows 'x1..xd,label'."""
    with open(os.path.join(src, file)) as f:
        r = csv.reader(f)
        first = next(r)
        n, dim = int(first[0]), int(first[1])
        rows = [row for row in r if row]
    assert len(rows) == n and all(len(row) == dim + 1 for row in rows), file
    return rows

for name, file, loader in [("iris", "iris.csv", d.load_iris),
                           ("wine", "wine_data.csv", d.load_wine),
                           ("breast_cancer", "breast_cancer.csv", d.load_breast_cancer)]:
    header = [clean(c) for c in loader().feature_names] + ["target"]
    write(name, header, sklearn_csv(file))

# digits: the 1797 8×8 test images of UCI optdigits, 64 pixel counts 0..16 and the digit.
with gzip.open(os.path.join(src, "digits.csv.gz"), "rt") as f:
    rows = [row for row in csv.reader(f) if row]
assert len(rows) == 1797 and all(len(row) == 65 for row in rows)
write("digits", [clean(c) for c in d.load_digits().feature_names] + ["target"], rows)

# diabetes: the raw (unscaled) ten baseline variables and the disease progression one year later.
with gzip.open(os.path.join(src, "diabetes_data_raw.csv.gz"), "rt") as f:
    x = [line.split() for line in f if line.strip()]
with gzip.open(os.path.join(src, "diabetes_target.csv.gz"), "rt") as f:
    y = [line.strip() for line in f if line.strip()]
assert len(x) == len(y) == 442 and all(len(row) == 10 for row in x)
def integral(s):
    v = float(s)
    assert v == int(v), s
    return str(int(v))
write("diabetes", [clean(c) for c in d.load_diabetes(scaled=False).feature_names] + ["target"],
      [row + [integral(t)] for row, t in zip(x, y)])
PY
