#!/usr/bin/env python3
"""scipy side of Kelvin's side-by-side benchmark: Vasicek entropy of 10^7 samples, and of 100
layers of 10^5 weights each. Prints one JSON line with median seconds."""
import argparse, json, time
import numpy as np
import scipy
from scipy.stats import differential_entropy

p = argparse.ArgumentParser()
p.add_argument("--n", type=int, default=10_000_000)
p.add_argument("--layers", type=int, default=100)
p.add_argument("--layer-size", type=int, default=100_000)
p.add_argument("--reps", type=int, default=3)
a = p.parse_args()

rng = np.random.default_rng(1)
x = rng.standard_normal(a.n)
layers = [rng.standard_normal(a.layer_size) for _ in range(a.layers)]

def timed(f):
    ts = []
    for _ in range(a.reps):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2]

single = timed(lambda: differential_entropy(x, method="vasicek"))
per_layer = timed(lambda: [differential_entropy(w, method="vasicek") for w in layers])
print(json.dumps({"peer": "scipy " + scipy.__version__, "n": a.n, "vasicek_s": single,
                  "layers": a.layers, "layer_size": a.layer_size, "per_layer_vasicek_s": per_layer,
                  "value": float(differential_entropy(x, method="vasicek"))}))
