# 1d - month-end rights toolkit.  Plain GNU make; see README.md.

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/vendor-completions

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Werror
PKGS = sqlite3 libarchive libcrypto expat zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CFLAGS) $(INCLUDES) $(PKG_CFLAGS) \
	-DONED_VERSION='"$(VERSION)"'
LIBS = -lcsv $(PKG_LIBS) -lm -pthread

# Debian packages needed to build and test (make deps installs them).
DEPS = gcc make pkg-config libcsv-dev libsqlite3-dev libarchive-dev libssl-dev \
	libexpat1-dev zlib1g-dev sqlite3 perl groff-base jq libxml2-utils gzip tar \
	libarchive-tools openssl zsh parallel

# Everything is found by name: a new tool is cmd/1d-x.c, a new module
# common/LAYER/x.c, a new unit test tests/unit/x.c.  The core has three
# layers, each built once into its own archive: util (generic: CSV, hash
# tables, dates, money, output), format (adapters: DDEX ERN, drops,
# bundles) and domain (the catalogue, ledger, policy, CCT, statements).
# A layer includes only from itself and the layers before it
# (tests/layers.t); a tool links with the archives and takes only the
# objects it uses.
LAYERS = util format domain
TOOLS = $(patsubst cmd/%.c,%,$(wildcard cmd/1d-*.c))
UNIT_SRC = $(wildcard tests/unit/*.c)
# The fuzz harnesses (tests/fuzz/NAME.c): make fuzz runs them under
# libFuzzer; make check replays the inputs kept in tests/fuzz/NAME/ through
# them, built with tests/fuzz/driver.c instead of libFuzzer.
FUZZERS = $(filter-out driver,$(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/*.c)))
INCLUDES = $(patsubst %,-Icommon/%,$(LAYERS)) -Icmd

# B is the build directory and BIN where the tools go: build and bin for
# the normal build, build-asan for the AddressSanitizer +
# UndefinedBehaviorSanitizer pass of make check.
B = build
BIN = bin
LIBS_CORE = $(patsubst %,$(B)/lib%.a,domain format util)
BINS = $(patsubst %,$(BIN)/%,$(TOOLS))
UNITS = $(patsubst tests/unit/%.c,$(B)/unit/%,$(UNIT_SRC)) \
	$(patsubst %,$(B)/unit/fuzz-%,$(FUZZERS))
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
DEPFLAGS = -MMD -MP

.PHONY: all deps check test test-asan demo bench fuzz screenshots install clean
.SECONDARY:
all: $(BINS) $(UNITS)

define layer_rules
$(1)_OBJ = $$(patsubst common/$(1)/%.c,$$(B)/common/$(1)/%.o,$$(wildcard common/$(1)/*.c))
$$(B)/lib$(1).a: $$($(1)_OBJ)
	@rm -f $$@
	$$(AR) rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_rules,$(l))))

$(B)/common/%.o: common/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(B)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# 1d-report's verify replays the month with the sibling tools: a program's
# work, kept in cmd/replay.c beside the tool that runs it.
$(BIN)/1d-report: $(B)/cmd/replay.o

$(BIN)/%: $(B)/cmd/%.o $(LIBS_CORE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(LIBS_CORE) $(LIBS)

$(B)/unit/%: tests/unit/%.c $(LIBS_CORE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Itests/unit -o $@ $< $(LIBS_CORE) $(LIBS)

$(B)/unit/fuzz-%: tests/fuzz/%.c tests/fuzz/driver.c tests/fuzz/fuzz.h $(LIBS_CORE)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -Itests/fuzz -o $@ $< tests/fuzz/driver.c $(LIBS_CORE) $(LIBS)

# libFuzzer with clang, AddressSanitizer and UndefinedBehaviorSanitizer:
# each harness runs FUZZ_SECONDS from a seed corpus made from the tests.
FUZZ_SECONDS = 60
FUZZ_DEPS = clang libclang-rt-14-dev
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
fuzz: deps
	@sh tests/deps.sh $(FUZZ_DEPS)
	@$(MAKE) --no-print-directory CC=clang B=build-fuzz BIN=build-fuzz/bin \
		CFLAGS='$(FUZZ_CFLAGS)' WARNINGS= $(patsubst %,build-fuzz/lib%.a,$(LAYERS))
	@for f in $(FUZZERS); do \
		clang -std=gnu11 $(FUZZ_CFLAGS) -fsanitize=fuzzer -D_GNU_SOURCE $(INCLUDES) -Itests/fuzz \
			-o build-fuzz/fuzz-$$f tests/fuzz/$$f.c \
			$(patsubst %,build-fuzz/lib%.a,domain format util) $(LIBS) || exit 1; \
	done
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

deps:
	@sh tests/deps.sh $(DEPS)

# Every test with prove, then again with the sanitizers; prove's summary
# line closes the output.
check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory B=build-asan BIN=build-asan/bin \
		CFLAGS='$(ASAN_FLAGS)' all
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test

test: all
	ONED_BIN=$(CURDIR)/bin ONED_UNIT=$(CURDIR)/build/unit prove -e sh tests/*.t

test-asan:
	ONED_BIN=$(CURDIR)/build-asan/bin ONED_UNIT=$(CURDIR)/build-asan/unit ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		prove -e sh tests/*.t

# The generator of a realistic month (examples/generate.c), for make demo.
$(B)/generate: examples/generate.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(WARNINGS) -O2 -o $@ examples/generate.c -lz

demo: deps
	@$(MAKE) --no-print-directory all $(B)/generate
	@sh examples/month-end.sh

bench: all
	@sh bench/run.sh

# The README's picture of a statement; needs Debian's chromium.
screenshots: all
	@sh tests/screenshot.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	install -m 644 completions/1d.bash $(DESTDIR)$(BASHCOMPDIR)/1d
	for t in $(TOOLS); do ln -sf 1d $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	install -m 644 completions/_1d $(DESTDIR)$(ZSHCOMPDIR)/_1d

clean:
	rm -rf build build-asan build-fuzz bin
