#!/usr/bin/env bash
# Fetches Fashion-MNIST as gzipped IDX files into examples/data/fashion-mnist/ from the Debian package
# dataset-fashion-mnist (apt-get download, no install). Use with: -- mnist-bn-cnn --data examples/data/fashion-mnist
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download dataset-fashion-mnist
dpkg-deb -x dataset-fashion-mnist_*.deb extracted
mkdir -p "$here/fashion-mnist"
install -m 0644 extracted/usr/share/datasets/fashion-mnist/*-idx?-ubyte.gz "$here/fashion-mnist/"
echo "wrote $here/fashion-mnist"
