## engine texts (en): what the engine shows a student, and the names of its enums.

mode-independent = independently
mode-accompanied = with accompaniment
mode-referral = by referral

role-consultant = consultant
role-manager = case manager
role-supervisor = supervisor
role-mediator = mediator

domain-material = material
domain-housing = housing
domain-medical = medical
domain-psychological = psychological
domain-social = social
domain-legal = legal
domain-employment = employment
domain-education = education
domain-safety = safety

competency-engagement = Engagement and contracting
competency-assessment = Assessment
competency-planning = Planning
competency-coordination = Coordination and referral
competency-monitoring = Monitoring and plan revision
competency-ethics = Ethics and data protection
competency-autonomy = Promoting autonomy
competency-exit = Planned exit
competency-documentation = Documentation
competency-supervision = Supervision and self-care

end-closed = The case was closed.
end-ended-by-event = The case ended because of what happened.
end-out-of-time = The case ran out of time.

visit-start = start
visit-forward = on
visit-return = return

training-mode-practice = Practice
training-mode-self-test = Self-test

engine-or = or
engine-quoted = “{ $text }”
engine-unnamed = (unnamed)

engine-refusal-case-ended = The case has ended: no more decisions can be taken.
engine-refusal-unknown-decision = There is no such decision in this case.
engine-refusal-wrong-stage = “{ $decision }” belongs to the { $stages } stage; the case is now at the “{ $current }” stage.
engine-refusal-already-taken = You have already done “{ $decision }” at this stage.
engine-refusal-unmet = “{ $decision }” is not possible yet: { $condition }.
engine-refusal-plan-not-open = The service plan can be changed only at the “{ $plan }” or “{ $revision }” stage; the case is now at the “{ $current }” stage.
engine-refusal-unknown-need = There is no such need in this case.
engine-refusal-need-not-identified = This need has not been identified yet: you need to learn more about the situation first.
engine-refusal-unknown-goal = This is not one of the goals for the need “{ $need }”.
engine-refusal-unknown-service = There is no such service in the network.
engine-refusal-deadline-passed = Week { $deadline } has already passed: the case is in week { $week }.
engine-refusal-deadline-beyond-case = Week { $deadline } is after the end of the case: it lasts { $weeks ->
    [one] one week
   *[other] { $weeks } weeks
}.
engine-refusal-not-in-plan = The plan has no item for the need “{ $need }” with “{ $service }”.

engine-cond-learn-more = you need to learn more about the situation first
engine-cond-taken = “{ $decision }” must be done first
engine-cond-not-taken = only if “{ $decision }” has not been done
engine-cond-known = you need to know this: “{ $fact }”
engine-cond-unknown = only before this came to light: “{ $fact }”
engine-cond-unknown-hidden = only while some things are still unclear
engine-cond-happened = only after this: “{ $event }”
engine-cond-happened-hidden = something has to happen in the case first
engine-cond-not-happened = only if this has not happened: “{ $event }”
engine-cond-not-happened-hidden = only while the situation stays as it is
engine-cond-at-least = “{ $variable }” must be at least { $value } (now { $now })
engine-cond-at-most = “{ $variable }” must be at most { $value } (now { $now })
engine-cond-from-week = not before week { $week }
engine-cond-until-week = no later than week { $week }
engine-cond-planned = the need “{ $need }” must be in the service plan
engine-cond-service-planned = “{ $service }” must first be in the service plan: the plan drives the work
engine-cond-plan-complete = every identified need must be met by the service plan
engine-cond-at-stage = the case must be at the “{ $stage }” stage
engine-cond-not-at-stage = the case must not be at the “{ $stage }” stage
engine-cond-any = one of these: { $conditions }
engine-cond-hidden-measure = only once the situation allows it
engine-cond-weeks-since = at least { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} after { $since }
engine-cond-within-weeks = within { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} after { $since }
engine-since-decision = “{ $decision }”
engine-since-event = this: “{ $event }”
engine-since-event-hidden = something that has to happen in the case first

engine-fault-vague-goal = the goal is vague: make it specific, measurable and agreed with the client
engine-fault-does-not-meet-need = this service does not meet this need
engine-fault-online-only = the service is online only, and the client has no internet access
engine-fault-needs-smartphone = the service needs a smartphone app, and the client has no smartphone or no internet access
engine-fault-deadline-too-soon = the deadline comes before the service can start: week { $earliest } at the earliest
