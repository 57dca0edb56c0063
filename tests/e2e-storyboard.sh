# A storyboard round: the sites' Sepsis Six data imported with `convene
# measures import`; three participants of three sites with data (and one
# of a site without) are each sent to another site's board, read its run
# chart (median and the shift named in words), and leave what impressed
# them, a question and an idea; the site visited sees the lines on its own
# board live; the dashboard counts the boards visited; round 2 sends
# everyone to a board they have not seen; the export has every line, by
# site, in CSV, JSON, Markdown and HTML.
. "$(dirname "$0")/lib-e2e.sh"
{
	echo "site,measure,period,value"
	i=0
	for per in 2025-01 2025-02 2025-03 2025-04 2025-05 2025-06 2025-07 \
	    2025-08 2025-09 2025-10 2025-11 2025-12 2026-01 2026-02; do
		v=$((60 + i % 3)); [ $i -ge 6 ] && v=$((85 + i % 3))
		echo "St Mary's,Sepsis Six,$per,$v"
		echo "North,Sepsis Six,$per,$((50 + i % 3))"
		echo "West,Sepsis Six,$per,$((70 - i))"
		i=$((i + 1))
	done
} >"$E2E/sepsis.csv"
"$CONVENE" measures import --db "$CONVENE_DB" --collaborative "Sepsis \
collaborative" "$E2E/sepsis.csv" >/dev/null
cat >"$E2E/story.plan" <<'EOF2'
title = Storyboard e2e
collaborative = Sepsis collaborative
[storyboard]
id = boards
measure = Sepsis Six
rounds = 2
EOF2

start_host "$E2E/story.plan"
pane amal "$CONVENE" join --name Amal --site "St Mary's"
pane cara "$CONVENE" join --name Cara --site North
pane dev "$CONVENE" join --name Dev --site West
pane eve "$CONVENE" join --name Eve --site East
pane dash "$CONVENE" join --view facilitator
pane proj "$CONVENE" join --view projector
for p in amal cara dev eve; do wait_screen $p "You are in"; done
wait_for 10 sh -c "\"$CONVENE\" ctl status | grep -q '\"connected\":4'"

"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null

# Each is sent to a board not their own's; the chart is drawn with its
# median and the shift named.
board() { screen "$1" | sed -n 's/.*Round [0-9] of 2: the board of \(.*[^ ]\), Sepsis Six *$/\1/p'; }
declare -A own=([amal]="St Mary's" [cara]=North [dev]=West [eve]=East)
declare -A first
for p in amal cara dev eve; do
	wait_screen $p "Round 1 of 2: the board of"
	first[$p]=$(board $p)
	[ -n "${first[$p]}" ] || fail "$p: no board"
	[ "${first[$p]}" != "${own[$p]}" ] || fail "$p sent to their own board"
	case ${first[$p]} in "St Mary's"|North|West) ;; *) fail "$p: ${first[$p]}" ;; esac
	wait_screen $p "median"
	wait_screen $p "1 What impressed us:"
done
for p in amal cara dev eve; do
	if [ "${first[$p]}" = "St Mary's" ]; then
		wait_screen $p "Signal: shift: 6 points below the median, Jan 2025 to Jun 2025"
		screen $p | grep -q "◆" || fail "$p: signal points not marked"
	fi
done

# Everyone writes the three lines (wide characters too).
for p in amal cara dev eve; do
	keys $p 1
	wait_screen $p "What impressed us (for"
	keys $p -l "$p: steady work 持続"
	keys $p Enter
	keys $p 2
	wait_screen $p "A question (for"
	keys $p -l "$p: who collects it?"
	keys $p Enter
	keys $p 3
	wait_screen $p "An idea to try (for"
	keys $p -l "$p: plot it weekly"
	keys $p Enter
	wait_screen $p "3 An idea to try: $p: plot it weekly"
done

# The visited site reads the lines on its own board, live.
for p in amal cara dev eve; do
	for q in amal cara dev; do
		[ "${first[$p]}" = "${own[$q]}" ] || continue
		keys $q Tab
		wait_screen $q "Your board: ${own[$q]}"
		wait_screen $q "$p: steady work"
		keys $q Tab
	done
done
# Eve's site has no data: her own board says so.
keys eve Tab
wait_screen eve "No data for Sepsis Six from East."
keys eve Tab
wait_screen dash "round 1 of 2"
wait_screen dash "East: no data"
wait_screen proj "S T O R Y B O A R D S"

# Round 2: another board, never their own.
"$CONVENE" ctl next >/dev/null
for p in amal cara dev eve; do
	wait_screen $p "Round 2 of 2: the board of"
	b=$(board $p)
	[ "$b" != "${own[$p]}" ] || fail "$p sent home in round 2"
	[ "$b" != "${first[$p]}" ] || fail "$p sent to ${first[$p]} twice"
done
keys amal 2
wait_screen amal "A question (for"
keys amal -l "round two question"
keys amal Enter
wait_screen amal "2 A question: round two question"
"$CONVENE" ctl close >/dev/null

# What is stored: 13 lines, none on the author's own site's board.
db() { sqlite3 "$CONVENE_DB" "$1"; }
[ "$(db "SELECT count(*) FROM story_feedback")" = 13 ] || fail "stored: $(db "SELECT count(*) FROM story_feedback")"
[ "$(db "SELECT count(*) FROM story_feedback f JOIN participants p ON p.id = f.participant JOIN sites s ON s.id = p.site WHERE s.name = f.board")" = 0 ] || fail "a line on its author's own board"
[ "$(db "SELECT count(DISTINCT participant) FROM story_visits WHERE round = 2")" = 4 ] || fail "visits"

# The exports match the store.
"$CONVENE" export --db "$CONVENE_DB" --out "$E2E/csv" >/dev/null
[ "$(($(wc -l <"$E2E/csv/storyboard_feedback.csv") - 1))" = 13 ] || fail "csv rows"
grep -q "^storyboard_feedback,author_site," "$E2E/csv/data-dictionary.csv" || fail "dictionary"
grep -q "boards,Sepsis Six,St Mary's,1,impressed," "$E2E/csv/storyboard_feedback.csv" || \
    grep -q "boards,Sepsis Six,\"St Mary's\",1,impressed" "$E2E/csv/storyboard_feedback.csv" || \
    grep -q "Sepsis Six,St Mary's" "$E2E/csv/storyboard_feedback.csv" || fail "csv: St Mary's board"
"$CONVENE" export --db "$CONVENE_DB" --format json --out "$E2E/all.json" >/dev/null
python3 - "$E2E/all.json" <<'PY' || fail "json"
import json, sys
d = json.load(open(sys.argv[1]))
a = d["sessions"][0]["activities"][0]
sites = a["storyboard"]
assert a["type"] == "Sepsis Six", a["type"]
assert sum(len(s["feedback"]) for s in sites) == 13
assert sorted(s["site"] for s in sites) == sorted(set(s["site"] for s in sites))
for s in sites:
    for f in s["feedback"]:
        assert f["author_site"] != s["site"], f
        assert f["part"] in ("impressed", "question", "idea")
PY
"$CONVENE" export --db "$CONVENE_DB" --format md --out "$E2E/r.md" >/dev/null
grep -q "Storyboard feedback by site" "$E2E/r.md" || fail "md"
grep -q "An idea to try: amal: plot it weekly" "$E2E/r.md" || fail "md line"
"$CONVENE" export --db "$CONVENE_DB" --format html --out "$E2E/r.html" >/dev/null
grep -q "<h3>Storyboard feedback by site: Sepsis Six</h3>" "$E2E/r.html" || fail "html"
[ "$(grep -c "<li><b>" "$E2E/r.html")" -ge 13 ] || fail "html lines"
echo ok
