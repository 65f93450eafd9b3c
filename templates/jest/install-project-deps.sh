#!/bin/sh
# Installs the project's locked dependencies into /opt/patchproof/deps/node_modules at image
# build time. Without a package-lock.json nothing is installed: an unlocked install would not
# be reproducible. Install scripts are not run (nothing of the project runs with the network).
set -eu
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --ignore-scripts
fi
mkdir -p node_modules
