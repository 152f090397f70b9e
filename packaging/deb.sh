#!/bin/sh
# deb.sh: lays out and packs the Debian binary package libsqlite3-mod-aibubble
# from an extension already built; `make deb` builds it with Debian's
# hardening flags (dpkg-buildflags) and then runs this from the top folder.
# Needs dpkg-dev and binutils; no network, no root (dpkg-deb --root-owner-group).
#
#   sh packaging/deb.sh BUILT.so OUTDIR VERSION "SQL FILES" "DOC FILES"
#
# The layout follows libsqlite3-mod-spatialite's:
#   /usr/lib/<multiarch>/aibubble.so        stripped; the loader searches this
#                                           folder, so ".load aibubble" works
#   /usr/share/aibubble/sql/*.sql           the schema of the input tables
#   /usr/share/doc/libsqlite3-mod-aibubble/ copyright, changelog.Debian.gz,
#                                           the README (gzip -9n above 4 kB)
#   /usr/share/lintian/overrides/libsqlite3-mod-aibubble  why a module has
#                                           an unversioned SONAME
# DEBIAN/triggers activates ldconfig, as Debian policy wants of any package
# that puts a shared object in a loader folder.
# The control file is packaging/control.in with: Version from
# packaging/changelog (its upstream part must equal VERSION), Architecture
# from dpkg-architecture, Depends from dpkg-shlibdeps (libc6) plus
# libsqlite3-0 (>= AIBUBBLE_MIN_SQLITE_TEXT of ext/aibubble.c), and
# Installed-Size counted as dpkg-gencontrol does. Timestamps are the
# changelog's (SOURCE_DATE_EPOCH). Writes
# OUTDIR/libsqlite3-mod-aibubble_<version>_<arch>.deb.
set -eu
umask 022
lib=$1 out=$2 upstream=$3 sql=$4 docs=$5
pkg=libsqlite3-mod-aibubble
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")

fail() { echo "deb.sh: $*" >&2; exit 1; }

version=$(dpkg-parsechangelog -l "$here/changelog" -S Version)
[ "${version%-*}" = "$upstream" ] ||
  fail "packaging/changelog is at $version but VERSION is $upstream: add a changelog entry"
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$here/changelog" -S Timestamp)
export SOURCE_DATE_EPOCH
arch=$(dpkg-architecture -qDEB_HOST_ARCH 2>/dev/null)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
min_sqlite=$(sed -n 's/^#define AIBUBBLE_MIN_SQLITE_TEXT "\([0-9.]*\)".*/\1/p' "$top/ext/aibubble.c")
[ -n "$min_sqlite" ] || fail "no AIBUBBLE_MIN_SQLITE_TEXT in ext/aibubble.c"

work=$out/deb
root=$work/debian/$pkg
libdir=$root/usr/lib/$multiarch
doc=$root/usr/share/doc/$pkg
rm -rf "$work/debian"
overrides=$root/usr/share/lintian/overrides
mkdir -p "$libdir" "$root/usr/share/aibubble/sql" "$doc" "$overrides" "$root/DEBIAN"

strip --strip-unneeded --remove-section=.comment --remove-section=.note \
  -o "$libdir/aibubble.so" "$lib"
chmod 644 "$libdir/aibubble.so"
install -m 644 $sql "$root/usr/share/aibubble/sql"
install -m 644 "$here/copyright" "$doc/copyright"
gzip -9n <"$here/changelog" >"$doc/changelog.Debian.gz"
install -m 644 "$here/lintian-overrides" "$overrides/$pkg"
for f in $docs; do
  if [ "$(wc -c <"$f")" -gt 4096 ]; then
    gzip -9n <"$f" >"$doc/$(basename "$f").gz"
  else
    install -m 644 "$f" "$doc"
  fi
done

# dpkg-shlibdeps wants a debian/control beside the package folder.
printf 'Source: aibubble\n\nPackage: %s\nArchitecture: any\n' "$pkg" >"$work/debian/control"
shlibs=$(cd "$work" && dpkg-shlibdeps -O "debian/$pkg/usr/lib/$multiarch/aibubble.so")
depends="${shlibs#shlibs:Depends=}, libsqlite3-0 (>= $min_sqlite)"
size=$(find "$root" -mindepth 1 \( -path "$root/DEBIAN" -prune \) -o -printf '%y %s\n' |
  awk '{ n += ($1 == "f") ? int(($2 + 1023) / 1024) : 1 } END { print n }')
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
  -e "s/@INSTALLED_SIZE@/$size/" "$here/control.in" >"$root/DEBIAN/control"
echo "activate-noawait ldconfig" >"$root/DEBIAN/triggers"
(cd "$root" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$root/DEBIAN/md5sums"

find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/${pkg}_${version}_${arch}.deb"
