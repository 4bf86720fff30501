#!/usr/bin/env bash
# Writes data/fashion_mnist_1k.csv: a small, class-balanced subset of Fashion-MNIST for `kelvin study`
# (and any command taking --data), from Debian's dataset-fashion-mnist package.
#
#   scripts/make-fashion-mnist-subset.sh     # installs dataset-fashion-mnist if missing
#
# The subset is the first 100 images of each class (10 classes, 1000 images) in the order of the
# training file train-images-idx3-ubyte.gz; no random draw. Pixels are copied as the integers 0..255
# the file holds; one header row (pixel_r_c for row r, column c of the 28×28 image, then `target`),
# comma separated, one image per line, in file order. See data/PROVENANCE.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src=/usr/share/datasets/fashion-mnist

if [ ! -f "$src/train-images-idx3-ubyte.gz" ]; then
  apt-get update
  apt-get install -y dataset-fashion-mnist
fi
echo "dataset-fashion-mnist $(dpkg-query -W -f='${Version}' dataset-fashion-mnist 2>/dev/null || echo unknown)" >&2

/usr/bin/python3 - "$src" "$here/data/fashion_mnist_1k.csv" <<'PY'
import gzip, struct, sys

src, out = sys.argv[1], sys.argv[2]
per_class = 100

def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, "expected unsigned-byte IDX data"
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, data[4 + 4 * dims:]

(n, rows, cols), pixels = idx(f"{src}/train-images-idx3-ubyte.gz")
(m,), labels = idx(f"{src}/train-labels-idx1-ubyte.gz")
assert n == m
d = rows * cols
taken = {c: 0 for c in range(10)}
with open(out, "w", newline="") as f:
    f.write(",".join([f"pixel_{r}_{c}" for r in range(rows) for c in range(cols)] + ["target"]) + "\n")
    for i in range(n):
        y = labels[i]
        if taken[y] >= per_class:
            continue
        taken[y] += 1
        f.write(",".join(str(p) for p in pixels[i * d:(i + 1) * d]) + f",{y}\n")
        if all(t >= per_class for t in taken.values()):
            break
print(f"{out}: {sum(taken.values())} rows × {d} features", file=sys.stderr)
PY
