#!/bin/sh
# Takes screenshots of the deployment page against the sandbox, in the
# light and the dark style, into tests/ui/screenshots/ (ignored by git):
# the change-set review, a running timeline, a failed timeline with its
# banner, and the Delete Stack confirmation. The ui test
# test-deployment-page drives the window; with WHARF_SCREENSHOT_DIR set it
# slows the sandbox down and shoots the screen at those moments.
#
# Usage: tests/ui/screenshots-deploy.sh [BUILDDIR]     (default: build)
# Needs: xvfb (xvfb-run), dbus (dbus-run-session), imagemagick (import).
set -eu

cd "$(dirname "$0")/../.."
srcdir=$(pwd)
builddir=${1:-${BUILDDIR:-build}}
outdir="$srcdir/tests/ui/screenshots"

for program in xvfb-run dbus-run-session import; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "screenshots-deploy.sh: $program is missing (apt-get install xvfb xauth dbus imagemagick)" >&2
    exit 1
  fi
done
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
ninja -C "$builddir" tests/test-deployment-page src/cli/wharf-cli data/gschemas.compiled >/dev/null
mkdir -p "$outdir"
for style in light dark; do
  echo "Taking $style screenshots…"
  WHARF_SCREENSHOT_DIR="$outdir" WHARF_SCREENSHOT_STYLE=$style \
    xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
    meson test -C "$builddir" --no-rebuild --print-errorlogs test-deployment-page >/dev/null
done
ls "$outdir"/deploy-*.png
