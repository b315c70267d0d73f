#!/usr/bin/env bash
# Installs the Debian packages AdvCam needs: the libtorch engine and headers, stb for images, the build tools,
# Fashion-MNIST, Debian's python3-torch (the peer the benchmarks compare against), and chromium (the headless browser
# that tests/Report.Tests loads the HTML report in, through Playwright).
# Safe to run again: packages already installed are left alone.
set -euo pipefail

PACKAGES=(libtorch-dev libstb-dev cmake g++ make dataset-fashion-mnist python3-torch chromium)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present (${PACKAGES[*]})"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
