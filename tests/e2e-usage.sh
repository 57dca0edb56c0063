# The usage text and convene(1) agree: every option and ctl command in the
# man page's SYNOPSIS is in `convene --help` and back; every option the
# man page describes under COMMANDS is in that command's --help; `convene
# CMD --help` exits 0, a wrong option exits 2 with the usage; a mistyped
# command gets the nearest one suggested.
set -eu
: "${CONVENE:?set CONVENE to the convene binary}"
top=$(cd "$(dirname "$0")/.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$CONVENE" --help >"$out/help" || fail "convene --help exited $?"
for c in host join ctl export sessions check rotate measures version; do
	"$CONVENE" "$c" --help >"$out/help-$c" 2>&1 || fail "convene $c --help exited $?"
	grep -q "^usage: convene $c" "$out/help-$c" || fail "convene $c --help: no usage line"
done
rc=0
"$CONVENE" host --bogus >/dev/null 2>"$out/err" || rc=$?
[ "$rc" = 2 ] || fail "host --bogus exited $rc, not 2"
grep -q "^usage: convene host" "$out/err" || fail "host --bogus: no usage"
rc=0
"$CONVENE" hots 2>"$out/err" || rc=$?
[ "$rc" = 2 ] || fail "convene hots exited $rc"
grep -qF 'unknown command "hots"; did you mean host?' "$out/err" || fail "no suggestion: $(head -1 "$out/err")"
"$CONVENE" exprot 2>&1 | grep -qF 'did you mean export?' || fail "no suggestion for exprot"
"$CONVENE" zzzzzz 2>&1 | grep -q 'did you mean' && fail "a suggestion for zzzzzz"

python3 - "$top/man/convene.1" "$out" <<'PY'
import re, sys, os
man, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]

def clean(s):
    s = s.replace("\\-", "-").replace(".\\|.\\|.", "...").replace('"', "")
    return re.sub(r"\\f[BIRP]", "", s)

# SYNOPSIS: per command, its options with their argument, and every
# lowercase word (ctl's commands and their values).
syn = man.split(".SH SYNOPSIS", 1)[1].split(".SH DESCRIPTION", 1)[0]
man_opts, man_words = {}, {}
for block in syn.split(".SY ")[1:]:
    name = clean(block.split("\n", 1)[0]).split()[1]
    # ctl's commands follow its .YS, in an .RS block.
    body = clean(block.split("\n", 1)[1])
    man_opts[name] = set(re.findall(r"--[a-z-]+", body))
    words = set()
    for line in body.split("\n"):
        if re.match(r"\.(B|BR|RB) ", line):
            words |= {w for w in re.findall(r"\b[a-z][a-z-]*\b", line)
                      if not w.startswith("-")} - {"b", "br", "rb"}
    man_words[name] = {w for w in words if "--" + w not in man_opts[name]}

help_text = open(os.path.join(out, "help"), encoding="utf-8").read()
help_opts, help_words = {}, {}
cur = None
for line in help_text.split("\n"):
    m = re.match(r"^(?:usage:)?\s+convene (\S+)(.*)", line)
    if m:
        cur = m.group(1)
        help_opts[cur], help_words[cur] = set(), set()
        rest = m.group(2)
    elif cur and line.startswith("        "):
        rest = line
    else:
        cur = None
        continue
    help_opts[cur] |= set(re.findall(r"--[a-z-]+", rest))
    rest = re.sub(r"--[a-z-]+", "", rest)
    help_words[cur] |= set(re.findall(r"(?<![A-Z-])\b[a-z][a-z-]*\b", rest))

bad = []
if set(man_opts) != set(help_opts):
    bad.append("commands: man %s, --help %s" % (sorted(man_opts), sorted(help_opts)))
for c in man_opts:
    if c not in help_opts:
        continue
    for o in sorted(man_opts[c] - help_opts[c]):
        bad.append("convene %s %s is in convene(1) but not in --help" % (c, o))
    for o in sorted(help_opts[c] - man_opts[c]):
        bad.append("convene %s %s is in --help but not in convene(1)" % (c, o))
mw, hw = man_words.get("ctl", set()), help_words.get("ctl", set())
for w in sorted(mw - hw):
    bad.append("ctl %s is in convene(1) but not in --help" % w)
for w in sorted(hw - mw):
    bad.append("ctl %s is in --help but not in convene(1)" % w)

# COMMANDS: each option described there is in that command's --help.
cmds = man.split(".SH COMMANDS", 1)[1].split(".SH FACILITATOR KEYS", 1)[0]
for sec in cmds.split('.SS "convene ')[1:]:
    name = clean(sec.split("\n", 1)[0]).split()[0]
    described = set(re.findall(r"^\.TP\n\.B[IR]? (\\-\\-[a-z\\-]+)", sec, re.M))
    described = {clean(d) for d in described}
    own = open(os.path.join(out, "help-" + name), encoding="utf-8").read()
    for o in sorted(described):
        if o not in own:
            bad.append("convene %s %s is described in convene(1) but not in its --help" % (name, o))
        if o not in man_opts.get(name, set()):
            bad.append("convene %s %s is described in convene(1) but not in its SYNOPSIS" % (name, o))
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("usage and convene(1) agree: %d commands, %d options, %d ctl words" % (
    len(man_opts), sum(len(v) for v in man_opts.values()), len(mw)))
PY
echo "e2e-usage: ok"
