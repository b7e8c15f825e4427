## The trainer window (en)

trainer-window-title = Casework — case management trainer
trainer-tagline = Case management trainer
trainer-no-display = Casework cannot open its window: no display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). To play a case without a window, use `casework play CASE --choices FILE`; `casework --help` lists every command.
trainer-no-window = Casework could not open its window: the display could not be reached or no graphics driver was found (see the message above). To play a case without a window, use `casework play CASE --choices FILE`.
trainer-language = Language of the interface and of the case
trainer-text-larger = Larger text
trainer-text-smaller = Smaller text
trainer-text-size = Text { $percent }%
trainer-to-library = Case library
trainer-dismiss = Dismiss
trainer-week-of = week { $week } of { $weeks }
trainer-notice-save-failed = Your last decision could not be saved: { $error }. Check that the data folder can be written to; the session stays open.
trainer-notice-unreadable-sessions = { $count ->
    [one] One saved session could not be read and is not listed.
   *[other] { $count } saved sessions could not be read and are not listed.
}
trainer-notice-settings-failed = Your interface settings could not be kept for next time: { $error }.
trainer-open-not-in-bank = This session is of the case “{ $scenario }”, which is not in this scenario bank.

## Library
trainer-library-title = Case library
trainer-library-intro = Choose a case to read its briefing. Each case takes a client through the seven stages of case management, from intake to exit.
trainer-library-count = { $count ->
    [one] One case
   *[other] { $count } cases
}
trainer-library-none = No case matches these filters. Choose “All” in a filter to see more cases.
trainer-filter-group = Client group
trainer-filter-difficulty = Difficulty
trainer-filter-model = Model
trainer-filter-all = All
trainer-card-facts = { $model } model · { $difficulty } · { $minutes } min · { $languages }
trainer-card-open = Open: { $title }
trainer-continue-title = Continue where you stopped
trainer-continue-button = Continue: { $title }
trainer-continue-where = { $stage }, week { $week }, { $steps ->
    [one] one step taken
   *[other] { $steps } steps taken
}

## Briefing
trainer-briefing-facts = { $group } · about { $minutes } minutes · the case runs { $weeks ->
    [one] one week
   *[other] { $weeks } weeks
}
trainer-client-age = { $age } years old
trainer-person-age = , { $age }
trainer-client-picture = Picture of { $name }
trainer-household = Household
trainer-client-no-internet = No internet access at home.
trainer-client-no-smartphone = No smartphone.
trainer-objectives = What you will practise
trainer-mode-title = How do you want to work?
trainer-mode-practice = Practice
trainer-mode-practice-help = After each decision you see which rules of the rubric it met or missed, and why.
trainer-mode-self-test = Self-test
trainer-mode-self-test-help = No feedback until the end, as in an assessment. You see everything on the results screen.
trainer-rubric-title = Rubric
trainer-start = Start the case

## Workspace
trainer-stepper-now = The case is at the stage: { $stage }
trainer-stepper-returns = { $count ->
    [one] ↩ returned
   *[other] ↩ returned { $count }×
}
trainer-case-file = Case file
trainer-case-file-all = All
trainer-case-file-empty = Nothing is known yet. What you learn in conversations and visits is filed here.
trainer-new = NEW
trainer-learned-by-decision = Learned at step { $step }: { $decision }
trainer-learned-by-event = Learned after step { $step }: { $event }
trainer-tab-client = Client
trainer-tab-ecomap = Ecomap
trainer-measures = How things stand
trainer-measure-value = { $value } of { $max }
trainer-first-step-title = The case begins
trainer-last-step = Step { $step } — what you did
trainer-event = Meanwhile
trainer-event-later = Later
trainer-follow-up = After the case was closed, up to week { $week }: what the closure led to
trainer-new-facts = { $count ->
    [one] You learned:
   *[other] You learned { $count } things:
}
trainer-stage-entered = The case moves to: { $stage }
trainer-stage-returned = The case goes back to: { $stage }
trainer-step-planned = Added to the plan: { $need } — { $service }, by week { $week }
trainer-step-unplanned = Removed from the plan: { $need } — { $service }
trainer-feedback-title = Feedback on this step
trainer-open-title = What do you do now?
trainer-open-help = Click a row, or use ↑ ↓ and Enter. Press R to write down why.
trainer-open-none = Nothing is open at this stage right now.
trainer-open-none-plan = Work on the service plan above: once the plan is complete, the next steps open.
trainer-open-none-stuck = The case cannot move on from here. This is a fault in the case, not yours: tell your instructor, and go back to the library.
trainer-rationale-open = Write down why (optional)
trainer-rationale-label = Why do you choose this? (saved with your next decision)
trainer-rationale-hint = Your reasoning, in a sentence
trainer-ended-title = The case has ended
trainer-end-closed = You closed the case.
trainer-end-event = The case ended: { $event }
trainer-end-out-of-time = The time for this case ran out.
trainer-see-results = See the results

## Service plan
trainer-plan-title = Service plan
trainer-plan-empty = The plan has no item yet. Add one for each need the assessment identified.
trainer-plan-goal = Goal:
trainer-plan-service = Service:
trainer-plan-need = Need:
trainer-plan-deadline = Deadline:
trainer-plan-deadline-line = Deadline: week { $week }
trainer-plan-remove = Remove
trainer-plan-uncovered = Needs not yet covered by the plan: { $needs }
trainer-plan-add-title = Add an item to the plan
trainer-plan-no-needs = No need has been identified yet: the assessment uncovers them.
trainer-plan-choose = Choose…
trainer-plan-week = week { $week }
trainer-plan-add = Add to the plan

## Ecomap
trainer-ecomap-none = This case has no ecomap.
trainer-ecomap-known = Who is around them
trainer-ecomap-changed = { $tie } (changed by the last step)

## Results
trainer-results-no-rubric = This case has no rubric, so the session is not scored. You can still go through it step by step.
trainer-result-passed = Passed — { $percent }%
trainer-result-failed = Not passed — { $percent }%
trainer-result-unfinished = Unfinished — { $percent }% so far (provisional)
trainer-result-pass-mark = Pass mark { $pass }% · rubric: { $rubric }
trainer-result-session = { $steps ->
    [one] One step
   *[other] { $steps } steps
} over { $weeks ->
    [one] one week
   *[other] { $weeks } weeks
}
trainer-result-critical = { $count ->
    [one] A critical error fails the attempt whatever the total:
   *[other] { $count } critical errors fail the attempt whatever the total:
}
trainer-competencies = Competencies
trainer-status-met = Met
trainer-status-partial = Partly met
trainer-status-missed = Missed
trainer-status-pending = Not decided yet
trainer-status-na = Did not apply
trainer-critical = critical
trainer-rule-points = { $earned } of { $max } { $max ->
    [one] point
   *[other] points
}
trainer-rule-detail = What fell short: { $detail }
trainer-see-step = see step { $step }
trainer-review-open = Review the session step by step

## Review
trainer-review-title = Review of the session
trainer-review-to-results = Back to the results
trainer-review-empty = No step was taken in this session.
trainer-review-step-where = Step { $step } · { $stage } · week { $week }
trainer-review-rationale = Your reasoning: “{ $text }”
trainer-review-no-rationale = No reasoning was written for this step.
trainer-review-rules = Rules this step earned or lost
trainer-review-no-rules = No rule of the rubric turned on this step.
trainer-review-previous = ← Previous step
trainer-review-next = Next step →
trainer-review-strip = The stages over { $weeks } weeks, { $returns ->
    [one] with one return to an earlier stage
   *[other] with { $returns } returns to an earlier stage
}
