#!/bin/sh
# Takes screenshots of the desktop app under Xvfb, in the light and the dark
# style, into tests/ui/screenshots/ (ignored by git): the welcome page with
# recent projects, each project page, the narrow layout, the primary menu,
# preferences, keyboard shortcuts and about.
#
# Usage: tests/ui/screenshots.sh [BUILDDIR]     (default: build)
# Needs: xvfb (xvfb-run), dbus (dbus-run-session), imagemagick (import),
#        xdotool (key presses and window size).
set -eu

cd "$(dirname "$0")/../.."
srcdir=$(pwd)
builddir=${1:-${BUILDDIR:-build}}
outdir="$srcdir/tests/ui/screenshots"

if [ "${WHARF_SCREENSHOT_SESSION:-}" = "" ]; then
  for program in xvfb-run dbus-run-session import xdotool; do
    if ! command -v "$program" >/dev/null 2>&1; then
      echo "screenshots.sh: $program is missing (apt-get install xvfb xauth dbus imagemagick xdotool)" >&2
      exit 1
    fi
  done
  [ -f "$builddir/build.ninja" ] || meson setup "$builddir"
  ninja -C "$builddir" src/gtk/wharf data/gschemas.compiled >/dev/null
  mkdir -p "$outdir"
  for style in light dark; do
    echo "Taking $style screenshots…"
    WHARF_SCREENSHOT_SESSION=$style \
      xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$0" "$builddir"
  done
  ls "$outdir"/*.png
  exit 0
fi

# Inside the X and D-Bus session.
style=$WHARF_SCREENSHOT_SESSION
tmp=$(mktemp -d)
trap 'kill "$app_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT

# A keyfile backend seeds the preferences: the style and recent projects.
export XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache" XDG_DATA_HOME="$tmp/data"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR="$srcdir/$builddir/data"
export GTK_A11Y=none NO_AT_BRIDGE=1 LC_ALL=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
cat > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile" <<EOF
[io/github/wharf/Wharf]
color-scheme='$style'
window-width=1100
window-height=720
recent-projects=[['$srcdir/examples/hello/compose.yaml'], ['$HOME/src/shop/compose.yaml', '$HOME/src/shop/compose.prod.yaml'], ['/srv/intranet/docker-compose.yml']]
EOF

wharf="$srcdir/$builddir/src/gtk/wharf"

# Waits for the screen to settle (transitions last 200-300 ms, more on a
# loaded machine), then waits until something is drawn.
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
key alt+4 && shoot status
key alt+5 && shoot logs
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
