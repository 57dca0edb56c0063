# The facilitator's own dashboard in a real terminal: keys drive the
# agenda, the tally is live, quit asks first.  A second host on the same
# socket is refused; a stale socket from a killed host is replaced; a
# host restarted with --resume gets everyone back on the same activity.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"

pane host "$CONVENE" host "$plan" --db "$CONVENE_DB"
wait_screen host "People are joining"
# Not installed: the join line names the binary as another shell must type it
# (as much of it as 80 columns show).
want="Join: $CONVENE join --socket $CONVENE_SOCKET"
wait_screen host "${want:0:70}"

"$CONVENE" host "$plan" --headless >"$E2E/second.log" 2>&1 && fail "second host started"
grep -q "already serving" "$E2E/second.log" || fail "second host: no clear message"

pane amal "$CONVENE" join --name Amal --site "St Mary"
wait_screen host "People 1/1"
keys host n
wait_screen host "1/10 poll: waiting"
keys host o
wait_screen host "1/10 poll: open"
wait_screen amal "or arrows + Enter: answer"
keys amal 4
wait_screen host "1 of 1 answered"
wait_screen host "1 100%"
keys host '?'
wait_screen host "any key closes this help"
keys host x
keys host r
wait_screen host "shown to the room"
wait_screen amal "100%"
keys host q
wait_screen host "Quit the host?"
keys host x
sleep 0.3
screen host | grep -q "Quit the host?" && fail "any key should cancel quit"
keys host q
keys host y
wait_screen amal "Reconnecting to the host"
# The facilitator is told how to go on.
wait_joined host "$CONVENE host $plan --db $CONVENE_DB --socket $CONVENE_SOCKET --resume"

# Killed hard: the socket file stays behind and must be replaced.
start_host "$plan" --resume
wait_screen amal "100%" 15
[ "$(status_field activity.id)" = confidence ] || fail "resume lost the activity"
[ "$(status_field answers)" = 1 ] || fail "resume lost the answer"
# Amal's screen keeps its results while it reconnects: wait for the seat.
wait_field participants.connected 1 15
kill -9 "$HOST_PID"; wait "$HOST_PID" 2>/dev/null || true; HOST_PID=""
[ -S "$CONVENE_SOCKET" ] || fail "expected a stale socket after SIGKILL"
start_host "$plan" --resume
wait_screen amal "Received: Very" 15
echo "e2e-host: ok"
