# A participant whose terminal stops (a laptop lid closed; here SIGSTOP
# of its `convene join`) stops reading.  The host keeps serving everyone
# else, drops it once snapshots have waited unread for about 30 s, and
# when it wakes it finds its seat again by itself, on what is on screen.
. "$(dirname "$0")/lib-e2e.sh"

start_host "$(dirname "$0")/../sessions/demo.plan"
pane amal "$CONVENE" join --name Amal --site "St Mary"
pane bo "$CONVENE" join --name Bo --site North
wait_screen amal "You are in"
wait_screen bo "You are in"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "or arrows + Enter: answer"
pid=$(pgrep -f "^$CONVENE join --name Amal") || fail "no client for Amal"
kill -STOP "$pid"
trap 'kill -CONT "$pid" 2>/dev/null; cleanup' EXIT
start=$(date +%s)
# Screens keep changing while Amal sleeps: the room goes on.
"$CONVENE" ctl say "Back in five minutes" >/dev/null
keys bo 4
wait_screen bo "Received: Very"
until grep -q "client of Amal: stalled" "$E2E/host.log"; do
	[ $(( $(date +%s) - start )) -lt 60 ] || fail "Amal was never dropped"
	sleep 1
done
took=$(( $(date +%s) - start ))
[ "$took" -ge 25 ] || fail "dropped after ${took}s, before 30 s of not reading"
[ "$(status_field participants.connected)" = 1 ] || fail "Amal still counted as here"
keys bo 3
wait_screen bo "Received: Fairly"
kill -CONT "$pid"
both_here() { [ "$(status_field participants.connected)" = 2 ]; }
wait_for 20 both_here
wait_screen amal "Back in five minutes" 10
[ "$(status_field participants.joined)" = 2 ] || fail "Amal got a new seat"
echo "e2e-stall: ok (dropped after ${took}s, back on the same seat)"
