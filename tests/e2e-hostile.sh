# Hostile and broken input.  While well-behaved participants (tests/ackcheck)
# keep answering, a hostile client sends junk bytes, random frames, frames
# over 64 KiB, frames of another protocol version, thousands of answers a
# second, names full of escape sequences, and opens hundreds of connections.
# The host keeps acknowledging everyone else, logs each offender once, and
# stores nothing invalid.  Then plan files that are binary junk, 100 MB,
# invalid UTF-8, or CRLF with a BOM; and names with terminal escapes,
# right-to-left and wide characters, which must never reach another
# terminal raw and must be stored as text.
. "$(dirname "$0")/lib-e2e.sh"
ACKCHECK=${ACKCHECK:-$(dirname "$CONVENE_REAL")/tests/ackcheck}
[ -x "$ACKCHECK" ] || fail "no $ACKCHECK (make check builds it)"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"
ACK_PID=""
hostile_cleanup() {
	rc=$?
	set +e
	[ -n "$ACK_PID" ] && kill "$ACK_PID" 2>/dev/null
	(exit $rc)
	cleanup
}
trap hostile_cleanup EXIT

# --- plan files: clear errors, quickly; CRLF and a BOM are fine ---------
head -c 3000 /dev/urandom >"$E2E/junk.plan"
printf 'title = x\n[poll]\nquestion = caf\351?\ntype = text\n' >"$E2E/latin1.plan"
truncate -s 100M "$E2E/huge.plan"
printf '\357\273\277title = Windows\r\n\r\n[poll]\r\nid = q\r\nquestion = Ok?\r\ntype = single\r\noptions = yes | no\r\n' >"$E2E/crlf.plan"
"$CONVENE" check "$E2E/junk.plan" >"$E2E/out" 2>&1 && fail "junk plan accepted"
grep -Eq "junk.plan:[0-9]+: (binary data|text is not valid UTF-8)" "$E2E/out" ||
	fail "junk plan: unclear message: $(head -c 300 "$E2E/out")"
[ "$(wc -l <"$E2E/out")" -le 21 ] || fail "junk plan: too many messages"
"$CONVENE" check "$E2E/latin1.plan" >"$E2E/out" 2>&1 && fail "Latin-1 plan accepted"
grep -q "latin1.plan:3: text is not valid UTF-8" "$E2E/out" || fail "Latin-1: $(cat "$E2E/out")"
t0=$(date +%s%N)
rc=0
"$CONVENE" check "$E2E/huge.plan" >"$E2E/out" 2>&1 || rc=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ $rc = 1 ] || fail "100 MB plan: exit $rc"
grep -q "huge.plan: larger than 4 MiB" "$E2E/out" || fail "100 MB plan: $(cat "$E2E/out")"
[ $ms -lt 3000 ] || fail "100 MB plan took ${ms}ms to refuse"
"$CONVENE" host "$E2E/huge.plan" --headless >"$E2E/out" 2>&1 && fail "host ran a 100 MB plan"
grep -q "larger than 4 MiB" "$E2E/out" || fail "host, 100 MB plan: $(cat "$E2E/out")"
"$CONVENE" check "$E2E/crlf.plan" >"$E2E/out" 2>&1 || fail "CRLF+BOM plan refused: $(cat "$E2E/out")"
grep -q '"Windows", 1 activities' "$E2E/out" || fail "CRLF+BOM: $(cat "$E2E/out")"

# --- a host under attack --------------------------------------------------
start_host "$plan"
"$CONVENE" ctl next >/dev/null
"$CONVENE" ctl open >/dev/null
mkdir -p "$E2E/ack"
touch "$E2E/ack/acks"
"$ACKCHECK" --socket "$CONVENE_SOCKET" --dir "$E2E/ack" --n 3 --gap 50 &
ACK_PID=$!
acks() { wc -l <"$E2E/ack/acks"; }
end=$(( $(date +%s) + 15 ))
until [ "$(acks)" -gt 10 ]; do
	[ "$(date +%s)" -lt "$end" ] || fail "no acks before the attack"
	sleep 0.1
done

# Names with escapes, right-to-left and wide characters, through the real
# client and straight over the socket.  A facilitator's view records every
# byte it writes to its terminal.
pane fac "$CONVENE" join --view facilitator
tm pipe-pane -o -t e2e:fac "cat >>'$E2E/fac.raw'"
pane evil "$CONVENE" join --name "$(printf '\347\216\213\345\260\217\346\230\216 \331\205\330\261\331\212\331\205 \342\200\256 Evil\033]0;pwned\007 \033[2J\033[31mred')" --site "$(printf 'Site\033[5m')"
wait_screen evil "or arrows + Enter: answer"
keys evil 2
wait_screen evil "Received: A little"
wait_screen fac "王小明"
wait_screen fac "مريم"

mark=$(( $(wc -l <"$E2E/host.log") + 1 ))
before=$(acks)
python3 - "$CONVENE_SOCKET" "$E2E/hostile.out" <<'PY' || fail "the hostile client failed"
import os, random, socket, struct, sys, threading, time
path, out = sys.argv[1:3]
random.seed(10)
report = {}

def frame(t, payload, version=1, length=None):
    n = 8 + len(payload) if length is None else length
    return struct.pack("<IHH", n, t, version) + payload

def s(b):
    b = b.encode() if isinstance(b, str) else b
    return struct.pack("<H", len(b)) + b

def hello(name, site=b"", view=0, proto=1):
    return frame(1, struct.pack("<HB", proto, view) + s(name) + s(site) + s("") + s(""))

def answer(seq, act, value):
    return frame(5, struct.pack("<I", seq) + s(act) + s(value))

def conn():
    c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    c.connect(path)
    c.settimeout(5)
    return c

def send(c, b):
    try:
        c.sendall(b)
    except OSError:
        pass        # the host hung up on us, as it should

def drain(c, secs=0.3):
    # Read what comes for `secs` at most: the host keeps sending fresh
    # snapshots while others answer, so waiting for quiet could be endless.
    end = time.time() + secs
    got = b""
    try:
        while time.time() < end:
            c.settimeout(max(end - time.time(), 0.001))
            b = c.recv(65536)
            if not b:
                break
            got += b
    except (socket.timeout, OSError):
        pass
    return got

def frames(buf):
    out = []
    while len(buf) >= 8:
        n, t, v = struct.unpack("<IHH", buf[:8])
        if len(buf) < n:
            break
        out.append((t, buf[8:n]))
        buf = buf[n:]
    return out

offenders = 0
# Junk bytes before any hello.
for i in range(40):
    c = conn()
    send(c, os.urandom(random.randint(1, 300)))
    drain(c, 0.05)
    c.close()
    offenders += 1
# Random frames after a good hello: bad payloads, unexpected types.
for i in range(20):
    c = conn()
    send(c, hello(f"junk-{i}", "Nowhere"))
    for k in range(50):
        t = random.choice([2, 3, 4, 5, 5, 5, 6, 7, 8])
        send(c, frame(t, os.urandom(random.randint(0, 80))))
    drain(c, 0.05)
    c.close()
    offenders += 1
# Frames over 64 KiB: announced, and really sent.
for i in range(10):
    c = conn()
    send(c, frame(1, b"", length=100000) + b"x" * 100)
    drain(c, 0.05)
    c.close()
    offenders += 1
c = conn()
send(c, hello("big") + frame(5, b"y" * 70000))
drain(c, 0.2)
c.close()
offenders += 1
# Another protocol version: in the frame, and in the hello.
for i in range(10):
    c = conn()
    send(c, frame(1, struct.pack("<HB", 1, 0) + s("v2") + s("") + s("") + s(""), version=2))
    drain(c, 0.05)
    c.close()
    offenders += 1
c = conn()
c.sendall(hello("old", proto=7))
got = frames(drain(c, 1.0))
assert got and got[0][0] == 3, got          # refused, with a reason
report["old-version refusal"] = got[0][1][2:].decode()
c.close()
offenders += 1

# Thousands of answers a second, with invalid values among them.
c = conn()
c.sendall(hello("flood", "North"))
values = ["1", "2", "3", "4", "5", "0", "6", "99", "-1", "1,2", "", "x",
          "\xff", "2" * 2000]
t0 = time.time()
sent = 0
acked = [0, 0]
buf = [b""]
def reader():
    c.settimeout(6)
    try:
        while True:
            b = c.recv(65536)
            if not b:
                return
            buf[0] += b
    except OSError:
        return
th = threading.Thread(target=reader)
th.start()
while time.time() - t0 < 2.0:
    batch = b"".join(answer(sent + k, "confidence",
                            random.choice(values)[:1000]) for k in range(100))
    c.sendall(batch)
    sent += 100
    time.sleep(0.02)
report["flood answers sent"] = sent
report["flood rate per second"] = int(sent / (time.time() - t0))

# Hundreds of connections at once: half silent, half joining.
crowd = []
for i in range(300):
    k = conn()
    if i % 2:
        k.sendall(hello(f"crowd-{i}", "Crowd"))
    crowd.append(k)
time.sleep(2)
for k in crowd:
    k.close()
c.close()
th.join()
for t, p in frames(buf[0]):
    if t == 6:
        acked[p[4]] += 1
report["flood acks ok/refused"] = acked
report["offending connections"] = offenders

# Names with escapes, straight to the host (the client would clean them).
names = {
    b"Evil2\x1b]0;pwned\x07": "Evil2]0;pwned",
    b"Clear\x1b[2Jscreen": "Clear[2Jscreen",
    b"C1\xc2\x9b31m": "C131m",
    b"Bad\xff\xfeUTF": "Bad??UTF",
    b"Tab\tand\nnew": "Tab and new",
    "مريم الحداد".encode(): "مريم الحداد",
    "王小明 Wáng".encode(): "王小明 Wáng",
}
for raw in names:
    k = conn()
    k.sendall(hello(raw, b"S\x1b[1mite"))
    got = frames(drain(k, 0.3))
    assert got and got[0][0] == 2, (raw, got)
    k.close()
with open(out, "w") as f:
    for k, v in report.items():
        print(f"{k}: {v}", file=f)
PY
sed 's/^/  /' "$E2E/hostile.out"
offenders=$(sed -n 's/^offending connections: //p' "$E2E/hostile.out")

# Everyone else was served throughout, and still is.
[ "$(acks)" -gt $((before + 20)) ] || fail "well-behaved participants starved: $before -> $(acks) acks"
wait_for 5 "$CONVENE" ctl status
keys evil 4
wait_screen evil "Received: Very"

# Logged once per offender, not once per frame.
tail -n +"$mark" "$E2E/host.log" >"$E2E/attack.log"
n=$(grep -c "sends too fast" "$E2E/attack.log" || true)
[ "$n" = 1 ] || fail "flooding logged $n times, not once"
closed=$(grep -Ec "convene: client (\(not joined\)|of (junk-|big|old))" "$E2E/attack.log" || true)
[ "$closed" -le "$offenders" ] || fail "$closed log lines for $offenders offenders"
[ "$(wc -l <"$E2E/attack.log")" -lt 1000 ] || fail "the attack flooded the log"

# Nothing invalid stored.
kill "$ACK_PID"; wait "$ACK_PID" 2>/dev/null; ACK_PID=""
python3 - "$CONVENE_DB" <<'PY' || fail "invalid data stored"
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], timeout=10)
bad = con.execute("""SELECT a.key, ans.choice, ans.value FROM answers ans
    JOIN activities a ON a.id = ans.activity
    WHERE ans.choice IS NULL OR ans.choice < 1 OR ans.choice >
      (SELECT count(*) FROM options o WHERE o.activity = a.id)
      OR ans.value NOT IN (SELECT label FROM options o
                           WHERE o.activity = a.id AND o.n = ans.choice)""").fetchall()
assert not bad, bad
names = [n for (n,) in con.execute("SELECT name FROM participants")]
sites = [n for (n,) in con.execute("SELECT name FROM sites")]
for t in names + sites:
    assert not any(ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0 for ch in t), repr(t)
want = {"Evil2]0;pwned", "Clear[2Jscreen", "C131m", "Bad??UTF", "Tab and new",
        "مريم الحداد", "王小明 Wáng",
        "王小明 مريم \u202e Evil]0;pwned [2J[31mred"}
missing = want - set(names)
assert not missing, ("names not stored as text", missing, names[-12:])
allowed = ("ack-", "junk-", "crowd-", "flood", "big", "Evil", "Clear", "C131m",
           "Bad", "Tab", "مريم", "王小明")
odd = [n for n in names if not n.startswith(allowed)]
assert not odd, ("unexpected participants", odd)
assert "old" not in names and "v2" not in names
crowd = sum(n.startswith("crowd-") for n in names)
assert crowd == 150, crowd
flood = con.execute("""SELECT count(*) FROM answers ans JOIN participants p
    ON p.id = ans.participant WHERE p.name = 'flood'""").fetchone()[0]
assert flood <= 1, flood
print(f"  {len(names)} participants stored, all expected; no invalid answers")
PY

# The escapes never reached the facilitator's terminal raw.
tm pipe-pane -t e2e:fac
raw="$E2E/fac.raw"
[ -s "$raw" ] || fail "nothing recorded from the facilitator's pane"
python3 - "$raw" <<'PY' || fail "a participant's escape sequence reached the facilitator's terminal"
import sys
b = open(sys.argv[1], "rb").read()
for bad in (b"\x1b]", b"\x07", b"\x1b[5m", b"\x1b[2Jscreen", b"\x1b[31mred", b"\xc2\x9b"):
    assert bad not in b, bad
PY
[ "$(tm display-message -p -t e2e:fac '#{pane_title}')" != pwned ] || fail "a name set the terminal title"
[ "$(tm display-message -p -t e2e:evil '#{pane_title}')" != pwned ] || fail "a name set the participant's title"
echo "e2e-hostile: ok"
