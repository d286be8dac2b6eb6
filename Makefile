# Thin wrapper around meson: installs what a fresh Debian 12 machine lacks,
# then configures, builds and runs or tests. See README.md.

BUILDDIR      ?= build
ASAN_BUILDDIR ?= build-asan
FUZZ_BUILDDIR ?= build-fuzz
FUZZ_SECONDS  ?= 20
MESON_TEST    ?= meson test --print-errorlogs --num-processes 2
XRUN          ?= xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --

DEBS = meson ninja-build pkg-config gcc clang libclang-rt-14-dev \
       libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libyaml-dev \
       libsoup-3.0-dev libgnutls28-dev glib-networking \
       libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev \
       gettext xvfb xauth dbus imagemagick desktop-file-utils appstream \
       docker-compose xdotool

# The pyenv Python (aws, boto3, moto, cfn-lint) is part of the machine.
export PATH := $(HOME)/.pyenv/shims:$(HOME)/.pyenv/bin:$(PATH)

.PHONY: all deps setup build run check check-asan check-fuzz bench clean

all: build

deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

setup: deps
	@if [ -f $(BUILDDIR)/build.ninja ]; then meson setup --reconfigure $(BUILDDIR) >/dev/null; \
	else meson setup $(BUILDDIR); fi

build: setup
	meson compile -C $(BUILDDIR)

# A deploy with no AWS account: the desktop app on the example project,
# with the sandbox (a local AWS region) as its Docker context; without a
# display, wharf-cli deploys the example there. The user's ~/.aws and
# ~/.docker are left alone (see tools/run-sandbox.sh).
run: build
	@tools/run-sandbox.sh --build-dir $(BUILDDIR)

check: build
	$(XRUN) $(MESON_TEST) -C $(BUILDDIR)
	$(MAKE) check-asan
	$(MAKE) check-fuzz

check-asan: deps
	@if [ ! -f $(ASAN_BUILDDIR)/build.ninja ]; then \
	  meson setup $(ASAN_BUILDDIR) -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug; fi
	meson compile -C $(ASAN_BUILDDIR)
	$(XRUN) $(MESON_TEST) -C $(ASAN_BUILDDIR) --no-suite bench --timeout-multiplier 3

check-fuzz: deps
	@if [ ! -f $(FUZZ_BUILDDIR)/build.ninja ]; then \
	  CC=clang meson setup $(FUZZ_BUILDDIR) -Dfuzzing=true -Dgui=disabled -Dbuildtype=debugoptimized; fi
	meson compile -C $(FUZZ_BUILDDIR)
	WHARF_FUZZ_SECONDS=$(FUZZ_SECONDS) $(MESON_TEST) -C $(FUZZ_BUILDDIR) --suite fuzz

bench: build
	$(MESON_TEST) -C $(BUILDDIR) --benchmark --verbose

clean:
	rm -rf $(BUILDDIR) $(ASAN_BUILDDIR) $(FUZZ_BUILDDIR)
