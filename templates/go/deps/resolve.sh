#!/bin/sh
# Makes a Go module's requirements (go.mod) available offline, at image build
# (templates/go/Dockerfile). In order: a vendor/ folder needs nothing; with GO_MODULE_PROXY set,
# `go mod download` fills /opt/patchproof/deps/gomodcache, which the sandbox uses as a file://
# GOPROXY (so go.sum is checked as usual); otherwise each module comes from Debian's
# golang-<path>-dev package (github.com/google/go-cmp -> golang-github-google-go-cmp-dev), whose
# source under /usr/share/gocode/src is copied here and named by a `replace` in a go.work file
# that the sandbox's scripts use (GOWORK): a directory replacement needs no module cache and no
# checksum, and Debian's version stands in for the one required (both are recorded).
# The record is /opt/patchproof/deps/record.json; a module not found is recorded, not fatal.
set -eu
D=/opt/patchproof/deps
P=$D/project
REC=$D/record.json
installed=''
missing=''
add_installed() { installed="$installed${installed:+,}{\"requirement\":\"$1 $2\",\"file\":\"go.mod\",\"package\":\"$3\",\"version\":$4,\"source\":\"$5\"}"; }
add_missing() { missing="$missing${missing:+,}{\"requirement\":\"$1 $2\",\"file\":\"go.mod\",\"tried\":[\"$3\"]}"; }
write_record() { printf '{"toolchain":"go","installed":[%s],"missing":[%s]}\n' "$installed" "$missing" > "$REC"; }

[ -f "$P/go.mod" ] || { write_record; exit 0; }
# "path version" per requirement, single-line and block forms, comments dropped.
awk '
  { sub(/\/\/.*/, "") }
  /^require[ \t]*\(/ { block = 1; next }
  block && /^[ \t]*\)/ { block = 0; next }
  block && NF >= 2 { print $1, $2; next }
  /^require[ \t]+[^( \t]/ && NF >= 3 { print $2, $3 }
' "$P/go.mod" > /tmp/requires
[ -s /tmp/requires ] || { write_record; exit 0; }

if [ -f "$P/vendor__modules.txt" ]; then
  while read -r mod ver; do add_installed "$mod" "$ver" "$mod" "\"$ver\"" vendor; done < /tmp/requires
  write_record; exit 0
fi

if [ -n "${GO_MODULE_PROXY:-}" ]; then
  mkdir -p /tmp/mod && cp "$P/go.mod" /tmp/mod/ && { [ ! -f "$P/go.sum" ] || cp "$P/go.sum" /tmp/mod/; }
  while read -r mod ver; do
    if (cd /tmp/mod && GOFLAGS=-mod=mod GOPROXY="$GO_MODULE_PROXY" GOMODCACHE=$D/gomodcache GOCACHE=/tmp/dl-cache go mod download "$mod@$ver" 2>/tmp/dl.log); then
      add_installed "$mod" "$ver" "$mod" "\"$ver\"" "GOPROXY $GO_MODULE_PROXY"
    else
      add_missing "$mod" "$ver" "GOPROXY $GO_MODULE_PROXY"
    fi
  done < /tmp/requires
  chmod -R a+rX $D/gomodcache 2>/dev/null || true
  rm -rf /tmp/mod /tmp/dl-cache
  write_record; exit 0
fi

# Debian's name: the host without its top-level domain, then the path, "/" as "-", lower case.
debian_name() {
  case "$1" in
    google.golang.org/*) echo "golang-google-${1#google.golang.org/}-dev" | tr '/' '-' ;;
    *) echo "$1" | sed -E 's#/v[0-9]+$##; s#^([^/]+)\.[a-z]+/#\1/#' | tr 'A-Z/_' 'a-z--' | sed 's/^/golang-/; s/$/-dev/' ;;
  esac
}
printf '%s\n' "deb ${APT_MIRROR} bookworm main" "deb ${APT_MIRROR} bookworm-updates main" > /etc/apt/sources.list
apt-get update -qq
: > /tmp/found
while read -r mod ver; do
  pkg=$(debian_name "$mod")
  if apt-cache show "$pkg" > /dev/null 2>&1; then echo "$mod $ver $pkg" >> /tmp/found; else add_missing "$mod" "$ver" "$pkg"; fi
done < /tmp/requires
if [ -s /tmp/found ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(awk '{print $3}' /tmp/found | sort -u)
fi
goversion=$(awk '$1 == "go" { print $2; exit }' "$P/go.mod")
{ echo "go ${goversion:-1.23}"; echo 'use /workspace'; } > /tmp/go.work
replaced=0
while read -r mod ver pkg; do
  src=/usr/share/gocode/src/$mod
  [ -d "$src" ] || src=$(echo "$src" | sed -E 's#/v[0-9]+$##')
  if [ ! -d "$src" ]; then add_missing "$mod" "$ver" "$pkg (installed, but no /usr/share/gocode/src/$mod)"; continue; fi
  mkdir -p "$D/gocode/$mod" && cp -a "$src/." "$D/gocode/$mod/"
  [ -f "$D/gocode/$mod/go.mod" ] || echo "module $mod" > "$D/gocode/$mod/go.mod"
  echo "replace $mod => $D/gocode/$mod" >> /tmp/go.work
  add_installed "$mod" "$ver" "$pkg" "\"$(dpkg-query -W -f='${Version}' "$pkg")\"" debian
  replaced=1
done < /tmp/found
[ "$replaced" = 0 ] || mv /tmp/go.work $D/go.work
rm -f /etc/apt/sources.list /tmp/requires /tmp/found /tmp/go.work
write_record
