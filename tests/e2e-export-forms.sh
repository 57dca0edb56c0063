# An evaluation's commitments in the Markdown and HTML reports: one row
# per person with what, who and by when together (as the breakout's
# table has them), not three unlinked lists.
. "$(dirname "$0")/lib-e2e.sh"
plan="$(cd "$(dirname "$0")/.." && pwd)/sessions/demo.plan"
export CONVENE_REHEARSE_PACE=0.05
N=6
start_host "$plan" --rehearse $N
"$CONVENE" ctl goto 10 >/dev/null
"$CONVENE" ctl open >/dev/null
wait_for 60 sh -c "[ \$(sqlite3 '$CONVENE_DB' \"select count(*) from answers where item = 'tuesday.when'\") -ge $N ]"
"$CONVENE" ctl end >/dev/null
wait "$HOST_PID" 2>/dev/null || true
HOST_PID=""
"$CONVENE" export --out "$E2E/x.md"
"$CONVENE" export --out "$E2E/x.html"
python3 - "$CONVENE_DB" "$E2E/x.md" "$E2E/x.html" "$N" <<'PY' || fail "commitments in the reports"
import html, re, sqlite3, sys
db, md, page, n = sys.argv[1], open(sys.argv[2], encoding="utf-8").read(), \
    open(sys.argv[3], encoding="utf-8").read(), int(sys.argv[4])
con = sqlite3.connect(db)
want = sorted(tuple(con.execute(
    "select value from answers where participant = ? and item = ?",
    (p, "tuesday." + part)).fetchone()[0] for part in ("what", "who", "when"))
    for (p,) in con.execute("select distinct participant from answers "
                            "where item = 'tuesday.what'"))
assert len(want) == n, want
q = "One change you will test by next Tuesday: what, who, by when?"
head = "**" + q + "**\n\n| What | Who | By when |\n|---|---|---|\n"
assert head in md, md[-1500:]
rows = md.split(head, 1)[1].split("\n\n", 1)[0].strip().split("\n")
got = sorted(tuple(c.strip().replace("\\", "") for c in r.strip("|").split("|")) for r in rows)
assert got == want, (got, want)
assert "What change will you test?" not in md and "Who will do it?" not in md
h = "<h3>" + html.escape(q) + "</h3><table><tr><th>What</th><th>Who</th><th>By when</th></tr>"
assert h in page, page[-2000:]
table = page.split(h, 1)[1].split("</table>", 1)[0]
cells = [html.unescape(c) for c in re.findall(r"<td>(.*?)</td>", table)]
assert sorted(tuple(cells[i:i + 3]) for i in range(0, len(cells), 3)) == want
assert "Who will do it?" not in page
PY
echo "e2e-export-forms: ok"
