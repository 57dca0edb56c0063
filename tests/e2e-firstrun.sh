# A newcomer's first run: a join where nothing listens says so and how to
# start a host, then joins once one starts; someone connected before gets
# the quiet "Reconnecting" instead.  The join line names a command that
# works (the binary's path, or plain convene once it is on the PATH).
# make run's scripts/demo offers to resume an unfinished demo session.
. "$(dirname "$0")/lib-e2e.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
plan=$top/sessions/demo.plan
nope=$E2E/nope.sock

# A first join on a path where nothing listens (a typo, or too early).
pane first "$CONVENE" join --socket "$nope" --name Ada --site North
wait_screen first "nothing is listening at $nope"
wait_joined first "$CONVENE host PLAN --socket $nope"
wait_screen first "or check the path: without --socket"
wait_screen first "Waiting for a host there"
screen first | grep -q "Reconnecting" && fail "a first join said Reconnecting"
# The host starts there: Ada is in, with nothing more typed.
"$CONVENE" host "$plan" --headless --socket "$nope" >>"$E2E/host.log" 2>&1 &
HOST_PID=$!
wait_screen first "Demo learning session" 15
wait_for 10 sh -c "'$CONVENE' ctl --socket '$nope' status | grep -q '\"connected\": *1'"
# Connected before: the host stops, and the same join again only waits
# quietly for it to come back.
kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; HOST_PID=""
grep -q -- "--socket $nope --resume" "$E2E/host.log" || fail "the stopped host did not print how to resume"
tm kill-window -t e2e:first
pane again "$CONVENE" join --socket "$nope" --name Ada --site North
wait_screen again "Reconnecting to the host"
screen again | grep -q "nothing is listening" && fail "a returning participant was told nothing listens"
tm kill-window -t e2e:again

# Over ssh (the wrapper of ssh-setup sets CONVENE_SSH_JOIN) nobody can
# start a host: the participant is told the session has not started.
pane ssh env CONVENE_SSH_JOIN=1 "$CONVENE" join --socket "$nope" --name Bo --site South
wait_screen ssh "The session has not started yet"
tm kill-window -t e2e:ssh

# A plain join (no --name) shows its name form at once, before any key.
"$CONVENE" host "$plan" --headless --socket "$nope" --db "$E2E/form.db" >>"$E2E/host.log" 2>&1 &
HOST_PID=$!
wait_for 10 "$CONVENE" ctl --socket "$nope" status
pane form "$CONVENE" join --socket "$nope"
wait_screen form "Your name:"
tm kill-window -t e2e:form
kill "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; HOST_PID=""

# Installed: plain convene is on the PATH, and the join line says so.
mkdir -p "$E2E/bin"
ln -s "$CONVENE" "$E2E/bin/convene"
pane host env PATH="$E2E/bin:$PATH" convene host "$plan" --db "$E2E/installed.db"
wait_screen host "Join: convene join --socket $CONVENE_SOCKET"
keys host q
keys host y
wait_joined host "convene host $plan --db $E2E/installed.db --socket $CONVENE_SOCKET --resume"
tm kill-window -t e2e:host

# make run after a quit: scripts/demo offers the unfinished demo session.
export CONVENE_DB="$E2E/demo.db"
pane demo env CONVENE_DB="$CONVENE_DB" sh "$top/scripts/demo" "$CONVENE"
wait_screen demo "Join: $CONVENE join"
sid=$("$CONVENE" ctl status | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"])')
keys demo q
keys demo y
wait_screen demo "--resume"
tm kill-window -t e2e:demo
pane demo2 env CONVENE_DB="$CONVENE_DB" sh "$top/scripts/demo" "$CONVENE"
wait_screen demo2 "The demo session $sid (started"
wait_screen demo2 "Resume it? [Y/n]"
keys demo2 Enter
wait_screen demo2 "Join: $CONVENE join"
[ "$("$CONVENE" ctl status | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"])')" = "$sid" ] ||
	fail "make run did not resume session $sid"
keys demo2 q
keys demo2 y
wait_screen demo2 "--resume"
echo "e2e-firstrun: ok"
