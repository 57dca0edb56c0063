# Coming back from another terminal: without the saved token, the same
# name and site ask for the empty seat, and the facilitator confirms (g)
# or gives a new seat (G).  A confirmed seat comes back with its answers.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"

start_host "$plan"
pane dash "$CONVENE" join --view facilitator
pane amal "$CONVENE" join --name Amal --site "St Mary"
pane bo "$CONVENE" join --name Bo --site North
wait_screen amal "You are in"
wait_screen bo "You are in"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "or arrows + Enter: answer"
keys amal 4
wait_screen amal "Received: Very"

# Amal's laptop dies; she borrows another one (another HOME: no token).
pkill -9 -f "^$CONVENE join --name Amal" || fail "could not kill Amal"
pkill -9 -f "^$CONVENE join --name Bo" || fail "could not kill Bo"
wait_for 5 sh -c "[ \"\$(\"$CONVENE\" ctl status | grep -o '\"connected\":[0-9]*')\" = '\"connected\":0' ]"
mkdir -p "$E2E/other"
HOME="$E2E/other" pane amal2 "$CONVENE" join --name Amal --site "St Mary"
wait_screen amal2 "confirming that this seat is yours"
wait_screen dash "Amal (St Mary) asks for their seat back"
keys dash g
wait_screen amal2 "Received: Very"
[ "$(status_field participants.joined)" = 2 ] || fail "g made a new seat"
keys amal2 5
wait_screen amal2 "Received: Completely"
[ "$(status_field answers)" = 1 ] || fail "the seat's answer counted twice"

# Bo's returning terminal is turned down: a seat of its own.
HOME="$E2E/other" pane bo2 "$CONVENE" join --name Bo --site North
wait_screen dash "Bo (North) asks for their seat back"
keys dash G
wait_screen bo2 "or arrows + Enter: answer"
[ "$(status_field participants.joined)" = 3 ] || fail "G should make a new seat"
[ "$(sqlite3 "$CONVENE_DB" "select count(*) from participants where name = 'Bo (2)'")" = 1 ] || fail "no seat 'Bo (2)'"

# A request whose terminal leaves before the decision goes away.
mkdir -p "$E2E/third"; HOME="$E2E/third" pane bo3 "$CONVENE" join --name Bo --site North
wait_screen dash "Bo (North) asks for their seat back"
pkill -9 -f "^$CONVENE join --name Bo" || fail "could not kill the asking terminal"
wait_for 5 sh -c "! tmux -S '$TMUX_SOCK' capture-pane -p -t e2e:dash | grep -q 'asks for their seat back'"
echo "e2e-reclaim: ok"
