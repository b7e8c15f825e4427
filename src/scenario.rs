//! The scenario format: one case about one client, written by an instructor in RON.
//!
//! A scenario declares the client, the state variables that decisions and events change,
//! the facts an assessment can uncover (grouped by 5W), the needs those facts reveal, the
//! local service network, the decisions open to the student at each of the seven stages,
//! and the events that can happen while the case runs. `docs/formats.md` documents every
//! field with a worked example.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The longest case Casework runs, in weeks (ten years); `check` refuses longer ones and the
/// engine never looks further.
pub const MAX_WEEKS: u32 = 520;

/// The most decisions (and likewise facts, needs, services, events, variables) one case may
/// hold; real cases have dozens. `check` refuses bigger ones before analysing them.
pub const MAX_ITEMS: usize = 1_000;

/// A string the student sees, in one or more languages: `{"uk": "…", "en": "…"}`.
///
/// Its stable id is the path of the item that owns it (for example
/// `decision.explain-consent.label`); see [`Scenario::texts`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, falling back to English, then to any language present.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, lang: &str) -> bool {
        self.0.get(lang).is_some_and(|s| !s.trim().is_empty())
    }
}

/// The seven stages of case management, in their usual order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Intake and engagement: first contact, trust, consent and the contract.
    Intake,
    /// Assessment of the situation and needs (5W).
    Assessment,
    /// The service plan: needs, goals, services, providers, deadlines.
    ServicePlan,
    /// Carrying out the plan: independently, accompanied, or by referral.
    Implementation,
    /// Regular checks of how the plan works and how the client is doing.
    Monitoring,
    /// Updating or correcting the plan after monitoring.
    PlanRevision,
    /// Planned closure of the case.
    Exit,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Intake,
        Stage::Assessment,
        Stage::ServicePlan,
        Stage::Implementation,
        Stage::Monitoring,
        Stage::PlanRevision,
        Stage::Exit,
    ];

    /// Position in the cycle, 0 for intake.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The kebab-case key used in Fluent message ids (`stage-service-plan`).
    pub fn key(self) -> &'static str {
        match self {
            Stage::Intake => "intake",
            Stage::Assessment => "assessment",
            Stage::ServicePlan => "service-plan",
            Stage::Implementation => "implementation",
            Stage::Monitoring => "monitoring",
            Stage::PlanRevision => "plan-revision",
            Stage::Exit => "exit",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The five questions of the assessment frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum W {
    /// The client, the household, the people around them.
    Who,
    /// Causes of the difficulty.
    Why,
    /// Timeline and urgency.
    When,
    /// Place, living conditions, community resources.
    Where,
    /// The problem and the needs themselves.
    What,
}

impl W {
    pub const ALL: [W; 5] = [W::Who, W::Why, W::When, W::Where, W::What];

    /// The key used in Fluent message ids (`w-who`).
    pub fn key(self) -> &'static str {
        match self {
            W::Who => "who",
            W::Why => "why",
            W::When => "when",
            W::Where => "where",
            W::What => "what",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ClientGroup {
    InternallyDisplaced,
    Disability,
    OlderPerson,
    FamilyInDifficulties,
    ViolenceSurvivor,
    Hiv,
    ReleasedFromPrison,
    Unemployed,
    CareLeaver,
    Veteran,
    Addiction,
    Homeless,
    ChronicIllness,
    RuralIsolated,
}

impl ClientGroup {
    pub const ALL: [ClientGroup; 14] = [
        ClientGroup::InternallyDisplaced,
        ClientGroup::Disability,
        ClientGroup::OlderPerson,
        ClientGroup::FamilyInDifficulties,
        ClientGroup::ViolenceSurvivor,
        ClientGroup::Hiv,
        ClientGroup::ReleasedFromPrison,
        ClientGroup::Unemployed,
        ClientGroup::CareLeaver,
        ClientGroup::Veteran,
        ClientGroup::Addiction,
        ClientGroup::Homeless,
        ClientGroup::ChronicIllness,
        ClientGroup::RuralIsolated,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ClientGroup::InternallyDisplaced => "internally-displaced",
            ClientGroup::Disability => "disability",
            ClientGroup::OlderPerson => "older-person",
            ClientGroup::FamilyInDifficulties => "family-in-difficulties",
            ClientGroup::ViolenceSurvivor => "violence-survivor",
            ClientGroup::Hiv => "hiv",
            ClientGroup::ReleasedFromPrison => "released-from-prison",
            ClientGroup::Unemployed => "unemployed",
            ClientGroup::CareLeaver => "care-leaver",
            ClientGroup::Veteran => "veteran",
            ClientGroup::Addiction => "addiction",
            ClientGroup::Homeless => "homeless",
            ClientGroup::ChronicIllness => "chronic-illness",
            ClientGroup::RuralIsolated => "rural-isolated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    Introductory,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [
        Difficulty::Introductory,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Difficulty::Introductory => "introductory",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }
}

/// The case-management model the case is run under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Model {
    /// Emergencies; the case manager leads strongly.
    IntensiveIntervention,
    /// Health problems or addictions; the case manager leads strongly.
    Clinical,
    /// Partnership, building on what the client can already do.
    StrengthsBased,
    /// The case manager brokers the services a team of specialists works out.
    Broker,
}

impl Model {
    pub const ALL: [Model; 4] = [
        Model::IntensiveIntervention,
        Model::Clinical,
        Model::StrengthsBased,
        Model::Broker,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Model::IntensiveIntervention => "intensive-intervention",
            Model::Clinical => "clinical",
            Model::StrengthsBased => "strengths-based",
            Model::Broker => "broker",
        }
    }
}

/// How a step of the plan is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Mode {
    /// The client acts on their own.
    Independent,
    /// The client acts with the worker beside them (супровід).
    Accompanied,
    /// The client is referred to another service or specialist (переадресація).
    Referral,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Independent, Mode::Accompanied, Mode::Referral];

    /// The key used in Fluent message ids (`mode-referral`).
    pub fn key(self) -> &'static str {
        match self {
            Mode::Independent => "independent",
            Mode::Accompanied => "accompanied",
            Mode::Referral => "referral",
        }
    }
}

/// The role the worker plays in a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Consultant,
    Manager,
    Supervisor,
    Mediator,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Consultant,
        Role::Manager,
        Role::Supervisor,
        Role::Mediator,
    ];

    /// The key used in Fluent message ids (`role-mediator`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Consultant => "consultant",
            Role::Manager => "manager",
            Role::Supervisor => "supervisor",
            Role::Mediator => "mediator",
        }
    }
}

/// Areas of need, so that a plan can be checked for being comprehensive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Domain {
    Material,
    Housing,
    Medical,
    Psychological,
    Social,
    Legal,
    Employment,
    Education,
    Safety,
}

impl Domain {
    pub const ALL: [Domain; 9] = [
        Domain::Material,
        Domain::Housing,
        Domain::Medical,
        Domain::Psychological,
        Domain::Social,
        Domain::Legal,
        Domain::Employment,
        Domain::Education,
        Domain::Safety,
    ];

    /// The key used in Fluent message ids (`domain-housing`).
    pub fn key(self) -> &'static str {
        match self {
            Domain::Material => "material",
            Domain::Housing => "housing",
            Domain::Medical => "medical",
            Domain::Psychological => "psychological",
            Domain::Social => "social",
            Domain::Legal => "legal",
            Domain::Employment => "employment",
            Domain::Education => "education",
            Domain::Safety => "safety",
        }
    }
}

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Stable id, lowercase letters, digits and hyphens; rubrics and logs name it.
    pub id: String,
    /// Bumped by the author whenever the case changes in a way that matters to logs.
    pub version: u32,
    /// The languages every text of the case is written in; the first is the original.
    pub languages: Vec<String>,
    pub title: Text,
    pub summary: Text,
    pub client_group: ClientGroup,
    pub difficulty: Difficulty,
    pub model: Model,
    /// The learning objectives, as the student reads them before starting.
    pub objectives: Vec<Text>,
    /// How long a student usually needs, in minutes.
    pub minutes: u32,
    /// Weeks of case time before the case runs out of time.
    pub weeks: u32,
    /// Where the case comes from: a published case, a report, or the bank itself.
    #[serde(default)]
    pub source: Option<Source>,
    /// Facts invented for teaching that are not in the source.
    #[serde(default)]
    pub invented: Vec<String>,
    pub client: ClientCard,
    /// The people and services around the client, for the ecomap; household members are
    /// in `client.household`, not here.
    #[serde(default)]
    pub network: Vec<NetworkMember>,
    pub variables: Vec<Variable>,
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub needs: Vec<Need>,
    pub services: Vec<Service>,
    pub decisions: Vec<Decision>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// Where a case comes from, so that a trainer can tell what is drawn from life and what
/// was written for teaching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub author: String,
    /// The web address of the source, where it has one.
    #[serde(default)]
    pub url: Option<String>,
    /// The licence the source is published under.
    pub licence: String,
}

/// The client card (картка клієнта) the student sees at intake.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientCard {
    pub name: Text,
    pub age: u32,
    /// A picture inside the bank, relative to the scenario file; never outside the bank.
    #[serde(default)]
    pub picture: Option<String>,
    #[serde(default)]
    pub household: Vec<Person>,
    /// The situation as it is known at intake, before any assessment.
    pub situation: Text,
    /// Whether the client can use online services; an online-only service cannot meet a
    /// need of a client without internet access.
    #[serde(default = "yes")]
    pub internet: bool,
    /// Whether the client has a smartphone (and can use it); a service that needs one (an
    /// app such as Diia) cannot meet a need of a client without one.
    #[serde(default = "yes")]
    pub smartphone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Text,
    pub relation: Text,
    #[serde(default)]
    pub age: Option<u32>,
}

/// Which side of an ecomap a member of the client's network stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sector {
    /// Family, friends, neighbours, church, community.
    Informal,
    /// State and NGO services, employer, school, police, doctors.
    Formal,
}

impl Sector {
    pub const ALL: [Sector; 2] = [Sector::Informal, Sector::Formal];

    /// The kebab-case key used in Fluent message ids (`sector-informal`).
    pub fn key(self) -> &'static str {
        match self {
            Sector::Informal => "informal",
            Sector::Formal => "formal",
        }
    }
}

/// The kind of tie between the client and a member of their network, as an ecomap draws
/// it: strong a thick line, normal a plain one, weak a dashed one, stressful a hatched one,
/// absent none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tie {
    Strong,
    Normal,
    Weak,
    Stressful,
    /// Not connected (yet): a service not contacted, a relative not in touch.
    Absent,
}

impl Tie {
    pub const ALL: [Tie; 5] = [
        Tie::Strong,
        Tie::Normal,
        Tie::Weak,
        Tie::Stressful,
        Tie::Absent,
    ];

    /// The kebab-case key used in Fluent message ids (`tie-stressful`).
    pub fn key(self) -> &'static str {
        match self {
            Tie::Strong => "strong",
            Tie::Normal => "normal",
            Tie::Weak => "weak",
            Tie::Stressful => "stressful",
            Tie::Absent => "absent",
        }
    }
}

impl fmt::Display for Tie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A person or service of the client's network, drawn as a node of the ecomap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkMember {
    /// Unique among the network's members; `ties` of decisions and events name it.
    pub id: String,
    /// Short, as written on an ecomap node (about 30 characters at most).
    pub name: Text,
    pub sector: Sector,
    /// The tie at the start of the case.
    pub tie: Tie,
    /// Facts that tell something about this member; the node shows those the student found.
    #[serde(default)]
    pub about: Vec<String>,
    /// The member appears on the ecomap only once this fact is known.
    #[serde(default)]
    pub hidden_until: Option<String>,
    /// For a formal member: the service of the scenario's network it is.
    #[serde(default)]
    pub service: Option<String>,
}

/// A client state variable such as trust or safety, kept within `min..=max`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub id: String,
    pub label: Text,
    pub min: i32,
    pub max: i32,
    pub initial: i32,
    /// Kept from the student: the trainer's measures and step outcomes leave it out, while
    /// conditions and rubrics may still use it.
    #[serde(default)]
    pub hidden: bool,
}

/// Something the student can find out during assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub w: W,
    /// A key fact is one a competent assessment must not miss; rubrics can require them.
    #[serde(default)]
    pub key: bool,
    pub text: Text,
}

/// A need of the client; it counts as identified once any of its `evidence` facts is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub id: String,
    pub domain: Domain,
    pub label: Text,
    /// A key need is one a competent assessment must find: `NeedsCovered` counts it
    /// whether the student identified it or not.
    #[serde(default)]
    pub key: bool,
    pub evidence: Vec<String>,
    /// Goals the student can set for this need in the service plan.
    pub goals: Vec<Goal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub text: Text,
    /// A concrete goal is specific, measurable and agreed with the client; a vague one is not.
    #[serde(default = "yes")]
    pub concrete: bool,
}

fn yes() -> bool {
    true
}

/// A service or specialist of the local network (ЦНАП, a lawyer, a family doctor, an NGO …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: Text,
    /// Who provides it (the institution or the specialist).
    pub provider: Text,
    /// The needs this service can meet.
    pub meets: Vec<String>,
    /// Weeks before the service can start; a plan deadline sooner than this is unrealistic.
    #[serde(default)]
    pub wait_weeks: u32,
    /// Whether using it needs an internet connection.
    #[serde(default)]
    pub online_only: bool,
    /// Whether using it needs a smartphone app (and so an internet connection as well).
    #[serde(default)]
    pub needs_smartphone: bool,
}

/// A choice open to the student at one stage (or several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub stage: Stage,
    /// Further stages where the same decision is open (asking for supervision, say).
    #[serde(default)]
    pub also_at: Vec<Stage>,
    /// What the student chooses, as a button or a line in a list.
    pub label: Text,
    /// What happens when they choose it.
    pub outcome: Text,
    /// Outcomes that depend on the case so far: the first whose conditions hold when the
    /// decision is taken (before its own effects) is shown instead of `outcome`.
    #[serde(default)]
    pub outcome_if: Vec<OutcomeIf>,
    /// All of these must hold for the decision to be open.
    #[serde(default)]
    pub requires: Vec<Condition>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// Facts this decision uncovers.
    #[serde(default)]
    pub reveals: Vec<String>,
    /// Case time the decision takes, in days.
    #[serde(default)]
    pub days: u32,
    /// Implementation decisions say how the step is carried out.
    #[serde(default)]
    pub mode: Option<Mode>,
    /// The service of the network this decision uses (for referrals and accompaniment).
    #[serde(default)]
    pub service: Option<String>,
    /// The role of the worker this decision exercises.
    #[serde(default)]
    pub role: Option<Role>,
    /// The stage the case moves to once the decision is taken.
    #[serde(default)]
    pub next: Option<Stage>,
    /// Taking it closes the case.
    #[serde(default)]
    pub closes: bool,
    /// Can be taken more than once during the same visit to its stage.
    #[serde(default)]
    pub repeatable: bool,
    /// Can be taken only once in the whole case, even after a return to its stage (a
    /// registration, an enrolment). Without it a decision is open again on each new visit.
    #[serde(default)]
    pub once: bool,
    /// Ties of the client's network that become the given kind once the decision is taken.
    #[serde(default)]
    pub ties: Vec<(String, Tie)>,
    /// A decision with both `service` and `mode` delivers that service, and is open only
    /// once the service plan has an item with that service; `unplanned` lifts that rule
    /// (a crisis step, an emergency referral before any plan).
    #[serde(default)]
    pub unplanned: bool,
    /// The model of case management this step follows.
    #[serde(default)]
    pub model: Option<Model>,
}

/// An outcome text shown when its conditions hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeIf {
    /// All of these must hold.
    pub when: Vec<Condition>,
    pub text: Text,
}

impl Decision {
    /// The service this decision delivers: one it uses with a mode of implementation.
    pub fn delivers(&self) -> Option<&str> {
        self.service.as_deref().filter(|_| self.mode.is_some())
    }

    /// The service that must be in the plan before this decision is open.
    pub fn needs_planned(&self) -> Option<&str> {
        self.delivers().filter(|_| !self.unplanned)
    }

    /// The condition this decision needs besides its `requires`: its service in the plan.
    pub fn implicit_requirement(&self) -> Option<Condition> {
        self.needs_planned()
            .map(|svc| Condition::ServicePlanned(svc.to_string()))
    }

    /// Which outcome text a decision shows, chosen by `holds` on the case as it was before
    /// the decision's effects: the index of the first `outcome_if` whose conditions all
    /// hold, or None for the plain `outcome`.
    pub fn outcome_variant(&self, holds: impl Fn(&Condition) -> bool) -> Option<usize> {
        self.outcome_if
            .iter()
            .position(|o| o.when.iter().all(&holds))
    }

    /// The outcome text of a variant chosen by [`Decision::outcome_variant`].
    pub fn outcome_text(&self, variant: Option<usize>) -> &Text {
        variant
            .and_then(|i| self.outcome_if.get(i))
            .map_or(&self.outcome, |o| &o.text)
    }

    pub fn open_at(&self, stage: Stage) -> bool {
        self.stage == stage || self.also_at.contains(&stage)
    }

    pub fn stages(&self) -> impl Iterator<Item = Stage> + '_ {
        std::iter::once(self.stage).chain(self.also_at.iter().copied())
    }
}

/// Something that happens to the case without the student choosing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub trigger: Trigger,
    /// All of these must hold for the event to happen.
    #[serde(default)]
    pub requires: Vec<Condition>,
    pub text: Text,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default)]
    pub reveals: Vec<String>,
    /// The stage the case is sent back (or on) to.
    #[serde(default)]
    pub return_to: Option<Stage>,
    /// The event ends the case (the client withdraws, say).
    #[serde(default)]
    pub ends_case: bool,
    /// Can happen more than once.
    #[serde(default)]
    pub repeatable: bool,
    /// Ties of the client's network that become the given kind once the event happens.
    #[serde(default)]
    pub ties: Vec<(String, Tie)>,
    /// Happens only while the case is open. Any other event still happens after the case
    /// is closed, in the follow-up that plays out the remaining weeks.
    #[serde(default)]
    pub while_open: bool,
    /// The result of an omission: if it has not happened by the end, a rule on the response
    /// to it is missed, not dropped, unless one of `averted_by` was taken.
    #[serde(default)]
    pub consequence: bool,
    /// Decisions that rightly prevent a `consequence` event.
    #[serde(default)]
    pub averted_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// Happens once case time reaches this week.
    Week(u32),
    /// Each new week from `from` to `until` (inclusive), happens with `percent` chance.
    Chance { percent: u8, from: u32, until: u32 },
    /// Happens as soon as its conditions hold.
    When,
}

/// A test on the case so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Taken(String),
    NotTaken(String),
    Known(String),
    Unknown(String),
    Happened(String),
    NotHappened(String),
    AtLeast(String, i32),
    AtMost(String, i32),
    /// Case time is at least this week.
    FromWeek(u32),
    /// Case time is at most this week.
    UntilWeek(u32),
    /// The service plan has an item for this need.
    Planned(String),
    /// The service plan has an item that uses this service. A decision that delivers a
    /// service (one with `service` and `mode`) needs it implicitly, unless `unplanned`.
    ServicePlanned(String),
    /// Every identified need has a matching service in the plan.
    PlanComplete,
    /// The case is at this stage.
    AtStage(Stage),
    /// The case is not at this stage.
    NotAtStage(Stage),
    /// At least one of these holds.
    Any(Vec<Condition>),
    /// The decision was taken or the event happened (the first time) at least this many
    /// weeks ago.
    WeeksSince(Since, u32),
    /// The decision was taken or the event happened (the first time) at most this many
    /// weeks ago.
    WithinWeeks(Since, u32),
}

/// The moment a time condition counts from: the first time a decision was taken or an
/// event happened (the day its record was written).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Since {
    Decision(String),
    Event(String),
}

/// A change to a state variable; values are clamped to the variable's range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    Add(String, i32),
    Set(String, i32),
}

impl Effect {
    pub fn variable(&self) -> &str {
        match self {
            Effect::Add(v, _) | Effect::Set(v, _) => v,
        }
    }
}

impl Scenario {
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        self.decisions.iter().find(|d| d.id == id)
    }
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
    pub fn need(&self, id: &str) -> Option<&Need> {
        self.needs.iter().find(|n| n.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
    pub fn member(&self, id: &str) -> Option<&NetworkMember> {
        self.network.iter().find(|m| m.id == id)
    }
    /// Whether `service` can meet `need` for this client: it must list the need and be
    /// within the client's reach.
    pub fn can_meet(&self, service: &Service, need: &str) -> bool {
        service.meets.iter().any(|n| n == need) && self.reaches(service)
    }

    /// Whether the client can use `service` at all: an online-only service needs internet
    /// access, and a smartphone app needs both a smartphone and internet access.
    pub fn reaches(&self, service: &Service) -> bool {
        let c = &self.client;
        let online = service.online_only || service.needs_smartphone;
        (c.internet || !online) && (c.smartphone || !service.needs_smartphone)
    }

    pub fn variable_index(&self, id: &str) -> Option<usize> {
        self.variables.iter().position(|v| v.id == id)
    }

    /// Every text of the case with its stable id, in file order.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![
            ("title".into(), &self.title),
            ("summary".into(), &self.summary),
        ];
        for (i, o) in self.objectives.iter().enumerate() {
            out.push((format!("objective.{}", i + 1), o));
        }
        out.push(("client.name".into(), &self.client.name));
        out.push(("client.situation".into(), &self.client.situation));
        for (i, p) in self.client.household.iter().enumerate() {
            out.push((format!("client.household.{}.name", i + 1), &p.name));
            out.push((format!("client.household.{}.relation", i + 1), &p.relation));
        }
        for m in &self.network {
            out.push((format!("network.{}.name", m.id), &m.name));
        }
        for v in &self.variables {
            out.push((format!("variable.{}.label", v.id), &v.label));
        }
        for f in &self.facts {
            out.push((format!("fact.{}.text", f.id), &f.text));
        }
        for n in &self.needs {
            out.push((format!("need.{}.label", n.id), &n.label));
            for g in &n.goals {
                out.push((format!("need.{}.goal.{}.text", n.id, g.id), &g.text));
            }
        }
        for s in &self.services {
            out.push((format!("service.{}.name", s.id), &s.name));
            out.push((format!("service.{}.provider", s.id), &s.provider));
        }
        for d in &self.decisions {
            out.push((format!("decision.{}.label", d.id), &d.label));
            out.push((format!("decision.{}.outcome", d.id), &d.outcome));
            for (i, o) in d.outcome_if.iter().enumerate() {
                out.push((
                    format!("decision.{}.outcome_if.{}.text", d.id, i + 1),
                    &o.text,
                ));
            }
        }
        for e in &self.events {
            out.push((format!("event.{}.text", e.id), &e.text));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = include_str!("../tests/fixtures/mini/scenario.ron");

    fn mini() -> Scenario {
        crate::source::parse_ron("mini", MINI).expect("the worked example parses")
    }

    #[test]
    fn the_network_is_read_with_ties_of_decisions_and_events() {
        let s = mini();
        let ids: Vec<&str> = s.network.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["neighbour", "school", "pension-fund"]);
        let neighbour = s.member("neighbour").expect("neighbour");
        assert_eq!(neighbour.sector, Sector::Informal);
        assert_eq!(neighbour.tie, Tie::Weak);
        assert_eq!(neighbour.about, ["where-dorm"]);
        assert_eq!(neighbour.hidden_until.as_deref(), Some("where-dorm"));
        let fund = s.member("pension-fund").expect("pension fund");
        assert_eq!(fund.service.as_deref(), Some("pension-fund"));
        let accompany = s.decision("accompany").expect("accompany");
        assert_eq!(accompany.ties, [("pension-fund".to_string(), Tie::Normal)]);
        let ill = s.event("grandson-ill").expect("grandson-ill");
        assert_eq!(ill.ties, [("neighbour".to_string(), Tie::Strong)]);
        assert!(s.texts().iter().any(|(id, _)| id == "network.school.name"));
    }

    #[test]
    fn a_scenario_with_a_network_survives_writing_and_reading_back() {
        let s = mini();
        let written = crate::source::ron_options()
            .to_string_pretty(&s, ron::ser::PrettyConfig::default())
            .expect("serialises");
        let back: Scenario = crate::source::parse_ron("back", &written).expect("reads back");
        assert_eq!(back, s);
    }

    #[test]
    fn a_scenario_without_a_network_still_reads() {
        let start = MINI.find("    network: [").expect("network field");
        let end = start + MINI[start..].find("\n    ],\n").expect("end of network") + 8;
        let without = format!("{}{}", &MINI[..start], &MINI[end..]);
        let ties_removed = without
            .replace(",\n         ties: [(\"pension-fund\", Normal)]", "")
            .replace(",\n         ties: [(\"pension-fund\", Stressful)]", "")
            .replace(",\n         ties: [(\"neighbour\", Strong)]", "");
        let s: Scenario = crate::source::parse_ron("old", &ties_removed).expect("parses");
        assert!(s.network.is_empty());
        assert!(s.decisions.iter().all(|d| d.ties.is_empty()));
        assert!(s.events.iter().all(|e| e.ties.is_empty()));
    }

    #[test]
    fn an_unknown_tie_kind_is_refused_with_the_kinds_listed() {
        let bad = MINI.replace("tie: Weak", "tie: Tenuous");
        let err = crate::source::parse_ron::<Scenario>("bad", &bad).expect_err("refused");
        let shown = err.to_string();
        assert_eq!(err.line, 34, "{shown}");
        assert_eq!(
            err.help.as_deref(),
            Some("use one of: Strong, Normal, Weak, Stressful, Absent")
        );
    }
}
