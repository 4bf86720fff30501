#!/usr/bin/env bash
# Writes the checkpoint fixtures of tests/fixtures/checkpoints/: a small MLP (8-16-16-3, seed 0)
# at initialization and after 300 SGD steps, as safetensors, .npz, .npy and ONNX. Installs
# Debian's python3-torch and python3-numpy when they are missing (big: a few hundred MB).
# The unit tests read only the committed outputs; run this only to regenerate them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3  # Debian's interpreter: the one the apt packages install into
if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
  apt-get update
  apt-get install -y python3-torch python3-numpy
fi
"$PY" scripts/make-checkpoint-fixtures.py tests/fixtures/checkpoints
ls -l tests/fixtures/checkpoints
