"""PyTorch fixtures for Kelvin's PyTorch, shard, ONNX-energy and trajectory support (run by
make-torch-fixtures.sh; the tests read only the committed outputs, never Python).

A small CNN (conv 1→4 3×3, BatchNorm, ReLU, max-pool, conv 4→8 3×3, BatchNorm, ReLU, max-pool,
linear 200→10) trained by SGD with momentum on the first 2000 Fashion-MNIST training images for
90 steps (seed 0). Saved:

- cnn-init.pt, cnn-trained.pt           torch.save(model.state_dict()) (the zip format)
- cnn-trained-nested.pt                 {"model": state_dict, "optimizer": ..., "epoch": 3}
- cnn-legacy.pt                         the legacy (non-zip) torch.save format
- tied.pt                               two names sharing one storage, plus a transposed view
- cnn-init-sharded/, cnn-trained-sharded/   model-0000k-of-00002.safetensors + model.safetensors.index.json
- cnn-trained-bin/                      pytorch_model-0000k-of-00002.bin + pytorch_model.bin.index.json
- cnn-trained.npz                       np.savez(**state_dict) (int64 num_batches_tracked included)
- cnn.onnx, cnn-trained.onnx            the model exported at init and trained (BatchNorm kept as a node)
- eval-x.npy (float32 [100,1,28,28]), eval-y.npy (int64 [100]), eval.npz (x, y): the first 100 test images
- series/step-NNN.safetensors           10 checkpoints, steps 0, 10, …, 90 (step 0 = init, 90 = trained)
- losses.csv, losses.jsonl              PyTorch's mean cross-entropy of each series checkpoint on the eval set
- energies.json                         the same losses (ce, mse and mae of init and trained), torch's version
- tiny-transformer-init.pt, tiny-transformer-trained.pt, tiny-transformer.onnx, tiny-transformer-data.npz
                                        a one-block transformer (embedding, 2-head attention, LayerNorm,
                                        feed-forward) on a synthetic token task (int64 inputs); its ce
                                        losses are in energies.json under "transformer"
- tied-lm-init.pt, tied-lm-trained.pt, tied-lm.onnx, tied-lm-data.npz
                                        a bag-of-tokens model whose output head is tied to its embedding
                                        (one storage in the .pt files, one initializer in the ONNX graph);
                                        losses under "tied_lm"
"""
import gzip
import json
import os
import struct
import sys

import numpy as np
import torch
from torch import nn

out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/torch"
data_dir = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/datasets/fashion-mnist"
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
torch.set_num_threads(1)


def idx(name):
    with gzip.open(os.path.join(data_dir, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


train_x = torch.tensor(idx("train-images-idx3-ubyte.gz")[:2000], dtype=torch.float32).unsqueeze(1) / 255
train_y = torch.tensor(idx("train-labels-idx1-ubyte.gz")[:2000], dtype=torch.int64)
eval_x = torch.tensor(idx("t10k-images-idx3-ubyte.gz")[:100], dtype=torch.float32).unsqueeze(1) / 255
eval_y = torch.tensor(idx("t10k-labels-idx1-ubyte.gz")[:100], dtype=torch.int64)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.bn2 = nn.BatchNorm2d(8)
        self.fc = nn.Linear(200, 10)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 2)
        x = torch.max_pool2d(torch.relu(self.bn2(self.conv2(x))), 2)
        return self.fc(torch.flatten(x, 1))


model = Cnn()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
ce = nn.CrossEntropyLoss()


def losses():
    """Mean cross-entropy, and MSE / MAE of the logits against one-hot targets, on the eval set (eval mode)."""
    model.eval()
    with torch.no_grad():
        logits = model(eval_x).double()
        onehot = torch.nn.functional.one_hot(eval_y, 10).double()
        result = {"ce": float(ce(logits, eval_y)), "mse": float(((logits - onehot) ** 2).mean()),
                  "mae": float((logits - onehot).abs().mean())}
    model.train()
    return result


def arrays():
    return {k: v.detach().cpu().numpy().copy() for k, v in model.state_dict().items()}


SAFE = {np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("float16"): "F16", np.dtype("int64"): "I64"}


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, a in tensors.items():
        blob = np.ascontiguousarray(a).astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": SAFE[a.dtype], "shape": list(a.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def shards(folder, kind):
    """Two shards (conv1+bn1 | the rest) and the Hugging Face index naming each tensor's shard."""
    os.makedirs(folder, exist_ok=True)
    sd = model.state_dict()
    first = {k: v for k, v in sd.items() if k.startswith(("conv1.", "bn1."))}
    parts = [first, {k: v for k, v in sd.items() if k not in first}]
    weight_map = {}
    for i, part in enumerate(parts, 1):
        if kind == "safetensors":
            name = f"model-{i:05d}-of-{len(parts):05d}.safetensors"
            write_safetensors(os.path.join(folder, name), {k: v.numpy() for k, v in part.items()}, {"format": "pt"})
        else:
            name = f"pytorch_model-{i:05d}-of-{len(parts):05d}.bin"
            torch.save(part, os.path.join(folder, name))
        weight_map.update({k: name for k in part})
    index = "model.safetensors.index.json" if kind == "safetensors" else "pytorch_model.bin.index.json"
    total = sum(v.numel() * v.element_size() for v in sd.values())
    with open(os.path.join(folder, index), "w") as f:
        json.dump({"metadata": {"total_size": total}, "weight_map": weight_map}, f, indent=2)


def export_onnx(path):
    model.eval()
    # PRESERVE keeps BatchNorm as a node with its own initializers (EVAL would fold it into the conv).
    torch.onnx.export(model, eval_x[:1], path, input_names=["x"], output_names=["logits"], opset_version=13,
                      do_constant_folding=False, training=torch.onnx.TrainingMode.PRESERVE,
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}})
    model.train()


# --- initial state -----------------------------------------------------------------------------
energies = {"init": losses()}
torch.save(model.state_dict(), os.path.join(out, "cnn-init.pt"))
shards(os.path.join(out, "cnn-init-sharded"), "safetensors")
export_onnx(os.path.join(out, "cnn.onnx"))

# --- training, with a 10-checkpoint series ------------------------------------------------------
os.makedirs(os.path.join(out, "series"), exist_ok=True)
series = []
g = torch.Generator().manual_seed(2)
step = 0
while True:
    if step % 10 == 0:
        write_safetensors(os.path.join(out, "series", f"step-{step:03d}.safetensors"), arrays())
        series.append({"checkpoint": f"step-{step:03d}.safetensors", "step": step, "loss": losses()["ce"]})
    if step == 90:
        break
    batch = torch.randint(0, len(train_x), (64,), generator=g)
    optimizer.zero_grad()
    ce(model(train_x[batch]), train_y[batch]).backward()
    optimizer.step()
    step += 1

# --- trained state ------------------------------------------------------------------------------
energies["trained"] = losses()
sd = model.state_dict()
torch.save(sd, os.path.join(out, "cnn-trained.pt"))
torch.save({"model": sd, "optimizer": optimizer.state_dict(), "epoch": 3}, os.path.join(out, "cnn-trained-nested.pt"))
torch.save({"fc.weight": sd["fc.weight"]}, os.path.join(out, "cnn-legacy.pt"), _use_new_zipfile_serialization=False)
shared = torch.randn(6, 5, generator=g)
torch.save({"embed.weight": shared, "head.weight": shared, "proj.weight": shared.t(), "steps": torch.tensor(7)},
           os.path.join(out, "tied.pt"))
shards(os.path.join(out, "cnn-trained-sharded"), "safetensors")
shards(os.path.join(out, "cnn-trained-bin"), "bin")
np.savez(os.path.join(out, "cnn-trained.npz"), **arrays())
export_onnx(os.path.join(out, "cnn-trained.onnx"))
np.save(os.path.join(out, "eval-x.npy"), eval_x.numpy())
np.save(os.path.join(out, "eval-y.npy"), eval_y.numpy())
np.savez(os.path.join(out, "eval.npz"), x=eval_x.numpy(), y=eval_y.numpy())

with open(os.path.join(out, "losses.csv"), "w") as f:
    f.write("checkpoint,step,loss\n")
    for r in series:
        f.write(f"{r['checkpoint']},{r['step']},{r['loss']!r}\n")
with open(os.path.join(out, "losses.jsonl"), "w") as f:
    for r in series:
        f.write(json.dumps({"step": r["step"], "loss": r["loss"]}) + "\n")


# --- a small transformer on int64 tokens -------------------------------------------------------
class TinyTransformer(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 8)
        self.pos = nn.Parameter(torch.randn(6, 8) * 0.1)
        self.attn = nn.MultiheadAttention(8, 2, batch_first=True)
        self.ln1 = nn.LayerNorm(8)
        self.ff1 = nn.Linear(8, 16)
        self.ff2 = nn.Linear(16, 8)
        self.ln2 = nn.LayerNorm(8)
        self.head = nn.Linear(8, 3)

    def forward(self, x):
        h = self.embed(x) + self.pos
        a, _ = self.attn(h, h, h, need_weights=False)
        h = self.ln1(h + a)
        h = self.ln2(h + self.ff2(torch.relu(self.ff1(h))))
        return self.head(h.mean(1))


torch.manual_seed(3)
tokens = torch.randint(0, 10, (512, 6), generator=torch.Generator().manual_seed(4))
labels = (tokens < 3).sum(1) % 3  # how many small tokens, modulo 3
tiny = TinyTransformer()


def train_and_export(net, name, x, y, opt, steps):
    """Saves NAME-init.pt, trains `steps` full-batch steps on (x, y), saves NAME-trained.pt, NAME.onnx
    (int64 token input, dynamic batch) and NAME-data.npz (the first 128 rows); returns the ce losses
    {"init", "trained"} on those rows."""
    def loss():
        net.eval()
        with torch.no_grad():
            value = float(ce(net(x[:128]).double(), y[:128]))
        net.train()
        return value

    losses = {"init": loss()}
    torch.save(net.state_dict(), os.path.join(out, f"{name}-init.pt"))
    for _ in range(steps):
        opt.zero_grad()
        ce(net(x), y).backward()
        opt.step()
    losses["trained"] = loss()
    torch.save(net.state_dict(), os.path.join(out, f"{name}-trained.pt"))
    net.eval()
    torch.onnx.export(net, x[:1], os.path.join(out, f"{name}.onnx"), input_names=["x"], output_names=["logits"],
                      opset_version=13, do_constant_folding=False, training=torch.onnx.TrainingMode.PRESERVE,
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}})
    np.savez(os.path.join(out, f"{name}-data.npz"), x=x[:128].numpy(), y=y[:128].numpy())
    return losses


transformer = train_and_export(tiny, "tiny-transformer", tokens, labels, torch.optim.Adam(tiny.parameters(), lr=0.01), 150)


# --- tied weights: the head is the embedding ----------------------------------------------------
class TiedLM(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 8)
        self.mix = nn.Linear(8, 8)
        self.head = nn.Linear(8, 10, bias=False)
        self.head.weight = self.embed.weight

    def forward(self, x):
        return self.head(torch.tanh(self.mix(self.embed(x).mean(1))))


torch.manual_seed(5)
lm = TiedLM()
lm_x = tokens[:, :5]
lm_y = tokens[:, 5]  # predict the last token from the first five


tied_lm = train_and_export(lm, "tied-lm", lm_x, lm_y, torch.optim.SGD(lm.parameters(), lr=0.5), 100)

with open(os.path.join(out, "energies.json"), "w") as f:
    json.dump({"init": energies["init"], "trained": energies["trained"], "transformer": transformer, "tied_lm": tied_lm,
               "torch": torch.__version__}, f, indent=2)
print("energies", energies)
