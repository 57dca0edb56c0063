# A rehearsal of sessions/demo.plan from start to end: twelve simulated
# participants join through the protocol and answer every poll; ctl
# drives the agenda; the final tallies are checked in the export.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"
export CONVENE_REHEARSE_PACE=0.05
N=12

start_host "$plan" --rehearse $N
wait_for 10 sh -c "[ \"\$(\"$CONVENE\" ctl status | grep -o '\"joined\":[0-9]*')\" = '\"joined\":$N' ]"
total=$(status_field activities)
for i in $(seq 1 "$total"); do
	"$CONVENE" ctl next >/dev/null
	if [ "$(status_field activity.kind)" = cafe ]; then
		# Rehearsal people write a tablecloth line each round.
		"$CONVENE" ctl open >/dev/null
		for r in 1 2 3; do
			wait_for 20 sh -c "[ \$(sqlite3 '$CONVENE_DB' 'select count(*) from notes where round = $r') -ge $N ]"
			"$CONVENE" ctl next >/dev/null
		done
		[ "$(status_field activity.state)" = closed ] || fail "café did not close after 3 rounds"
	elif [ "$(status_field activity.runnable)" = true ]; then
		"$CONVENE" ctl open >/dev/null
		end=$(( $(date +%s) + 20 ))
		until [ "$(status_field answers)" = $N ]; do
			[ "$(date +%s)" -lt "$end" ] || fail "activity $i: $(status_field answers) of $N answered"
			sleep 0.2
		done
		"$CONVENE" ctl close >/dev/null
	else
		"$CONVENE" ctl open >/dev/null 2>&1 && fail "activity $i is not runnable but opened"
	fi
done
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID"; HOST_PID=""

"$CONVENE" export --format json >"$E2E/x.json"
python3 - "$E2E/x.json" $N <<'PY'
import json, sys
doc, n = json.load(open(sys.argv[1], encoding="utf-8")), int(sys.argv[2])
s = doc["sessions"][-1]
assert s["ended"] is not None
assert len(s["participants"]) == n
polls = [a for a in s["activities"] if a["kind"] == "poll"]
assert len(polls) == 6, len(polls)
cafe = [a for a in s["activities"] if a["kind"] == "cafe"][0]
assert len(cafe["seats"]) == 3 * n, len(cafe["seats"])
assert len(cafe["notes"]) == 3 * n, len(cafe["notes"])
for a in polls:
    people = {x["participant"] for x in a["answers"]}
    if not a["anonymous"]:
        assert len(people) == n, (a["id"], len(people))
    r = a["results"]
    assert r["answered"] == n, (a["id"], r)
    counts = [o["count"] for o in r.get("options", [])]
    if a["type"] in ("single", "scale"):
        assert sum(counts) == n, (a["id"], counts)
    if a["type"] == "multi":
        assert n <= sum(counts) <= 2 * n, (a["id"], counts)
    if a["type"] == "text":
        assert len(a["answers"]) == n and all(x["participant"] is None for x in a["answers"])
PY
echo "e2e-rehearse: ok"
