# Faculty beside self-ratings, and agreement within sites (issue 17).
# A host with a join code for the room and a faculty code; Prof joins
# with the faculty code (a real terminal, 80x24) and rates two sites on
# the team progress form marked rater = faculty, Dr Line (line mode,
# named faculty by the roster) rates one, while the sites rate
# themselves (Ann on a terminal, Bo in the line mode).  The dashboard
# shows each site's own score, the faculty's and the gap; the export
# has role = faculty, the faculty's ratings and scores.  Then a small
# ORIC-like form by person, two people a site: Site A disagrees (rwg(j)
# 0, low agreement), Site B agrees (1); the dashboard and the export
# show both.
. "$(dirname "$0")/lib-e2e.sh"
export CONVENE_FORMS="$(cd "$(dirname "$0")/.." && pwd)/sessions/forms"
db=$CONVENE_DB
q() { sqlite3 "$db" "$1"; }

cat >"$E2E/agree.form" <<'EOF'
title = Readiness (two items)
scale = 1..5
labels = Disagree | Somewhat disagree | Neither | Somewhat agree | Agree
[rating]
id = c1
text = People who work here want to implement this change.
subscale = commitment
[rating]
id = c2
text = People who work here are determined to implement this change.
subscale = commitment
EOF
cat >"$E2E/ls.plan" <<'EOF'
title = Falls LS2
collaborative = Falls
[assess]
id = progress
title = Team progress
form = progress
by = site
rater = faculty
[assess]
id = ready
form = agree.form
EOF
printf 'name,site,role\nDr Line,,Faculty\nAnn,Site A,lead\n' >"$E2E/roster.csv"

# A faculty code equal to the room's is refused; a roster must parse.
"$CONVENE" host "$E2E/ls.plan" --code room --faculty-code room --headless \
    >"$E2E/same.out" 2>&1 && fail "same codes accepted"
grep -q "must differ" "$E2E/same.out" || fail "same codes: $(cat "$E2E/same.out")"
printf 'name,site,role\n"Bad,x\n' >"$E2E/bad.csv"
rc=0
"$CONVENE" host "$E2E/ls.plan" --roster "$E2E/bad.csv" --headless \
    >"$E2E/bad.out" 2>&1 || rc=$?
[ $rc = 1 ] || fail "a bad roster: exit $rc"
grep -q "bad.csv:" "$E2E/bad.out" || fail "bad roster: $(cat "$E2E/bad.out")"

start_host "$E2E/ls.plan" --code room --faculty-code fac-9 --roster "$E2E/roster.csv"
# A wrong code is refused as before; the room's code makes a participant.
out=$({ sleep 2; printf 'quit\n'; } | "$CONVENE" join --plain --name Eve --site "Site A" --code nope 2>&1 || true)
echo "$out" | grep -q "join code is not right" || fail "wrong code: $out"

pane fac "$CONVENE" join --code fac-9 --name Prof --site "Faculty"
pane ann "$CONVENE" join --code room --name Ann --site "Site A"
pane bo "$CONVENE" join --plain --code room --name Bo --site "Site B"
pane line "$CONVENE" join --plain --code room --name "Dr Line" --site ""
pane cy "$CONVENE" join --plain --code room --name Cy --site "Site A"
pane di "$CONVENE" join --plain --code room --name Di --site "Site B"
pane dash "$CONVENE" join --view facilitator
wait_field participants.joined 6
[ "$(q "select group_concat(name || '=' || coalesce(role, ''), ';') from (select * from participants order by name)")" = "Ann=lead;Bo=;Cy=;Di=;Dr Line=faculty;Prof=faculty" ] \
    || fail "roles: $(q "select name, role from participants")"

"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
# Faculty see the sites to rate, not the form for themselves.
wait_screen fac "You rate each site, as faculty. Rated 0 of 2."
wait_screen fac "1  Site A"
wait_screen fac "2  Site B"
keys fac 1
wait_screen fac "(faculty: rating Site A)"
wait_screen fac "Question 1 of 2"
keys fac 2 Enter
wait_screen fac "Question 2 of 2"
keys fac Right
wait_screen fac "Press Enter to submit"
keys fac Enter
wait_screen fac "Rated 1 of 2."
keys fac 2
wait_screen fac "(faculty: rating Site B)"
keys fac 3 Enter
wait_screen fac "Question 2 of 2"
keys fac Left Left
wait_screen fac "Rated 1 of 2."	# back to the list, Site B started
wait_screen fac "Site B  (started)"
keys fac Enter			# the cursor is on Site B, not rated yet
wait_screen fac "Question 2 of 2"	# at the first without an answer
keys fac Right Enter
wait_screen fac "Rated 2 of 2."
wait_screen fac "All sites rated"

# The line mode: a roster's faculty rates Site B.
wait_joined line "Sites to rate, 0 of 2 rated: 1 Site A, 2 Site B."
keys line 2 Enter
wait_joined line "Question 1 of 2"
keys line 4 Enter
wait_joined line "Saved, question 1"
keys line submit Enter
wait_joined line "Sites to rate, 1 of 2 rated: 1 Site A, 2 Site B (rated)."

# The sites rate themselves, as before: Ann 4, Bo 3.
wait_screen ann "Question 1 of 2"
keys ann 4 Enter
wait_screen ann "Question 2 of 2"
keys ann Right Enter
wait_screen ann "Submitted"
wait_joined bo "Question 1 of 2"
keys bo 3 Enter
wait_joined bo "Saved, question 1"
keys bo submit Enter
wait_joined bo "Submitted"

# Stored: faculty ratings apart from the answers, by the site rated.
[ "$(q "select group_concat(x, ';') from (select p.name || '>' || s.name || '=' || r.value as x from faculty_ratings r join participants p on p.id = r.participant join sites s on s.id = r.site where r.item = 'progress' order by x)")" = "Dr Line>Site B=4;Prof>Site A=2;Prof>Site B=3" ] \
    || fail "faculty_ratings: $(q 'select * from faculty_ratings')"
[ "$(q "select count(*) from answers a join participants p on p.id = a.participant where p.role = 'faculty'")" = 0 ] \
    || fail "faculty answers among the self-ratings"

# The dashboard: own score, faculty's (how many) and the gap.
wait_screen dash "Site A"
# The dashboard's activity column is narrow at 80x24: no "x2" there.
wait_screen dash "Site A     1/1  4.0 F2.0 +2.0"
wait_screen dash "Site B     1/1  3.0 F3.5 -0.5"
wait_screen dash "All sites  2/2  3.5 F3.0 +0.5"
wait_screen dash "own, F faculty's, gap: own - F"

# The ORIC-like form by person: Site A disagrees, Site B agrees.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen ann "Question 1 of 2"
keys ann 5
wait_screen ann "Question 2 of 2"
keys ann 5
wait_screen ann "Press Enter to submit"
for who in cy:1 bo:4 di:4; do
	n=${who%%:*}; v=${who#*:}
	wait_joined "$n" "Question 1 of 2: People who work here want"
	keys "$n" "$v" Enter
	wait_joined "$n" "Question 2 of 2"
	keys "$n" "$v" Enter
	wait_joined "$n" "Saved, question 2"
done
wait_screen dash "rwg .00!"
wait_screen dash "rwg 1.00"
wait_screen dash "3.0(2.8)!"
wait_screen dash "! rwg(j) under 0.7: low agreement"
"$CONVENE" ctl end >/dev/null
wait $HOST_PID

# Exports.  CSV: roles, faculty's ratings and scores beside the own,
# and rwg(j) with the low-agreement mark.
"$CONVENE" export --session latest --min-group 2 --format csv --out "$E2E/csv" \
    || fail "csv export"
python3 - "$E2E/csv" <<'PY' || fail "csv export content"
import csv, sys
d = sys.argv[1]
def rows(name):
    with open(f"{d}/{name}.csv", newline="") as f:
        return list(csv.DictReader(f))
roles = {r["name"]: r["role"] for r in rows("participants")}
assert roles["Prof"] == "faculty" and roles["Dr Line"] == "faculty", roles
assert roles["Bo"] == "", roles
fs = {r["site"]: r for r in rows("faculty_scores")}
assert fs["Site A"]["faculty_mean"] == "2.00", fs
assert fs["Site A"]["faculty_n"] == "1" and fs["Site A"]["self_mean"] == "4.00", fs
assert fs["Site A"]["gap"] == "2.00", fs
assert fs["Site B"]["faculty_mean"] == "3.50" and fs["Site B"]["faculty_sd"] == "0.71", fs
assert fs["Site B"]["faculty_n"] == "2" and fs["Site B"]["gap"] == "-0.50", fs
fr = rows("faculty_ratings")
assert sorted((r["site"], r["item"], r["value"]) for r in fr if r["item"] == "progress") == \
    [("Site A", "progress", "2"), ("Site B", "progress", "3"), ("Site B", "progress", "4")], fr
assert sum(r["item"] == "_submitted" for r in fr) == 3, fr
ag = {r["site"]: r for r in rows("agreement")}
assert ag["Site A"]["activity"] == "ready" and ag["Site A"]["rwg"] == "0.00", ag
assert ag["Site A"]["low_agreement"] == "true" and ag["Site A"]["items"] == "2", ag
assert ag["Site B"]["rwg"] == "1.00" and ag["Site B"]["low_agreement"] == "false", ag
assert ag["Site B"]["n"] == "2" and ag["Site B"]["suppressed"] == "false", ag
assert len(ag) == 2, ag	# the progress form is answered by site: no rwg
dd = [r for r in rows("data-dictionary") if r["table"] in ("agreement", "faculty_scores")]
assert any("James" in r["description"] for r in dd), dd
PY
# Under the default --min-group 5, two people a site are too few.
"$CONVENE" export --session latest --format csv --table agreement >"$E2E/ag5.csv"
grep -q '^1,ready,Site A,commitment,,,,,true' "$E2E/ag5.csv" || fail "suppressed agreement: $(cat "$E2E/ag5.csv")"

"$CONVENE" export --session latest --min-group 2 --format json --out "$E2E/x.json" \
    || fail "json export"
python3 - "$E2E/x.json" <<'PY' || fail "json export content"
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["sessions"][0]
roles = {p["name"]: p["role"] for p in s["participants"]}
assert roles["Prof"] == "faculty" and roles["Cy"] is None, roles
acts = {a["id"]: a for a in s["activities"]}
prog, ready = acts["progress"], acts["ready"]
fs = {r["site"]: r for r in prog["faculty_scores"]}
assert fs["Site A"] == {"site": "Site A", "subscale": "progress", "faculty_mean": 2.0,
    "faculty_sd": 0.0, "faculty_n": 1, "self_mean": 4.0, "self_n": 1, "gap": 2.0}, fs
assert fs["Site B"]["faculty_mean"] == 3.5 and fs["Site B"]["gap"] == -0.5, fs
assert len([r for r in prog["faculty_ratings"] if r["item"] == "progress"]) == 3
assert "agreement" not in prog, prog.keys()
ag = {r["site"]: r for r in ready["agreement"]}
assert ag["Site A"]["rwg"] == 0 and ag["Site A"]["low_agreement"] is True, ag
assert ag["Site B"]["rwg"] == 1 and ag["Site B"]["low_agreement"] is False, ag
# Fields only where there is such data.
assert "faculty_scores" not in ready and "faculty_ratings" not in ready, ready.keys()
PY
# Session 2 of the collaborative: Site A rates itself 5, Prof rates it 3.
sed 's/^title = Falls LS2/title = Falls LS3/' "$E2E/ls.plan" >"$E2E/ls3.plan"
start_host "$E2E/ls3.plan" --code room --faculty-code fac-9
pane fac3 "$CONVENE" join --code fac-9 --name Prof --site "Faculty"
pane ann3 "$CONVENE" join --code room --name Ann --site "Site A"
wait_field participants.joined 2
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen fac3 "Rated 0 of 1."
keys fac3 1
wait_screen fac3 "Question 1 of 2"
keys fac3 3 Enter
wait_screen fac3 "Question 2 of 2"
keys fac3 Right Enter
wait_screen fac3 "Rated 1 of 1."
wait_screen ann3 "Question 1 of 2"
keys ann3 5
wait_screen ann3 "Question 2 of 2"
keys ann3 Right Enter
wait_screen ann3 "Submitted"
"$CONVENE" ctl end >/dev/null
wait $HOST_PID

# The report: per activity, own and faculty's side by side with the gap;
# across the sessions, the progress lines with the faculty's points.
"$CONVENE" export --session all --min-group 2 --format html --out "$E2E/r.html" \
    || fail "html export"
python3 - "$E2E/r.html" <<'PY' || fail "html export content"
import re, sys
h = open(sys.argv[1]).read()
assert h.count("Own score and faculty&#39;s, by site") + h.count("Own score and faculty's, by site") == 2, "tables"
row = re.search(r"<tr><td>Site A</td><td>progress</td><td class=\"n\">4.00</td><td class=\"n\">2.00</td><td class=\"n\">1</td><td class=\"n\">\+2.00</td></tr>", h)
assert row, "Site A's row in LS2"
assert "Team progress across learning sessions" in h
assert "hollow diamonds: the faculty" in h
assert "<title>Site A, faculty, Falls LS2: 2.00 (1 rated)</title>" in h
assert "<title>Site A, faculty, Falls LS3: 3.00 (1 rated)</title>" in h
assert "<title>Site B, faculty, Falls LS2: 3.50 (2 rated)</title>" in h
PY
# Session 2 alone: its own faculty rating, in its own export.
"$CONVENE" export --session 2 --format json --out "$E2E/s2.json"
grep -q '"faculty_ratings"' "$E2E/s2.json" || fail "session 2 has a rating"
echo "e2e-faculty: ok"
