# What `host --ssh` refuses, and what it survives.  A connection over SSH
# gets one terminal and nothing else: no command, no sftp or scp, no agent,
# X11 or port forwarding, and the gateway's own socket never gives more
# than a participant's view, even to the host's user.  A garbage TERM, a
# 0x0 and a 10000x10000 window, a 1 MB paste and 300 half-open
# connections leave the host serving the others.
. "$(dirname "$0")/lib-e2e.sh"
. "$(dirname "$0")/lib-ssh.sh"
PROBE=$(dirname "$CONVENE_REAL")/tests/sshprobe
[ -x "$PROBE" ] || fail "missing $PROBE (make builds it beside the binary)"

start_ssh_host "$SESSIONS/demo.plan"
SSH="ssh $SSH_OPTS -o PubkeyAuthentication=no -o ConnectTimeout=5"
free_port() { python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
refused() { grep -q "refused $1" "$E2E/host.log" || fail "no refusal of $1 in the log"; }

# A command instead of the screens.
out=$(timeout 10 $SSH join@127.0.0.1 'echo hi' 2>&1) && fail "exec succeeded: $out"
case "$out" in *hi*) fail "exec ran: $out";; esac
refused '"echo hi"'

# sftp and scp (the subsystem, and the old scp's exec).
echo secret >"$E2E/f"
timeout 10 sftp -b /dev/null $SSH_OPTS -P "$SSH_PORT" join@127.0.0.1 >/dev/null 2>&1 &&
    fail "sftp succeeded"
for o in "" -O; do
	timeout 10 scp $o -o UserKnownHostsFile="$E2E/known_hosts" \
	    -o LogLevel=ERROR -P "$SSH_PORT" "$E2E/f" join@127.0.0.1:/tmp/convene-e2e-scp \
	    >/dev/null 2>&1 && fail "scp $o succeeded"
done
[ ! -e /tmp/convene-e2e-scp ] || fail "scp wrote a file"
refused '"sftp"'
refused '"scp -t'

# Stdio forwarding (-W): no byte of the target reaches us.
out=$(timeout 10 $SSH -W "127.0.0.1:$SSH_PORT" join@127.0.0.1 </dev/null 2>/dev/null || true)
case "$out" in *SSH-2.0*) fail "-W forwarded";; esac

# Local (-L) and dynamic (-D) forwarding: the tunnel leads nowhere.
# probe_tunnel PORT SOCKS: connect through it to the SSH port itself and
# print what arrives (its banner, if the tunnel worked).
probe_tunnel() {
	python3 - "$1" "$2" "$SSH_PORT" <<'PY'
import socket, struct, sys, time
port, socks, target = int(sys.argv[1]), sys.argv[2] == "1", int(sys.argv[3])
for _ in range(50):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit(0)
s.settimeout(3)
try:
    if socks:
        s.sendall(b"\x05\x01\x00")
        s.recv(2)
        s.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack(">H", target))
        print(s.recv(10))
    print(s.recv(100).decode(errors="replace"))
except OSError:
    pass
PY
}
lp=$(free_port)
$SSH -N -L "127.0.0.1:$lp:127.0.0.1:$SSH_PORT" join@127.0.0.1 2>/dev/null &
fwd=$!
out=$(probe_tunnel "$lp" 0)
kill "$fwd" 2>/dev/null; wait "$fwd" 2>/dev/null || true
case "$out" in *SSH-2.0*) fail "-L forwarded: $out";; esac
dp=$(free_port)
$SSH -N -D "127.0.0.1:$dp" join@127.0.0.1 2>/dev/null &
fwd=$!
out=$(probe_tunnel "$dp" 1)
kill "$fwd" 2>/dev/null; wait "$fwd" 2>/dev/null || true
case "$out" in *SSH-2.0*) fail "-D forwarded: $out";; esac
refused "a forwarding channel"
# Remote forwarding (-R): the server will not listen for us.
timeout 10 $SSH -o ExitOnForwardFailure=yes -N -R "127.0.0.1:$(free_port):127.0.0.1:22" \
    join@127.0.0.1 >/dev/null 2>&1 && fail "-R was accepted"
refused "port forwarding"

# Agent and X11 forwarding asked for by a real client with a terminal.
eval "$(ssh-agent -s)" >/dev/null
DISPLAY=:99 timeout 6 ssh -o LogLevel=INFO $SSH_OPTS -tt -A -X -o ForwardX11Trusted=yes \
    -o PubkeyAuthentication=no join@127.0.0.1 </dev/null >"$E2E/fwd.out" 2>&1 || true
ssh-agent -k >/dev/null
grep -q "X11 forwarding request failed" "$E2E/fwd.out" || fail "X11 forwarding was not refused"
grep -q "return code" "$E2E/fwd.out" || fail "no screen with forwarding asked"
wait_for 10 grep -q "refused agent forwarding" "$E2E/host.log"

# The gateway's socket gives a participant's view, whoever connects.
pview=$("$CONVENE" ctl --socket "$CONVENE_SOCKET.ssh" status 2>&1) &&
    fail "ctl on the participants' socket worked: $pview"
# Asking for the dashboard there gets a participant's seat: without a
# name, none at all.
pane sneak "$CONVENE" join --socket "$CONVENE_SOCKET.ssh" --view facilitator
wait_screen sneak "please give your name"
screen sneak | grep -q "n next" && fail "the participants' socket gave a dashboard"

# A terminal type that does not exist falls back, and the person joins.
PANE_TERM=garbage pane garbage ssh $SSH_OPTS -o PubkeyAuthentication=no join@127.0.0.1
wait_screen garbage "return code"
keys garbage Enter
identify garbage "Gar Bage" North
wait_screen garbage "You are in"

# Windows of no size and of absurd size, and a paste of 1 MB.
"$PROBE" "$SSH_PORT" 0 0 >/dev/null || fail "a 0x0 window got no screen"
"$PROBE" "$SSH_PORT" 10000 10000 >/dev/null || fail "a 10000x10000 window got no screen"
"$PROBE" "$SSH_PORT" 24 80 1000000 >/dev/null || fail "a 1 MB paste got no screen"
# The paste is cut to what a person could send (the gateway's one thread
# draws everyone's screens: a megabyte of keys would hold them all).
wait_for 10 grep -q "sends too fast; dropping input" "$E2E/host.log"

# 300 connections from 127.0.0.2 that never say a word: the others still
# get in, and the silent ones are closed at the handshake deadline.
python3 - "$SSH_PORT" "$E2E/halfopen.done" >"$E2E/halfopen.out" 2>&1 <<'PY' &
import os, socket, sys, time
port, done = int(sys.argv[1]), sys.argv[2]
socks = []
for _ in range(300):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", port))
        socks.append(s)
    except OSError:
        pass
open(done + ".open", "w").write(str(len(socks)))
end = time.time() + 40
while time.time() < end and not os.path.exists(done):
    time.sleep(0.2)
closed = 0
for s in socks:
    s.setblocking(False)
    try:
        while s.recv(1 << 16):	# the banner, then the end
            pass
        closed += 1
    except BlockingIOError:
        pass
    except OSError:
        closed += 1
print("half-open closed by the host:", closed, "of", len(socks))
PY
halfopen=$!
wait_for 20 test -e "$E2E/halfopen.done.open"
"$PROBE" "$SSH_PORT" 24 80 >/dev/null || fail "a participant could not join past 300 half-open connections"
pane late ssh $SSH_OPTS -o PubkeyAuthentication=no join@127.0.0.1
wait_screen late "return code"
keys late Enter
identify late Late South
wait_screen late "You are in"
sleep 22	# past the 20 s handshake deadline
touch "$E2E/halfopen.done"
wait "$halfopen" || true
grep -q "closed by the host: 300 of 300" "$E2E/halfopen.out" ||
    fail "half-open connections were not closed: $(cat "$E2E/halfopen.out")"

# And the host serves on: the people in are still in and can answer.
[ "$(status_field participants.connected)" -ge 2 ] || fail "participants lost"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen late "or arrows + Enter"
keys late 2
wait_screen late "Received: A little"
[ "$(status_field answers)" = 1 ] || fail "the answer was not stored"
echo "e2e-ssh-refusals: ok"
