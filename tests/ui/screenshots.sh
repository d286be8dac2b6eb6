#!/bin/sh
# Screenshots of every page of the desktop app, in the light and the dark
# style, under Xvfb: the one entry point for reviewing the GUI.
#
# Usage: tests/ui/screenshots.sh [BUILDDIR [OUTDIR]]
#   BUILDDIR  a meson build directory, set up if missing (default: build)
#   OUTDIR    where the PNGs go (default: tests/ui/screenshots, ignored by git)
#
# Each style runs in its own X server (xvfb-run, 1280×800) and D-Bus
# session, with a sandbox (`wharf-cli sandbox`) as AWS, to which
# tests/fixtures/deploy/web.yaml is deployed first. It writes NAME-STYLE.png
# for each NAME below (STYLE: light, dark):
#
#   the app, driven by keys (xdotool), on examples/hello/compose.yaml
#   (not deployed):
#     welcome  project  template  deployment  status-not-deployed
#     logs-not-deployed  menu  preferences  shortcuts  about
#     narrow (360 px wide)
#   the app on the deployed web.yaml:
#     window-status  window-logs
#   the screenshot modes of the ui tests (tests/gtk: WHARF_SCREENSHOT_DIR
#   and WHARF_SCREENSHOT_STYLE set; see wharf_test_screenshot_begin()):
#     test-deployment-page   deploy-review  deploy-running
#                            deploy-review-update  deploy-failed
#                            deploy-delete-dialog
#     test-status-page       status
#     test-logs-page         logs
#     test-resources-window  resources-secrets  resources-volumes
#                            resources-delete
#     test-context-selector  context-button  context-selector
#     test-contexts-window   contexts-window-contexts
#                            contexts-window-profiles  context-dialog
#
# Xvfb has no compositor, so popovers get black corners; when xcompmgr is
# installed it runs for the session. A shot that stays black is reported
# on stderr ("nothing drawn").
#
# Needs: xvfb (xvfb-run), dbus (dbus-run-session), imagemagick (import,
#        convert), xdotool.
set -eu

cd "$(dirname "$0")/../.."
srcdir=$(pwd)
builddir=${1:-${BUILDDIR:-build}}
outdir=${2:-$srcdir/tests/ui/screenshots}
case $builddir in /*) ;; *) builddir="$srcdir/$builddir" ;; esac
case $outdir in /*) ;; *) outdir="$srcdir/$outdir" ;; esac

tests="test-deployment-page test-status-page test-logs-page test-resources-window
       test-context-selector test-contexts-window"

if [ "${WHARF_SCREENSHOT_SESSION:-}" = "" ]; then
  for program in xvfb-run dbus-run-session import convert xdotool; do
    if ! command -v "$program" >/dev/null 2>&1; then
      echo "screenshots.sh: $program is missing (apt-get install xvfb xauth dbus imagemagick xdotool)" >&2
      exit 1
    fi
  done
  [ -f "$builddir/build.ninja" ] || meson setup "$builddir"
  targets="src/gtk/wharf src/cli/wharf-cli data/gschemas.compiled"
  for t in $tests; do targets="$targets tests/$t"; done
  # shellcheck disable=SC2086
  ninja -C "$builddir" $targets >/dev/null
  mkdir -p "$outdir"
  for style in light dark; do
    echo "Taking $style screenshots…"
    WHARF_SCREENSHOT_SESSION=$style \
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$builddir" "$outdir"
  done
  ls "$outdir"/*.png
  exit 0
fi

# Inside the X and D-Bus session.
style=$WHARF_SCREENSHOT_SESSION
tmp=$(mktemp -d)
app_pid=
sandbox_pid=
compositor_pid=
trap 'kill $app_pid $sandbox_pid $compositor_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT

cli="$builddir/src/cli/wharf-cli"
wharf="$builddir/src/gtk/wharf"

if command -v xcompmgr >/dev/null 2>&1; then
  xcompmgr &
  compositor_pid=$!
fi

# The sandbox, and an AWS environment that points at it (no Docker
# context: the app uses the AWS chain).
"$cli" sandbox --listen 127.0.0.1:0 --pace 0.2 > "$tmp/sandbox.out" &
sandbox_pid=$!
for _ in $(seq 50); do
  [ -s "$tmp/sandbox.out" ] && break
  sleep 0.1
done
AWS_ENDPOINT_URL=$(head -n 1 "$tmp/sandbox.out")
export AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export AWS_CONFIG_FILE=/nonexistent AWS_SHARED_CREDENTIALS_FILE=/nonexistent
export DOCKER_CONFIG="$tmp/docker"
unset DOCKER_CONTEXT AWS_PROFILE AWS_SESSION_TOKEN
"$cli" up -f tests/fixtures/deploy/web.yaml --yes >/dev/null

# A keyfile backend seeds the preferences: the style and recent projects.
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$builddir/data"
export GTK_A11Y=none NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[io/github/wharf/Wharf]
color-scheme='$style'
window-width=1100
window-height=720
recent-projects=[['$srcdir/examples/hello/compose.yaml'], ['$HOME/src/shop/compose.yaml', '$HOME/src/shop/compose.prod.yaml'], ['/srv/intranet/docker-compose.yml']]
EOF

# Waits for the screen to settle (transitions last 200-300 ms, more on a
# loaded machine), then until something is drawn.
shoot () {
  sleep "${WHARF_SCREENSHOT_DELAY:-1.5}"
  for _ in $(seq 30); do
    import -window root "$outdir/$1-$style.png"
    drawn=$(convert "$outdir/$1-$style.png" -format '%[fx:mean>0.05]' info:)
    [ "$drawn" = 1 ] && return 0
    sleep 1
  done
  echo "screenshots.sh: nothing drawn for $1" >&2
}

key () {
  xdotool mousemove --sync 600 400 key --clearmodifiers "$@"
}

app_action () {
  gdbus call --session --dest io.github.wharf.Wharf --object-path /io/github/wharf/Wharf \
    --method org.gtk.Actions.Activate "$1" '[]' '{}' >/dev/null
}

stop_app () {
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# 1. The app from its welcome page.
"$wharf" &
app_pid=$!
window=$(xdotool search --sync --onlyvisible --class wharf | head -n 1)
shoot welcome

# A second `wharf FILE` reaches the running instance, which opens the
# project in its empty window.
"$wharf" "$srcdir/examples/hello/compose.yaml"
shoot project
key alt+2 && shoot template
key alt+3 && shoot deployment
key alt+4 && shoot status-not-deployed
key alt+5 && shoot logs-not-deployed
key alt+1

key F10 && shoot menu
key Escape

app_action preferences && shoot preferences
key Escape
key ctrl+question && shoot shortcuts
key Escape
app_action about && shoot about
key Escape

# The narrowest width GNOME asks apps to support.
xdotool windowsize --sync "$window" 360 720 || true
sleep 2
shoot narrow
stop_app

# 2. The app on the deployed project: Status (Alt+4) and Logs (Alt+5).
"$wharf" "$srcdir/tests/fixtures/deploy/web.yaml" &
app_pid=$!
if xdotool search --sync --onlyvisible --class wharf >/dev/null; then
  sleep 1
  key alt+4 && sleep 4 && shoot window-status
  key alt+5 && sleep 6 && shoot window-logs
fi
stop_app

# 3. The ui tests' screenshot modes, each with its own sandbox or stores.
# test-deployment-page shoots during its tests; the others have a
# /…/screenshot case, run alone.
for t in $tests; do
  case $t in
    test-deployment-page) only= ;;
    *) only="/${t#test-}/screenshot" ;;
  esac
  echo "  $t"
  # shellcheck disable=SC2086
  if ! WHARF_SCREENSHOT_DIR="$outdir" WHARF_SCREENSHOT_STYLE=$style \
       WHARF_BUILD_DIR="$builddir" WHARF_SOURCE_DIR="$srcdir" WHARF_CLI="$cli" \
       G_TEST_SRCDIR="$srcdir/tests" G_TEST_BUILDDIR="$builddir/tests" GSETTINGS_BACKEND=memory \
       "$builddir/tests/$t" ${only:+-p "$only"} > "$tmp/$t.log" 2>&1; then
    echo "screenshots.sh: $t failed:" >&2
    tail -n 20 "$tmp/$t.log" >&2
  fi
done
