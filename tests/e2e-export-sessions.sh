# Two learning sessions of one collaborative, rehearsed with twelve
# simulated participants in one database: each runs the team progress
# form (by site: one response per site team) and ORIC (by person).  The
# HTML export of the collaborative must draw a line per site across the
# two sessions with the share of teams at 4 or above, per-site small
# multiples of each assessment and items by their question; the
# Markdown the same figures as a table; the CSV scores one row per site
# for the progress form, its latest answer.  The projector counts sites
# that finished the progress form, people that finished ORIC.  Headless
# Chromium renders the page (CONVENE_KEEP_PNG=FILE keeps the picture).
. "$(dirname "$0")/lib-e2e.sh"
export CONVENE_REHEARSE_PACE=0.05
export CONVENE_FORMS="$(cd "$(dirname "$0")/.." && pwd)/sessions/forms"
N=12
SITES=5		# the rehearsal's sites: 12 people, 3 3 2 2 2
db=$CONVENE_DB
q() { sqlite3 "$db" "$1"; }

# LS2 opens with a poll, so the simulated people draw other numbers
# for the forms than in LS1 (their random streams are fixed).
cat >"$E2E/ls1.plan" <<'EOF'
title = Falls LS1
collaborative = Falls collaborative
[assess]
title = Team progress
form = progress
by = site
[assess]
title = Readiness
form = oric
EOF
cat >"$E2E/ls2.plan" <<'EOF'
title = Falls LS2
collaborative = Falls collaborative
[poll]
id = mood
question = How is the action period going?
type = scale
scale = 1..5
[assess]
title = Team progress
form = progress
by = site
[assess]
title = Readiness
form = oric
EOF

# session PLAN FIRST: run the plan's assessments (from agenda place
# FIRST on), each until every simulated person or site has submitted.
session() {
	start_host "$1" --rehearse $N
	wait_for 10 sh -c "\"$CONVENE\" ctl status | grep -q '\"joined\":$N'"
	pane "proj$2" "$CONVENE" join --view projector
	sid=$(q 'select max(id) from sessions')
	if [ "$2" -gt 1 ]; then
		"$CONVENE" ctl goto 1 >/dev/null
		"$CONVENE" ctl open >/dev/null
		wait_for 20 sh -c "[ \$(sqlite3 '$db' 'select count(*) from answers a join activities v on v.id = a.activity where v.session = $sid and v.idx = 0') -ge $N ]"
		"$CONVENE" ctl close >/dev/null
	fi
	# Progress (by site): a site submits once, whoever presses it.
	# ORIC (by person): everyone does.
	for place in "$2" $(($2 + 1)); do
		"$CONVENE" ctl goto "$place" >/dev/null
		"$CONVENE" ctl open >/dev/null
		if [ "$place" = "$2" ]; then who=site; want=$SITES; else who=participant; want=$N; fi
		end=$(( $(date +%s) + 30 ))
		until [ "$(q "select count(DISTINCT a.$who) from answers a join activities v on v.id = a.activity where v.session = $sid and v.idx = $((place - 1)) and a.item = '_submitted'")" -ge $want ]; do
			[ "$(date +%s)" -lt "$end" ] || fail "$1: activity $place: $(q "select count(*) from answers where item = '_submitted'") submitted"
			sleep 0.2
		done
		# The projector compares like with like: sites, or people.
		if [ "$place" = "$2" ]; then
			wait_screen "proj$2" "$SITES of $SITES sites have finished"
		else
			wait_screen "proj$2" "$N of $N here have finished"
		fi
		"$CONVENE" ctl close >/dev/null
	done
	"$CONVENE" ctl end >/dev/null
	wait "$HOST_PID"; HOST_PID=""
}

session "$E2E/ls1.plan" 1
session "$E2E/ls2.plan" 2
[ "$(q 'select count(*) from sessions')" = 2 ] || fail "two sessions expected"

"$CONVENE" export --format html --collaborative "Falls collaborative" \
    --min-group 2 --out "$E2E/x.html"
"$CONVENE" export --format md --collaborative "Falls collaborative" \
    --min-group 2 --out "$E2E/x.md"
python3 - "$E2E/x.html" "$E2E/x.md" "$db" $SITES <<'PY'
import re, sqlite3, sys
html = open(sys.argv[1], encoding="utf-8").read()
md = open(sys.argv[2], encoding="utf-8").read()
db = sqlite3.connect(sys.argv[3])
sites = int(sys.argv[4])
assert "<script" not in html.lower()
assert "<h1>Across learning sessions</h1>" in html
# The progress chart: one group per site, both sessions joined.
chart = html[html.index("<h3>progress: mean per site and session"):]
chart = chart[:chart.index("</svg>")]
groups = re.findall(r'<g class="line"><title>([^<]*)</title>(.*?)</g>', chart, re.S)
assert len(groups) == sites, [g[0] for g in groups]
for site, body in groups:
    lines = re.findall(r'points="([^"]*)"', body)
    assert len(lines) == 1 and len(lines[0].split()) == 2, (site, lines)
assert "Share of teams at 4 or above" in chart
# Each point is the site's answer in that session, as the room saw it:
# the latest to the question from anyone of the site.
want = {}
for site, title, value in db.execute(
        "select s.name, se.title, a.value from answers a join sites s on "
        "s.id = a.site join activities v on v.id = a.activity join sessions "
        "se on se.id = v.session where v.type = 'progress' and a.item = "
        "'progress' order by a.id"):
    want[(site, title)] = float(value)
assert len(want) == 2 * sites, want
for site, body in groups:
    for title, mean in re.findall(r'<circle[^>]*><title>[^,]*, ([^:]*): ([0-9.]+)', body):
        val = want[(site.replace("&#39;", "'"), title)]
        assert abs(val - float(mean)) < 0.006, (site, title, val, mean)
at = re.findall(r'>(\d+) of (\d+) \(\d+%\)</text>', chart)
assert len(at) == 2 and all(int(b) == sites for a, b in at), at
# Small multiples for each assessment of each session, items by text.
assert html.count("<h3>Scores by site</h3>") == 4
assert "People who work here are committed to implementing this change." in html
assert "Where is your team today" in html
# Markdown: the same figures as a table.
assert "# Across learning sessions" in md
assert "| Site | LS1 | LS2 |" in md
assert "| **Teams at 4 or above** |" in md
PY
[ $? = 0 ] || fail "collaborative export"

# The CSV scores: a row per site for the progress form, by site (n 1,
# never suppressed, the site's latest answer); ORIC by person, every
# site under five people suppressed.
"$CONVENE" export --format csv --collaborative "Falls collaborative" \
    --table scores >"$E2E/scores.csv"
python3 - "$E2E/scores.csv" "$db" $SITES <<'PY'
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
db = sqlite3.connect(sys.argv[2])
sites = int(sys.argv[3])
latest = {}
for sid, site, value in db.execute(
        "select v.session, s.name, a.value from answers a join sites s on "
        "s.id = a.site join activities v on v.id = a.activity where "
        "v.type = 'progress' and a.item = 'progress' order by a.id"):
    latest[(str(sid), site)] = float(value)
alls = [r for r in rows if r["all_sites"] == "true"]
assert alls and all(r["site"] == "" for r in alls), alls[:3]
rows = [r for r in rows if r["all_sites"] == "false"]
prog = [r for r in rows if r["subscale"] == "progress"]
assert len(prog) == 2 * sites, prog
for r in prog:
    assert r["by"] == "site" and r["n"] == "1" and r["suppressed"] == "false", r
    assert abs(float(r["mean"]) - latest[(r["session"], r["site"])]) < 0.006, r
oric = [r for r in rows if r["subscale"] != "progress"]
assert oric and all(r["by"] == "person" and r["suppressed"] == "true"
                   for r in oric), oric[:3]
PY
[ $? = 0 ] || fail "CSV scores by site"

if command -v chromium >/dev/null 2>&1; then
	prof="$E2E/chromium"
	flags="--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$prof"
	# shellcheck disable=SC2086
	timeout 120 chromium $flags --screenshot="$E2E/x.png" --window-size=1000,2400 "file://$E2E/x.html" >"$E2E/chromium.log" 2>&1 ||
		fail "chromium: $(tail -n 5 "$E2E/chromium.log")"
	[ "$(wc -c <"$E2E/x.png")" -gt 20000 ] || fail "screenshot too small"
	head -c 8 "$E2E/x.png" | od -An -c | grep -q 'P   N   G' || fail "not a PNG"
	[ -n "${CONVENE_KEEP_PNG:-}" ] && cp "$E2E/x.png" "$CONVENE_KEEP_PNG"
	[ -n "${CONVENE_KEEP_HTML:-}" ] && cp "$E2E/x.html" "$CONVENE_KEEP_HTML"
elif [ "${CONVENE_DEPS_FULL:-0}" = 1 ]; then
	fail "chromium is not installed (CONVENE_DEPS_FULL=1 scripts/deps installs it)"
else
	echo "note: chromium not installed; HTML rendering not checked (CONVENE_DEPS_FULL=1 scripts/deps)"
fi
echo "e2e-export-sessions: ok"
