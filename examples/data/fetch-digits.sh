#!/usr/bin/env bash
# Re-creates examples/data/digits.csv.gz from the Debian package python3-sklearn (no install needed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download python3-sklearn
dpkg-deb -x python3-sklearn_*.deb extracted
install -m 0644 extracted/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz "$here/digits.csv.gz"
echo "wrote $here/digits.csv.gz"
