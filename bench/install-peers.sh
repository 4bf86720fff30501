#!/bin/sh
# Installs the peers the benchmarks compare against (Debian 12). Only the bench uses them.
#   libopenblas0: OpenBLAS sgemm, called by bench/Kelvin.Bench through P/Invoke (libopenblas.so.0).
set -e
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update
$SUDO apt-get install -y libopenblas0
