#!/usr/bin/env bash
# Writes tests/fixtures/torch/: a small PyTorch CNN (conv, BatchNorm, linear) on a Fashion-MNIST
# subset, saved as torch.save zip files, sharded safetensors / .bin folders and ONNX, with a
# 10-checkpoint series and PyTorch's own losses (see make-torch-fixtures.py). Installs Debian's
# python3-torch, python3-numpy and dataset-fashion-mnist when missing. The unit tests read only the
# committed outputs; run this only to regenerate them.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3  # Debian's interpreter: the one the apt packages install into
DATA=/usr/share/datasets/fashion-mnist
if ! "$PY" -c 'import torch, numpy' 2>/dev/null || [ ! -f "$DATA/train-images-idx3-ubyte.gz" ]; then
  apt-get update
  apt-get install -y python3-torch python3-numpy dataset-fashion-mnist
fi
rm -rf tests/fixtures/torch
"$PY" scripts/make-torch-fixtures.py tests/fixtures/torch "$DATA"
du -sh tests/fixtures/torch
