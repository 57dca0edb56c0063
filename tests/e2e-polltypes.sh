# Every poll type answered by keys in real panes: multi (with max),
# Likert scale with live results, 0..10 scale, free text (typed into the
# form field, moderated, word cloud) and rank; a countdown that closes a
# poll by itself; results by site; a banner from `say`; the projector.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"

start_host "$plan"
pane amal "$CONVENE" join --name Amal --site "St Mary"
pane bo "$CONVENE" join --name Bo --site North
pane proj "$CONVENE" join --view projector
wait_screen amal "You are in"
wait_screen bo "You are in"
wait_screen proj "Join from your laptop"

# 1. single with a short countdown: closes by itself at zero.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
"$CONVENE" ctl timer 1 >/dev/null
wait_screen amal "1 minute left"
keys amal 2
wait_screen amal "Received: A little"
"$CONVENE" ctl say "Two minutes to coffee" >/dev/null
wait_screen amal "Two minutes to coffee"
wait_screen bo "Two minutes to coffee"
"$CONVENE" ctl say >/dev/null

# 2. multi, at most 2, anonymous, revealed after close.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "[ ]"
keys amal 2 3 4
wait_screen amal "You can pick up to 2"
keys amal Enter
wait_screen amal "Received"
keys bo 3 Enter
wait_screen bo "Received"
[ "$(status_field answers)" = 2 ] || fail "multi: 2 answers"
screen amal | grep -q '%' && fail "multi results before close"
"$CONVENE" ctl close >/dev/null
wait_screen amal "100%"
screen amal | grep -q "Antibiotics.* 2 100%" || { screen amal; fail "multi tally"; }

# 3. Likert, results live to everyone while open.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Strongly agree"
keys amal 4
keys bo 5
wait_screen amal "Received"
keys amal v
wait_screen amal "mean 4.50 on 1..5"
"$CONVENE" ctl bysite on >/dev/null
wait_screen proj "other sites"
"$CONVENE" ctl bysite off >/dev/null

# 4. 0..10 scale: digits name values; the projector shows progress.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Extremely likely"
keys amal 0
wait_screen proj "1 of 2 answered"
keys bo Down Down Down Down Down Down Down Down Down Down Enter
wait_screen bo "Received: 10 Extremely likely"

# 5. free text: typed into a form field, moderated, word cloud.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "Start typing your answer"
keys amal Enter
wait_screen amal "Your answer"
keys amal -l "Antibiotic delays, porters"
keys amal Enter
wait_screen amal "Received: Antibiotic delays, porters"
keys bo Enter
wait_screen bo "Your answer"
keys bo -l "antibiotic trolley"
keys bo Enter
wait_screen bo "Received"
"$CONVENE" ctl reveal >/dev/null
wait_screen proj "antibiotic"
screen proj | grep -q "antibiotic .* 2" || { screen proj; fail "word cloud count"; }
id=$(sqlite3 "$CONVENE_DB" "select id from answers where value like 'antibiotic trolley'")
"$CONVENE" ctl moderate "$id" >/dev/null
sleep 0.3
screen proj | grep -q "trolley" && fail "moderated answer still on the projector"
[ "$(sqlite3 "$CONVENE_DB" "select participant is null from answers where id=$id")" = 1 ] || fail "anonymous text is linked"

# 6. rank: best first, Backspace undoes, the last pick sends.
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen amal "place next"
keys amal 2 1 BSpace 3 1 4
wait_screen amal "Received"
keys bo 1 2 3 4
wait_screen bo "Received"
"$CONVENE" ctl reveal >/dev/null
# Borda (k - rank): opt1 = (4-3)+(4-1)=4, opt2 = 3+2=5, opt3 = 2+1=3, opt4 = 0
wait_screen amal "Borda"
screen amal | grep -q "Sepsis trolley .* 5 (1.50)" || { screen amal; fail "rank tally"; }

# A countdown closes a poll by itself at zero (auto_close): reopen poll 1
# with a one-minute timer, leave it alone, and watch it close.
"$CONVENE" ctl goto 1 >/dev/null
"$CONVENE" ctl open >/dev/null
"$CONVENE" ctl timer 1 >/dev/null
wait_screen bo "1 minute left"
wait_screen amal "Closed. Your answer was saved." 75
[ "$(status_field activity.state)" = closed ] || fail "timer did not close the poll"
echo "e2e-polltypes: ok"
