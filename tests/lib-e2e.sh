# tests/lib-e2e.sh: helpers for end-to-end tests that drive the real binary
# in real terminals through tmux.  Source it; it sets up a private socket,
# database, tmux server and HOME under $TMPDIR, and cleans up on exit.
set -eu
: "${CONVENE:?set CONVENE to the convene binary}"
E2E=$(mktemp -d "${TMPDIR:-/tmp}/e2e.XXXXXX")
# CONVENE_WRAP (e.g. "valgrind -q"; see tests/check-valgrind.sh) runs every
# convene process under it, through a script that panes call like the
# binary.  CONVENE_REAL stays the binary, for finding programs beside it.
CONVENE_REAL=$CONVENE
if [ -n "${CONVENE_WRAP:-}" ]; then
	mkdir -p "$E2E/bin"
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$CONVENE_WRAP" "$CONVENE" \
	    >"$E2E/bin/convene"
	chmod +x "$E2E/bin/convene"
	CONVENE=$E2E/bin/convene
fi
export CONVENE_SOCKET="$E2E/run/convene.sock"
export CONVENE_DB="$E2E/convene.db"
export HOME="$E2E/home"
export LANG=C.UTF-8
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")" && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
mkdir -p "$HOME"
TMUX_SOCK="$E2E/tmux.sock"
HOST_PID=""

# Panes run their commands through tmux's default shell, which tmux takes
# from SHELL; pane() quotes with bash's printf %q, so it must be bash.
tm() { SHELL=${BASH:-/bin/bash} tmux -S "$TMUX_SOCK" "$@"; }

cleanup() {
	rc=$?
	[ -n "$HOST_PID" ] && kill "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null
	tm kill-server 2>/dev/null || true
	if [ $rc -ne 0 ] && [ -f "$E2E/host.log" ]; then
		echo "--- host log"; tail -n 30 "$E2E/host.log"
	fi
	rm -rf "$E2E"
	exit $rc
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

# start_host PLAN [ARGS...]: a headless host in the background.
start_host() {
	"$CONVENE" host "$@" --headless >>"$E2E/host.log" 2>&1 &
	HOST_PID=$!
	wait_for 10 "$CONVENE" ctl status
}

# wait_for SECONDS CMD...: retry CMD until it succeeds.
wait_for() {
	t=$1; shift
	end=$(( $(date +%s) + t ))
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || fail "timed out waiting for: $*"
		sleep 0.1
	done
}

# pane NAME CMD: a new 80x24 tmux window running CMD (the environment
# above is passed through explicitly).
pane() {
	name=$1; shift
	cmd=$(printf '%q ' "$@")
	envs="env HOME=$HOME LANG=${LANG} CONVENE_SOCKET=$CONVENE_SOCKET TERM=${PANE_TERM:-xterm-256color} LSAN_OPTIONS=$LSAN_OPTIONS"
	[ -n "${NO_COLOR:-}" ] && envs="$envs NO_COLOR=$NO_COLOR"
	if tm has-session -t e2e 2>/dev/null; then
		tm new-window -d -t e2e -n "$name" "$envs $cmd; sleep 30"
	else
		tm new-session -d -s e2e -n "$name" -x "${PANE_COLS:-80}" -y "${PANE_ROWS:-24}" "$envs $cmd; sleep 30"
		tm set-option -t e2e -g default-size "${PANE_COLS:-80}x${PANE_ROWS:-24}" >/dev/null 2>&1 || true
	fi
}

screen() { tm capture-pane -p -t "e2e:$1"; }

# wait_screen NAME TEXT [SECONDS]: until the pane shows TEXT.
wait_screen() {
	end=$(( $(date +%s) + ${3:-10} ))
	until screen "$1" 2>/dev/null | grep -qF -- "$2"; do
		if [ "$(date +%s)" -ge "$end" ]; then
			echo "--- pane $1:"; screen "$1" || true
			fail "pane $1 never showed: $2"
		fi
		sleep 0.1
	done
}

keys() { n=$1; shift; tm send-keys -t "e2e:$n" "$@"; }

# status_field PATH: a field of `convene ctl status`, e.g. answers or
# activity.state (dots walk into objects).
status_field() {
	"$CONVENE" ctl status | python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[k] if v is not None else None
print("null" if v is None else str(v).lower() if isinstance(v,bool) else v)' "$1"
}

# wait_joined NAME TEXT [SECONDS]: like wait_screen, for text that a shell
# printed and the terminal wrapped (tmux joins the wrapped lines).
wait_joined() {
	end=$(( $(date +%s) + ${3:-10} ))
	until tm capture-pane -p -J -t "e2e:$1" 2>/dev/null | grep -qF -- "$2"; do
		if [ "$(date +%s)" -ge "$end" ]; then
			echo "--- pane $1:"; screen "$1" || true
			fail "pane $1 never showed: $2"
		fi
		sleep 0.1
	done
}

# wait_field PATH VALUE [SECONDS]: until `ctl status` gives VALUE at PATH
# (a reconnect or a resume takes a moment; one look could be too early).
wait_field() {
	end=$(( $(date +%s) + ${3:-15} ))
	until [ "$(status_field "$1" 2>/dev/null)" = "$2" ]; do
		if [ "$(date +%s)" -ge "$end" ]; then
			fail "status $1 is $(status_field "$1" 2>&1), never $2"
		fi
		sleep 0.1
	done
}

# wait_gone NAME TEXT [SECONDS]: until the pane no longer shows TEXT (a
# key was taken: the screen it changes is gone).
wait_gone() {
	end=$(( $(date +%s) + ${3:-10} ))
	while screen "$1" 2>/dev/null | grep -qF -- "$2"; do
		if [ "$(date +%s)" -ge "$end" ]; then
			echo "--- pane $1:"; screen "$1" || true
			fail "pane $1 still shows: $2"
		fi
		sleep 0.1
	done
}
