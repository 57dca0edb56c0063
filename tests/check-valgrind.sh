#!/bin/sh
# The end-to-end tests with every convene process (host, clients, ctl,
# export) under valgrind's memcheck.  `make check-valgrind` builds the
# binary without sanitizers under build/valgrind and calls this.
# usage: tests/check-valgrind.sh BUILD_DIR
# Any memory error or definite leak in any process fails the run; each
# process's report stays in BUILD_DIR/valgrind/.  VALGRIND_TESTS lists the
# e2e scripts to run (default: a representative set; e2e-rejoin kills its
# client by command line, which valgrind changes, and e2e-crash kills the
# host on purpose, so valgrind has nothing to say there).
set -u
build=$1
top=$(cd "$(dirname "$0")/.." && pwd)
logs=$(cd "$build" && pwd)/valgrind
tests=${VALGRIND_TESTS:-"e2e-poll e2e-polltypes e2e-host e2e-rehearse e2e-check e2e-hostile"}
rm -rf "$logs"
mkdir -p "$logs"
CONVENE=$(cd "$build" && pwd)/convene
CONVENE_WRAP="valgrind -q --vgdb=no --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite --show-leak-kinds=definite \
--log-file=$logs/%p.log"
export CONVENE CONVENE_WRAP
fail=0
for t in $tests; do
	start=$(date +%s)
	out=$(mktemp)
	d=$(mktemp -d)
	if TMPDIR=$d timeout 900 bash "$top/tests/$t.sh" >"$out" 2>&1; then
		printf 'ok    %-20s %4ss\n' "$t" $(( $(date +%s) - start ))
	else
		fail=1
		printf 'FAIL  %-20s %4ss\n' "$t" $(( $(date +%s) - start ))
		tail -n 40 "$out" | sed 's/^/      | /'
	fi
	rm -rf "$d" "$out"
done
# -q leaves a log empty unless there is something to say.
n=$(find "$logs" -name '*.log' | wc -l)
bad=$(find "$logs" -name '*.log' -size +0 | sort)
for f in $bad; do
	fail=1
	echo "valgrind: $f"
	head -n 60 "$f" | sed 's/^/      | /'
done
echo "valgrind: $n processes checked, $(echo "$bad" | grep -c .) with reports"
exit $fail
