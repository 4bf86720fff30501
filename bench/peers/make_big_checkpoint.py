#!/usr/bin/env python3
"""Writes a synthetic LLaMA-shaped bf16 model as safetensors shards (bench/big_checkpoint.sh):
embedding and lm_head (vocab x hidden) and `blocks` transformer blocks (q, k, v, o: hidden^2;
gate, up: hidden x inter, down: inter x hidden; two RMSNorm vectors), Gaussian weights with std
0.02 (norms 1 + 0.01 noise) from a seeded numpy generator, split into `shards` files of about equal
size, written chunk by chunk (memory stays ~ one chunk). Default: 1.49e9 parameters, ~3.0 GB."""
import argparse, json, os, struct
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--out", required=True)
p.add_argument("--seed", type=int, default=1)
p.add_argument("--hidden", type=int, default=2048)
p.add_argument("--inter", type=int, default=6144)
p.add_argument("--vocab", type=int, default=32000)
p.add_argument("--blocks", type=int, default=25)
p.add_argument("--shards", type=int, default=4)
a = p.parse_args()

h, f = a.hidden, a.inter
tensors = [("model.embed_tokens.weight", (a.vocab, h))]
for b in range(a.blocks):
    pre = f"model.layers.{b}."
    tensors += [(pre + "self_attn.q_proj.weight", (h, h)), (pre + "self_attn.k_proj.weight", (h, h)),
                (pre + "self_attn.v_proj.weight", (h, h)), (pre + "self_attn.o_proj.weight", (h, h)),
                (pre + "mlp.gate_proj.weight", (f, h)), (pre + "mlp.up_proj.weight", (f, h)),
                (pre + "mlp.down_proj.weight", (h, f)),
                (pre + "input_layernorm.weight", (h,)), (pre + "post_attention_layernorm.weight", (h,))]
tensors += [("model.norm.weight", (h,)), ("lm_head.weight", (a.vocab, h))]
sizes = [int(np.prod(s)) for _, s in tensors]
total = sum(sizes)

# contiguous groups of tensors, each about total/shards parameters
groups, current, acc = [], [], 0
for t, n in zip(tensors, sizes):
    current.append((t, n)); acc += n
    if acc >= total * (len(groups) + 1) / a.shards and len(groups) < a.shards - 1:
        groups.append(current); current = []
groups.append(current)

os.makedirs(a.out, exist_ok=True)
rng = np.random.default_rng(a.seed)
CHUNK = 1 << 24
index = {}
for g, group in enumerate(groups):
    name = f"model-{g + 1:05d}-of-{len(groups):05d}.safetensors"
    header, offset = {}, 0
    for (tname, shape), n in group:
        header[tname] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + 2 * n]}
        offset += 2 * n
        index[tname] = name
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(os.path.join(a.out, name), "wb") as out:
        out.write(struct.pack("<Q", len(raw))); out.write(raw)
        for (tname, shape), n in group:
            norm = len(shape) == 1
            for start in range(0, n, CHUNK):
                m = min(CHUNK, n - start)
                x = rng.standard_normal(m, dtype=np.float32) * (0.01 if norm else 0.02) + (1.0 if norm else 0.0)
                # bf16 = the upper 16 bits of float32, rounded to nearest even
                bits = x.view(np.uint32)
                bits = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
                out.write(bits.astype("<u2").tobytes())
with open(os.path.join(a.out, "model.safetensors.index.json"), "w") as out:
    json.dump({"metadata": {"total_size": 2 * total}, "weight_map": index}, out)
print(json.dumps({"parameters": total, "shards": len(groups), "largest_tensor": max(sizes), "out": a.out}))
