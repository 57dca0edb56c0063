# Three participants in 80x24 panes answer a single-choice poll by keys
# while `convene ctl` drives the agenda; one pane is resized mid-poll.
# The tally in `ctl status`, on screen and in both exports must match.
. "$(dirname "$0")/lib-e2e.sh"

start_host "$(dirname "$0")/../sessions/demo.plan"
[ "$(status_field activity)" = null ] || fail "activity should be null in the lobby"

pane amal "$CONVENE" join --name "Amal Haddad" --site "St Mary"
pane bo "$CONVENE" join --name "Bo 王" --site North
pane cara "$CONVENE" join --name "Cara Díaz" --site "St Mary"
for p in amal bo cara; do wait_screen $p "You are in"; done
wait_screen bo "Bo 王 (North)"
[ "$(status_field participants.connected)" = 3 ] || fail "3 should be connected"

"$CONVENE" ctl next >/dev/null
wait_screen amal "Next: Opening poll"
"$CONVENE" ctl open >/dev/null
for p in amal bo cara; do wait_screen $p "or arrows + Enter: answer"; done
[ "$(status_field activity.state)" = open ] || fail "poll should be open"
[ "$(status_field activity.index)" = 1 ] || fail "index counts from 1"

keys amal 3
keys bo Down
keys bo Enter
wait_screen amal "Received: Fairly"
wait_screen bo "Received: A little"

# Resize Cara's pane mid-poll; she still answers, and the screen fits.
tm resize-window -t e2e:cara -x 60 -y 20
sleep 0.3
wait_screen cara "How confident"
keys cara Down Down Down Enter
wait_screen cara "Received: Very"
[ "$(screen cara | wc -L)" -le 60 ] || fail "cara's screen is wider than her pane"

# Amal changes her mind: the last answer counts.
keys amal 5
wait_screen amal "Received: Completely"
[ "$(status_field answers)" = 3 ] || fail "3 answers expected, got $(status_field answers)"

# Results stay hidden from participants until the facilitator reveals.
"$CONVENE" ctl close >/dev/null
wait_screen amal "Closed. Your answer was saved."
screen amal | grep -q '%' && fail "results shown before reveal"
"$CONVENE" ctl reveal >/dev/null
wait_screen amal "33%"
[ "$(status_field revealed)" = true ] || fail "revealed should be true"

# A late answer to a closed poll is refused, not stored.
keys bo 1
sleep 0.3
[ "$(status_field answers)" = 3 ] || fail "answer after close was stored"

# Exports agree with what was typed.
"$CONVENE" export --format csv --table results >"$E2E/results.csv"
python3 - "$E2E/results.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))
        if r["activity"] == "confidence"]
got = {r["label"]: int(r["count"]) for r in rows}
want = {"Not at all": 0, "A little": 1, "Fairly": 0, "Very": 1, "Completely": 1}
assert got == want, (got, want)
PY
"$CONVENE" export --format csv --out "$E2E/csv"
python3 - "$E2E/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
read = lambda t: list(csv.DictReader(open(os.path.join(d, t + ".csv"), encoding="utf-8")))
people = {p["id"]: p for p in read("participants")}
answers = {people[a["participant"]]["name"]: a["value"]
           for a in read("answers") if a["activity"] == "confidence"}
want = {"Amal Haddad": "Completely", "Bo 王": "A little", "Cara Díaz": "Very"}
assert answers == want, answers
assert people[[k for k, p in people.items() if p["name"] == "Bo 王"][0]]["site"] == "North"
assert os.path.exists(os.path.join(d, "data-dictionary.csv"))
PY
"$CONVENE" export --format json >"$E2E/export.json"
python3 - "$E2E/export.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == 1
s = doc["sessions"][-1]
act = [a for a in s["activities"] if a["id"] == "confidence"][0]
vals = sorted(a["value"] for a in act["answers"])
assert vals == ["A little", "Completely", "Very"], vals
assert len(s["participants"]) == 3
PY
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID" || fail "host did not exit cleanly after end"
HOST_PID=""
# Participants are told, and their clients stop instead of reconnecting.
wait_screen amal "The session has ended"
echo "e2e-poll: ok"
