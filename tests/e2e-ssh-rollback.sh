# scripts/ssh-setup takes back what it did when it cannot finish: with the
# binary behind a 0700 directory the join account cannot reach it, and
# the run must leave no account, group, wrapper or sshd configuration.
# --undo removes what it recognises as its own even without its state
# line (as a failed run of an older ssh-setup left it).  Needs root, as
# e2e-ssh does; CI runs it as root.
set -eu
if [ "$(id -u)" != 0 ]; then
	[ -z "${CI:-}" ] || { echo "FAIL: e2e-ssh-rollback must run as root in CI" >&2; exit 1; }
	echo "e2e-ssh-rollback: SKIP (needs root to create accounts)"
	exit 0
fi
. "$(dirname "$0")/lib-e2e.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
U=convene-r$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
trap 'rc=$?; set +e; userdel "$U" 2>/dev/null; groupdel "$U" 2>/dev/null; (exit $rc); cleanup' EXIT
gone() {
	id "$U" >/dev/null 2>&1 && fail "$1: the account $U is left"
	getent group "$U" >/dev/null && fail "$1: the group $U is left"
	[ ! -e "$E2E/sshd/sshd_config" ] || fail "$1: sshd_config is left"
	[ ! -e "$E2E/sshd/convene-ssh-join" ] || fail "$1: the wrapper is left"
	[ ! -e "$E2E/sshd/home" ] || fail "$1: the home is left"
	return 0
}
ssh-keygen -q -t ed25519 -N '' -C e2e -f "$E2E/key"
chmod 0711 "$E2E"
# run-tests makes TMPDIR 0700: the account must get through it.
[ "${E2E%/*}" = /tmp ] || chmod o+x "${E2E%/*}"
mkdir -m 0700 "$E2E/private"
cp "$CONVENE" "$E2E/private/convene"
chmod 0755 "$E2E/private/convene"
setup() {
	"$top/scripts/ssh-setup" --config-dir "$E2E/sshd" --port 2299 --user "$U" \
	    --keys "$E2E/key.pub" --socket "$E2E/sshd/run/c.sock" --convene "$1"
}
rc=0
setup "$E2E/private/convene" >"$E2E/fail.log" 2>&1 || rc=$?
[ "$rc" = 1 ] || { cat "$E2E/fail.log"; fail "ssh-setup exited $rc, not 1"; }
grep -q "$U cannot reach $E2E/private/convene" "$E2E/fail.log" || { cat "$E2E/fail.log"; fail "no clear message"; }
grep -q "taking back what it set up" "$E2E/fail.log" || { cat "$E2E/fail.log"; fail "no word of the rollback"; }
grep -q "deleted the account $U" "$E2E/fail.log" || { cat "$E2E/fail.log"; fail "the rollback did not say it deleted the account"; }
gone "after a failed set-up"
"$top/scripts/ssh-setup" --undo --user "$U" --config-dir "$E2E/sshd" >"$E2E/undo0.log" 2>&1
grep -q "nothing to undo" "$E2E/undo0.log" || fail "--undo after a rollback: $(cat "$E2E/undo0.log")"

# What an older ssh-setup left after failing: the account, group and
# wrapper, but no sshd_config with its state line.  --undo finds them.
chmod 0755 "$E2E/private"
setup "$E2E/private/convene" >"$E2E/ok.log" 2>&1 || { cat "$E2E/ok.log"; fail "ssh-setup failed with a reachable binary"; }
id "$U" >/dev/null 2>&1 || fail "no account after a good set-up"
rm -f "$E2E/sshd/sshd_config"
"$top/scripts/ssh-setup" --undo --user "$U" --config-dir "$E2E/sshd" >"$E2E/undo.log" 2>&1 ||
    { cat "$E2E/undo.log"; fail "--undo failed"; }
grep -q "deleted the account $U" "$E2E/undo.log" || { cat "$E2E/undo.log"; fail "--undo left the account"; }
gone "after --undo without a state line"
echo "e2e-ssh-rollback: ok"
