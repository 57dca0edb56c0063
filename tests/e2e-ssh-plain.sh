# The login name plain over `host --ssh` gets the line mode (as `convene
# join --plain`), for screen readers: plain lines, typed lines echoed.
. "$(dirname "$0")/lib-e2e.sh"
. "$(dirname "$0")/lib-ssh.sh"

start_ssh_host "$SESSIONS/demo.plan"
pane pia ssh $SSH_OPTS -o PubkeyAuthentication=no plain@127.0.0.1
wait_screen pia "line mode. Your return code is"
keys pia Enter
wait_screen pia "Your name:"
keys pia -l "Pia"
keys pia Enter
wait_screen pia "Your site"
keys pia -l "East"
keys pia Enter
wait_screen pia "Joined as Pia (East)"
[ "$(status_field participants.connected)" = 1 ] || fail "Pia is not connected"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
wait_screen pia "How confident"
keys pia -l "2"
keys pia Enter
wait_for 10 sh -c "[ \"\$($CONVENE ctl status | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"answers\"])')\" = 1 ]"
echo "e2e-ssh-plain: ok"
