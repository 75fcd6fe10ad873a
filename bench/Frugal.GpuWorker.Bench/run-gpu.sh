#!/usr/bin/env bash
# Runs the GPU worker benchmarks with the CUDA execution provider on a machine with an NVIDIA GPU, CUDA 13 and
# cuDNN 9 (the runtime ONNX Runtime 1.32's CUDA build links against), and says which provider really ran.
# Usage: bench/Frugal.GpuWorker.Bench/run-gpu.sh [overhead|throughput|int8|cache|all]
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-all}"
dotnet build -c Release bench/Frugal.GpuWorker.Bench/Frugal.GpuWorker.Bench.csproj >/dev/null
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "nvidia-smi: not found"
out="$(mktemp)"
dotnet bench/Frugal.GpuWorker.Bench/bin/Release/net10.0/Frugal.GpuWorker.Bench.dll "$what" --provider auto | tee "$out"
used="$(sed -n 's/^provider requested: [a-z]*; provider used: \([A-Z]*\).*/\1/p' "$out")"
echo "provider really used: ${used:-unknown}"
if [ "$used" != "CUDA" ]; then
  echo "CUDA was not used; the figures above are CPU figures" >&2
  exit 3
fi
