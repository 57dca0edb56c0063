# The dashboard tells the facilitator what it does: the lobby's line is
# wrapped at 80x24, not cut; a text answer picked with up/down is marked
# with > (not by colour alone) and Enter shows it whole; a café planned
# for 6 tables with 3 people says why it runs 1; the projector keeps the
# join line at the bottom during the café and its harvest.
. "$(dirname "$0")/lib-e2e.sh"
plan=$E2E/dash.plan
long="Antibiotics wait for the pharmacy on nights because the cupboard on the ward is locked and the key is with the coordinator"
cat >"$plan" <<PLAN
title = Dashboard check

[poll]
id = words
question = What gets in the way?
type = text

[cafe]
id = talk
question = What would help?
tables = 6
rounds = 2
PLAN
NO_COLOR=1 pane dash "$CONVENE" host "$plan" --db "$CONVENE_DB"
wait_screen dash "People are joining. Press n to"
wait_screen dash "start the first activity."
screen dash | grep -q "Press n to st…" && fail "the lobby line is cut"
pane proj "$CONVENE" join --view projector
for p in amal bo cy; do
	pane "$p" "$CONVENE" join --name "$p" --site "Site $p"
done
wait_screen dash "People 3/3"

# Free text: the picked answer is marked and readable whole.
keys dash n
keys dash o
wait_screen amal "Start typing your answer"
keys amal Enter
keys amal -l "$long"
keys amal Enter
wait_screen dash "> Antibiotics wait"
wait_screen dash "Enter: read whole"
keys dash Enter
wait_screen dash "Answer:"
wait_screen dash "coordinator"
keys dash x
wait_screen dash "> Antibiotics wait"
screen dash | grep -q "Answer:" && fail "any key should close the whole answer"
keys dash c

# The café with fewer people than the plan's tables.
keys dash n
wait_screen dash "2/2 cafe"
keys dash o
wait_screen dash "3 people: 1 table of 3; the plan asks for 6 tables"
wait_screen dash "3 people: 1 table of 3"
wait_screen proj "R o u n d   1"
want=$(screen proj | tail -n 3 | head -n 1)
echo "$want" | grep -qF "join" || { screen proj; fail "no join line at the bottom of the projector during the café"; }
keys dash n
keys dash n
wait_screen proj "H A R V E S T"
screen proj | tail -n 3 | head -n 1 | grep -qF "join" || { screen proj; fail "no join line at the bottom of the projector during the harvest"; }
echo "e2e-dashboard: ok"
