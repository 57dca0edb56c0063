# Report back across two learning sessions of one collaborative in one
# database: in session 1 two sites commit in a breakout (typed in real
# panes); a session of another collaborative comes between; in session 2
# each site sees only its own commitments and reports on them (status,
# learned, next step; one in line mode), a site new to the collaborative
# sees the "no commitments" line, the dashboard tallies per site and
# shows one site's report to the projector; the exports link the reports
# to the commitments they are about.
. "$(dirname "$0")/lib-e2e.sh"
cat >"$E2E/ls1.plan" <<'EOF2'
title = Sepsis LS1
collaborative = Sepsis 2026
[breakout]
id = plans
prompt = What change will you test by next Tuesday?
groups = site
EOF2
cat >"$E2E/other.plan" <<'EOF2'
title = Falls LS1
collaborative = Falls 2026
[poll]
question = Ready?
type = single
options = Yes | No
EOF2
cat >"$E2E/ls2.plan" <<'EOF2'
title = Sepsis LS2
collaborative = Sepsis 2026
[reportback]
id = back
prompt = What became of the change you committed to test?
EOF2
export CONVENE_TODAY=2026-12-04
q() { sqlite3 "$CONVENE_DB" "$1"; }

# Session 1: a breakout, each site commits.
start_host "$E2E/ls1.plan"
pane amal "$CONVENE" join --name Amal --site "St Mary's"
pane cara "$CONVENE" join --name Cara --site North
for p in amal cara; do wait_screen $p "You are in"; done
wait_field participants.connected 2
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "St Mary's:"
wait_screen cara "North:"
keys amal c; wait_screen amal "Change to test"
keys amal -l "Sepsis grab bag in resus"; keys amal Enter
keys amal o; wait_screen amal "Owner"
keys amal -l "Ward sister"; keys amal Enter
keys cara c; wait_screen cara "Change to test"
keys cara -l "Huddle at 08:00 handover"; keys cara Enter
wait_screen amal "Sepsis grab bag in resus"
wait_screen amal "Ward sister"
wait_screen cara "Huddle at 08:00 handover"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID"; HOST_PID=""
tm kill-server 2>/dev/null || true

# Another collaborative's session between: a gap in the ids.
start_host "$E2E/other.plan"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID"; HOST_PID=""

# Session 2: report back.
start_host "$E2E/ls2.plan"
pane amal "$CONVENE" join --name Amal --site "St Mary's"
pane bo "$CONVENE" join --name Bo --site "St Mary's"
pane cara "$CONVENE" join --name Cara --site North
pane eve "$CONVENE" join --name Eve --site Eastside
pane dash "$CONVENE" join --view facilitator
pane proj "$CONVENE" join --view projector
for p in amal bo cara eve; do wait_screen $p "You are in"; done
wait_field participants.connected 4
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
for p in amal bo; do
	wait_screen $p "Report back from St Mary's on session 1: Sepsis LS1"
	wait_screen $p "Sepsis grab bag in resus"
done
screen amal | grep -q "Huddle" && fail "St Mary's sees North's commitment"
wait_screen cara "Huddle at 08:00 handover"
screen cara | grep -q "grab bag" && fail "North sees St Mary's commitment"
wait_screen eve "Eastside made no commitments in session 1"
wait_screen dash "Session 1: 2 commitments, 0 tested"
wait_screen proj "R E P O R T"

# St Mary's: Amal gives the status, Bo what was learned and the next step.
keys amal 1
wait_screen bo "Status: tested (Amal)"
keys bo l; wait_screen bo "What did your site learn?"
keys bo -l "Bags run out at night 抗生素"; keys bo Enter
keys bo n; wait_screen bo "next step"
keys bo -l "Restock at handover"; keys bo Enter
wait_screen amal "Learned: Bags run out at night"
wait_screen amal "Next step: Restock at handover"
# A later status counts: partly, then tested again.
keys bo 2; wait_screen amal "Status: partly (Bo)"
keys bo 1; wait_screen amal "Status: tested (Bo)"
# North in line mode.
mkfifo "$E2E/plain.in"
"$CONVENE" join --plain --name Dan --site North <"$E2E/plain.in" >"$E2E/plain.out" 2>&1 &
PLAIN=$!
exec 7>"$E2E/plain.in"
plain_says() { wait_for 10 grep -qF -- "$1" "$E2E/plain.out" || { cat "$E2E/plain.out"; fail "plain never said: $1"; }; }
plain_says "Report back from North on session 1 (Sepsis LS1)."
plain_says "Commitment 1, from North: Huddle at 08:00 handover."
plain_says "Report on 1: status not said yet."
echo "status 1 maybe" >&7
plain_says "The status is tested, partly, not yet or dropped."
echo "status 1 not yet" >&7
plain_says "Saved: commitment 1 not yet."
echo "next 1 Try again after the audit" >&7
plain_says "Saved, commitment 1, next step: Try again after the audit."
wait_screen cara "Status: not yet (Dan)"
wait_screen cara "Next step: Try again after the audit"
# Cara's change reaches Dan's line mode.
keys cara l; wait_screen cara "What did your site learn?"
keys cara -l "Handover is too busy"; keys cara Enter
plain_says "Cara 1: status not yet; learned: Handover is too busy; next step: Try again after the audit."
echo "quit" >&7
exec 7>&-
wait "$PLAIN" || true
wait_screen dash "Session 1: 2 commitments, 1 tested"
wait_screen proj "1 of 2 changes committed last time were tested"

# The facilitator shows St Mary's to the room from the dashboard: the
# sites are in name order (Eastside, North, St Mary's).
keys dash Down; keys dash Down; keys dash Enter
wait_screen dash "The room sees St Mary's:"
wait_screen proj "What became of the changes of session 1"
wait_screen proj "Restock at handover"
"$CONVENE" ctl show Nowhere >"$E2E/show.out" 2>&1 && fail "show of an unknown site"
grep -q "no site Nowhere" "$E2E/show.out" || fail "show: $(cat "$E2E/show.out")"
"$CONVENE" ctl show | grep -q "every site's tally" || fail "show alone"
wait_screen proj "1 of 2 changes committed last time were tested"
"$CONVENE" ctl close >/dev/null

# Stored: one row per site and commitment, the latest of each part.
[ "$(q "select si.name || '|' || f.status || '|' || f.learned || '|' || f.next from followups f join sites si on si.id = f.site order by si.name")" = \
"North|not yet|Handover is too busy|Try again after the audit
St Mary's|tested|Bags run out at night 抗生素|Restock at handover" ] || fail "followups: $(q 'select * from followups')"

# JSON: the breakout's commitments of session 1 carry their followups.
"$CONVENE" export --session all --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
s1 = [s for s in d["sessions"] if s["title"] == "Sepsis LS1"][0]
s2 = [s for s in d["sessions"] if s["title"] == "Sepsis LS2"][0]
c = {x["group"]: x for x in s1["activities"][0]["commitments"]}
f = c["St Mary'"'"'s"]["followups"]
assert len(f) == 1 and f[0]["session"] == s2["id"] and f[0]["site"] == "St Mary'"'"'s", f
assert f[0]["status"] == "tested" and f[0]["learned"] == "Bags run out at night 抗生素", f
assert f[0]["next"] == "Restock at handover" and f[0]["at"], f
g = c["North"]["followups"]
assert g[0]["status"] == "not yet" and g[0]["learned"] == "Handover is too busy", g
'
# With only session 1 exported, no followups (they belong to session 2).
"$CONVENE" export --session 1 --format json | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert all("followups" not in c for c in d["sessions"][0]["activities"][0]["commitments"])'
# CSV: followups.csv, in the data dictionary.
"$CONVENE" export --session all --format csv --out "$E2E/csv"
python3 - "$E2E/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "followups.csv"), encoding="utf-8")))
got = {(r["site"], r["source_session"], r["group_name"], r["change"], r["status"], r["next"]) for r in rows}
assert got == {("St Mary's", "1", "St Mary's", "Sepsis grab bag in resus", "tested", "Restock at handover"),
               ("North", "1", "North", "Huddle at 08:00 handover", "not yet", "Try again after the audit")}, got
assert all(r["session"] == "3" and r["activity"] == "back" for r in rows), rows
dic = list(csv.DictReader(open(os.path.join(d, "data-dictionary.csv"), encoding="utf-8")))
assert {r["column"] for r in dic if r["table"] == "followups"} >= {"site", "status", "learned", "next", "change"}, dic[:3]
PY
# HTML: per site, last time's commitments with what became of them.
"$CONVENE" export --session all --format html --out "$E2E/r.html"
python3 - "$E2E/r.html" <<'PY'
import sys
h = open(sys.argv[1], encoding="utf-8").read()
part = h[h.index("Commitments of session 1"):]
assert "<h3>St Mary&#39;s</h3>" in part or "<h3>St Mary's</h3>" in part, part[:400]
assert "Sepsis grab bag in resus" in part and "Restock at handover" in part
assert "<h3>North</h3>" in part and "not yet" in part
PY
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID"; HOST_PID=""

# --rehearse: simulated people commit in session 1 and report back in
# session 2, a status, what was learned and a next step for each site.
export CONVENE_DB="$E2E/rehearse.db" CONVENE_REHEARSE_PACE=0.2
start_host "$E2E/ls1.plan" --rehearse 6
wait_field participants.connected 6
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_for 30 sh -c "[ \$(sqlite3 '$CONVENE_DB' 'select count(*) from groups where change is not null') -ge 2 ]"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID"; HOST_PID=""
groups=$(q "select count(*) from groups where change is not null")
start_host "$E2E/ls2.plan" --rehearse 6
wait_field participants.connected 6
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_for 40 sh -c "[ \$(sqlite3 '$CONVENE_DB' 'select count(*) from followups where status is not null and learned is not null and next is not null') -ge $groups ]"
[ "$(status_field answers)" -ge "$groups" ] || fail "rehearsal: $(status_field answers) answers"
"$CONVENE" ctl end >/dev/null
echo "e2e-reportback: ok"
