# A participant killed mid-poll does not disturb the others; started
# again with the same name and site, it resumes its seat (token file) and
# sees its earlier answer.
. "$(dirname "$0")/lib-e2e.sh"

start_host "$(dirname "$0")/../sessions/demo.plan"
pane amal "$CONVENE" join --name Amal --site "St Mary"
pane bo "$CONVENE" join --name Bo --site North
wait_screen amal "You are in"
wait_screen bo "You are in"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "or arrows + Enter: answer"
keys amal 2
wait_screen amal "Received: A little"

pkill -9 -f "^$CONVENE join --name Amal" || fail "could not kill the client"
sleep 0.3
[ "$(status_field participants.connected)" = 1 ] || fail "Amal should be gone"
keys bo 4
wait_screen bo "Received: Very"

pane amal2 "$CONVENE" join --name Amal --site "St Mary"
wait_screen amal2 "Received: A little"
[ "$(status_field participants.joined)" = 2 ] || fail "rejoin made a new seat"
[ "$(status_field answers)" = 2 ] || fail "2 answers expected"
keys amal2 1
wait_screen amal2 "Received: Not at all"
[ "$(status_field answers)" = 2 ] || fail "changed answer counted twice"
echo "e2e-rejoin: ok"
