#!/bin/sh
# run-sandbox.sh: try Wharf with no AWS account (`make run`).
#
# Starts the Wharf sandbox (a local AWS region, `wharf-cli sandbox`) on a
# free loopback port, writes an AWS profile and an ECS Docker context named
# "wharf-sandbox" into a private folder of the build directory, and runs a
# program with an environment that points at that folder only: the user's
# ~/.aws and ~/.docker are neither read nor written. The sandbox stops when
# the program exits.
#
#   tools/run-sandbox.sh [OPTIONS] [-- COMMAND [ARG…]]
#
#   --build-dir DIR   meson build directory (default: build)
#   --state-dir DIR   private folder (default: BUILD-DIR/sandbox-run)
#   --pace SECONDS    sandbox pace (default: $WHARF_SANDBOX_PACE or 0.5)
#   --print-env       set up, leave the sandbox running and print the
#                     environment as shell "export" lines
#   --stop            stop a sandbox left running by --print-env
#
# Without COMMAND: the desktop app on examples/hello when there is a
# display, else `wharf-cli up` then `wharf-cli ps` on it. The listening
# port is $WHARF_SANDBOX_PORT when set and free, else any free port.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

src_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=build
state_dir=
pace=${WHARF_SANDBOX_PACE:-0.5}
mode=run
name=wharf-sandbox

while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build_dir=$2; shift 2 ;;
    --state-dir) state_dir=$2; shift 2 ;;
    --pace) pace=$2; shift 2 ;;
    --print-env) mode=print-env; shift ;;
    --stop) mode=stop; shift ;;
    --) shift; break ;;
    -*) echo "run-sandbox.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done

case $build_dir in /*) ;; *) build_dir=$(pwd)/$build_dir ;; esac
[ -n "$state_dir" ] || state_dir=$build_dir/sandbox-run
mkdir -p "$state_dir"
state_dir=$(cd "$state_dir" && pwd)
cli=$build_dir/src/cli/wharf-cli
pid_file=$state_dir/sandbox.pid

# Stops the sandbox of an earlier run of this state folder, if it still
# runs (only a wharf-cli sandbox process: the pid may have been reused).
stop_sandbox () {
  [ -f "$pid_file" ] || return 0
  old=$(cat "$pid_file")
  if [ -n "$old" ] && tr '\0' ' ' 2>/dev/null < "/proc/$old/cmdline" | grep -q 'wharf-cli sandbox'; then
    kill "$old" 2>/dev/null || true
    i=0
    while kill -0 "$old" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
  fi
  rm -f "$pid_file"
}

if [ "$mode" = stop ]; then
  stop_sandbox
  exit 0
fi
if [ ! -x "$cli" ]; then
  echo "run-sandbox.sh: $cli is missing: build first (make build)" >&2
  exit 1
fi
stop_sandbox

# Starts the sandbox on port $1; sets $url, or fails when it could not
# listen there.
start_sandbox () {
  : > "$state_dir/sandbox.url"
  "$cli" sandbox --listen "127.0.0.1:$1" --pace "$pace" \
    < /dev/null > "$state_dir/sandbox.url" 2> "$state_dir/sandbox.log" &
  echo $! > "$pid_file"
  i=0
  while [ $i -lt 300 ]; do
    url=$(head -n 1 "$state_dir/sandbox.url")
    case $url in http://*/) return 0 ;; esac
    kill -0 "$(cat "$pid_file")" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  stop_sandbox
  return 1
}

trap 'stop_sandbox' EXIT
trap 'exit 130' INT TERM
port=${WHARF_SANDBOX_PORT:-0}
if ! start_sandbox "$port"; then
  if [ "$port" = 0 ] || ! { echo "run-sandbox.sh: port $port is busy, using a free port" >&2; start_sandbox 0; }; then
    echo "run-sandbox.sh: the sandbox did not start:" >&2
    cat "$state_dir/sandbox.log" >&2
    exit 1
  fi
fi

# The private AWS and Docker configuration, rewritten at every run.
rm -rf "$state_dir/aws" "$state_dir/docker"
mkdir -p "$state_dir/aws" "$state_dir/docker"
cat > "$state_dir/aws/config" <<EOF
# Written by tools/run-sandbox.sh: the Wharf sandbox at $url
[profile $name]
region = us-east-1
endpoint_url = $url
EOF
(umask 077 && cat > "$state_dir/aws/credentials" <<EOF
# The sandbox's built-in test credentials (not an AWS secret)
[$name]
aws_access_key_id = test
aws_secret_access_key = test
EOF
)

# What the programs see: the private folder, and none of the user's AWS
# or Docker settings that would win over it.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN \
      AWS_DEFAULT_PROFILE AWS_REGION AWS_DEFAULT_REGION AWS_ROLE_ARN \
      AWS_WEB_IDENTITY_TOKEN_FILE AWS_CONTAINER_CREDENTIALS_RELATIVE_URI \
      AWS_CONTAINER_CREDENTIALS_FULL_URI AWS_ENDPOINT_URL DOCKER_CONTEXT DOCKER_HOST
for var in $(env | sed -n 's/^\(AWS_ENDPOINT_URL_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
export DOCKER_CONFIG="$state_dir/docker"
export AWS_CONFIG_FILE="$state_dir/aws/config"
export AWS_SHARED_CREDENTIALS_FILE="$state_dir/aws/credentials"
export AWS_PROFILE="$name"
export WHARF_SANDBOX_URL="$url"

if ! { "$cli" context create ecs "$name" --profile "$name" \
         --description "Wharf sandbox (local AWS region at $url)" &&
       "$cli" context use "$name"; } > "$state_dir/setup.log" 2>&1; then
  cat "$state_dir/setup.log" >&2
  exit 1
fi

if [ "$mode" = print-env ]; then
  value=
  for var in DOCKER_CONFIG AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_PROFILE WHARF_SANDBOX_URL; do
    eval "value=\$$var"
    printf "export %s='%s'\n" "$var" "$(printf %s "$value" | sed "s/'/'\\\\''/g")"
  done
  printf "export WHARF_SANDBOX_PID=%s\n" "$(cat "$pid_file")"
  printf "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_REGION AWS_DEFAULT_REGION AWS_ENDPOINT_URL DOCKER_CONTEXT DOCKER_HOST\n"
  trap - EXIT  # the sandbox keeps running: --stop ends it
  exit 0
fi

echo "Wharf sandbox: $url (Docker context and AWS profile \"$name\", in $state_dir)" >&2
example=$src_dir/examples/hello/compose.yaml
status=0
if [ $# -gt 0 ]; then
  "$@" || status=$?
elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build_dir/src/gtk/wharf" ]; then
  # A Wharf already running on the session bus would be handed the file
  # and open it without this environment: give this one a bus of its own.
  bus=
  command -v dbus-run-session > /dev/null && bus="dbus-run-session --"
  GSETTINGS_SCHEMA_DIR=$build_dir/data $bus "$build_dir/src/gtk/wharf" "$example" || status=$?
else
  echo "No display: deploying the example project to the sandbox with wharf-cli" >&2
  "$cli" up --yes -f "$example" && "$cli" ps -f "$example" || status=$?
fi
exit $status
