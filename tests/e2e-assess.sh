# Six participants from two sites complete ORIC by keys in real panes;
# one closes the terminal at item 7 and, joining again, continues at
# item 7 with items 1 to 6 intact.  The facilitator's view and the CSV
# export give the subscale means this test computes on its own.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"

start_host "$plan"
# name site answers (ORIC order: e c e c e c e e c e c e)
people="a1:North:445354445354 a2:North:334243334243 a3:North:555455545554
b1:South:223222322232 b2:South:112121112121 b3:South:434343434343"
for p in $people; do
	name=${p%%:*}; rest=${p#*:}; site=${rest%%:*}
	pane "$name" "$CONVENE" join --name "$name" --site "$site"
done
pane dash "$CONVENE" join --view facilitator
for p in $people; do wait_screen "${p%%:*}" "You are in"; done

"$CONVENE" ctl goto 8 >/dev/null
"$CONVENE" ctl open >/dev/null
for p in $people; do wait_screen "${p%%:*}" "Question 1 of 12"; done

for p in $people; do
	name=${p%%:*}; answers=${p##*:}
	if [ "$name" = b3 ]; then
		keys "$name" $(echo "${answers:0:6}" | sed 's/./& /g')
		wait_screen "$name" "Question 7 of 12"
		continue
	fi
	keys "$name" $(echo "$answers" | sed 's/./& /g')
	wait_screen "$name" "You answered 12 of 12"
	keys "$name" Enter
	wait_screen "$name" "Submitted"
done

# b3 closes the terminal at item 7, then joins again.
wait_for 5 sh -c "[ \$(sqlite3 '$CONVENE_DB' \"select count(*) from answers a join participants p on p.id = a.participant where p.name = 'b3'\") = 6 ]"
pkill -9 -f "^$CONVENE join --name b3" || fail "could not kill b3"
pane b3again "$CONVENE" join --name b3 --site South
wait_screen b3again "Question 7 of 12"
keys b3again Left
wait_screen b3again "Question 6 of 12"
screen b3again | grep -q "✓ 3 Neither" || { screen b3again; fail "item 6 answer lost"; }
keys b3again Right
b3=434343434343
keys b3again $(echo "${b3:6:6}" | sed 's/./& /g')
wait_screen b3again "You answered 12 of 12"
keys b3again Enter
wait_screen b3again "Submitted"

# The means, computed here: person subscale means, then site mean.
python3 - "$people" >"$E2E/expected" <<'PY'
import sys, statistics as st
kinds = "ECECECEECECE"
sites = {}
for p in sys.argv[1].split():
    name, site, ans = p.split(":")
    c = [int(a) for a, k in zip(ans, kinds) if k == "C"]
    e = [int(a) for a, k in zip(ans, kinds) if k == "E"]
    sites.setdefault(site, []).append((sum(c) / len(c), sum(e) / len(e)))
for site, xs in sorted(sites.items()):
    cm = st.mean(x[0] for x in xs); em = st.mean(x[1] for x in xs)
    print(site, "%.1f" % em, "%.1f" % cm, "%.2f" % em, "%.2f" % cm)
PY
while read -r site e1 c1 e2 c2; do
	# dashboard: "site  done efficacy(sd) commitment(sd)", one decimal
	wait_screen dash "$site"
	# The last submit reaches the dashboard with the next repaint.
	end=$(( $(date +%s) + 10 ))
	until screen dash | grep "$site" | grep -q " 3/3 *$e1("; do
		[ "$(date +%s)" -lt "$end" ] || { screen dash; fail "$site efficacy $e1 not on the dashboard"; }
		sleep 0.1
	done
	screen dash | grep "$site" | grep -q ")[ ]*$c1(" || { screen dash; fail "$site commitment $c1 not on the dashboard"; }
done <"$E2E/expected"

"$CONVENE" export --format csv --min-group 3 --out "$E2E/csv"
python3 - "$E2E/csv" "$E2E/expected" <<'PY'
import csv, os, sys
rows = list(csv.DictReader(open(os.path.join(sys.argv[1], "scores.csv"), encoding="utf-8")))
got = {(r["site"], r["subscale"]): r for r in rows if r["all_sites"] == "false"}
# The all-sites row first for each subscale, over every site's people.
alls = [r for r in rows if r["all_sites"] == "true"]
assert alls and rows[0]["all_sites"] == "true" and all(r["site"] == "" for r in alls), rows[:2]
for line in open(sys.argv[2]):
    site, _, _, e, c = line.split()
    for sub, want in (("efficacy", e), ("commitment", c)):
        r = got[(site, sub)]
        assert abs(float(r["mean"]) - float(want)) < 0.006, (site, sub, r, want)
        assert r["n"] == "3" and r["by"] == "person", r
PY
echo "e2e-assess: ok"
