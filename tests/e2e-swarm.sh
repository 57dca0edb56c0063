# The load generator, briefly: 200 participants join a headless host,
# follow screen changes and answer for two seconds; every acknowledged
# answer must then be in the database, every snapshot must decode, and
# the host must log no sanitizer report.  Correctness only: timings are
# printed by `make bench`, never asserted here.
set -eu
: "${CONVENE:?set CONVENE to the convene binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$CONVENE")
swarm="$build/tests/bench-swarm"

# Built with the same flags as the binary under test (the Makefile's
# bench rule; `check` does not build benchmarks).
if [ ! -x "$swarm" ] || [ "$top/tests/bench-swarm.c" -nt "$swarm" ]; then
	san=
	grep -q __asan_init "$CONVENE" && san=SANITIZE=1
	rel=${build#"$top"/}
	env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" \
	    BUILD="$rel" $san "$rel/tests/bench-swarm" >/dev/null
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/swarm.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# The generator's own allocations live until exit on purpose.
out=$(ASAN_OPTIONS=detect_leaks=0 "$swarm" --convene "$CONVENE" \
    --dir "$dir" -n 200 --seconds 2 --changes 4 --rate 1000 --check) || {
	echo "$out"
	echo "--- host log"
	tail -n 40 "$dir/host.log"
	echo "FAIL: the load generator reported errors" >&2
	exit 1
}
echo "$out" | grep -E '^(answers_acked|verified_answers|lost_answers)='
if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$dir/host.log"; then
	tail -n 60 "$dir/host.log"
	echo "FAIL: the host reported a sanitizer error" >&2
	exit 1
fi
echo "e2e-swarm: ok"
