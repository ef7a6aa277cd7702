#!/bin/sh
# The Debian package, end to end on this machine: cpack makes it from the
# build tree; its control data names the runtime libraries and the conffile;
# dpkg installs the programs, the configuration, the unit, the docs and the
# service user; `dpkg -r` keeps the edited configuration and the user;
# `dpkg --purge` removes both.
#
# usage: package_install_test.sh BUILD_DIR SOURCE_DIR VERSION
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/package_lib.sh"
source_dir=$2
version=$3
package_setup "$1"
build_package

# -- the package itself ---------------------------------------------------------
[ "$(dpkg-deb -f "$deb" Package)" = caf-comet ] || fail "Package field"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "Version is not $version"
depends=$(dpkg-deb -f "$deb" Depends)
names=$(echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//')
for dep in adduser libcaf-core0.17 libcaf-io0.17 libstdc++6 libc6; do
  echo "$names" | grep -qxF "$dep" || fail "Depends lacks $dep: $depends"
done
[ "$(dpkg-deb -I "$deb" conffiles)" = /etc/caf-comet/server.ini ] \
  || fail "conffiles is not exactly /etc/caf-comet/server.ini"
# Exactly the three programs: no bench baseline, no test program.
programs=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep '^\./usr/bin/.' | sort | tr '\n' ' ')
[ "$programs" = "./usr/bin/caf-comet ./usr/bin/floodtest ./usr/bin/msggen " ] \
  || fail "programs in the package: $programs"

# -- installed ------------------------------------------------------------------
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
installed || fail "dpkg does not list $package as installed"
out=$(/usr/bin/caf-comet --version)
case "$out" in
  "caf-comet $version "*) ;;
  *) fail "caf-comet --version said: $out" ;;
esac
unit=/usr/lib/systemd/system/caf-comet.service
doc=/usr/share/doc/caf-comet
cmp /etc/caf-comet/server.ini "$source_dir/config/server.ini" || fail "installed server.ini"
cmp "$unit" "$source_dir/packaging/caf-comet.service" || fail "installed unit"
for f in /usr/bin/floodtest /usr/bin/msggen "$doc/README.md" "$doc/LICENSE" \
         "$doc/examples/sysctl.conf"; do
  [ -f "$f" ] || fail "$f not installed"
done
dpkg-query -W -f='${Conffiles}' "$package" | grep -q '^ /etc/caf-comet/server.ini ' \
  || fail "dpkg does not track /etc/caf-comet/server.ini as a conffile"
# A system user (uid below 1000) with its own group, no login, no home.
entry=$(getent passwd caf-comet) || fail "no user caf-comet"
IFS=: read -r _ _ uid gid _ home shell <<EOT
$entry
EOT
[ "$uid" -lt 1000 ] || fail "caf-comet's uid $uid is not a system uid"
[ "$(getent group caf-comet | cut -d: -f3)" = "$gid" ] || fail "caf-comet's group"
[ "$home" = /nonexistent ] && [ ! -e "$home" ] || fail "caf-comet's home $home"
[ "$shell" = /usr/sbin/nologin ] || fail "caf-comet's shell $shell"

# -- removed: the operator's configuration and the user stay ---------------------
echo "; edited by the operator" >>/etc/caf-comet/server.ini
dpkg -r "$package" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r"; }
[ ! -e /usr/bin/caf-comet ] || fail "dpkg -r left /usr/bin/caf-comet"
[ ! -e "$unit" ] || fail "dpkg -r left the unit"
grep -q 'edited by the operator' /etc/caf-comet/server.ini || fail "dpkg -r dropped the edited conffile"
getent passwd caf-comet >/dev/null || fail "dpkg -r removed the user"

# -- purged: nothing left ----------------------------------------------------------
dpkg --purge "$package" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg --purge"; }
! known_to_dpkg || fail "dpkg still knows $package after the purge"
for f in /etc/caf-comet /usr/bin/caf-comet /usr/bin/floodtest /usr/bin/msggen "$unit" "$doc"; do
  [ ! -e "$f" ] || fail "$f left after the purge"
done
! getent passwd caf-comet >/dev/null || fail "user caf-comet left after the purge"
! getent group caf-comet >/dev/null || fail "group caf-comet left after the purge"
echo "package_install: ok ($deb)"
