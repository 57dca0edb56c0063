# A three-round world café: rehearsal participants and two people in
# real panes are seated with sites mixed, lines are typed into the
# tablecloth, hosts see the last round's lines, the facilitator reads a
# table live, the harvest reaches every screen, themes are marked, and the
# export holds seats per round and notes per table.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"
export CONVENE_REHEARSE_PACE=0.05

start_host "$plan" --rehearse 14
pane amal "$CONVENE" join --name Amal --site "St Mary"
pane bo "$CONVENE" join --name Bo --site North
pane dash "$CONVENE" join --view facilitator
pane proj "$CONVENE" join --view projector
wait_screen amal "You are in"
wait_screen bo "You are in"
wait_for 10 sh -c "\"$CONVENE\" ctl status | grep -q '\"joined\":16'"

"$CONVENE" ctl goto 7 >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Round 1 of 3"
wait_screen amal "T A B L E"
wait_screen proj "Hosts:"
wait_screen dash "Round 1 of 3"
keys amal a
wait_screen amal "Add a line"
keys amal -l "Antibiotics <b>two floors</b> away"
keys amal Enter
wait_screen amal "Amal: Antibiotics <b>two floors</b> away"
keys bo a
wait_screen bo "Add a line"
keys bo -l "Nurse-led cultures"
keys bo Enter
wait_screen bo "Bo: Nurse-led cultures"

# Rounds 2 and 3: everyone is moved; hosts get the last round's lines.
lines_in() { wait_for 10 sh -c "[ \$(sqlite3 '$CONVENE_DB' 'select count(*) from notes where round = $1') -ge 5 ]"; }
lines_in 1
"$CONVENE" ctl next >/dev/null
wait_screen amal "Round 2 of 3"
lines_in 2
"$CONVENE" ctl next >/dev/null
wait_screen amal "Round 3 of 3"
lines_in 3
"$CONVENE" ctl next >/dev/null
[ "$(status_field activity.state)" = closed ] || fail "café should close into its harvest"
wait_screen amal "Harvest"
wait_screen proj "H A R V E S T"
wait_screen bo "Harvest"	# (his line may be below the fold; the export checks it)

# Mark Amal's line as a theme.
id=$(sqlite3 "$CONVENE_DB" "select id from notes where text = 'Antibiotics <b>two floors</b> away'")
"$CONVENE" ctl theme "$id" >/dev/null
wait_screen proj "Antibiotics <b>two floors</b> away"

# Seats: 3 rounds, everyone seated once a round, sites mixed where they
# can be (5 rehearsal sites + 2 people), tables balanced within one.
sqlite3 "$CONVENE_DB" "select round, count(*), count(distinct participant) from seats group by round" >"$E2E/seats"
[ "$(wc -l <"$E2E/seats")" = 3 ] || fail "seats for 3 rounds expected: $(cat "$E2E/seats")"
awk -F'|' '$2 != 16 || $3 != 16 { exit 1 }' "$E2E/seats" || fail "everyone seated each round: $(cat "$E2E/seats")"
spread=$(sqlite3 "$CONVENE_DB" "select max(c) - min(c) from (select round, tbl, count(*) c from seats group by 1, 2)")
[ "$spread" -le 1 ] || fail "table sizes differ by $spread"

"$CONVENE" export --format csv --out "$E2E/csv"
python3 - "$E2E/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
read = lambda t: list(csv.DictReader(open(os.path.join(d, t + ".csv"), encoding="utf-8")))
seats = read("seats")
assert {s["round"] for s in seats} == {"1", "2", "3"}, seats[:3]
hosts = [s for s in seats if s["host"] == "1"]
assert hosts, "hosts are marked"
notes = read("notes")
texts = [n["text"] for n in notes]
assert "Antibiotics <b>two floors</b> away" in texts, texts
assert any(n["author"] == "Bo" and n["table"] for n in notes)
assert any(n["theme"] == "true" for n in notes)
# Rehearsal people wrote lines in each round.
assert {n["round"] for n in notes} >= {"1", "2", "3"}, {n["round"] for n in notes}
PY
"$CONVENE" export --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
cafe = [a for a in d["sessions"][-1]["activities"] if a["kind"] == "cafe"][0]
assert len(cafe["seats"]) == 48, len(cafe["seats"])
assert all("table" in n and "participant" in n for n in cafe["notes"])'
echo "e2e-cafe: ok"
