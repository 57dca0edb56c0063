# What a participant types is what is stored, checked in the export: 10 on
# a 0..10 scale (1 then 0), 9 on a form's 0..10 rating, PuTTY's Home and
# End (ESC [ 1 ~, ESC [ 4 ~) answering nothing, type-ahead at text
# questions, a draft kept by Esc, Enter ranking one option after another
# and a ranking cut off by the close, a form submitted with a question
# left blank listed and counted as partial.
. "$(dirname "$0")/lib-e2e.sh"

cat >"$E2E/t.form" <<'EOF'
title = Keys test form
[rating]
id = rec
text = How likely are you to recommend it?
scale = 0..10
labels = Not at all likely | Extremely likely
[text]
id = most
text = What helped you most today?
[rating]
id = useful
text = How useful was the day?
scale = 1..5
EOF
cat >"$E2E/t.plan" <<EOF
title = Keys test
[poll]
id = rec
question = How likely are you to recommend us?
type = scale
scale = 0..10
labels = Not at all likely | Extremely likely
[poll]
id = one
question = Pick one
type = single
options = Alpha | Beta | Gamma | Delta | Epsilon
[poll]
id = word
question = One word for the night shift
type = text
[poll]
id = rank
question = Rank them
type = rank
options = Red | Green | Blue | Amber
[feedback]
form = $E2E/t.form
EOF

# answer_of ACTIVITY NAME [ITEM]: the stored value, from the CSV export.
answer_of() {
	rm -rf "$E2E/out"
	"$CONVENE" export --format csv --out "$E2E/out" >/dev/null ||
	    fail "export failed"
	python3 - "$E2E/out" "$@" <<'PY'
import csv, sys
out, act, name = sys.argv[1:4]
item = sys.argv[4] if len(sys.argv) > 4 else ""
people = {r["id"]: r["name"] for r in csv.DictReader(open(out + "/participants.csv"))}
rows = [r for r in csv.DictReader(open(out + "/answers.csv"))
        if r["activity"] == act and people.get(r["participant"]) == name]
if item == "*":   # every item: "item=value,..." (a ranking's rows)
    print(",".join("%s=%s" % (r["item"], r["value"]) for r in rows))
else:
    for r in rows:
        if r["item"] == item:
            print(r["value"])
PY
}

expect() {
	got=$(answer_of "$1" "$2" "${4:-}")
	[ "$got" = "$3" ] || fail "$1 ${4:-} of $2: stored \"$got\", typed \"$3\""
}

export PANE_TERM=xterm
start_host "$E2E/t.plan"
pane amal "$CONVENE" join --name Amal --site Ayr
pane bo "$CONVENE" join --name Bo --site Bute
wait_screen amal "You are in"
wait_screen bo "You are in"

# 1. 0..10 poll: 1 then 0 is ten; 1 alone waits (Enter makes it one).
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Extremely likely"
keys amal 1
wait_screen amal "type the next digit, or Enter for 1"
[ "$(status_field answers)" = 0 ] || fail "1 answered before its second digit"
keys amal 0
wait_screen amal "Received: 10 Extremely likely"
keys bo 1 Enter
wait_screen bo "Received: 1"
expect rec Amal 10
expect rec Bo 1

# 2. PuTTY's Home and End, F1-F5 of the Linux console: no answer.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Epsilon"
tm send-keys -t e2e:amal -H 1b 5b 34 7e 1b 5b 31 7e 1b 4f 46 1b 5b 32 34 7e
tm send-keys -t e2e:amal End Home PageDown
sleep 0.5
[ "$(status_field answers)" = 0 ] || fail "an escape sequence answered the poll"
screen amal | grep -q "Received" && fail "a key sequence answered"
screen amal | grep -q "\[4~\|\[1~" && fail "sequence bytes on screen"
keys amal 9
wait_screen amal "Pick 1-5"
keys amal 3
wait_screen amal "Received: Gamma"
expect one Amal Gamma

# 3. Type-ahead at a text poll: no letter is lost; Esc keeps the draft.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "One word"
tm send-keys -t e2e:amal -l "Pharmacy"
keys amal Enter
wait_screen amal "Received: Pharmacy"
tm send-keys -t e2e:bo -l "quiet wa"
wait_screen bo "quiet wa"
keys bo Escape
# The question's own line shows "Start typing" behind the field too: wait
# for the field to close, or the next letter would follow ESC as Alt+r.
wait_gone bo "Your answer (Enter sends"
wait_screen bo "Start typing your answer"
tm send-keys -t e2e:bo -l "rds"
wait_screen bo "quiet wards"
keys bo Enter
wait_screen bo "Received: quiet wards"
expect word Amal Pharmacy
expect word Bo "quiet wards"

# 4. Rank: Enter places the highlighted option and moves on; a ranking
# cut off by the close says it was not counted.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Amber"
keys amal Enter
wait_screen amal "1 of 4 placed: 3 more to place"
keys amal Enter Enter
wait_screen amal "3 of 4 placed"
keys amal Enter
wait_screen amal "Received"
keys bo 4 Enter
wait_screen bo "2 of 4 placed"
"$CONVENE" ctl close >/dev/null
wait_screen bo "it was not counted"

expect rank Amal "o1=1,o2=2,o3=3,o4=4" '*'
expect rank Bo "" '*'

# 5. Form: 9 on the 0..10 rating is 9; typing at the text question starts
# the answer; the summary lists what was left blank; submitted with a
# blank, it counts as partial.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "How likely are you to recommend it?"
keys amal 9
wait_screen amal "What helped you most today?"
tm send-keys -t e2e:amal -l "The world cafe"
keys amal Enter
wait_screen amal "How useful was the day?"
keys amal Right
wait_screen amal "Not answered yet:"
wait_screen amal "How useful was the day?"
keys amal Enter
wait_screen amal "Submitted"
act=$("$CONVENE" ctl status | python3 -c 'import json,sys; print(json.load(sys.stdin)["activity"]["id"])')
expect "$act" Amal 9 rec
expect "$act" Amal "The world cafe" most
expect "$act" Amal "" useful
pane proj "$CONVENE" join --view projector
wait_screen proj "0 complete, 1 with questions left blank"
echo "ok: typed is stored"
