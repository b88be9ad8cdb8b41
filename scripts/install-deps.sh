#!/bin/sh
# Installs the Debian packages scrm builds and tests with, when missing.
# Libraries are looked up with pkg-config (libcsv ships no .pc file: its
# header is checked instead); tools with `command -v`. Runs apt-get as root
# or through sudo; does nothing when everything is present.
set -eu

missing=""
need_pkg() {	# pkg-config-name debian-package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_header() {	# header debian-package
	[ -f "/usr/include/$1" ] || missing="$missing $2"
}
need_cmd() {	# command debian-package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd make make
need_pkg jansson libjansson-dev
need_pkg zlib zlib1g-dev
need_pkg libutf8proc libutf8proc-dev
need_pkg libsodium libsodium-dev
need_pkg libcrypto libssl-dev
need_header csv.h libcsv-dev
need_cmd mandoc mandoc		# man page lint in make check
need_cmd mlr miller		# make bench peer
need_cmd gzip gzip
[ -x /usr/bin/time ] || missing="$missing time"	# make bench: CPU time and memory
need_cmd rsvg-convert librsvg2-bin	# scrm-segment tests: the SVG heat map renders
need_cmd xmllint libxml2-utils	# scrm-segment tests: the SVG is well-formed XML
need_cmd jq jq			# scrm-segment tests and bench: the jq oracle and peer

[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	as_root=""
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
