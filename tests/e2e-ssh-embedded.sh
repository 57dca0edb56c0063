# Participants over the host's own SSH server (`convene host --ssh`), the
# way a facilitator without root runs it: the host runs as a user without
# root on a loopback port.  Three participants in 80x24 panes, two with
# OpenSSH (one with a key, one without) and one with PuTTY's plink, type
# name and site, answer a poll by keys; one pane is resized; the one
# without a key drops and comes back with its return code, the one with
# a key drops and comes back by its key alone; the export matches.
. "$(dirname "$0")/lib-e2e.sh"
. "$(dirname "$0")/lib-ssh.sh"

start_ssh_host "$SESSIONS/demo.plan"
line=$(status_field ssh.line)
[ "$line" = "ssh -p $SSH_PORT join@127.0.0.1" ] || fail "join line: $line"
grep -q "ssh -p $SSH_PORT join@127.0.0.1   $SSH_FPR" "$E2E/host.log" ||
    fail "the host did not log the join line and fingerprint"

new_key amal
pane amal ssh $SSH_OPTS -i "$E2E/amal.key" -o IdentitiesOnly=yes join@127.0.0.1
wait_screen amal "Your name:"
# The key the client accepted is the one the host shows.
[ "$(ssh-keygen -lf "$E2E/known_hosts" | awk '{print $2}')" = "$SSH_FPR" ] ||
    fail "the client saw another host key than the status shows"
identify amal "Amal Haddad" "St Mary"
wait_screen amal "You are in"

pane bo ssh $SSH_OPTS -o PubkeyAuthentication=no join@127.0.0.1
wait_screen bo "Your return code is"
bo_code=$(screen bo | sed -n 's/.*return code is \([A-Z0-9-]*\)\..*/\1/p')
[ -n "$bo_code" ] || fail "no return code on Bo's screen"
keys bo Enter
identify bo "Bo 王" North
wait_screen bo "You are in"

pane cara plink -hostkey "$SSH_FPR" -P "$SSH_PORT" -t join@127.0.0.1
# PuTTY's own guard against servers faking its prompts: Return once.
wait_screen cara "Press Return to begin session"
keys cara Enter
wait_screen cara "Your return code is"
keys cara Enter
identify cara "Cara Díaz" "St Mary"
wait_screen cara "You are in"
wait_screen bo "Bo 王 (North)"
[ "$(status_field participants.connected)" = 3 ] || fail "3 should be connected"

"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
for p in amal bo cara; do wait_screen $p "or arrows + Enter"; done
keys amal 3
keys bo Down
keys bo Enter
wait_screen amal "Received: Fairly"
wait_screen bo "Received: A little"

# Cara's window shrinks mid-poll: the screen follows the new size.
tm resize-window -t e2e:cara -x 60 -y 20
sleep 0.5
wait_screen cara "How confident"
keys cara Down Down Down Enter
wait_screen cara "Received: Very"
[ "$(screen cara | wc -L)" -le 60 ] || fail "cara's screen is wider than her window"
[ "$(status_field answers)" = 3 ] || fail "3 answers expected, got $(status_field answers)"

# Bo's connection drops; he comes back with his return code as his name.
drop bo
wait_for 10 sh -c "[ \"\$($CONVENE ctl status | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"participants\"][\"connected\"])')\" = 2 ]"
pane bo2 ssh $SSH_OPTS -o PubkeyAuthentication=no join@127.0.0.1
wait_screen bo2 "Your return code is"
keys bo2 Enter
identify bo2 "$(echo "$bo_code" | tr A-Z a-z)" ""
wait_screen bo2 "Received: A little"
keys bo2 1
wait_screen bo2 "Received: Not at all"

# Amal's drops too; her key alone brings her back to her seat.
drop amal
pane amal2 ssh $SSH_OPTS -i "$E2E/amal.key" -o IdentitiesOnly=yes join@127.0.0.1
wait_screen amal2 "Received: Fairly"
screen amal2 | grep -q "Your name:" && fail "a known key was asked for a name"
[ "$(status_field participants.joined)" = 3 ] || fail "a return made a new seat"
[ "$(status_field answers)" = 3 ] || fail "3 answers expected after the returns"

"$CONVENE" ctl close >/dev/null
"$CONVENE" export --format csv --out "$E2E/as/csv"
python3 - "$E2E/as/csv" <<'PY'
import csv, os, sys
d = sys.argv[1]
read = lambda t: list(csv.DictReader(open(os.path.join(d, t + ".csv"), encoding="utf-8")))
people = {p["id"]: p for p in read("participants")}
answers = {people[a["participant"]]["name"]: a["value"]
           for a in read("answers") if a["activity"] == "confidence"}
want = {"Amal Haddad": "Fairly", "Bo 王": "Not at all", "Cara Díaz": "Very"}
assert answers == want, answers
sites = {p["name"]: p["site"] for p in people.values()}
assert sites == {"Amal Haddad": "St Mary", "Bo 王": "North", "Cara Díaz": "St Mary"}, sites
PY
echo "e2e-ssh-embedded: ok"
