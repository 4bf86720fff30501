#!/usr/bin/env python3
"""scipy side of bench/big_checkpoint.sh: the vasicek entropy (scipy.stats.differential_entropy) of
every 2-D tensor of the given safetensors files (bf16 widened to float64, as Kelvin does), read
through a memory map. Prints one JSON line: weights, seconds, weights/s."""
import json, struct, sys, time
import numpy as np
import scipy
from scipy.stats import differential_entropy

weights, seconds = 0, 0.0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
    data = np.memmap(path, dtype=np.uint16, mode="r", offset=8 + n)
    for name, t in header.items():
        if name == "__metadata__" or len(t["shape"]) < 2 or t["dtype"] != "BF16":
            continue
        lo, hi = (o // 2 for o in t["data_offsets"])
        t0 = time.perf_counter()
        x = (data[lo:hi].astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        differential_entropy(x, method="vasicek")
        seconds += time.perf_counter() - t0
        weights += hi - lo
        del x
print(json.dumps({"peer": "scipy " + scipy.__version__, "weights": weights, "seconds": seconds,
                  "weights_per_s": weights / seconds if seconds else None}))
