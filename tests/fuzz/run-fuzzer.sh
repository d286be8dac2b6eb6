#!/bin/sh
# run-fuzzer.sh FUZZER SEEDS WORK MAX_LEN [DICT [EXTRA-LIBFUZZER-FLAG]]
#
# Runs a libFuzzer target for $WHARF_FUZZ_SECONDS (default 20) seconds,
# starting from the seed corpus SEEDS (read only). New interesting inputs go
# to WORK/corpus (kept between runs), crashes to WORK/artifacts/. Fails when
# the fuzzer finds a crash, a leak, a timeout or an out-of-memory.
set -eu

fuzzer=$1
seeds=$2
work=$3
max_len=$4
extra=${6:-}
dict=${5:-}
seconds=${WHARF_FUZZ_SECONDS:-20}

case $seconds in
  ''|*[!0-9]*) echo "WHARF_FUZZ_SECONDS must be a number of seconds, not '$seconds'" >&2; exit 2 ;;
esac

mkdir -p "$work/corpus" "$work/artifacts"

# libFuzzer checks for leaks after each new input. GLib is built without
# frame pointers, so only the slow unwinder gives LeakSanitizer stacks deep
# enough for tests/lsan.supp to recognise GLib's one-time allocations (type
# registration, caches): without it those are reported as leaks at random.
# It costs about 5x in executions per second.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"
# libFuzzer reports bugs with exit status 77 by default, which meson reads
# as "skipped": make every finding a plain failure.
set -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$max_len" \
       -timeout=10 -error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
       -artifact_prefix="$work/artifacts/"
if [ -n "$dict" ]; then
  set -- "$@" -dict="$dict"
fi
if [ -n "$extra" ]; then
  set -- "$@" "$extra"
  # Without this, LeakSanitizer still checks once at exit.
  case "$extra" in
    -detect_leaks=0) export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" ;;
  esac
fi
set -- "$@" "$work/corpus"
if [ -d "$seeds" ]; then
  set -- "$@" "$seeds"
fi

echo "fuzzing $(basename "$fuzzer") for ${seconds}s (max_len $max_len)"
# A hard stop in case the fuzzer itself hangs (status 124).
status=0
timeout -k 10 $((seconds + 120)) "$fuzzer" "$@" || status=$?
if [ "$status" -eq 77 ]; then
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "$(basename "$fuzzer") failed (status $status); inputs are in $work/artifacts/" >&2
fi
exit "$status"
