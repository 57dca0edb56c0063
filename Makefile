# convene: build, test, install.  See README.md.
PREFIX ?= /usr/local
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR ?=
BUILD ?= build
PKG_CONFIG ?= pkg-config
CC ?= cc

LIBS_PC = ncursesw formw menuw panelw libuv sqlite3 libssh
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Display text is cut to fit on purpose; gcc's guesses about it are noise.
CFLAGS += -Wno-format-truncation
# src/ is one folder a concern (see HACKING): each on the include path.
SRC_DIRS = $(sort $(dir $(wildcard src/*/*.c src/*/*.h)))
CFLAGS += $(patsubst %/,-I%,$(SRC_DIRS)) -Iscreens $(shell $(PKG_CONFIG) --cflags $(LIBS_PC))
CFLAGS += -DCONVENE_FORMS_DIR='"$(PREFIX)/share/convene/forms"'
# An uninstalled binary (run from this tree) also finds the tree's forms.
CFLAGS += -DCONVENE_TREE='"$(CURDIR)"'
LDLIBS += $(shell $(PKG_CONFIG) --libs $(LIBS_PC)) -lm
# CaDiCaL (Debian's libcadical-dev) is the exact method for small cafe rooms.
# Debian ships no pkg-config file for it: use one if present, else the
# static library, which is C++ and so needs the C++ runtime.
ifeq ($(shell $(PKG_CONFIG) --exists cadical && echo y),y)
CFLAGS += -DHAVE_CADICAL $(shell $(PKG_CONFIG) --cflags cadical)
LDLIBS += $(shell $(PKG_CONFIG) --libs cadical) -lstdc++
else ifneq ($(wildcard /usr/include/ccadical.h),)
CFLAGS += -DHAVE_CADICAL
LDLIBS += -lcadical -lstdc++
endif
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(WERROR),1)
CFLAGS += -Werror
endif

SRC = $(wildcard src/*/*.c) $(wildcard screens/*.c)
LIB_OBJ = $(patsubst %.c,$(BUILD)/%.o,$(filter-out src/cmd/main.c,$(SRC)))
MAIN_OBJ = $(BUILD)/src/cmd/main.o
TESTS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test-*.c))
BENCHES = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/bench-*.c))

all: $(BUILD)/convene

$(BUILD)/convene: $(LIB_OBJ) $(MAIN_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test-%: tests/test-%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(CMOCKA_LIBS) $(LDLIBS)

$(BUILD)/tests/bench-%: tests/bench-%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

deps:
	@scripts/deps

run: deps all
	@scripts/demo $(BUILD)/convene

# Tests build separately, with AddressSanitizer and UBSan, under build/test.
test: deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/test SANITIZE=1 check

check: $(BUILD)/convene $(TESTS) $(BENCHES)
	@scripts/run-tests $(BUILD)

bench: all $(BENCHES)
	@scripts/bench $(BUILD)

# The README's `make run` and `make test` in a throwaway clean Debian 12
# root, from the committed tree (as root; CI runs it).
fresh-test:
	@scripts/fresh-test

MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(MANPREFIX)/man7
	install -m 755 $(BUILD)/convene $(DESTDIR)$(PREFIX)/bin/convene
	install -d $(DESTDIR)$(PREFIX)/share/convene/forms
	install -m 644 sessions/forms/*.form $(DESTDIR)$(PREFIX)/share/convene/forms/
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/)
	$(if $(MAN5),install -m 644 $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/)
	$(if $(MAN7),install -m 644 $(MAN7) $(DESTDIR)$(MANPREFIX)/man7/)

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/convene
	rm -rf $(DESTDIR)$(PREFIX)/share/convene
	rm -f $(addprefix $(DESTDIR)$(MANPREFIX)/man1/,$(notdir $(MAN1)))
	rm -f $(addprefix $(DESTDIR)$(MANPREFIX)/man5/,$(notdir $(MAN5)))
	rm -f $(addprefix $(DESTDIR)$(MANPREFIX)/man7/,$(notdir $(MAN7)))

clean:
	rm -rf $(BUILD)

.PHONY: all deps run test check bench fresh-test install uninstall clean

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Fuzzing: libFuzzer targets (tests/fuzz-*.c) over the core, built with
# clang and ASan/UBSan under $(BUILD)/fuzz, without main.c.  Each runs for
# FUZZ_SECONDS from the seeds in tests/fuzz/TARGET/; any crash, leak or
# undefined behaviour fails the run.  See tests/fuzz/run.
FUZZ_SECONDS ?= 20
FUZZ_CC ?= clang
FUZZERS = $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/fuzz-*.c))
ifeq ($(FUZZ),1)
CFLAGS += -fsanitize=fuzzer-no-link -fno-sanitize-recover=all -Wno-unknown-warning-option
endif

$(BUILD)/tests/fuzz-%: tests/fuzz-%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP $(LDFLAGS) -fsanitize=fuzzer -o $@ $< $(LIB_OBJ) $(LDLIBS)

fuzz:
	@command -v $(FUZZ_CC) >/dev/null || CONVENE_DEPS_FULL=1 scripts/deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/fuzz CC=$(FUZZ_CC) \
	    SANITIZE=1 FUZZ=1 fuzz-build
	@tests/fuzz/run $(BUILD)/fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZERS)

# Helper programs of the end-to-end tests (tests/e2e-crash.sh finds them
# beside the binary under test).
E2E_HELPERS = $(BUILD)/tests/ackcheck $(BUILD)/tests/sshprobe
check: $(E2E_HELPERS)

$(BUILD)/tests/sshprobe: tests/sshprobe.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LDLIBS)

$(BUILD)/tests/ackcheck: tests/ackcheck.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

# The end-to-end tests with every convene process under valgrind (memcheck),
# built without sanitizers under $(BUILD)/valgrind.
check-valgrind: deps
	@command -v valgrind >/dev/null || CONVENE_DEPS_FULL=1 scripts/deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/valgrind all $(BUILD)/valgrind/tests/ackcheck
	@tests/check-valgrind.sh $(BUILD)/valgrind

.PHONY: fuzz fuzz-build check-valgrind
