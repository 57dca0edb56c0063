# tests/lib-ssh.sh: for the end-to-end tests of `convene host --ssh`.
# Source it after lib-e2e.sh.  The host runs as a user without root: as
# `nobody` through setpriv when the tests run as root (CI), else as the
# user running them.  Every convene command of the test (ctl, export)
# runs as that user too, so the host trusts them as its own; the ssh
# and plink clients run as the test's user, like any participant.
for p in ssh ssh-keygen plink python3; do
	command -v "$p" >/dev/null 2>&1 ||
	    fail "$p is missing: install openssh-client, putty-tools and python3 (scripts/deps)"
done
# The plans the tests host: sessions/ of the tree, or a copy of it.
SESSIONS=$(cd "$(dirname "$0")/../sessions" && pwd)
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || fail "setpriv is missing (util-linux)"
	HOST_USER=nobody
	# The host's files: its own, under a tree it can reach.
	chmod 711 "$(dirname "$E2E")" "$E2E"
	mkdir -p "$E2E/as" "$E2E/bin"
	chown nobody "$E2E/as"
	# The tree may sit where nobody cannot read (a clone in /root, as
	# in scripts/fresh-test): the binary, the plans with their forms and
	# the leak suppressions go where the host can reach them.
	cp "$CONVENE_REAL" "$E2E/bin/convene-real"
	cp -R "$SESSIONS" "$E2E/sessions"
	cp "$(dirname "$0")/lsan.supp" "$E2E/lsan.supp"
	chmod -R a+rX "$E2E/bin" "$E2E/sessions" "$E2E/lsan.supp"
	SESSIONS=$E2E/sessions
	LSAN_OPTIONS=$(printf '%s' "$LSAN_OPTIONS" | sed "s|suppressions=[^:]*|suppressions=$E2E/lsan.supp|")
	export LSAN_OPTIONS
	printf '#!/bin/sh\nexec setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=%s XDG_DATA_HOME=%s/data XDG_STATE_HOME=%s/state XDG_RUNTIME_DIR=%s/run %s "$@"\n' \
	    "$E2E/as" "$E2E/as" "$E2E/as" "$E2E/as" "${CONVENE_WRAP:-} $E2E/bin/convene-real" >"$E2E/bin/convene-as"
	chmod 755 "$E2E/bin/convene-as"
	CONVENE=$E2E/bin/convene-as
else
	HOST_USER=$(id -un)
	export XDG_DATA_HOME="$E2E/as/data" XDG_STATE_HOME="$E2E/as/state"
	mkdir -p "$E2E/as"
fi
export CONVENE_SOCKET="$E2E/as/run/convene.sock"
export CONVENE_DB="$E2E/as/convene.db"
touch "$E2E/host.log"
chmod 666 "$E2E/host.log"

# A free TCP port on loopback.
SSH_PORT=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SSH_OPTS="-p $SSH_PORT -o UserKnownHostsFile=$E2E/known_hosts -o StrictHostKeyChecking=accept-new -o LogLevel=ERROR -o ServerAliveInterval=0"

# start_ssh_host PLAN [ARGS...]: the host with --ssh on loopback, then a
# check that neither it nor its gateway runs as root.
start_ssh_host() {
	start_host "$@" --ssh "127.0.0.1:$SSH_PORT"
	wait_for 10 sh -c "$CONVENE ctl status | grep -q '\"gateway\":true'"
	uid=$(ps -o uid= -p "$HOST_PID" | tr -d ' ')
	[ -n "$uid" ] && [ "$uid" != 0 ] || fail "the host runs as root (uid $uid)"
	for k in $(ps -o pid= --ppid "$HOST_PID"); do
		kuid=$(ps -o uid= -p "$k" | tr -d ' ')
		[ -z "$kuid" ] || [ "$kuid" != 0 ] || fail "the gateway runs as root"
	done
	SSH_FPR=$(status_field ssh.fingerprint)
	case "$SSH_FPR" in SHA256:*) ;; *) fail "no fingerprint in status: $SSH_FPR";; esac
}

# A key for a participant's ssh client.
new_key() {
	ssh-keygen -q -t ed25519 -N '' -C "$1" -f "$E2E/$1.key"
}

# drop PANE: the pane's client dies at once, as when a laptop's lid shuts
# (the host sees the connection close, not a goodbye).
drop() {
	for k in $(ps -o pid= --ppid "$(tm list-panes -t "e2e:$1" -F '#{pane_pid}')"); do
		kill -9 "$k" 2>/dev/null || true
	done
}

# identify PANE NAME SITE: fill in the join form.
identify() {
	wait_screen "$1" "Your name:" 15
	tm send-keys -t "e2e:$1" -l "$2"
	tm send-keys -t "e2e:$1" Tab
	[ -z "$3" ] || tm send-keys -t "e2e:$1" -l "$3"
	tm send-keys -t "e2e:$1" Enter
}
