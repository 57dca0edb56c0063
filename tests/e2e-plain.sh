# The line mode (`join --plain`) driven through pipes, no terminal: every
# poll type, the café with its tablecloth and harvest, the assessment and
# the evaluation item by item, a breakout's note and commitment, the lobby,
# messages, timers, a host that dies and comes back; what each client
# reads, what the database stores, and never an escape byte.
. "$(dirname "$0")/lib-e2e.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
export CONVENE_FORMS="$top/sessions/forms"
plan=$E2E/plain.plan
cat >"$plan" <<'EOF'
title = Plain line mode test
collaborative = Test collaborative

[poll]
id = confidence
title = Opening poll
question = How confident are you to run a PDSA cycle next week?
type = single
options = Not at all | A little | Fairly | Very | Completely
minutes = 3

[poll]
id = sepsis-six
title = Sepsis Six
question = Which steps slip past the hour? (up to 2)
type = multi
max = 2
options = Oxygen | Blood cultures | Antibiotics | Fluids | Lactate | Urine output
anonymous = yes
reveal = after-close

[poll]
id = readiness
title = Readiness
question = My team has the time it needs to test changes.
type = scale
likert = agreement
reveal = live

[poll]
id = recommend
title = Recommend
question = How likely are you to recommend this collaborative to a colleague?
type = scale
scale = 0..10
labels = Not at all likely | Extremely likely

[poll]
id = barriers
title = One word
question = What gets in the way of timely antibiotics?
type = text

[poll]
id = priorities
title = Priorities
question = Rank these, most important first.
type = rank
options = Screening tool | Sepsis trolley | Junior doctor teaching | Audit and feedback

[cafe]
question = What stops the Sepsis Six within the hour?
tables = 1
rounds = 2
minutes = 20
hosts = stay

[assess]
form = oric

[breakout]
prompt = What change will you test by next Tuesday?
groups = site
minutes = 30

[breakout]
prompt = Which team will you join?
groups = choose
names = Triage | Wards

[feedback]
form = ls-evaluation
EOF

# join NAME ARGS...: a line-mode client reading the fifo NAME.in and
# writing NAME.out; `to NAME LINE` types a line into it.
declare -A FD POS
join() {
	n=$1; shift
	[ -p "$E2E/$n.in" ] || mkfifo "$E2E/$n.in"
	"$CONVENE" join --plain "$@" <"$E2E/$n.in" >>"$E2E/$n.out" 2>&1 &
	eval "PID_$n=\$!"
	exec {fd}>"$E2E/$n.in"
	FD[$n]=$fd
	POS[$n]=${POS[$n]:-0}
}
to() { n=$1; shift; printf '%s\n' "$*" >&"${FD[$n]}"; }

# expect NAME TEXT [SECONDS]: a line holding TEXT, after the last line
# expected (so the same words said twice are waited for twice).
expect() {
	n=$1 end=$(( $(date +%s) + ${3:-10} ))
	while :; do
		at=$(awk -v from="${POS[$n]}" -v t="$2" \
		    'NR > from && index($0, t) { print NR; exit }' "$E2E/$n.out")
		[ -n "$at" ] && { POS[$n]=$at; return 0; }
		if [ "$(date +%s)" -ge "$end" ]; then
			echo "--- $n read:"; tail -n 25 "$E2E/$n.out"
			fail "$n never read: $2"
		fi
		sleep 0.1
	done
}
# Nothing matching TEXT after the last line expected.
absent() { tail -n +"$(( POS[$1] + 1 ))" "$E2E/$1.out" | grep -qF -- "$2" && fail "$1 read: $2"; return 0; }
# stored ACTIVITY [ITEM]: the values stored for an activity (its id or
# its kind) and item, sorted, each followed by a space; a form's own
# marks (_submitted) left out.
stored() {
	sqlite3 "$CONVENE_DB" "select a.value from answers a join activities t
	    on t.id = a.activity where (t.key = '$1' or t.kind = '$1') and
	    ('${2:-}' = '' or a.item = '${2:-}') and coalesce(a.item, '')
	    not like '!_%' escape '!' order by a.value" | tr '\n' ' '
}
# ask NAME LINE TEXT: type LINE until the answer holds TEXT (for what
# another client's answer changes, which reaches this one a moment later).
ask() {
	for _ in $(seq 50); do
		to "$1" "$2"
		sleep 0.2
		tail -n +"$(( POS[$1] + 1 ))" "$E2E/$1.out" | grep -qF -- "$3" && break
	done
	expect "$1" "$3" 1
}
ctl() { "$CONVENE" ctl "$@" >/dev/null; }

start_host "$plan"
join amal --name "Amal Haddad" --site "St Mary"
# Amal first: the café's hosts go by the order people joined in.
expect amal "Joined as Amal Haddad (St Mary)"
join bo
expect bo "Your name:"
to bo "Bo Okafor"
expect bo "Your site"
to bo "St Mary"
expect bo "Joined as Bo Okafor (St Mary)"
expect amal "Lobby: the session will start soon"
to amal "3"
expect amal "Nothing to answer now"

# Single choice, with a countdown, a message and the commands.
ctl next
expect amal "Next: Opening poll. Waiting for the facilitator"
ctl open
expect amal "Poll: How confident are you to run a PDSA cycle next week?"
expect amal "3 Fairly"
expect amal "Type one number, 1 to 5."
expect amal "Timer: 3 minutes."
to amal "9"
expect amal "Pick 1-5."
to amal ""
to amal "3"
expect amal "Saved: Fairly. You can change it until the poll closes."
to bo "a little"
expect bo "Saved: A little."
ctl timer 1
expect amal "Timer: 1 minute left."
ctl say "Two minutes to coffee"
expect amal "Message from the facilitator: Two minutes to coffee"
expect bo "Message from the facilitator: Two minutes to coffee"
ctl say
to amal "status"
expect amal "Status: activity 1 of 11, Opening poll, open, 2 here."
expect amal "Your answer: Fairly."
to amal "help"
expect amal "Help: at any time type help, again"
expect amal "Now: type one number, 1 to 5"
to amal "again"
expect amal "Poll: How confident"
expect amal "Your answer: Fairly."
ctl close
expect amal "Poll closed. Your answer was saved: Fairly."
absent amal "Results"
ctl reveal
expect amal "Results, 2 answered: A little 50%, Fairly 50%, Not at all 0%"
[ "$(stored confidence)" = "A little Fairly " ] || fail "single stored: $(stored confidence)"

# Multiple choice, at most 2, anonymous, results once it closes.
ctl next
ctl open
expect amal "Poll: Which steps slip past the hour?"
expect amal "Type up to 2 numbers, like 1 2."
expect amal "Anonymous: your name is not stored with this answer."
to amal "2 3 4"
expect amal "Pick at most 2: you gave 3."
to amal "2 2"
expect amal "Option 2 is there twice"
to amal "2 7"
expect amal "Pick 1-6: 7 is not an option."
to amal "2,3"
expect amal "Saved: Blood cultures, Antibiotics."
to bo "3"
expect bo "Saved: Antibiotics."
ctl close
expect amal "Results, 2 answered: Antibiotics 100%, Blood cultures 50%"
[ "$(stored sepsis-six)" = "Antibiotics Antibiotics Blood cultures " ] ||
    fail "multi stored: $(stored sepsis-six)"

# A Likert scale with live results: labels in words, typed by number or word.
ctl next
ctl open
expect amal "Answer: 1 Strongly disagree, 2 Disagree,"
expect amal "Results are shown live: type results to hear them."
to amal "4"
expect amal "Saved: 4 Agree."
to bo "strongly agree"
expect bo "Saved: 5 Strongly agree."
ask amal results "Results, 2 answered, mean 4.50 on 1 to 5"

# 0..10: typing 10 means the point labelled 10.
ctl next
ctl open
expect amal "Answer 0 to 10: 0 Not at all likely, 10 Extremely likely."
to amal "10"
expect amal "Saved: 10 Extremely likely."
to bo "11"
expect bo "Pick 0-10."
to bo "0"
expect bo "Saved: 0 Not at all likely."
[ "$(stored recommend)" = "0 10 " ] || fail "0..10 stored: $(stored recommend)"

# Free text: as typed; a command word in quotes; too long is refused.
ctl next
ctl open
expect amal "Type your answer, up to 1000 characters."
to amal "Antibiotic delays, porters"
expect amal "Saved your answer, 26 characters."
to bo '"help"'
expect bo "Saved your answer, 4 characters."
to bo "$(printf 'x%.0s' $(seq 1001))"
expect bo "Too long: 1001 characters, at most 1000."
# 400 characters are taken; if the host keeps fewer, the reader is told.
to amal "$(printf 'y%.0s' $(seq 400))"
expect amal "Saved your answer, 400 characters."
kept=$(sqlite3 "$CONVENE_DB" "select length(value) from answers where value like 'yyy%'")
[ "$kept" = 400 ] || expect amal "Cut: the host kept the first $kept characters of your answer."
to amal "Antibiotic delays, porters"
expect amal "Saved your answer, 26 characters."
[ "$(stored barriers)" = "Antibiotic delays, porters help " ] ||
    fail "text stored: $(stored barriers)"

# Rank: every option once, best first.
ctl next
ctl open
expect amal "Type all 4 numbers, best first"
to amal "3 1 2"
expect amal "Rank all 4, best first: you gave 3, 4 is missing."
to amal "3 1 1 2"
expect amal "Option 1 is there twice"
to amal "2 1 3 4"
expect amal "Saved: 1 Sepsis trolley, 2 Screening tool, 3 Junior doctor teaching, 4 Audit and feedback."
to bo "1 2 3 4"
expect bo "Saved: 1 Screening tool"
ctl reveal
expect amal "Results, 2 ranked, by Borda points: Screening tool 5 (mean rank 1.50)"
[ "$(stored priorities o2)" = "1 2 " ] || fail "rank stored: $(stored priorities o2)"

# The café: the table, the tablemates, the tablecloth, rounds, harvest.
ctl next
ctl open
expect amal "Café round 1 of 2: you host table 1: stay there and brief the newcomers."
expect amal "Table 1, with: Bo Okafor."
expect amal "Question: What stops the Sepsis Six within the hour?"
expect amal "Tablecloth: 0 lines this round. Type a line to add it."
expect bo "Café round 1 of 2: go to table 1, host Amal Haddad."
to amal "Cultures wait for a doctor on nights"
expect amal "Added to the tablecloth of table 1."
expect bo "Tablecloth, Amal Haddad: Cultures wait for a doctor on nights"
absent amal "Tablecloth, you"
to bo "No grab bag in resus"
expect amal "Tablecloth, Bo Okafor: No grab bag in resus"
ctl next
expect amal "Café round 2 of 2:"
expect amal "Last round here, you: Cultures wait for a doctor on nights"
expect amal "Last round here, Bo Okafor: No grab bag in resus"
ctl next
expect amal "Café closed. Harvest: what every table wrote, 2 lines."
expect amal "Table 1, you: Cultures wait for a doctor on nights"
expect bo "Table 1, Amal Haddad: Cultures wait for a doctor on nights"
to bo "more"
expect bo "This has closed"
[ "$("$CONVENE" export --table notes | grep -c 'Cultures wait for a doctor on nights')" = 1 ] ||
    fail "tablecloth line not stored"

# The assessment, item by item, with its scale in words.
ctl next
ctl open
expect amal "Form: Organizational Readiness for Implementing Change"
expect amal "Question 1 of 12:"
expect amal "Answer: 1 Disagree"
to amal "5"
expect amal "Saved, question 1: 5"
expect amal "Question 2 of 12:"
to amal "skip"
expect amal "Question 3 of 12:"
to amal "back"
expect amal "Question 2 of 12:"
to amal "9"
expect amal "Pick 1-5, or type skip."
to amal "4"
expect amal "Question 3 of 12:"
to amal "go 13"
expect amal "Pick a question 1-12."
to amal "go 12"
expect amal "Question 12 of 12:"
to amal "3"
expect amal "End of the form: you answered 3 of 12."
expect amal "Not answered: 3, 4, 5, 6, 7, 8, 9, 10, 11."
to amal "submit"
expect amal "Submitted. Thank you."
# Bo's client dies at question 2; started again with the same name and
# site it has the same seat (the token kept for the name typed) and
# carries on there.
expect bo "Question 1 of 12:"
to bo "2"
expect bo "Question 2 of 12:"
kill -9 "$PID_bo"
wait "$PID_bo" 2>/dev/null || true
exec {FD[bo]}>&-
join bo --name "Bo Okafor" --site "St Mary"
expect bo "Joined as Bo Okafor (St Mary)."
expect bo "You answered 1 of 12: carrying on at question 2."
expect bo "Question 2 of 12:"
[ "$(stored assess)" = "2 3 4 5 " ] || fail "assessment stored: $(stored assess)"

# A breakout: the group's note line by line and its commitment.
ctl next
ctl open
expect amal "Breakout: your group is St Mary, with Bo Okafor."
expect amal "Prompt: What change will you test by next Tuesday?"
expect amal "Commitment: change to test: not set"
to amal "We will try a sepsis huddle at handover"
expect amal "Added to the note."
expect bo "Note line 1, Amal Haddad: We will try a sepsis huddle at handover"
to amal "change: Sepsis huddle at every handover"
expect amal "Saved, change to test: Sepsis huddle at every handover."
expect bo "Commitment, change to test: Sepsis huddle at every handover."
absent amal "Commitment, change to test"
to bo "owner: Bo Okafor"
expect amal "Commitment, owner: Bo Okafor."
to amal "due: soon"
expect amal "Not saved:"
to amal "edit 1 We will try a sepsis huddle at every handover"
expect amal "Changed note line 1."
expect bo "Note line 1 changed, Amal Haddad: We will try a sepsis huddle at every handover"
to bo "edit 1 not mine"
expect bo "Line 1 is not one of yours"
ctl recall 2
expect amal "Recall: back in the room in 2 minutes."
[ "$(sqlite3 "$CONVENE_DB" "select change || '|' || owner from groups")" = "Sepsis huddle at every handover|Bo Okafor" ] ||
    fail "commitment stored: $(sqlite3 "$CONVENE_DB" 'select * from groups')"

# A breakout where people choose their group.
ctl next
ctl open
expect amal "Breakout: pick a group: type group and its number."
expect amal "Group 2: Wards, 0 people."
to amal "hello"
expect amal "Pick a group first: type group and its number."
to amal "group 3"
expect amal "Pick a group 1-2."
to amal "group 2"
expect amal "Joined group 2: Wards."
expect amal "Breakout: your group is Wards."
to amal "Porters first"
expect amal "Added to the note."
ctl close
expect amal "Breakout closed."

# The evaluation: a 0..10 rating answered with its label.
ctl next
ctl open
expect amal "Form: Learning session evaluation"
expect amal "Question 1 of"
last=$(sed -n 's/^Form: Learning session evaluation, \([0-9]*\) questions.*/\1/p' "$E2E/amal.out")
to amal "go $last"
expect amal "Question $last of $last: How likely are you to recommend"
expect amal "Answer 0 to 10: 0 Not at all likely, 10 Extremely likely."
to amal "9"
expect amal "Saved, question $last: 9."
[ "$(stored feedback recommend)" = "9 " ] ||
    fail "recommend stored: $("$CONVENE" export --table answers | grep recommend)"

# The host dies and comes back: the clients say so and carry on.
kill -9 "$HOST_PID"
wait "$HOST_PID" 2>/dev/null || true
expect amal "Connection lost: reconnecting. Your answers are safe."
start_host "$plan" --resume
expect amal "Reconnected." 20
to amal "status"
expect amal "Status: activity 11 of 11"
ctl end
expect amal "Session: The session has ended"
expect bo "Session: The session has ended"
wait "$PID_amal" || fail "amal's client did not exit 0"

for n in amal bo; do
	if LC_ALL=C grep -q "$(printf '\033')" "$E2E/$n.out"; then
		fail "$n read an escape byte"
	fi
	if LC_ALL=C tr -d '\n' <"$E2E/$n.out" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		fail "$n read a control character"
	fi
done

# The word plain after ssh's address (SSH_ORIGINAL_COMMAND) is the line
# mode too, with no terminal.
out=$(printf 'quit\n' | SSH_ORIGINAL_COMMAND="plain" "$CONVENE" join --name Cy --site East 2>&1)
echo "$out" | grep -q "line mode" || fail "SSH_ORIGINAL_COMMAND=plain: $out"
echo "e2e-plain: ok"
