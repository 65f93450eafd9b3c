#!/bin/sh
# Installs the project's dependencies into /opt/patchproof/deps/node_modules at image build time
# (tests run without a network), from whichever lock file the project has, with the tool that
# wrote it, and records what was installed in record.json (read back by the validation).
#   package-lock.json / npm-shrinkwrap.json  npm ci
#   yarn.lock (v1)                           yarn 1.22.22 from npm, --frozen-lockfile
#   yarn.lock (yarn 2+, "__metadata")        @yarnpkg/cli-dist 4 from npm, --immutable, node_modules linker
#   pnpm-lock.yaml                           pnpm from npm (7, 8 or 9 by the lock's version), --frozen-lockfile, hoisted
#   no lock file                             npm install from package.json; the versions it resolved are recorded
# The lock is used as it is, by its own tool, rather than translated for npm: a translation
# would resolve peer and optional dependencies differently from what the project tested with.
# Install scripts are never run (nothing of the project runs with the network), and the
# package managers live in TOOLS, outside the project's node_modules and out of the final image.
set -eu
TOOLS=/opt/patchproof/pm
YARN1=1.22.22
YARN_BERRY=4.9.2
mkdir -p node_modules
manager=none
lock=none
tool() {
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --ignore-scripts "$1" >/dev/null
}
if [ ! -f package.json ]; then
  :
elif [ -f npm-shrinkwrap.json ] || [ -f package-lock.json ]; then
  lock=package-lock.json
  [ -f npm-shrinkwrap.json ] && lock=npm-shrinkwrap.json
  manager="npm $(npm --version)"
  npm ci --no-audit --no-fund --ignore-scripts
elif [ -f yarn.lock ]; then
  lock=yarn.lock
  if grep -q '^__metadata:' yarn.lock; then
    tool "@yarnpkg/cli-dist@$YARN_BERRY"
    manager="yarn $YARN_BERRY"
    YARN_NODE_LINKER=node-modules YARN_ENABLE_SCRIPTS=0 YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_GLOBAL_CACHE=0 \
      node "$TOOLS/node_modules/@yarnpkg/cli-dist/bin/yarn.js" install --immutable
  else
    tool "yarn@$YARN1"
    manager="yarn $YARN1"
    # --ignore-engines: yarn 1 fails on an engines mismatch where npm only warns.
    node "$TOOLS/node_modules/yarn/bin/yarn.js" install --frozen-lockfile --ignore-scripts --ignore-engines \
      --non-interactive --no-progress --production=false --cache-folder /tmp/yarn-cache
  fi
elif [ -f pnpm-lock.yaml ]; then
  lock=pnpm-lock.yaml
  version=$(sed -n "s/^lockfileVersion: *['\"]\{0,1\}\([0-9]*\).*/\1/p" pnpm-lock.yaml | head -n 1)
  case "$version" in
    9) pnpm=9.15.9 ;;
    6) pnpm=8.15.9 ;;
    *) pnpm=7.33.7 ;;
  esac
  tool "pnpm@$pnpm"
  manager="pnpm $pnpm"
  # hoisted: a flat node_modules like npm's, which jest's and tsc's resolution expect.
  node "$TOOLS/node_modules/pnpm/bin/pnpm.cjs" install --frozen-lockfile --ignore-scripts \
    --config.node-linker=hoisted --config.confirmModulesPurge=false --store-dir /tmp/pnpm-store
else
  manager="npm $(npm --version)"
  npm install --no-audit --no-fund --ignore-scripts
fi
MANAGER="$manager" LOCK="$lock" node record-installed.cjs > record.json
cat record.json
