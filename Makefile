# bulwark build. `make` builds build/bulwark; `make check` installs deps and runs every test;
# `make run` installs deps, builds and runs `bulwark audit`.
BUILD   ?= build
CC      ?= cc
PKGS    := jansson yaml-0.1 libhs zlib
OPT     ?= -O2 -g
SAN     ?=
CFLAGS_BASE = -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers \
             -pthread $(OPT) -Isrc $(shell pkg-config --cflags $(PKGS))
CFLAGS_ALL = $(CFLAGS_BASE) $(SAN) $(CFLAGS)
# Programs run during the build: no sanitizers, whatever the build they serve.
CFLAGS_HOST = $(CFLAGS_BASE) $(CFLAGS)
# Opened on first use, not linked (src/util/dynlib.h): headers only, and the names to open.
# libcrypto, sqlite3, zstd and ISA-L too: loaded at start, their relocations were two thirds of
# the dynamic loader's work for every process (`bulwark lint` uses none of them). ISA-L has no
# pkg-config file: its headers are in the default path, its directory is libc's.
LAZY_PKGS := libcurl libmicrohttpd libarchive libcrypto sqlite3 libzstd libpq libxml-2.0
soname = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2).so 2>/dev/null | \
                 awk '$$1 == "SONAME" { print $$2 }')
CFLAGS_BASE += $(shell pkg-config --cflags $(LAZY_PKGS)) \
               -DCURL_SONAME='"$(or $(call soname,libcurl,libcurl),libcurl.so.4)"' \
               -DMHD_SONAME='"$(or $(call soname,libmicrohttpd,libmicrohttpd),libmicrohttpd.so.12)"' \
               -DARCHIVE_SONAME='"$(or $(call soname,libarchive,libarchive),libarchive.so.13)"' \
               -DCRYPTO_SONAME='"$(or $(call soname,libcrypto,libcrypto),libcrypto.so.3)"' \
               -DSQLITE_SONAME='"$(or $(call soname,sqlite3,libsqlite3),libsqlite3.so.0)"' \
               -DPQ_SONAME='"$(or $(call soname,libpq,libpq),libpq.so.5)"' \
               -DZSTD_SONAME='"$(or $(call soname,libzstd,libzstd),libzstd.so.1)"' \
               -DXML_SONAME='"$(or $(call soname,libxml-2.0,libxml2),libxml2.so.2)"' \
               -DISAL_SONAME='"$(or $(call soname,zlib,libisal),libisal.so.2)"'
# vectorscan: the runtime is linked; the compiler (libhs, with its C++ runtime) is opened only
# when a database must be compiled (src/secret/db_expr.c).
HS_LIBDIR := $(shell pkg-config --variable=libdir libhs)
CFLAGS_BASE += -DHS_SONAME='"$(or $(call soname,libhs,libhs),libhs.so.5)"'
LDLIBS_ALL = $(shell pkg-config --libs $(filter-out libhs,$(PKGS))) -L$(HS_LIBDIR) -lhs_runtime \
             -pthread $(LDLIBS)
# `make STATIC=1` takes these from their static archives: the dynamic loader's relocations of
# each shared library are paid by every process. Not the default: a statically linked libyaml or
# jansson misses the distribution's security updates until bulwark is rebuilt, and they parse
# untrusted input. Sanitizer builds link all shared.
STATIC_LIBS = $(if $(STATIC),-ljansson -lyaml -lhs_runtime)
comma := ,
LDLIBS_STATIC = -Wl$(comma)-Bstatic $(STATIC_LIBS) -Wl$(comma)-Bdynamic \
                $(shell pkg-config --libs zlib) -lm -pthread $(LDLIBS)
LDLIBS_BIN = $(if $(and $(STATIC_LIBS),$(if $(SAN),,y)),$(LDLIBS_STATIC),$(LDLIBS_ALL))
# The tests and fuzz targets write tar files with libarchive themselves, and hash, compress and
# query SQLite directly.
LDLIBS_TEST = $(LDLIBS_ALL) $(shell pkg-config --libs libarchive libcrypto sqlite3 libzstd) -lisal

LIB_SRC  := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
RULE_SRC := $(filter src/rules/%,$(filter-out src/rules/registry.c,$(LIB_SRC)))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/rules_gen.o \
            $(BUILD)/obj/gen/secret_db_blob.o
HDRS     := $(shell find src -name '*.h')
# What scripts/gen-secret-db.c links: the kind table and the code that renders and compiles it
# (db.c, which loads the generated blob, is left out); an archive, so only what is used is linked.
SDB_SRC  := $(filter-out src/secret/db.c,$(wildcard src/secret/*.c)) $(wildcard src/util/*.c) \
            src/model/finding.c
UNIT_SRC := $(wildcard tests/unit/*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)

all: $(BUILD)/bulwark
.PHONY: all run check tests asan fuzz clean deps man completions install uninstall

$(BUILD)/gen/rules_gen.c: $(RULE_SRC) scripts/gen-registry
	@mkdir -p $(@D)
	scripts/gen-registry $@ $(RULE_SRC)

$(BUILD)/obj/gen/rules_gen.o: $(BUILD)/gen/rules_gen.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

# The secret pattern database, compiled and serialized at build time (startup then skips it).
$(BUILD)/host/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_HOST) -c $< -o $@

$(BUILD)/host/libsecretgen.a: $(SDB_SRC:%.c=$(BUILD)/host/obj/%.o)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/host/gen-secret-db: $(BUILD)/host/obj/scripts/gen-secret-db.o $(BUILD)/host/libsecretgen.a
	$(CC) $(CFLAGS_HOST) $^ $(LDLIBS_ALL) -o $@

$(BUILD)/gen/secret_db_blob.c: $(BUILD)/host/gen-secret-db
	@mkdir -p $(@D)
	$(BUILD)/host/gen-secret-db $@

$(BUILD)/obj/gen/secret_db_blob.o: $(BUILD)/gen/secret_db_blob.c src/secret/db_blob.h src/secret/secret_int.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libbulwark.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# PIE with lazy binding, as the toolchain links by default: -z now resolved all ~240 of the
# binary's own PLT slots at start (+0.12M instructions, 2.7% of a one-file lint), and -no-pie
# saved 1.5% but gives up address randomisation of the binary.
# Relative relocations packed (DT_RELR, glibc 2.36): the binary's ~5000 pointers in its rule and
# kind tables took 2.9M of the dynamic loader's 3.6M cycles at every start; packed, 0.3M.
RELR := $(shell echo 'int main(void){return 0;}' | $(CC) -x c - -Wl,-z,pack-relative-relocs \
                -o /dev/null 2>/dev/null && echo -Wl,-z,pack-relative-relocs)
$(BUILD)/bulwark: $(BUILD)/obj/src/main.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $(if $(SAN),,$(RELR)) $^ $(LDLIBS_BIN) -o $@

$(BUILD)/unit_tests: $(UNIT_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/tests/fixture_image.o \
		$(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

$(BUILD)/fixture_runner: $(BUILD)/obj/tests/fixture_runner.o $(BUILD)/obj/tests/fixture_image.o \
		$(BUILD)/obj/tests/fixture_vulns.o $(BUILD)/obj/tests/fixture_signature.o \
		$(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

# Version comparison driver for the oracle tests (tests/vers/oracle.sh).
$(BUILD)/vers_cmp: $(BUILD)/obj/tests/vers/vers_cmp.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

# dpkg's own comparison (libdpkg from libdpkg-dev), the dpkg oracle; not part of bulwark.
$(BUILD)/vers_dpkg_oracle: tests/vers/dpkg_oracle.c
	$(CC) $(CFLAGS_HOST) $(shell pkg-config --cflags libdpkg) $< $(shell pkg-config --libs libdpkg) -o $@

tests: $(BUILD)/bulwark $(BUILD)/unit_tests $(BUILD)/fixture_runner $(BUILD)/vers_cmp

# Sanitizer build of everything the tests run.
asan:
	$(MAKE) BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" tests

# libFuzzer targets: clang, every parser of untrusted input.
fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang OPT="-O1 -g" SAN="-fsanitize=fuzzer-no-link,address,undefined" \
		$(FUZZ_SRC:fuzz/%.c=build/fuzz/%)

$(BUILD)/fuzz_%: $(BUILD)/obj/fuzz/fuzz_%.o $(BUILD)/libbulwark.a
	$(CC) -fsanitize=fuzzer,address,undefined $^ $(LDLIBS_TEST) -o $@

# The language comparators' oracle driver (tests/vers/lang.sh).
tests: $(BUILD)/vers_cmp_lang
$(BUILD)/vers_cmp_lang: $(BUILD)/obj/tests/vers/vers_cmp_lang.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

# sshd_config as the host collector reads it, for the sshd -T oracle (tests/cli/ssh_oracle.sh).
tests: $(BUILD)/ssh_eff
$(BUILD)/ssh_eff: $(BUILD)/obj/tests/ssh/ssh_eff.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

# The runtime watch's process snapshot as text, for tests/integration/watch_proc.sh.
tests: $(BUILD)/watch_snap
$(BUILD)/watch_snap: $(BUILD)/obj/tests/watch/watch_snap.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

# Follows an engine's event stream, for tests/cli/events.sh.
tests: $(BUILD)/events_tail
$(BUILD)/events_tail: $(BUILD)/obj/tests/events/events_tail.o $(BUILD)/libbulwark.a
	$(CC) $(SAN) $^ $(LDLIBS_TEST) -o $@

deps:
	scripts/install-deps

# The manual pages and the shell completion scripts, printed by the binary from the tables that
# make its --help and `bulwark rules`, so they cannot drift from it.
man: $(BUILD)/man/.stamp
$(BUILD)/man/.stamp: $(BUILD)/bulwark
	rm -rf $(@D)
	mkdir -p $(@D)
	for p in $$($(BUILD)/bulwark man); do $(BUILD)/bulwark man $$p >$(@D)/$$p.1 || exit 1; done
	touch $@

completions: $(BUILD)/completion/.stamp
$(BUILD)/completion/.stamp: $(BUILD)/bulwark
	mkdir -p $(@D)
	$(BUILD)/bulwark completion bash >$(@D)/bulwark
	$(BUILD)/bulwark completion zsh >$(@D)/_bulwark
	$(BUILD)/bulwark completion fish >$(@D)/bulwark.fish
	touch $@

# `make install PREFIX=/usr DESTDIR=/tmp/stage`. The docker CLI plugin is a relative symlink to
# the binary (which takes the name it is run by), so a staged tree moves as a whole. zsh looks
# in vendor-completions for /usr (Debian's fpath), site-functions elsewhere.
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/$(if $(filter /usr,$(PREFIX)),vendor-completions,site-functions)
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
PLUGINDIR   ?= $(PREFIX)/lib/docker/cli-plugins

install: $(BUILD)/bulwark man completions
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR) $(DESTDIR)$(PLUGINDIR)
	install -m 755 $(BUILD)/bulwark $(DESTDIR)$(BINDIR)/bulwark
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(BUILD)/completion/bulwark $(DESTDIR)$(BASHCOMPDIR)/bulwark
	install -m 644 $(BUILD)/completion/_bulwark $(DESTDIR)$(ZSHCOMPDIR)/_bulwark
	install -m 644 $(BUILD)/completion/bulwark.fish $(DESTDIR)$(FISHCOMPDIR)/bulwark.fish
	ln -sfr $(DESTDIR)$(BINDIR)/bulwark $(DESTDIR)$(PLUGINDIR)/docker-bulwark

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bulwark $(DESTDIR)$(PLUGINDIR)/docker-bulwark \
		$(DESTDIR)$(MANDIR)/man1/bulwark.1 $(DESTDIR)$(MANDIR)/man1/bulwark-*.1 \
		$(DESTDIR)$(BASHCOMPDIR)/bulwark $(DESTDIR)$(ZSHCOMPDIR)/_bulwark \
		$(DESTDIR)$(FISHCOMPDIR)/bulwark.fish

# The engine that answers is audited; with none, root gets a demo engine (scripts/run, scripts/demo).
# Findings (exit 1) are the expected outcome of an audit; only an error (2) fails `make run`.
run: deps
	$(MAKE) all
	@scripts/run $(BUILD)

check: deps
	scripts/check

clean:
	rm -rf build
