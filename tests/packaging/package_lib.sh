# Shared by the tests that install the Debian package on this machine
# (sourced, not run). They change the system itself (dpkg, /usr, /etc, a
# user), so each one:
#   - needs root, else it exits with $SKIP_RETURN_CODE (set by
#     tests/packaging/CMakeLists.txt), which ctest reports as skipped;
#   - holds one machine-wide lock while it runs, as two build trees (or two
#     worktrees) on one machine would otherwise install over each other;
#   - purges a caf-comet package left installed before it starts (by a run
#     that was killed) and purges its own on exit, whatever the outcome.
# Not for a machine where caf-comet is installed for real: it is purged.

package=caf-comet
lock_file=/run/lock/caf-comet-package-test.lock
# Another tree's package test holds the lock for ~10-30 s; this wait stays
# well inside the tests' ctest TIMEOUT, so a timeout never hits a test that
# has not started.
lock_wait_s=120

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

installed() {
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' installed$'
}

known_to_dpkg() {
  dpkg-query -W "$package" >/dev/null 2>&1
}

purge_package() {
  if known_to_dpkg; then
    dpkg --purge "$package" >/dev/null
  fi
}

# package_setup BUILD_DIR: root check, lock, leftovers purged, a work
# directory in $work and a trap that purges and removes it on exit.
package_setup() {
  build_dir=$1
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: installs a Debian package, needs root" >&2
    exit "${SKIP_RETURN_CODE:?set by tests/packaging/CMakeLists.txt}"
  fi
  exec 9>"$lock_file"
  flock -w "$lock_wait_s" 9 || fail "another package test held $lock_file for ${lock_wait_s}s"
  if known_to_dpkg; then
    echo "caf-comet was left installed: purging it first" >&2
    purge_package
  fi
  if getent passwd "$package" >/dev/null; then
    fail "a user '$package' exists without the package: the test could not tell the package's own; remove it (userdel $package)"
  fi
  work=$(mktemp -d /tmp/caf-comet-package-test.XXXXXX)
  trap package_cleanup EXIT
}

# Runs on exit: what the test started is ended, whatever failed.
package_cleanup() {
  status=$?
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  purge_package || status=1
  rm -rf "$work"
  exit "$status"
}

# build_package: runs cpack on the build tree into $work; sets $deb.
build_package() {
  cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work" \
        >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
  deb=$(find "$work" -maxdepth 1 -name "${package}_*.deb" | head -n 1)
  [ -n "$deb" ] || fail "cpack made no ${package}_*.deb in $work"
}
