#!/bin/sh
# Screenshots of the Status and Logs pages and of the Secrets & Volumes
# window, light and dark, into tests/ui/screenshots/: a sandbox is
# started, tests/fixtures/deploy/web.yaml deployed to it (with two secrets
# and a volume), then the app opens the project (Alt+4: Status, Alt+5:
# Logs) and the resources window is shown by test-resources-window's
# screenshot mode.
#
# Usage: tests/ui/screenshots-status.sh [BUILDDIR]     (default: build)
# Needs: xvfb (xvfb-run), dbus (dbus-run-session), imagemagick (import),
#        xdotool.
set -eu

cd "$(dirname "$0")/../.."
srcdir=$(pwd)
builddir=${1:-${BUILDDIR:-build}}
outdir="$srcdir/tests/ui/screenshots"

if [ "${WHARF_SCREENSHOT_SESSION:-}" = "" ]; then
  for program in xvfb-run dbus-run-session import xdotool; do
    if ! command -v "$program" >/dev/null 2>&1; then
      echo "screenshots-status.sh: $program is missing (apt-get install xvfb xauth dbus imagemagick xdotool)" >&2
      exit 1
    fi
  done
  [ -f "$builddir/build.ninja" ] || meson setup "$builddir"
  ninja -C "$builddir" src/gtk/wharf src/cli/wharf-cli tests/test-status-page tests/test-logs-page \
    tests/test-resources-window data/gschemas.compiled >/dev/null
  mkdir -p "$outdir"
  for style in light dark; do
    echo "Taking $style screenshots…"
    WHARF_SCREENSHOT_SESSION=$style \
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$builddir"
  done
  ls "$outdir"/*status*.png "$outdir"/*logs*.png "$outdir"/resources-*.png
  exit 0
fi

# Inside the X and D-Bus session.
style=$WHARF_SCREENSHOT_SESSION
tmp=$(mktemp -d)
app_pid=
sandbox_pid=
trap 'kill $app_pid $sandbox_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT

cli="$srcdir/$builddir/src/cli/wharf-cli"
wharf="$srcdir/$builddir/src/gtk/wharf"

# The sandbox, and an AWS environment that points at it (no Docker
# context: the app uses the AWS chain).
"$cli" sandbox --listen 127.0.0.1:0 --pace 0.2 > "$tmp/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 50); do
  [ -s "$tmp/sandbox.out" ] && break
  sleep 0.1
done
export AWS_ENDPOINT_URL=$(head -n 1 "$tmp/sandbox.out")
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
export DOCKER_CONFIG="$tmp/docker"
unset DOCKER_CONTEXT AWS_PROFILE AWS_SESSION_TOKEN

"$cli" up -f tests/fixtures/deploy/web.yaml --yes >/dev/null

export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data"
export GTK_A11Y=none NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<KEYFILE
[io/github/wharf/Wharf]
color-scheme='$style'
window-width=1100
window-height=720
KEYFILE

shoot () {
  sleep "${WHARF_SCREENSHOT_DELAY:-2.5}"
  import -window root "$outdir/$1-$style.png"
}

key () {
  xdotool mousemove --sync 600 400 key --clearmodifiers "$@"
}

# The main window on the Status (Alt+4) and Logs (Alt+5) pages.
"$wharf" "$srcdir/tests/fixtures/deploy/web.yaml" &
app_pid=$!
if xdotool search --sync --onlyvisible --class wharf >/dev/null; then
  sleep 1
  key alt+4 && sleep 4 && shoot window-status
  key alt+5 && sleep 6 && shoot window-logs
fi
kill $app_pid
app_pid=

# Each page alone (the ui tests' screenshot modes, with their own
# sandbox), and the Secrets & Volumes window.
for t in status-page:status-page logs-page:logs-page resources-window:resources-window; do
  WHARF_SCREENSHOT_DIR="$outdir" WHARF_SCREENSHOT_STYLE=$style \
  WHARF_BUILD_DIR="$srcdir/$builddir" WHARF_CLI="$cli" G_TEST_SRCDIR="$srcdir/tests" \
    "$srcdir/$builddir/tests/test-${t%%:*}" -p "/${t#*:}/screenshot" >/dev/null
done
