# install.mk: the extension installed so that SQLite finds it by its bare
# name (".load aibubble"), and packaged for Debian.
#
#   make install     PREFIX=/usr/local DESTDIR= LIBDIR=$(PREFIX)/lib
#   make uninstall   the same variables
#   make deb         dist/libsqlite3-mod-aibubble_<version>_<arch>.deb
#                    (DEB_DIR=dist: where it goes; no network, no root)
#   make deb-lint    lintian on that package (installs lintian if missing)
#   make deb-check   apt-get installs the package on this machine, loads it
#                    by name from /, then apt-get removes it (root)
#
# How a bare name is found. SQLite dlopen()s "aibubble", then "aibubble.so";
# a name without a slash is looked up by the dynamic loader: LD_LIBRARY_PATH,
# then /etc/ld.so.cache, then the system folders (on Debian amd64
# /lib/x86_64-linux-gnu, /usr/lib/x86_64-linux-gnu, /lib, /usr/lib).
# /usr/local/lib is not a system folder: it is reached only through the
# cache, and ldconfig caches only files named lib*.so*. So the extension,
# which must be called aibubble.so for ".load aibubble", carries the SONAME
# aibubble.so, and install adds the link libaibubble.so -> aibubble.so;
# ldconfig reads the link, finds the SONAME and caches "aibubble.so" (the
# usual libfoo.so -> SONAME pattern). install runs ldconfig itself when root
# installs into the real system (no DESTDIR). The package puts the file in
# the multiarch system folder, like libsqlite3-mod-spatialite, where the
# loader finds it without the cache.

PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
DATADIR ?= $(PREFIX)/share/aibubble
INSTALL ?= install
LDCONFIG ?= /sbin/ldconfig
INSTALL_SQL = $(wildcard sql/*.sql)
INSTALL_DOCS = README.md
DEB_DIR ?= dist
DEB_PACKAGE = libsqlite3-mod-aibubble
deb_file = $(abspath $(DEB_DIR))/$(DEB_PACKAGE)_$(shell dpkg-parsechangelog -l packaging/changelog -S Version)_$(shell dpkg --print-architecture).deb
DEBIAN_PACKAGES += dpkg-dev python3

# Build facts for aibubble_debug() (ext/sql_debug.c), and the SONAME. The
# build date honours SOURCE_DATE_EPOCH (make deb sets it from the changelog);
# the flags leave out prefix maps, which hold the build folder. The flags
# become a C string inside a shell's single quotes: backslashes and double
# quotes are escaped for C, single quotes for the shell.
AIBUBBLE_BUILD_DATE := $(shell date -u $(if $(SOURCE_DATE_EPOCH),-d @$(SOURCE_DATE_EPOCH)) +%Y-%m-%dT%H:%M:%SZ)
aibubble_c_text = $(subst ','\'',$(subst ",\",$(subst \,\\,$(1))))
aibubble_build_info = -DAIBUBBLE_BUILD_DATE='"$(AIBUBBLE_BUILD_DATE)"' \
  -DAIBUBBLE_BUILD_FLAGS='"$(call aibubble_c_text,$(strip $(filter-out -ffile-prefix-map=% -fdebug-prefix-map=%,$(1))))"'
aibubble_asan_flags := $(ASAN_FLAGS)
ALL_CFLAGS += -Wl,-soname,aibubble.so $(call aibubble_build_info,$(CFLAGS))
ASAN_FLAGS += $(call aibubble_build_info,$(aibubble_asan_flags))
$(LIB) $(ASAN_LIB): mk/install.mk

.PHONY: install uninstall deb deb-lint deb-check

# Make splits words at blanks, so a path with one would be cut in pieces:
# install would write folders named after its pieces, uninstall remove them.
install_empty :=
install_blank := $(install_empty) $(install_empty)
install_tab := $(install_empty)	$(install_empty)
install_paths_checked = $(foreach v,DESTDIR PREFIX LIBDIR DATADIR,\
  $(if $(findstring $(install_blank),$($(v)))$(findstring $(install_tab),$($(v))),\
  $(error $(v) holds a blank ("$($(v))"): install paths must not contain spaces)))

install: all
	$(install_paths_checked)
	$(INSTALL) -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(DATADIR)/sql
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/aibubble.so
	ln -sf aibubble.so $(DESTDIR)$(LIBDIR)/libaibubble.so
	$(INSTALL) -m 644 $(INSTALL_SQL) $(DESTDIR)$(DATADIR)/sql
	$(INSTALL) -m 644 $(INSTALL_DOCS) $(DESTDIR)$(DATADIR)
	@$(install_ldconfig)
	@[ -n "$(DESTDIR)" ] || $(LDCONFIG) -p | grep -qF '=> $(LIBDIR)/aibubble.so' || \
	  echo "note: the loader does not search $(LIBDIR); load the extension by its path or set LD_LIBRARY_PATH=$(LIBDIR)"

uninstall:
	$(install_paths_checked)
	rm -f $(DESTDIR)$(LIBDIR)/aibubble.so $(DESTDIR)$(LIBDIR)/libaibubble.so
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/,$(INSTALL_SQL) $(notdir $(INSTALL_DOCS)))
	@for dir in $(DESTDIR)$(DATADIR)/sql $(DESTDIR)$(DATADIR); do \
	  [ ! -d $$dir ] || rmdir $$dir 2>/dev/null || echo "note: $$dir is not empty, left in place"; done
	@$(install_ldconfig)

# Refreshes the loader's cache after a real install by root; a DESTDIR
# install is staged for someone else, who runs ldconfig.
install_ldconfig = [ -n "$(DESTDIR)" ] || [ "$$(id -u)" != 0 ] || $(LDCONFIG)

# The package's own build: Debian's hardening flags, its own folder; then
# packaging/deb.sh strips, lays out and packs it.
deb: deps
	@export DEB_BUILD_MAINT_OPTIONS=hardening=+bindnow && \
	SOURCE_DATE_EPOCH=$$(dpkg-parsechangelog -l packaging/changelog -S Timestamp) && \
	$(MAKE) --no-print-directory LIB=$(DEB_DIR)/deb/aibubble.so \
	  SOURCE_DATE_EPOCH=$$SOURCE_DATE_EPOCH \
	  CFLAGS="$$(dpkg-buildflags --get CFLAGS) $$(dpkg-buildflags --get CPPFLAGS) $$(dpkg-buildflags --get LDFLAGS)" \
	  $(DEB_DIR)/deb/aibubble.so && \
	sh packaging/deb.sh $(DEB_DIR)/deb/aibubble.so $(DEB_DIR) $(VERSION) "$(INSTALL_SQL)" "$(INSTALL_DOCS)"

deb-lint: deb
	@dpkg-query -W -f='$${db:Status-Abbrev}' lintian 2>/dev/null | grep -q '^ii' || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q lintian >/dev/null
	lintian --info --display-info --display-experimental --pedantic \
	  --fail-on error,warning $(deb_file)

# Removes the package even when loading it fails.
deb-check: deb
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall $(deb_file)
	@dpkg -L $(DEB_PACKAGE); status=0; \
	( cd / && set -x && sqlite3 :memory: '.load aibubble' 'select aibubble_version()' && \
	  sqlite3 :memory: '.load aibubble' 'select aibubble_debug()' ) || status=1; \
	DEBIAN_FRONTEND=noninteractive apt-get remove -y -q $(DEB_PACKAGE) || status=1; \
	if dpkg-query -W $(DEB_PACKAGE) >/dev/null 2>&1 || ls /usr/lib/*/aibubble.so 2>/dev/null; then \
	  echo "deb-check: the package is still installed"; status=1; fi; \
	[ $$status = 0 ] && echo "deb-check: installed, loaded by name from /, removed"; exit $$status
