# Any terminal: vt100 with a C locale and NO_COLOR, an unknown TERM that
# falls back, and a large 200x60 pane all render and answer.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"
start_host "$plan"

PANE_TERM=vt100 LANG=C NO_COLOR=1 pane old "$CONVENE" join --name "Zoë" --site North
PANE_TERM=no-such-terminal pane odd "$CONVENE" join --name Odd --site North
wait_screen old "You are in: Zo? (North)"
wait_screen odd "You are in: Odd (North)"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen old "or arrows + Enter: answer"
keys old 3
wait_screen old "OK Received: Fairly"
keys odd 1
wait_screen odd "Received: Not at all"
"$CONVENE" ctl close >/dev/null
"$CONVENE" ctl reveal >/dev/null
# ASCII bars on vt100 / C locale, no UTF-8 anywhere on that screen.
wait_screen old "#"
screen old | LC_ALL=C grep -q '[^[:print:][:space:]]' && fail "non-ASCII on a C-locale screen"

tm resize-window -t e2e:odd -x 200 -y 60
sleep 0.3
wait_screen odd "Not at all"
[ "$(status_field answers)" = 2 ] || fail "2 answers expected"
echo "e2e-terminals: ok"
