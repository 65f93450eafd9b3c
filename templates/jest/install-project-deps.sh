#!/bin/sh
# Installs the project's dependencies into /opt/patchproof/deps/node_modules at image build time
# (tests run without a network), from whichever lock file the project has, with the tool that
# wrote it, and records what was installed in record.json (read back by the validation).
#   package-lock.json / npm-shrinkwrap.json  npm ci
#   yarn.lock (v1)                           yarn 1.22.22 from npm, --frozen-lockfile (mirror URLs rehosted)
#   yarn.lock (yarn 2+, "__metadata")        @yarnpkg/cli-dist from npm (2.4, 3.1, 3.8 or 4.9 by the lock's version), --immutable, node_modules linker
#   pnpm-lock.yaml                           pnpm from npm (7, 8 or 9 by the lock's version), --frozen-lockfile, hoisted
#   no lock file                             npm install from package.json; the versions it resolved are recorded
# The lock is used as it is, by its own tool, rather than translated for npm: a translation
# would resolve peer and optional dependencies differently from what the project tested with.
# A failed install is judged by declared-missing.cjs: a declared package the registry does not
# have is recorded as missing (the validation is rejected as build_failed, naming it), while a
# registry that cannot be reached fails the build (an infrastructure error, retried).
# Install scripts are never run (nothing of the project runs with the network), and the
# package managers live in TOOLS, outside the project's node_modules and out of the final image.
set -eu
TOOLS=/opt/patchproof/pm
YARN1=1.22.22
YARN_BERRY=4.9.2
mkdir -p node_modules
: > rehosted.txt
# Which lock, which tool: decided first, so the record names them however the install ends.
kind=none
lock=none
manager=none
if [ ! -f package.json ]; then
  :
elif [ -f npm-shrinkwrap.json ] || [ -f package-lock.json ]; then
  kind=npm-ci
  lock=package-lock.json
  [ -f npm-shrinkwrap.json ] && lock=npm-shrinkwrap.json
  manager="npm $(npm --version)"
elif [ -f yarn.lock ]; then
  lock=yarn.lock
  if grep -q '^__metadata:' yarn.lock; then
    kind=yarn-berry
    # The yarn that writes the lock's format: a newer one refuses an older lock as it is (it
    # would rewrite it), which would read as a lock out of date with package.json.
    version=$(sed -n '/^__metadata:/,/^$/s/^ *version: *\([0-9]*\).*/\1/p' yarn.lock | head -n 1)
    case "$version" in
      4) YARN_BERRY=2.4.2 ;;
      5) YARN_BERRY=3.1.1 ;;
      6) YARN_BERRY=3.8.7 ;;
    esac
    manager="yarn $YARN_BERRY"
  else
    kind=yarn1
    manager="yarn $YARN1"
  fi
elif [ -f pnpm-lock.yaml ]; then
  kind=pnpm
  lock=pnpm-lock.yaml
  version=$(sed -n "s/^lockfileVersion: *['\"]\{0,1\}\([0-9]*\).*/\1/p" pnpm-lock.yaml | head -n 1)
  case "$version" in
    9) pnpm=9.15.9 ;;
    6) pnpm=8.15.9 ;;
    *) pnpm=7.33.7 ;;
  esac
  manager="pnpm $pnpm"
else
  kind=npm-install
  manager="npm $(npm --version)"
fi
tool() {
  npm install --prefix "$TOOLS" --no-audit --no-fund --no-save --ignore-scripts "$1" >/dev/null
}
# $1 "unlocked": free to update the lock (only to tell a stale lock from a broken install).
install_declared() {
  case "$kind" in
    npm-ci)
      if [ "${1:-}" = unlocked ]; then npm install --no-audit --no-fund --ignore-scripts
      else npm ci --no-audit --no-fund --ignore-scripts; fi ;;
    yarn-berry)
      tool "@yarnpkg/cli-dist@$YARN_BERRY"
      immutable=--immutable
      [ "${1:-}" = unlocked ] && immutable=--no-immutable
      YARN_NODE_LINKER=node-modules YARN_ENABLE_SCRIPTS=0 YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_GLOBAL_CACHE=0 \
        node "$TOOLS/node_modules/@yarnpkg/cli-dist/bin/yarn.js" install "$immutable" ;;
    yarn1)
      tool "yarn@$YARN1"
      # Tarballs pinned on a mirror the build does not reach come from the registry (rehost-yarn-lock.cjs).
      node rehost-yarn-lock.cjs yarn.lock >> rehosted.txt
      frozen=--frozen-lockfile
      [ "${1:-}" = unlocked ] && frozen=--pure-lockfile
      # --ignore-engines: yarn 1 fails on an engines mismatch where npm only warns.
      node "$TOOLS/node_modules/yarn/bin/yarn.js" install "$frozen" --ignore-scripts --ignore-engines \
        --non-interactive --no-progress --production=false --cache-folder /tmp/yarn-cache ;;
    pnpm)
      tool "pnpm@$pnpm"
      frozen=--frozen-lockfile
      [ "${1:-}" = unlocked ] && frozen=--no-frozen-lockfile
      # hoisted: a flat node_modules like npm's, which jest's and tsc's resolution expect.
      node "$TOOLS/node_modules/pnpm/bin/pnpm.cjs" install "$frozen" --ignore-scripts \
        --config.node-linker=hoisted --config.confirmModulesPurge=false --store-dir /tmp/pnpm-store ;;
    npm-install) npm install --no-audit --no-fund --ignore-scripts ;;
  esac
}
# Runs install_declared in a subshell with -e of its own (-e is ignored in an if's condition);
# its exit status in $status.
attempt() {
  set +e
  (set -e; install_declared "$@")
  status=$?
  set -e
}
attempt
if [ "$status" -ne 0 ]; then
  echo "the install failed (exit code $status); looking up the declared packages" >&2
  set +e
  node declared-missing.cjs > record.json
  judged=$?
  set -e
  # 0: a declared package is not in the registry (recorded as missing); 3: every one is there.
  [ "$judged" -eq 0 ] || [ "$judged" -eq 3 ] || exit 1
  if [ "$judged" -eq 3 ]; then
    [ "$lock" != none ] || exit 1
    # Every declared package is there: a passing hiccup, or a lock out of date with package.json?
    # The tool tells: frozen once more, then free to update the lock.
    rm -rf node_modules && mkdir node_modules
    attempt
    if [ "$status" -eq 0 ]; then
      MANAGER="$manager" LOCK="$lock" REHOSTED="$(cat rehosted.txt)" node record-installed.cjs > record.json
    else
      rm -rf node_modules && mkdir node_modules
      attempt unlocked
      [ "$status" -eq 0 ] || exit 1
      echo "$lock is out of date with package.json: it installs only when $manager may update it" >&2
      MANAGER="$manager" LOCK="$lock" STALE_LOCK=1 node record-installed.cjs > record.json
      # Nothing runs from it: the validation is rejected for the lock.
      rm -rf node_modules && mkdir node_modules
    fi
  else
    rm -rf node_modules && mkdir node_modules
  fi
else
  MANAGER="$manager" LOCK="$lock" REHOSTED="$(cat rehosted.txt)" node record-installed.cjs > record.json
fi
cat record.json
