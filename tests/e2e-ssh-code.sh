# `host --ssh --code CODE`: the code is the SSH password, asked for by
# keyboard-interactive.  A wrong code is asked again and gets nothing;
# the right one gets the screens; six wrong ones end the connection.
. "$(dirname "$0")/lib-e2e.sh"
. "$(dirname "$0")/lib-ssh.sh"

start_ssh_host "$SESSIONS/demo.plan" --code room-42
pane in ssh $SSH_OPTS -o PubkeyAuthentication=no join@127.0.0.1
wait_screen in "Join code:"
keys in -l wrong-code
keys in Enter
sleep 0.5
screen in | grep -q "return code" && fail "a wrong code got in"
[ "$(screen in | grep -c "Join code:")" -ge 2 ] || fail "a wrong code was not asked again"
keys in -l room-42
keys in Enter
wait_screen in "return code"
keys in Enter
identify in "Ines" "West"
wait_screen in "You are in"

# Six wrong codes: the connection ends.
pane bad ssh $SSH_OPTS -o PubkeyAuthentication=no -o NumberOfPasswordPrompts=10 join@127.0.0.1
for i in 1 2 3 4 5 6 7; do
	wait_screen bad "Join code:"
	keys bad -l "nope$i"
	keys bad Enter
	sleep 0.3
done
wait_for 10 grep -q "too many wrong join codes" "$E2E/host.log"
[ "$(status_field participants.joined)" = 1 ] || fail "someone without the code joined"
echo "e2e-ssh-code: ok"
