#!/usr/bin/env python3
"""PyTorch side of Kelvin's side-by-side benchmark: MLP training throughput (samples/s).

Same work as Kelvin's side: float32, synthetic data, plain SGD (lr 0.01, no momentum), softmax
cross-entropy, the given architecture and batch size, the given thread count. Prints one JSON line.
"""
import argparse, json, time
import torch

p = argparse.ArgumentParser()
p.add_argument("--layers", default="64,128,128,10")
p.add_argument("--batch", type=int, default=32)
p.add_argument("--samples", type=int, default=8192, help="samples per timed epoch")
p.add_argument("--threads", type=int, default=2)
p.add_argument("--reps", type=int, default=5)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
sizes = [int(s) for s in a.layers.split(",")]
mods = []
for i in range(len(sizes) - 1):
    mods.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
    if i < len(sizes) - 2:
        mods.append(torch.nn.ReLU())
net = torch.nn.Sequential(*mods)
opt = torch.optim.SGD(net.parameters(), lr=0.01)
loss_fn = torch.nn.CrossEntropyLoss()
x = torch.randn(a.samples, sizes[0])
y = torch.randint(0, sizes[-1], (a.samples,))

def epoch():
    for s in range(0, a.samples - a.batch + 1, a.batch):
        xb, yb = x[s:s + a.batch], y[s:s + a.batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()

epoch()  # warm-up
rates = []
for _ in range(a.reps):
    t0 = time.perf_counter()
    epoch()
    dt = time.perf_counter() - t0
    rates.append((a.samples // a.batch) * a.batch / dt)
rates.sort()
print(json.dumps({"peer": "pytorch " + torch.__version__, "layers": a.layers, "batch": a.batch,
                  "threads": a.threads, "samples_per_s": rates[len(rates) // 2], "all": rates}))
