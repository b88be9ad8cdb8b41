# scrm: `make` builds libscrm.a and every program into bin/.
# Targets: all, check, demo, bench, install PREFIX=..., man, clean.
# BUILD=san builds with AddressSanitizer and UBSan under build/san/.

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
BUILD ?= rel
O := build/$(BUILD)

PKGS := jansson zlib libutf8proc libsodium libcrypto
STD := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla -Wundef -Wpointer-arith -Wno-format-nonliteral
ifeq ($(BUILD),san)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
BINDIR := $(O)/bin
else
OPT := -O2 -g
BINDIR := bin
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(STD) $(WARN) $(OPT) -Icommon -I$(O)/gen $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)
ALL_LIBS = $(PKG_LIBS) -lcsv -lm -pthread $(LDLIBS)

COMMON_SRCS := $(wildcard common/*.c)
GEN_SRCS := $(patsubst scripts/gen/%.sh,$(O)/gen/%.c,$(wildcard scripts/gen/*.sh))
LIB_OBJS := $(COMMON_SRCS:%.c=$(O)/%.o) $(GEN_SRCS:.c=.o)
TOOLS := $(notdir $(patsubst %/main.c,%,$(wildcard cmd/*/main.c)))
PROGS := $(TOOLS:%=$(BINDIR)/%)
TOOL_LIBS := $(TOOLS:%=$(O)/cmd/%/tool.a)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNITS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/%)
DATA := $(wildcard data/cn/*.csv data/cn/*.tsv data/tags/*.json data/models/*.json data/personas/*.json)

.PHONY: all progs units check check-deps demo bench install man clean lint-man
.SUFFIXES:
.SECONDARY:

all: progs

progs: $(PROGS)

units: $(UNITS)

$(O)/libscrm.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# Reference tables (data/cn) compiled into the library by small generators.
$(O)/gen/%.c: scripts/gen/%.sh scripts/embed-json.sh $(DATA)
	@mkdir -p $(dir $@)
	sh $< > $@.tmp && mv $@.tmp $@

$(O)/gen/%.o: $(O)/gen/%.c
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c -o $@ $<

# Each tool: cmd/<tool>/main.c plus its own modules (tool.a, shared with unit tests).
# ($(PCT) keeps patsubst's '%' from being taken for the rule's stem)
PCT := %
.SECONDEXPANSION:
$(O)/cmd/%/tool.a: $$(patsubst $$(PCT).c,$(O)/$$(PCT).o,$$(filter-out cmd/$$*/main.c,$$(wildcard cmd/$$*/*.c)))
	@mkdir -p $(dir $@)
	@rm -f $@
	ar rcs $@ $^

$(BINDIR)/%: $(O)/cmd/%/main.o $(O)/cmd/%/tool.a $(O)/libscrm.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LIBS)

$(O)/tests/%: $(O)/tests/unit/%.o $(TOOL_LIBS) $(O)/libscrm.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(TOOL_LIBS) $(O)/libscrm.a $(ALL_LIBS)

# Dependencies first: a fresh Debian machine sets itself up here.
check-deps:
	@sh scripts/install-deps.sh

check: check-deps
	$(MAKE) progs units
	$(MAKE) BUILD=san progs units
	sh tests/run.sh

demo: check-deps
	$(MAKE) progs
	sh scripts/demo.sh

bench: check-deps
	$(MAKE) progs units $(O)/bench/floor $(O)/bench/ndjson_floor
	sh scripts/bench.sh

# The libcsv + jansson floor scrm-clean is compared with in make bench.
$(O)/bench/floor: tests/bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) -O2 -o $@ $< $(PKG_CFLAGS) $(PKG_LIBS) -lcsv

# The bare jansson parse-and-dump floor of the stages over profiles.
$(O)/bench/ndjson_floor: tests/bench/ndjson_floor.c
	@mkdir -p $(dir $@)
	$(CC) $(STD) -O2 -o $@ $< $(PKG_CFLAGS) $(PKG_LIBS)

# Regenerate the generated parts of the man pages (SYNOPSIS, OPTIONS).
man: progs
	sh scripts/gen-man.sh

lint-man:
	mandoc -Tlint -Wwarning man/*.1 man/*.7

install: progs
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/man/man7
	for p in $(TOOLS); do install -m 755 bin/$$p $(DESTDIR)$(PREFIX)/bin/$$p; done
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/; done
	for m in man/*.7; do install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man7/; done

clean:
	rm -rf build bin

-include $(shell find build -name '*.d' 2>/dev/null)
