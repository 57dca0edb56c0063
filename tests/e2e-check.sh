# `convene check`: good plans pass; mistakes are reported as FILE:LINE
# with exit status 1; usage errors exit 2.
. "$(dirname "$0")/lib-e2e.sh"
top="$(cd "$(dirname "$0")/.." && pwd)"

"$CONVENE" check "$top"/sessions/*.plan >/dev/null || fail "shipped plans must pass"
cat >"$E2E/bad.plan" <<'PLAN'
title = Broken

[poll]
question = Pick
type = sinlge
options = a | b

[poll]
id = x
question = Minutes?
type = single
options = a | b
minutes = ten

[survey]
PLAN
set +e
"$CONVENE" check "$E2E/bad.plan" 2>"$E2E/err"; rc=$?
set -e
[ $rc = 1 ] || fail "bad plan: exit $rc, want 1"
grep -q "bad.plan:5: type must be one of" "$E2E/err" || fail "no line 5 error: $(cat "$E2E/err")"
grep -q "bad.plan:13: minutes must be a whole number" "$E2E/err" || fail "no line 13 error"
grep -q "bad.plan:15: unknown activity \[survey\]" "$E2E/err" || fail "no line 15 error"
set +e
"$CONVENE" check; rc=$?
"$CONVENE" check "$E2E/missing.plan" 2>"$E2E/err2"; rc2=$?
"$CONVENE" host "$E2E/bad.plan" --headless 2>/dev/null; rc3=$?
"$CONVENE" ctl --socket "$E2E/none.sock" status 2>/dev/null; rc4=$?
"$CONVENE" frobnicate 2>/dev/null; rc5=$?
set -e
[ $rc = 2 ] || fail "check without files: exit $rc, want 2"
[ $rc2 = 1 ] && grep -q "missing.plan: No such file" "$E2E/err2" || fail "missing file"
[ $rc3 = 1 ] || fail "host with a bad plan: exit $rc3, want 1"
[ $rc4 = 3 ] || fail "ctl without a host: exit $rc4, want 3"
[ $rc5 = 2 ] || fail "unknown command: exit $rc5, want 2"
echo "e2e-check: ok"
