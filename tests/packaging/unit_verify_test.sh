#!/bin/sh
# systemd-analyze verify on packaging/caf-comet.service: no error and no
# warning (verify warns on stderr and still exits 0, so any output fails).
# verify checks that ExecStart's program exists, so it reads a copy whose
# ExecStart names the built binary and the repository's server.ini; nothing
# else is changed. A copy with a misspelt key must be reported, which shows
# the check can fail.
#
# usage: unit_verify_test.sh BUILD_DIR SOURCE_DIR
set -eu
build_dir=$1
source_dir=$2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
command -v systemd-analyze >/dev/null || fail "no systemd-analyze (package systemd, .ci/packages.txt)"
[ -x "$build_dir/bin/caf-comet" ] || fail "no $build_dir/bin/caf-comet"
work=$(mktemp -d /tmp/caf-comet-unit-verify.XXXXXX)
trap 'rm -rf "$work"' EXIT

mkdir "$work/good" "$work/bad"
sed -e "s|/usr/bin/caf-comet|$build_dir/bin/caf-comet|" \
    -e "s|/etc/caf-comet/server.ini|$source_dir/config/server.ini|" \
    "$source_dir/packaging/caf-comet.service" >"$work/good/caf-comet.service"
grep -qx "ExecStart=$build_dir/bin/caf-comet --config $source_dir/config/server.ini" \
  "$work/good/caf-comet.service" || fail "ExecStart not found to rewrite"
sed -e 's/^NoNewPrivileges=/NoNewPrivilege=/' "$work/good/caf-comet.service" \
  >"$work/bad/caf-comet.service"

# verify [DIR]: its output, with the exit code as the last line.
verify() {
  (cd "$work/$1" && systemd-analyze verify --man=no ./caf-comet.service 2>&1; echo "exit $?")
}
out=$(verify good)
[ "$out" = "exit 0" ] || fail "systemd-analyze verify: $out"
out=$(verify bad)
echo "$out" | grep -q "NoNewPrivilege" || fail "a misspelt key went unreported: $out"
echo "unit_verify: ok"
