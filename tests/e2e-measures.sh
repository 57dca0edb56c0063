# The sites' measures from the command line to the exports: import a
# CSV, list it with its run-chart signals, refuse each kind of bad file
# (exit 1, FILE:LINE: message, nothing stored), re-import to replace
# periods, and find the points and signals in the JSON, the CSV tables
# (with their data-dictionary rows) and the HTML report's run charts.
# Measures of a collaborative no exported session belongs to change no
# export by a byte.
. "$(dirname "$0")/lib-e2e.sh"
db=$CONVENE_DB
q() { sqlite3 "$db" "$1"; }

cat >"$E2E/ls1.plan" <<'PLAN'
title = Sepsis LS1
collaborative = Sepsis 2025
[poll]
id = ready
question = Ready?
type = single
options = Yes | No
PLAN
start_host "$E2E/ls1.plan"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID" 2>/dev/null || true
HOST_PID=""

"$CONVENE" measures list --db "$db" >"$E2E/out" || fail "list exited $?"
grep -qx "no measures yet in $db" "$E2E/out" || fail "empty list: $(cat "$E2E/out")"

# Exports of the database before any measures.
export_all() {	# DIR: json, html, the CSV directory
	mkdir -p "$1"
	"$CONVENE" export --db "$db" --format json --out "$1/x.json"
	"$CONVENE" export --db "$db" --format html --out "$1/x.html"
	"$CONVENE" export --db "$db" --out "$1/csv"
}
export_all "$E2E/before"

# North: a baseline of four months (median 60, April on it), then a
# shift above the median from May (6 points) and a trend of 5 points
# from March.  South: flat.
cat >"$E2E/m.csv" <<'CSV'
site,measure,period,value,numerator,denominator,note,baseline
North,Sepsis Six,2025-01,60,6,10,,yes
North,Sepsis Six,2025-02,62,,,,yes
North,Sepsis Six,2025-03,59,,,,yes
North,Sepsis Six,2025-04,60,,,,yes
North,Sepsis Six,2025-05,70,,,"new bundle, with ""sepsis trolley""",
North,Sepsis Six,2025-06,72,,,,
North,Sepsis Six,2025-07,75,,,,
North,Sepsis Six,2025-08,74,,,,
North,Sepsis Six,2025-09,80,,,,
North,Sepsis Six,2025-10,82,,,,
South,Sepsis Six,2025-01,50,,,,
South,Sepsis Six,2025-02,50,,,,
South,Sepsis Six,2025-03,50,,,,
CSV
# Measures of another collaborative: the exports do not change a byte.
"$CONVENE" measures import --db "$db" --collaborative "Falls 2025" "$E2E/m.csv" >/dev/null || fail "other import"
export_all "$E2E/other"
diff -r "$E2E/before" "$E2E/other" >/dev/null || fail "measures of another collaborative changed the exports: $(diff -r "$E2E/before" "$E2E/other" | head -5)"

"$CONVENE" measures import --db "$db" --collaborative "Sepsis 2025" "$E2E/m.csv" >"$E2E/out" 2>&1 || fail "import exited $?: $(cat "$E2E/out")"
[ "$(q "select count(*) from measures where collaborative = 'Sepsis 2025'")" = 13 ] || fail "stored $(q 'select count(*) from measures') points"
[ "$(q "select value || '/' || numerator || '/' || denominator || '/' || baseline from measures where collaborative = 'Sepsis 2025' and site = 'North' and period = '2025-01'")" = "60.0/6.0/10.0/1" ] || fail "North Jan: $(q "select * from measures where period = '2025-01'")"
"$CONVENE" measures list --db "$db" --collaborative "Sepsis 2025" >"$E2E/list"
cat >"$E2E/want" <<'WANT'
COLLABORATIVE	MEASURE	SITE	POINTS	FROM	TO	MEDIAN
Sepsis 2025	Sepsis Six	North	10	2025-01	2025-10	60
	shift: 6 points above the median since May 2025
	trend: 5 points going up, Mar 2025 to Jul 2025
Sepsis 2025	Sepsis Six	South	3	2025-01	2025-03	50
WANT
diff -u "$E2E/want" "$E2E/list" || fail "measures list"
grep -qF "imported $E2E/m.csv into \"Sepsis 2025\"" "$E2E/out" || fail "import said: $(head -1 "$E2E/out")"

# Each kind of bad file: exit 1, FILE:LINE: message, nothing stored
# (a good row before the bad one included).
bad() {	# NAME WANT-MESSAGE, the file on stdin
	cat >"$E2E/$1.csv"
	rc=0
	"$CONVENE" measures import --db "$db" --collaborative "Sepsis 2025" "$E2E/$1.csv" >/dev/null 2>"$E2E/err" || rc=$?
	[ "$rc" = 1 ] || fail "$1: exit $rc"
	got=$(head -1 "$E2E/err")
	[ "$got" = "$E2E/$1.csv:$2" ] || fail "$1: said \"$got\", want \"$E2E/$1.csv:$2\""
	[ "$(q 'select count(*) from measures')" = 26 ] || fail "$1: stored something"
	[ "$(q "select count(*) from measures where site = 'West'")" = 0 ] || fail "$1: stored West"
}
bad column '1: unknown column "colour" (expected site, measure, period, value, numerator, denominator, note, baseline)' <<'CSV'
site,measure,period,value,colour
West,Sepsis Six,2025-01,1,red
CSV
bad number '3: bad number "85%" in value (digits with a decimal point, no thousands separators or units)' <<'CSV'
site,measure,period,value
West,Sepsis Six,2025-01,80
West,Sepsis Six,2025-02,85%
CSV
bad period '3: bad period "Feb 2025" (expected YYYY-MM or YYYY-MM-DD)' <<'CSV'
site,measure,period,value
West,Sepsis Six,2025-01,80
West,Sepsis Six,Feb 2025,81
CSV
bad duplicate '4: period 2025-01 of Sepsis Six at West is already on line 2' <<'CSV'
site,measure,period,value
West,Sepsis Six,2025-01,80
West,Sepsis Six,2025-02,81
West,Sepsis Six,2025-01,82
CSV
bad ratio '2: a numerator without a denominator: give both or neither' <<'CSV'
site,measure,period,value,numerator
West,Sepsis Six,2025-01,80,8
CSV
bad missing '1: no "value" column (the header must name site, measure, period and value)' <<'CSV'
site,measure,period
West,Sepsis Six,2025-01
CSV
rc=0
"$CONVENE" measures import --db "$db" "$E2E/m.csv" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "import without --collaborative exited $rc"

# Re-importing replaces those periods, and only those.
cat >"$E2E/again.csv" <<'CSV'
site,measure,period,value
South,Sepsis Six,2025-03,55
South,Sepsis Six,2025-04,56
CSV
"$CONVENE" measures import --db "$db" --collaborative "Sepsis 2025" "$E2E/again.csv" >/dev/null || fail "re-import exited $?"
[ "$(q "select group_concat(value, ' ') from (select value from measures where collaborative = 'Sepsis 2025' and site = 'South' order by period)")" = "50.0 50.0 55.0 56.0" ] || fail "South after re-import: $(q "select period, value from measures where site = 'South'")"
[ "$(q 'select count(*) from measures')" = 27 ] || fail "re-import: $(q 'select count(*) from measures') points"

# The exports of Sepsis 2025's measures.
export_all "$E2E/after"
python3 - "$E2E/after/x.json" <<'PY' || fail "JSON"
import json, sys
d = json.load(open(sys.argv[1]))
m = d["measures"]
assert [(x["collaborative"], x["site"], x["measure"]) for x in m] == [
    ("Sepsis 2025", "North", "Sepsis Six"), ("Sepsis 2025", "South", "Sepsis Six")], m
n, s = m
assert n["median"] == 60 and s["median"] == 52.5, (n["median"], s["median"])
assert [p["period"] for p in n["points"]] == ["2025-%02d" % i for i in range(1, 11)]
p = n["points"][0]
assert (p["value"], p["numerator"], p["denominator"], p["note"]) == (60, 6, 10, None), p
assert n["points"][4]["note"] == 'new bundle, with "sepsis trolley"', n["points"][4]
assert [(g["rule"], g["from"], g["to"]) for g in n["signals"]] == [
    ("shift", "2025-05", "2025-10"), ("trend", "2025-03", "2025-07")], n["signals"]
assert n["signals"][0]["text"] == "shift: 6 points above the median since May 2025"
assert [p["value"] for p in s["points"]] == [50, 50, 55, 56] and s["signals"] == []
assert "Falls 2025" not in json.dumps(m)
PY
cmp -s "$E2E/before/csv/answers.csv" "$E2E/after/csv/answers.csv" || fail "answers.csv changed"
[ ! -e "$E2E/before/csv/measures.csv" ] || fail "measures.csv without measures"
tr -d '\r' <"$E2E/after/csv/measures.csv" | grep -qx 'Sepsis 2025,North,Sepsis Six,2025-05,70.0,,,"new bundle, with ""sepsis trolley""",false,60.0,shift;trend' || fail "measures.csv: $(sed -n 6p "$E2E/after/csv/measures.csv")"
[ "$(wc -l <"$E2E/after/csv/measures.csv")" = 15 ] || fail "measures.csv rows"
printf 'collaborative,site,measure,rule,from,to,text\r\nSepsis 2025,North,Sepsis Six,shift,2025-05,2025-10,shift: 6 points above the median since May 2025\r\nSepsis 2025,North,Sepsis Six,trend,2025-03,2025-07,"trend: 5 points going up, Mar 2025 to Jul 2025"\r\n' >"$E2E/want"
cmp -s "$E2E/want" "$E2E/after/csv/signals.csv" || fail "signals.csv: $(cat "$E2E/after/csv/signals.csv")"
[ "$(grep -c '^measures,' "$E2E/after/csv/data-dictionary.csv")" = 11 ] || fail "dictionary: measures rows"
[ "$(grep -c '^signals,' "$E2E/after/csv/data-dictionary.csv")" = 7 ] || fail "dictionary: signals rows"
grep -q '^measures,' "$E2E/before/csv/data-dictionary.csv" && fail "dictionary without measures names them"
# --table works for one table too.
"$CONVENE" export --db "$db" --table signals | cmp -s "$E2E/want" - || fail "--table signals"

# The report: one run chart per site, its median, the signal points.
h=$E2E/after/x.html
grep -q '<h1>Measures</h1>' "$h" || fail "no Measures in the report"
grep -q '<h1>Measures</h1>' "$E2E/before/x.html" && fail "Measures in a report without"
python3 - "$h" <<'PY' || fail "HTML run charts"
import re, sys, xml.dom.minidom
h = open(sys.argv[1], encoding="utf-8").read()
art = h[h.index("<h1>Measures</h1>"):]
svgs = re.findall(r'<svg class="chart".*?</svg>', art, re.S)
assert len(svgs) == 2, len(svgs)
for s in svgs:
    xml.dom.minidom.parseString(s)
north, south = svgs
assert "<title>Sepsis Six, North: run chart</title>" in north
assert "median 60<" in north and "median 52.5" in south
assert north.count('class="signal"') == 8, north.count('class="signal"')
assert south.count('class="signal"') == 0
assert "Jan 2025" in north and "Oct 2025" in north and "period (10 points)" in north
assert 'stroke-dasharray' in north and '<polyline' in north
assert "<li>shift: 6 points above the median since May 2025</li>" in art
assert "new bundle, with &quot;sepsis trolley&quot;" in north
assert art.index("North") < art.index("South")
PY

# A database from before measures: the export still works, without them.
"$CONVENE" measures list --db "$db" --collaborative Nobody >"$E2E/out"
grep -qx "no measures of \"Nobody\" in $db" "$E2E/out" || fail "list of nobody: $(cat "$E2E/out")"
echo "e2e-measures: ok"
