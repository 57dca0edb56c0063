# Participants over SSH, as convene-ssh(7) sets them up: scripts/ssh-setup
# writes a private sshd on 127.0.0.1 (--config-dir), participants ssh in
# with keys from 80x24 tmux panes (xterm-256color and UTF-8; vt100 with
# LANG=C; an unknown TERM with no locale at all, later 200x60), type name
# and site into the join form, and answer a poll.  The account runs the join client and nothing else: no shell
# command, no port forwarding, no scp or sftp.  The host is killed and
# resumed mid-poll; every participant is back without typing anything.
# Needs root (it creates an account); CI runs it as root.
set -eu
if [ "$(id -u)" != 0 ]; then
	[ -z "${CI:-}" ] || { echo "FAIL: e2e-ssh must run as root in CI" >&2; exit 1; }
	echo "e2e-ssh: SKIP (needs root to create the SSH account)"
	exit 0
fi
for p in /usr/sbin/sshd ssh scp sftp ssh-keygen runuser; do
	command -v "$p" >/dev/null 2>&1 ||
	    { echo "FAIL: $p is missing: install openssh-server and openssh-client (CONVENE_DEPS_FULL=1 scripts/deps)" >&2; exit 1; }
done
. "$(dirname "$0")/lib-e2e.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
plan=$top/sessions/demo.plan
code=room-42

# One account per run, so runs never meet; at most 32 characters.
U=convene-t$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
SSHD_PID=""
FWD_PID=""
ECHO_PID=""
SETUP_DONE=""
ssh_cleanup() {
	for p in $FWD_PID $ECHO_PID; do kill "$p" 2>/dev/null || true; done
	# Closing the panes ends the ssh clients, and with them the
	# participants' sessions, so the account can be deleted.
	tm kill-server 2>/dev/null || true
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null || true
		wait "$SSHD_PID" 2>/dev/null || true
	fi
	[ -z "$SETUP_DONE" ] ||
	    "$top/scripts/ssh-setup" --undo --user "$U" --config-dir "$E2E/sshd" >"$E2E/undo.log" 2>&1 ||
	    { echo "--- ssh-setup --undo"; cat "$E2E/undo.log"; }
	if [ -f "$E2E/sshd.log" ] && [ "${1:-0}" != 0 ]; then
		echo "--- sshd log"; tail -n 20 "$E2E/sshd.log"
	fi
}
# Clean up whatever happened: set +e, so one step that fails (a process
# already gone) does not skip the rest, such as deleting the account.
trap 'rc=$?; set +e; ssh_cleanup $rc; (exit $rc); cleanup' EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The participant account runs convene from here: the repository may sit
# where other users cannot look (/root in CI).  The directories above it
# need only be searchable.
mkdir -p "$E2E/bin"
cp "$CONVENE" "$E2E/bin/convene"
chmod 0755 "$E2E/bin" "$E2E/bin/convene"
chmod 0711 "$E2E"
[ "${E2E%/*}" = /tmp ] || chmod o+x "${E2E%/*}"
ssh-keygen -q -t ed25519 -N '' -C e2e -f "$E2E/key"

PORT=$(free_port)
setup() {
	"$top/scripts/ssh-setup" --config-dir "$E2E/sshd" --port "$PORT" \
	    --user "$U" --keys "$E2E/key.pub" --socket "$CONVENE_SOCKET" \
	    --convene "$E2E/bin/convene"
}
SETUP_DONE=1
setup >"$E2E/setup.log" 2>&1 || { cat "$E2E/setup.log"; fail "ssh-setup failed"; }
grep -qF "ssh -t -p $PORT $U@127.0.0.1" "$E2E/setup.log" || { cat "$E2E/setup.log"; fail "ssh-setup did not print the participants' ssh command"; }
# Idempotent: the same options again change nothing.
cp "$E2E/sshd/sshd_config" "$E2E/sshd_config.first"
setup >"$E2E/setup2.log" 2>&1 || { cat "$E2E/setup2.log"; fail "ssh-setup failed the second time"; }
cmp -s "$E2E/sshd/sshd_config" "$E2E/sshd_config.first" || fail "a second ssh-setup wrote a different sshd_config"
grep -q "^Match User $U\$" "$E2E/sshd/sshd_config" || fail "no Match block"
[ "$(stat -c %a:%G "${CONVENE_SOCKET%/*}")" = "2770:$U" ] || fail "socket directory is not 2770 with group $U"
find "$E2E" -perm -o+w ! -type l ! -type s | grep -q . && fail "ssh-setup left something world-writable"

mkdir -p /run/sshd	# sshd's privilege separation directory
/usr/sbin/sshd -D -e -f "$E2E/sshd/sshd_config" 2>"$E2E/sshd.log" &
SSHD_PID=$!
wait_for 10 listening "$PORT"
start_host "$plan" --code "$code"

SSH="ssh -F /dev/null -i $E2E/key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -p $PORT"
# ssh_pane NAME [ENV...] -- [REMOTE COMMAND]: a participant's terminal.
ssh_pane() {
	name=$1; shift
	envs=""
	while [ "$1" != -- ]; do envs="$envs $1"; shift; done
	shift
	# shellcheck disable=SC2086
	pane "$name" env $envs $SSH -tt -o SendEnv=LANG "$U@127.0.0.1" "$@"
}
# identify NAME "Name" "Site": fill in the join form.
identify() {
	wait_screen "$1" "Your name:" 15
	tm send-keys -t "e2e:$1" -l "$2"
	tm send-keys -t "e2e:$1" Tab
	tm send-keys -t "e2e:$1" -l "$3"
	tm send-keys -t "e2e:$1" Enter
}
connected() { [ "$(status_field participants.connected)" = "$1" ]; }
# wait_gone NAME TEXT: until the pane no longer shows TEXT.
wait_gone() {
	end=$(( $(date +%s) + ${3:-15} ))
	while screen "$1" | grep -qF -- "$2"; do
		[ "$(date +%s)" -lt "$end" ] || { screen "$1"; fail "pane $1 still shows: $2"; }
		sleep 0.1
	done
}

# Three participants; the join code comes after the address.
ssh_pane amal LANG=C.UTF-8 TERM=xterm-256color -- "$code"
ssh_pane bo LANG=C TERM=vt100 -- "$code"
ssh_pane cara -u LANG -u LC_ALL TERM=no-such-terminal -- "$code"
identify amal "Amal Haddad" "St Mary"
identify bo "Bo Li" "North"
identify cara "Cara Díaz" "St Mary"
wait_screen amal "You are in: Amal Haddad (St Mary)" 15
wait_screen bo "You are in: Bo Li (North)" 15
# No locale at all (as from Windows): the screen is ASCII, but what she
# typed was read as the UTF-8 it was.
wait_screen cara "You are in: Cara D?az (St Mary)" 15
[ "$(status_field participants.connected)" = 3 ] || fail "3 participants should be connected"

# A command after the address is not run: with a terminal it gets the join
# form, and without the code the host refuses, saying how to give it.
ssh_pane intruder TERM=xterm-256color -- bash -c id
identify intruder "Mallory" "Nowhere"
wait_screen intruder "needs a join code" 15
tm capture-pane -pJ -t e2e:intruder | grep -qF "the code goes after the address: ssh -t -p $PORT $U@127.0.0.1 CODE" ||
    { screen intruder; fail "the refusal does not say how to give the code over ssh"; }
screen intruder | grep -q "uid=" && fail "bash -c id ran"

# Without a terminal: one line saying to use ssh -t, exit status 2.
rc=0
timeout 20 $SSH "$U@127.0.0.1" bash -c id >"$E2E/cmd.out" 2>&1 </dev/null || rc=$?
[ $rc = 2 ] || { cat "$E2E/cmd.out"; fail "ssh without a terminal: status $rc, expected 2"; }
grep -q "uid=" "$E2E/cmd.out" && fail "ssh ... bash -c id ran id"
grep -qxF "convene: joining needs a terminal; connect with: ssh -t -p $PORT $U@127.0.0.1" "$E2E/cmd.out" ||
    { cat "$E2E/cmd.out"; fail "no ssh -t hint"; }
timeout 20 $SSH "$U@127.0.0.1" "$code" >"$E2E/cmd.out" 2>&1 </dev/null || true
grep -qF "ssh -t -p $PORT $U@127.0.0.1 $code" "$E2E/cmd.out" || { cat "$E2E/cmd.out"; fail "hint lost the join code"; }
# The word plain: the line mode, which needs no terminal (no -t).
{ printf 'Dee\nNorth\n'; sleep 3; printf 'status\nquit\n'; } |
    timeout 20 $SSH "$U@127.0.0.1" plain "$code" >"$E2E/cmd.out" 2>&1 || true
grep -qF "Joined as Dee (North)" "$E2E/cmd.out" && grep -qF "Status:" "$E2E/cmd.out" ||
    { cat "$E2E/cmd.out"; fail "ssh ... plain CODE: no line mode"; }

# The kernel says who connects: the account cannot steer the session, and
# asking for the facilitator's view gets a participant's.
runuser -u "$U" -- "$E2E/bin/convene" ctl --socket "$CONVENE_SOCKET" next >"$E2E/ctl.out" 2>&1 &&
    fail "the participant account used ctl"
pane eve runuser -u "$U" -- "$E2E/bin/convene" join --socket "$CONVENE_SOCKET" \
    --code "$code" --view facilitator --name Eve --site Elsewhere
wait_screen eve "You are in: Eve (Elsewhere)" 15
keys eve q
keys eve y
wait_for 10 connected 3

# No forwarding of any kind: a service on 127.0.0.1 stays out of reach.
# (timeout: were forwarding allowed, ssh -N would wait for ever.)
ECHO_PORT=$(free_port)
python3 -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
while True:
    c, _ = s.accept(); c.sendall(b"secret-service\n"); c.close()' "$ECHO_PORT" &
ECHO_PID=$!
wait_for 10 listening "$ECHO_PORT"
timeout 20 $SSH -W "127.0.0.1:$ECHO_PORT" "$U@127.0.0.1" </dev/null >"$E2E/fwd.out" 2>&1 && fail "ssh -W was allowed"
grep -q secret-service "$E2E/fwd.out" && fail "ssh -W reached the service"
LPORT=$(free_port)
$SSH -N -L "127.0.0.1:$LPORT:127.0.0.1:$ECHO_PORT" "$U@127.0.0.1" </dev/null >"$E2E/fwd-l.log" 2>&1 &
FWD_PID=$!
wait_for 10 listening "$LPORT"
python3 -c 'import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
sys.stdout.write(s.recv(100).decode())' "$LPORT" >"$E2E/fwd.out" 2>&1 || true
grep -q secret-service "$E2E/fwd.out" && fail "ssh -L forwarded a connection"
kill "$FWD_PID"; wait "$FWD_PID" 2>/dev/null || true; FWD_PID=""
timeout 20 $SSH -N -o ExitOnForwardFailure=yes -R "127.0.0.1:$(free_port):127.0.0.1:$ECHO_PORT" "$U@127.0.0.1" </dev/null >/dev/null 2>&1 &&
    fail "ssh -R was allowed"

# Nor files: scp (SFTP and the old protocol) and sftp all fail.
home=$E2E/sshd/home
echo data >"$E2E/up.txt"
SCP="scp -F /dev/null -i $E2E/key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -P $PORT"
SCP="timeout 20 $SCP"
$SCP "$E2E/up.txt" "$U@127.0.0.1:up.txt" </dev/null >/dev/null 2>&1 && fail "scp upload worked"
$SCP -O "$E2E/up.txt" "$U@127.0.0.1:up.txt" </dev/null >/dev/null 2>&1 && fail "scp -O upload worked"
$SCP "$U@127.0.0.1:.hushlogin" "$E2E/down.txt" </dev/null >/dev/null 2>&1 && fail "scp download worked"
$SCP -O "$U@127.0.0.1:.hushlogin" "$E2E/down.txt" </dev/null >/dev/null 2>&1 && fail "scp -O download worked"
echo "get .hushlogin $E2E/down.txt" | timeout 20 sftp -b - -F /dev/null -i "$E2E/key" -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -P "$PORT" "$U@127.0.0.1" >/dev/null 2>&1 && fail "sftp worked"
[ ! -e "$home/up.txt" ] || fail "scp left a file in the account's home"
[ ! -e "$E2E/down.txt" ] || fail "scp fetched a file"

# The poll: a digit in UTF-8, arrow keys on a vt100, a digit in ASCII.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
for p in amal bo cara; do wait_screen $p "or arrows + Enter: answer" 15; done
keys amal 3
keys bo Down Down Down Enter
keys cara 1
wait_screen amal "✓ Received: Fairly"
wait_screen bo "OK Received: Very"
wait_screen cara "OK Received: Not at all"
for p in bo cara; do
	screen $p | LC_ALL=C grep -q '[^[:print:][:space:]]' && fail "non-ASCII on $p's screen"
done
[ "$(status_field answers)" = 3 ] || fail "3 answers expected, got $(status_field answers)"

# A big terminal: the window change travels over ssh.
tm resize-window -t e2e:cara -x 200 -y 60
sleep 0.5
wait_screen cara "How confident"
[ "$(tm display -p -t e2e:cara '#{pane_width}x#{pane_height}')" = 200x60 ] || fail "cara's pane is not 200x60"
screen cara | tail -n 1 | grep -q "or arrows + Enter: answer" || { screen cara; fail "200x60: the key line is not at the bottom"; }

# The host dies mid-poll and comes back: everyone is back on the poll,
# with their answers, without typing anything.
kill -9 "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; HOST_PID=""
for p in amal bo cara; do wait_screen $p "Reconnecting to the host" 15; done
start_host "$plan" --resume --code "$code"
for p in amal bo cara; do wait_gone $p "Reconnecting"; done
wait_screen amal "✓ Received: Fairly" 15
wait_screen bo "OK Received: Very" 15
wait_screen cara "OK Received: Not at all" 15
[ "$(status_field activity.id)" = confidence ] || fail "resume lost the activity"
[ "$(status_field activity.state)" = open ] || fail "the poll should still be open"
[ "$(status_field answers)" = 3 ] || fail "resume lost answers"
[ "$(status_field participants.connected)" = 3 ] || fail "not everyone reconnected"
keys amal 5
wait_screen amal "✓ Received: Completely"

# The account is shared: the same name and site from another terminal get
# the same seat back (the token file in the account's home).
ssh_pane amal2 LANG=C.UTF-8 TERM=xterm-256color -- "$code"
identify amal2 "Amal Haddad" "St Mary"
wait_screen amal2 "Received: Completely" 15
# Amal, Bo, Cara, Dee (line mode) and Eve have joined: five seats.
[ "$(status_field participants.joined)" = 5 ] || fail "the same name and site made a new seat"

"$CONVENE" ctl close >/dev/null
"$CONVENE" export --format csv --out "$E2E/csv"
python3 - "$E2E/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
read = lambda t: list(csv.DictReader(open(os.path.join(d, t + ".csv"), encoding="utf-8")))
people = {p["id"]: p for p in read("participants")}
got = {(people[a["participant"]]["name"], a["site"]): a["value"]
       for a in read("answers") if a["activity"] == "confidence"}
want = {("Amal Haddad", "St Mary"): "Completely", ("Bo Li", "North"): "Very",
        ("Cara Díaz", "St Mary"): "Not at all"}
assert got == want, (got, want)
PY
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID" || fail "host did not exit cleanly after end"
HOST_PID=""
wait_screen amal "The session has ended" 15

# --undo takes it all away again.
ssh_cleanup 0
SSHD_PID=""
ECHO_PID=""
SETUP_DONE=""
grep -q "deleted the account $U" "$E2E/undo.log" || { cat "$E2E/undo.log"; fail "--undo did not delete the account"; }
id "$U" >/dev/null 2>&1 && fail "account $U still exists"
getent group "$U" >/dev/null && fail "group $U still exists"
[ ! -e "${CONVENE_SOCKET%/*}" ] || fail "socket directory still there"
[ ! -e "$E2E/sshd" ] || { ls -la "$E2E/sshd"; fail "--undo left files in the config directory"; }
echo "e2e-ssh: ok"
