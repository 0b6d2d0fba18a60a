# Shared helpers for scripts that run the app under Xvfb (sourced, not run).
# shellcheck shell=bash

# Prints the first free X display number at or above $1 (default 99).
free_display() {
  local n=${1:-99}
  while [ -e "/tmp/.X${n}-lock" ] || [ -e "/tmp/.X11-unix/X${n}" ]; do n=$((n + 1)); done
  echo "$n"
}

# Starts Xvfb on :$1 in the background; sets XVFB_PID and DISPLAY; waits for its socket.
start_xvfb() {
  local n=$1 log=$2
  Xvfb ":${n}" -screen 0 1400x900x24 -nolisten tcp -noreset >"$log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":${n}"
  for _ in $(seq 1 100); do
    [ -S "/tmp/.X11-unix/X${n}" ] && return 0
    kill -0 "$XVFB_PID" 2>/dev/null || { echo "Xvfb failed to start:" >&2; cat "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "Xvfb :${n} did not come up" >&2
  return 1
}

# Starts a private D-Bus session bus (single instance, notifications, portals need one);
# sets DBUS_SESSION_BUS_ADDRESS and DBUS_SESSION_BUS_PID.
start_dbus() {
  eval "$(dbus-launch --sh-syntax)"
  export DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID
}

# Waits until something listens on 127.0.0.1:$1 (up to $2 seconds).
wait_port() {
  local port=$1 secs=${2:-20}
  for _ in $(seq 1 $((secs * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port ${port} after ${secs}s" >&2
  return 1
}

# Kills a process group (started with setsid) or a single pid, politely then firmly.
kill_tree() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM -- "-${pid}" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-${pid}" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}
