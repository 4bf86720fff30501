"""Checkpoint fixtures for Kelvin's readers (run by make-checkpoint-fixtures.sh).

A deterministic 8-16-16-3 tanh MLP on a synthetic 3-class problem, saved at initialization and
after 300 full-batch SGD steps in every format Kelvin reads. safetensors is written by hand (the
format is an 8-byte little-endian header length, a JSON header, then raw little-endian data), so
the Python safetensors package is not needed. energies.json records the two losses (mean
cross-entropy on the training set) so that tests and the README can compute a temperature.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/checkpoints"
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
torch.set_num_threads(1)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 16)
        self.fc2 = nn.Linear(16, 16)
        self.fc3 = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc3(torch.tanh(self.fc2(torch.tanh(self.fc1(x)))))


# Data: 512 Gaussian points labelled by a random linear teacher (argmax of 3 scores).
g = torch.Generator().manual_seed(1)
x = torch.randn(512, 8, generator=g)
teacher = torch.randn(8, 3, generator=g)
y = (x @ teacher).argmax(dim=1)

model = Mlp()
loss_fn = nn.CrossEntropyLoss()


def energy():
    with torch.no_grad():
        return float(loss_fn(model(x), y))


def tensors():
    return {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()}


def write_safetensors(path, arrays, dtype="F32", metadata=None):
    codes = {"F32": np.dtype("<f4"), "F64": np.dtype("<f8"), "F16": np.dtype("<f2")}
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, a in arrays.items():
        if dtype == "BF16":
            bits = np.ascontiguousarray(a, dtype="<f4").view("<u4")
            blob = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2").tobytes()  # round to nearest even
        else:
            blob = np.ascontiguousarray(a, dtype=codes[dtype]).tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def export_onnx(path):
    torch.onnx.export(model, torch.zeros(1, 8), path, input_names=["x"], output_names=["logits"],
                      opset_version=13, do_constant_folding=False, export_params=True)


meta = {"architecture": "8-16-16-3", "activation": "tanh", "loss": "ce", "dataset": "synthetic-teacher-512"}
energies = {}
for stage in ("init", "trained"):
    if stage == "trained":
        opt = torch.optim.SGD(model.parameters(), lr=0.5)
        for _ in range(300):
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()
    energies[stage] = energy()
    arrays = tensors()
    base = os.path.join(out, f"mlp-{stage}")
    write_safetensors(base + ".safetensors", arrays, "F32", dict(meta, stage=stage))
    if stage == "init":
        np.savez(base + ".npz", **arrays)                 # stored entries
    else:
        np.savez_compressed(base + ".npz", **arrays)      # deflated entries
    export_onnx(base + ".onnx")

# Format variants of the trained checkpoint, for dtype and header tests.
arrays = tensors()
trained = os.path.join(out, "mlp-trained")
write_safetensors(trained + "-f64.safetensors", arrays, "F64")
write_safetensors(trained + "-f16.safetensors", arrays, "F16")
write_safetensors(trained + "-bf16.safetensors", arrays, "BF16")
w = arrays["fc2.weight"]
np.save(os.path.join(out, "fc2-weight.npy"), w)
np.save(os.path.join(out, "fc2-weight-fortran.npy"), np.asfortranarray(w))
np.save(os.path.join(out, "fc2-weight-f64.npy"), w.astype(np.float64))
for version in ((2, 0), (3, 0)):
    with open(os.path.join(out, f"fc2-weight-v{version[0]}.npy"), "wb") as f:
        np.lib.format.write_array(f, w, version=version)

with open(os.path.join(out, "energies.json"), "w") as f:
    json.dump({"init": energies["init"], "trained": energies["trained"], "torch": torch.__version__}, f, indent=2)
print("energies", energies)
