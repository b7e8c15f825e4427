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

play-done = { $steps } steps played; the log is in { $out }.
play-stage = stage: { $stage }, week { $week }

score-detail-no-need = no need was identified
score-detail-plan-empty = the plan is empty
score-detail-need-not-identified = not identified in the assessment
score-detail-consequence-not-averted = it did not come to light because of what was left undone, not because it was prevented
score-detail-not-delivered = not delivered
score-detail-late = delivered in week { $week }, after the deadline of week { $deadline }
w-who = Who
w-why = Why
w-when = When
w-where = Where
w-what = What

## casework graph: the map of a case
graph-events = Events
graph-rubric = rubric
graph-also-open = also open here
graph-closes = closes the case
graph-ends = ends the case
graph-returns-to = returns to { $stage }
graph-legend = Legend
graph-rewarded = the rubric rewards it
graph-penalised = the rubric penalises it
graph-critical = a critical rule names it
graph-unmarked = no rule names it
graph-moves = a decision moves the case to that stage
graph-also-arrow = the decision is open at that stage too
graph-return-arrow = an event sends the case back
