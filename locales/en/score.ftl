## score texts (en)

score-heading = { $scenario } — rubric “{ $rubric }” ({ $kind })
score-kind-formative = formative
score-kind-exam = exam
score-session = Seed { $seed }, { $steps ->
    [one] one step
   *[other] { $steps } steps
}, { $weeks ->
    [one] one week
   *[other] { $weeks } weeks
} of case time. { $end }
score-end-closed = The case was closed.
score-end-event = The case ended: { $event }
score-end-out-of-time = The case ran out of time.
score-end-open = The session stopped before the case ended.
score-criterion = { $title } — { $earned } of { $max } points ({ $percent }%), weight { $weight }
score-criterion-na = { $title } — not applicable in this session
score-rule-met = [met]
score-rule-partial = [partly]
score-rule-missed = [missed]
score-rule-na = [not applicable]
score-rule-critical = CRITICAL
score-rule-points = { $earned }/{ $max }
score-evidence-step = step { $step } ({ $stage }): { $label }
score-evidence-event = after step { $step }: { $text }
score-evidence-none = nothing in the session
score-total = Total: { $percent }% — pass mark { $pass }%
score-passed = Result: PASSED
score-failed = Result: NOT PASSED
score-failed-critical = Result: NOT PASSED — critical error in: { $criteria }
score-unfinished = Unfinished session — provisional score: rules marked pending are not decided yet and do not count.
score-criterion-pending = { $title } — not decided yet
score-rule-pending = [pending]
score-rule-points-open = ?/{ $max }
score-detail-so-far = so far: { $detail }
score-total-provisional = Total so far: { $percent }% (provisional) — pass mark { $pass }%
score-not-decided = Result: not decided yet — the session is unfinished.
score-cli-unfinished = { $log }: the session is unfinished; the score is provisional.
