#!/bin/sh
# Checks that po/POTFILES.in lists every file with translatable strings
# (C files calling _(), N_(), C_(), NC_() or ngettext(); UI files with
# translatable="yes"; the desktop, metainfo and schema files) and that
# every file it lists exists. Usage: check-potfiles.sh [SOURCE_ROOT]
set -u

root=${1:-$(dirname "$0")/..}
cd "$root" || exit 2
potfiles=po/POTFILES.in
status=0

if [ ! -f "$potfiles" ]; then
  echo "Bail out! $potfiles is missing"
  exit 1
fi

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles")

# Files that must be listed.
c_files=$(grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|ngettext|g_dngettext)[[:space:]]*\(' \
            --include='*.c' src 2>/dev/null | sort)
ui_files=$(grep -rl 'translatable="yes"' --include='*.ui' data src 2>/dev/null | sort)
data_files=$(ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null | sort)

missing=0
for f in $c_files $ui_files $data_files; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "# missing from $potfiles: $f"
    missing=$((missing + 1))
  fi
done

stale=0
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "# listed in $potfiles but absent: $f"
    stale=$((stale + 1))
  fi
done

echo "1..2"
if [ "$missing" -eq 0 ]; then
  echo "ok 1 - every file with translatable strings is listed"
else
  echo "not ok 1 - $missing file(s) with translatable strings not listed"
  status=1
fi
if [ "$stale" -eq 0 ]; then
  echo "ok 2 - every listed file exists"
else
  echo "not ok 2 - $stale listed file(s) do not exist"
  status=1
fi
exit $status
