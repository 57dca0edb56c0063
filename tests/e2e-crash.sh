# Crash and resume, disk full, read-only database: nothing acknowledged is
# lost.  A host under load (40 rehearsal participants, plus tests/ackcheck's
# participants answering all the time and logging every ok ack) is killed
# with SIGKILL at random moments and restarted with --resume; after each
# restart the database passes integrity_check, every acknowledged answer is
# in it (or was replaced by a later answer of the same person), and the
# session is back on the same activity with answers flowing.  Then the disk
# fills up and the database becomes read-only: the facilitator's log and
# the participants' screens say answers are paused, acks say so, nothing
# acknowledged is lost, and answers flow again once the fault is gone.
. "$(dirname "$0")/lib-e2e.sh"
ACKCHECK=${ACKCHECK:-$(dirname "$CONVENE_REAL")/tests/ackcheck}
[ -x "$ACKCHECK" ] || fail "no $ACKCHECK (make check builds it)"
ROUNDS=${CRASH_ROUNDS:-20}
export CONVENE_REHEARSE_PACE=0.02
ACK_PID=""
MOUNTED=""
IMMUTABLE=""

crash_cleanup() {
	rc=$?
	set +e
	[ -n "$ACK_PID" ] && kill "$ACK_PID" 2>/dev/null
	for f in $IMMUTABLE; do chattr -i "$f" 2>/dev/null; done
	if [ -n "$MOUNTED" ]; then
		[ -n "$HOST_PID" ] && kill -9 "$HOST_PID" 2>/dev/null && wait "$HOST_PID" 2>/dev/null
		HOST_PID=""
		umount "$MOUNTED" 2>/dev/null || umount -l "$MOUNTED" 2>/dev/null
	fi
	(exit $rc)
	cleanup
}
trap crash_cleanup EXIT

plan="$E2E/crash.plan"
{
	echo "title = Crash test"
	for i in $(seq 1 30); do
		printf '\n[poll]\nid = q%d\nquestion = Question %d?\n' "$i" "$i"
		printf 'type = single\noptions = a | b | c | d\n'
	done
} >"$plan"

# ackcheck DIR [ARGS]: answering participants logging into DIR.
ackcheck() {
	mkdir -p "$1"
	touch "$1/sent" "$1/acks" "$1/naks"
	d=$1; shift
	"$ACKCHECK" --socket "$CONVENE_SOCKET" --dir "$d" "$@" &
	ACK_PID=$!
}

stop_ackcheck() {
	kill "$ACK_PID" 2>/dev/null && wait "$ACK_PID" 2>/dev/null
	ACK_PID=""
}

# check_acks DB DIR: every acknowledged answer is stored.  Prints
# "acked N found M"; fails when M < N.  The ack log is read before the
# database and the sent log after it, so an answer acked meanwhile is
# either in the first read or not counted, and a later answer that
# replaced an acked one is always known.
check_acks() {
	python3 - "$1" "$2" <<'PY' || fail "acknowledged answers missing from $1"
import sqlite3, sys
db, d = sys.argv[1:3]
def rows(name):
    with open(f"{d}/{name}", encoding="utf-8") as f:
        return [l[:-1].split("\t") for l in f if l.endswith("\n")]
acks = rows("acks")
con = sqlite3.connect(db, timeout=10)
stored = {(n, k): str(c) for n, k, c in con.execute(
    "SELECT p.name, a.key, ans.choice FROM answers ans"
    " JOIN participants p ON p.id = ans.participant"
    " JOIN activities a ON a.id = ans.activity"
    " WHERE a.session = (SELECT max(id) FROM sessions)")}
con.close()
sent = rows("sent")
last = {}
for name, act, value, seq in acks:
    last[(name, act)] = max(last.get((name, act), 0), int(seq))
later = {}
for name, act, value, seq in sent:
    if int(seq) >= last.get((name, act), 1 << 40):
        later.setdefault((name, act), set()).add(value)
missing = [(k, v) for k, v in last.items()
           if stored.get(k) not in later.get(k, ())]
print(f"acked {len(acks)} answers ({len(last)} people x polls), "
      f"found {len(last) - len(missing)} of {len(last)}")
for k, v in missing[:10]:
    print("  missing:", k, "last acked seq", v, "stored", stored.get(k))
sys.exit(1 if missing else 0)
PY
}

integrity() {
	r=$(sqlite3 "$1" 'PRAGMA integrity_check' 2>&1)
	[ "$r" = ok ] || fail "integrity_check on $1: $r"
}

# acks_for ACT DIR: how many ok acks for ACT are logged.
acks_for() {
	awk -F'\t' -v a="$1" '$2 == a' "$2/acks" | wc -l
}

# wait_acks ACT DIR N SECONDS: until more than N acks for ACT.
wait_acks() {
	end=$(( $(date +%s) + $4 ))
	while [ "$(acks_for "$1" "$2")" -le "$3" ]; do
		[ "$(date +%s)" -lt "$end" ] || fail "answers to $1 never acknowledged again"
		sleep 0.1
	done
}

kill_host() {
	kill -9 "$HOST_PID" 2>/dev/null
	wait "$HOST_PID" 2>/dev/null || true
	HOST_PID=""
}

# --- SIGKILL at random moments, --resume after each ---------------------
start_host "$plan" --rehearse 40
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
A="$E2E/ack"
ackcheck "$A" --n 8 --gap 30
wait_acks q1 "$A" 20 15
start=$(date +%s)
for round in $(seq 1 "$ROUNDS"); do
	if [ $((RANDOM % 2)) = 0 ]; then
		"$CONVENE" ctl next >/dev/null
		"$CONVENE" ctl open >/dev/null
	fi
	sleep "$((RANDOM % 2)).$((RANDOM % 10))$((RANDOM % 10))"
	act=$(status_field activity.id)
	state=$(status_field activity.state)
	kill_host
	before=$(acks_for "$act" "$A")
	start_host "$plan" --resume --rehearse 40
	integrity "$CONVENE_DB"
	[ "$(status_field activity.id)" = "$act" ] ||
		fail "round $round: resumed on $(status_field activity.id), not $act"
	[ "$(status_field activity.state)" = "$state" ] ||
		fail "round $round: $act is $(status_field activity.state), was $state"
	printf 'round %2d: killed on %s (%s); ' "$round" "$act" "$state"
	check_acks "$CONVENE_DB" "$A"
	# The participants are back, on the same poll, and answering.
	wait_acks "$act" "$A" "$before" 15
done
stop_ackcheck
check_acks "$CONVENE_DB" "$A"
echo "$ROUNDS kills in $(( $(date +%s) - start ))s"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID" 2>/dev/null || true
HOST_PID=""

# fault NAME DB BREAK MEND: a host on DB under answering participants and
# a participant's terminal; BREAK makes writes fail, MEND repairs them.
fault() {
	name=$1 db=$2 break=$3 mend=$4
	d="$E2E/ack-$name"
	mark=$(( $(wc -l <"$E2E/host.log") + 1 ))
	start_host "$plan" --db "$db"
	"$CONVENE" ctl next >/dev/null
	"$CONVENE" ctl open >/dev/null
	ackcheck "$d" --n 4 --gap 40 --prefix "$name"
	pane "$name" "$CONVENE" join --name "Pane $name" --site North
	wait_screen "$name" "or arrows + Enter: answer"
	wait_acks q1 "$d" 10 15
	$break
	end=$(( $(date +%s) + 20 ))
	until grep -q "answers paused" "$d/naks"; do
		[ "$(date +%s)" -lt "$end" ] || fail "$name: no ack said answers are paused"
		sleep 0.1
	done
	tail -n +"$mark" "$E2E/host.log" | grep -q "answers paused" ||
		fail "$name: the host log does not say answers are paused"
	wait_screen "$name" "Answers paused"
	keys "$name" 2
	wait_screen "$name" "answers paused"
	# The facilitator moves on meanwhile: told it is not saved, and the
	# room stays where the database is.
	if "$CONVENE" ctl next >"$d/next" 2>&1; then
		fail "$name: ctl next succeeded while writes fail"
	fi
	grep -q "not saved\|cannot save" "$d/next" ||
		fail "$name: ctl next said: $(cat "$d/next")"
	[ "$(status_field activity.id)" = q1 ] ||
		fail "$name: the agenda moved to $(status_field activity.id) unsaved"
	wait_screen "$name" "answers paused"
	check_acks "$db" "$d"
	paused=$(acks_for q1 "$d")
	sleep 1
	# While the fault lasts, an ok ack would be a lie.
	[ "$(acks_for q1 "$d")" -le "$((paused + 4))" ] ||
		fail "$name: answers acknowledged while writes fail"
	$mend
	wait_acks q1 "$d" "$((paused + 10))" 20
	tail -n +"$mark" "$E2E/host.log" | grep -q "database writable again" ||
		fail "$name: the host log does not say writes work again"
	keys "$name" 3
	wait_screen "$name" "Received: c"
	screen "$name" | grep -q "Answers paused" && fail "$name: still paused"
	stop_ackcheck
	printf '%s: ' "$name"
	check_acks "$db" "$d"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM answers a JOIN participants p
	    ON p.id = a.participant WHERE p.name = 'Pane $name'")" = 1 ] ||
		fail "$name: the pane's answer is not stored"
	integrity "$db"
	"$CONVENE" ctl end >/dev/null
	wait "$HOST_PID" 2>/dev/null || true
	HOST_PID=""
}

# --- disk full: a small tmpfs -------------------------------------------
fill() { dd if=/dev/zero of="$MOUNTED/filler" bs=4k 2>/dev/null || true; }
unfill() { rm -f "$MOUNTED/filler"; }
mkdir -p "$E2E/full"
# Room for SQLite's working set (a WAL of up to 2 MiB between
# checkpoints); the filler then takes the rest.
if mount -t tmpfs -o size=6m tmpfs "$E2E/full" 2>/dev/null; then
	MOUNTED="$E2E/full"
	fault full "$E2E/full/convene.db" fill unfill
	umount "$MOUNTED"
	MOUNTED=""
else
	echo "disk full: SKIPPED (cannot mount a tmpfs here; needs root)"
fi

# --- read-only database: immutable files (root ignores modes) -----------
ro() {
	for f in "$RODB" "$RODB-wal"; do
		chattr +i "$f" && IMMUTABLE="$IMMUTABLE $f"
	done
}
rw() {
	for f in $IMMUTABLE; do chattr -i "$f"; done
	IMMUTABLE=""
}
RODB="$E2E/ro/convene.db"
mkdir -p "$E2E/ro"
touch "$E2E/ro/probe"
if chattr +i "$E2E/ro/probe" 2>/dev/null; then
	chattr -i "$E2E/ro/probe"
	fault readonly "$RODB" ro rw
else
	echo "read-only database: SKIPPED (chattr +i does not work on $E2E)"
fi
echo "e2e-crash: ok"
