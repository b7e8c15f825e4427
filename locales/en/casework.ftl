# Casework user interface texts, English.

stage-intake = Intake and contract
stage-assessment = Assessment
stage-service-plan = Service plan
stage-implementation = Implementation
stage-monitoring = Monitoring
stage-plan-revision = Plan revision
stage-exit = Exit

group-internally-displaced = internally displaced person
group-disability = person with a disability
group-older-person = older person
group-family-in-difficulties = family in difficult life circumstances
group-violence-survivor = survivor of violence
group-hiv = person living with HIV
group-released-from-prison = person released from prison
group-unemployed = unemployed person
group-care-leaver = young person leaving care
group-veteran = veteran
group-addiction = person with an addiction
group-homeless = homeless person
group-chronic-illness = person with a chronic illness
group-rural-isolated = rural client without access to services

model-intensive-intervention = intensive intervention
model-clinical = clinical
model-strengths-based = strengths-based
model-broker = broker

difficulty-introductory = introductory
difficulty-intermediate = intermediate
difficulty-advanced = advanced

list-line = { $id }  { $title } — { $group }; { $model } model; { $difficulty }; { $minutes } min; { $languages }
list-count = { $count ->
    [one] One scenario in the bank.
   *[other] { $count } scenarios in the bank.
}

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
score-failed-critical = Result: NOT PASSED — critical error in: { $rules }

play-done = { $steps } steps played; the log is in { $out }.
play-stage = stage: { $stage }, week { $week }

score-detail-no-need = no need was identified
score-detail-plan-empty = the plan is empty
score-fault-vague-goal = a vague goal
score-fault-not-met = the service does not meet this need
score-fault-online-only = the service is online only and the client has no internet access
score-fault-deadline = the deadline comes before the service can start
w-who = Who
w-why = Why
w-when = When
w-where = Where
w-what = What
