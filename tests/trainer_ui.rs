//! The trainer's screens driven without a window (egui_kittest): a student clicks through a
//! whole case by the words on the screen, in English and in Ukrainian, and the screens say
//! what the engine and the scorer decided, with no raw id anywhere.
#![cfg(feature = "gui")]

use std::path::PathBuf;

use bevy_egui::egui;
use casework::bank::Bank;
use casework::choices;
use casework::engine::{Action, TrainingMode};
use casework::gui::model::{Screen, Trainer, presentation_order};
use casework::gui::screens::{briefing, library, results, review, workspace};
use casework::gui::theme;
use casework::i18n::{localizer, n, s};
use casework::scenario::Difficulty;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, Node};

const CASE: &str = "idp-family-dnipro";

/// The same dispatch the window makes through its bevy states.
fn screen(ui: &mut egui::Ui, t: &mut Trainer) {
    match t.screen {
        Screen::Library => library::panel(ui, t),
        Screen::Briefing => briefing::panel(ui, t),
        Screen::Workspace => workspace::panel(ui, t),
        Screen::Results => results::panel(ui, t),
        Screen::Review => review::panel(ui, t),
    }
}

/// The screens at the window's size. kittest runs a first pass while it builds the harness,
/// before a test could touch its context, so the look is given in that first pass and the
/// screens are drawn from the next one on: what the window's `draw` does too (fonts given
/// to egui take effect on the next pass, and the screens use the bold family they add).
fn harness(t: Trainer) -> Harness<'static, Trainer> {
    let mut themed = false;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            move |ui, t: &mut Trainer| {
                if !std::mem::replace(&mut themed, true) {
                    theme::apply(ui.ctx());
                    ui.ctx().request_repaint();
                    return;
                }
                screen(ui, t);
            },
            t,
        );
    h.run();
    h
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn script(name: &str) -> choices::Choices {
    let path = root().join(format!("tests/paths/{CASE}/{name}.choices"));
    let text = std::fs::read_to_string(&path).expect("choices file");
    choices::parse(&path.display().to_string(), &text).expect("choices parse")
}

/// Every text of the accessible tree: labels and values.
fn texts(h: &Harness<'_, Trainer>) -> Vec<String> {
    h.root()
        .children_recursive()
        .flat_map(|node| {
            let a = node.accesskit_node();
            [a.label(), a.value()]
        })
        .flatten()
        .collect()
}

fn shows(h: &Harness<'_, Trainer>, text: &str) -> bool {
    texts(h).iter().any(|t| t == text)
}

fn shows_part(h: &Harness<'_, Trainer>, text: &str) -> bool {
    texts(h).iter().any(|t| t.contains(text))
}

/// The first interactive node with exactly this label; a plain text of those words only
/// when there is none (egui 0.36 gives a link on screen the role of a label).
fn widget<'t>(h: &'t Harness<'_, Trainer>, label: &'t str) -> Node<'t> {
    let mut found: Vec<Node<'t>> = h.query_all_by_label(label).collect();
    found.sort_by_key(|n| n.accesskit_node().role() == Role::Label);
    assert!(
        !found.is_empty(),
        "no widget labelled {label:?} on {:?}; texts: {:?}",
        h.state().screen,
        texts(h)
    );
    found[0]
}

/// Scrolls a widget into view and clicks it with the pointer, as a student would.
fn click(h: &mut Harness<'_, Trainer>, label: &str) {
    widget(h, label).scroll_to_me();
    h.run();
    widget(h, label).click();
    h.run();
}

/// Opens the n-th combo box of the screen and picks an entry by its words.
fn pick(h: &mut Harness<'_, Trainer>, combo: usize, entry: &str) {
    let node = h
        .get_all_by_role(Role::ComboBox)
        .nth(combo)
        .expect("combo box");
    node.scroll_to_me();
    h.run();
    h.get_all_by_role(Role::ComboBox)
        .nth(combo)
        .expect("combo box")
        .click();
    h.run();
    click(h, entry);
}

/// Raw ids that must never reach the student.
fn forbidden(t: &Trainer) -> Vec<String> {
    let mut ids: Vec<String> = ["consent-before-assessment", "Stage::", "stage-", "trainer-"]
        .map(String::from)
        .to_vec();
    for r in t.bank.rubrics_of(CASE) {
        ids.extend(
            r.doc
                .criteria
                .iter()
                .flat_map(|c| &c.rules)
                .map(|x| x.id.clone())
                // Plain words ("contract", "exit") are ids and words alike.
                .filter(|id| id.contains('-')),
        );
    }
    ids
}

fn assert_no_ids(h: &Harness<'_, Trainer>) {
    let bad = forbidden(h.state());
    for text in texts(h) {
        for id in &bad {
            assert!(
                !text.contains(id.as_str()),
                "{:?} shows the raw id {id:?} in {text:?}",
                h.state().screen
            );
        }
    }
}

/// The label of the decision, after checking it is one of the open rows in the order shown.
fn decision_label(t: &Trainer, id: &str) -> String {
    let w = t.work.as_ref().expect("a session");
    let open: Vec<&str> = presentation_order(&w.session)
        .into_iter()
        .map(|d| d.id.as_str())
        .collect();
    assert!(open.contains(&id), "`{id}` is not open: {open:?}");
    let d = w.session.scenario().decision(id).expect("decision");
    d.label.get(t.lang).to_string()
}

/// From the library to the first decision: the case card, the mode, "Start the case".
fn open_case(h: &mut Harness<'_, Trainer>, mode: TrainingMode, seed: Option<u64>) {
    let (l, lang) = (h.state().l(), h.state().lang);
    assert_eq!(h.state().screen, Screen::Library);
    assert_no_ids(h);
    let title = h
        .state()
        .bank
        .scenario(CASE)
        .expect("case")
        .doc
        .title
        .get(lang)
        .to_string();
    click(
        h,
        &l.tr("trainer-card-open", &[("title", s(title.clone()))]),
    );
    assert_eq!(h.state().screen, Screen::Briefing);
    assert!(shows(h, &title));
    assert_no_ids(h);
    let radio = match mode {
        TrainingMode::Practice => "trainer-mode-practice",
        TrainingMode::SelfTest => "trainer-mode-self-test",
    };
    click(h, &l.t(radio));
    assert_eq!(h.state().briefing.as_ref().map(|b| b.mode), Some(mode));
    h.state_mut().next_seed = seed;
    click(h, &l.t("trainer-start"));
    assert_eq!(h.state().screen, Screen::Workspace);
    assert!(shows(h, &l.t("trainer-open-title")));
}

/// Adds a plan item through the plan editor's four combo boxes and "Add to the plan".
fn plan_through_editor(
    h: &mut Harness<'_, Trainer>,
    need: &str,
    goal: &str,
    service: &str,
    week: u32,
) {
    let (l, lang) = (h.state().l(), h.state().lang);
    let sc = h
        .state()
        .work
        .as_ref()
        .expect("session")
        .session
        .scenario()
        .clone();
    let nd = sc.need(need).expect("need");
    let gl = nd.goals.iter().find(|g| g.id == goal).expect("goal");
    let sv = sc.service(service).expect("service");
    pick(h, 0, nd.label.get(lang));
    pick(h, 1, gl.text.get(lang));
    pick(
        h,
        2,
        &format!("{} — {}", sv.name.get(lang), sv.provider.get(lang)),
    );
    pick(h, 3, &l.tr("trainer-plan-week", &[("week", n(week))]));
    let before = h
        .state()
        .work
        .as_ref()
        .map(|w| w.session.state().plan.len());
    click(h, &l.t("trainer-plan-add"));
    let after = h
        .state()
        .work
        .as_ref()
        .map(|w| w.session.state().plan.len());
    assert_eq!(
        after,
        before.map(|b| b + 1),
        "the plan editor did not add {need}/{service}: {:?}",
        h.state().work.as_ref().and_then(|w| w.ui.refusal.clone())
    );
}

/// Plays a choices file through the screen; returns how many steps showed feedback.
fn play(h: &mut Harness<'_, Trainer>, steps: &[(usize, Action)]) -> usize {
    let l = h.state().l();
    let feedback = l.t("trainer-feedback-title");
    let mut shown_feedback = 0;
    for (i, (line, action)) in steps.iter().enumerate() {
        let before = h.state().work.as_ref().map(|w| w.session.state().steps);
        match action {
            Action::Decide { decision } => {
                let label = decision_label(h.state(), decision);
                if i == 0 {
                    // The student writes down why before the first decision.
                    click(h, &l.t("trainer-rationale-open"));
                    let edit = h.get_by_role(Role::TextInput);
                    edit.focus();
                    h.run();
                    h.get_by_role(Role::TextInput)
                        .type_text("she must agree first");
                    h.run();
                }
                click(h, &label);
            }
            Action::Plan {
                need,
                goal,
                service,
                deadline_week,
            } => plan_through_editor(h, need, goal, service, *deadline_week),
            Action::Unplan { .. } => {
                assert!(h.state_mut().act(action.clone()));
                h.run();
            }
        }
        let t = h.state();
        let w = t.work.as_ref().expect("session");
        assert_eq!(
            Some(w.session.state().steps),
            before.map(|b| b + 1),
            "line {line} ({action}) was not taken: {:?}",
            w.ui.refusal
        );
        let has_feedback = w.last.as_ref().is_some_and(|x| !x.feedback.is_empty()) && t.practice();
        assert_eq!(
            shows(h, &feedback),
            has_feedback,
            "feedback after line {line}"
        );
        shown_feedback += usize::from(has_feedback);
    }
    shown_feedback
}

fn whole_case(lang: &str) {
    let good = script("good");
    let mut h = harness(Trainer::new(Bank::embedded(), lang, None));
    let l = localizer(lang);
    open_case(&mut h, TrainingMode::Practice, good.seed);
    assert_no_ids(&h);
    let feedback_steps = play(&mut h, &good.steps);
    assert!(feedback_steps > 0, "practice mode never showed feedback");
    assert_eq!(h.state().rationale(1), Some("she must agree first"));
    assert_no_ids(&h);
    // The case has ended: the results.
    click(&mut h, &l.t("trainer-see-results"));
    assert_eq!(h.state().screen, Screen::Results);
    assert!(
        shows_part(&h, &l.tr("trainer-result-passed", &[("percent", s("100"))])),
        "{lang}: no pass headline in {:?}",
        texts(&h)
    );
    assert_no_ids(&h);
    // A "see step N" link opens the review at that step.
    let report = h
        .state()
        .work
        .as_ref()
        .and_then(|w| w.report.clone())
        .expect("report");
    let step = report
        .criteria
        .iter()
        .flat_map(|c| &c.rules)
        .flat_map(|r| &r.evidence)
        .map(|e| e.step)
        .find(|s| *s > 1)
        .expect("a rule with evidence");
    click(&mut h, &l.tr("trainer-see-step", &[("step", n(step))]));
    assert_eq!(h.state().screen, Screen::Review);
    let where_at = |h: &Harness<'_, Trainer>, step: u32| {
        let w = h.state().work.as_ref().expect("session");
        let (stage, day) = w
            .session
            .log()
            .records
            .iter()
            .find_map(|r| match r {
                casework::engine::Record::Step {
                    step: s,
                    stage,
                    day,
                    ..
                } if *s == step => Some((*stage, *day)),
                _ => None,
            })
            .expect("step record");
        l.tr(
            "trainer-review-step-where",
            &[
                ("step", n(step)),
                ("stage", s(l.t(&format!("stage-{}", stage.key())))),
                ("week", n(day / 7 + 1)),
            ],
        )
    };
    assert_eq!(h.state().work.as_ref().map(|w| w.review_step), Some(step));
    assert!(shows(&h, &where_at(&h, step)), "{:?}", texts(&h));
    assert_no_ids(&h);
    click(&mut h, &l.t("trainer-review-next"));
    assert_eq!(
        h.state().work.as_ref().map(|w| w.review_step),
        Some(step + 1)
    );
    assert!(shows(&h, &where_at(&h, step + 1)));
    assert!(!shows(&h, &where_at(&h, step)));
    assert_no_ids(&h);
}

#[test]
fn a_whole_case_clicked_through_in_english() {
    whole_case("en");
}

#[test]
fn a_whole_case_clicked_through_in_ukrainian() {
    whole_case("uk");
}

#[test]
fn library_filters_reduce_the_cards() {
    let mut h = harness(Trainer::new(Bank::embedded(), "en", None));
    let l = localizer("en");
    let open_buttons =
        |h: &Harness<'_, Trainer>| texts(h).iter().filter(|t| t.starts_with("Open: ")).count();
    let all = h.state().bank.scenarios.len();
    assert_eq!(open_buttons(&h), all);
    // The difficulty filter is the second combo box (group, difficulty, model).
    pick(&mut h, 1, &l.t("difficulty-introductory"));
    let wanted = h
        .state()
        .bank
        .scenarios
        .iter()
        .filter(|e| e.doc.difficulty == Difficulty::Introductory)
        .count();
    assert!(wanted < all, "the bank has only introductory cases");
    assert_eq!(h.state().filter.difficulty, Some(Difficulty::Introductory));
    assert_eq!(open_buttons(&h), wanted);
    assert!(shows(
        &h,
        &l.tr("trainer-library-count", &[("count", n(wanted as u32))])
    ));
    // "All" brings every card back.
    pick(&mut h, 1, &l.t("trainer-filter-all"));
    assert_eq!(open_buttons(&h), all);
}

#[test]
fn the_language_switch_changes_interface_and_case_text_mid_session() {
    let good = script("good");
    let mut h = harness(Trainer::new(Bank::embedded(), "en", None));
    open_case(&mut h, TrainingMode::Practice, good.seed);
    play(&mut h, &good.steps[..4]);
    let (en, uk) = (localizer("en"), localizer("uk"));
    let sc = h
        .state()
        .work
        .as_ref()
        .expect("session")
        .session
        .scenario()
        .clone();
    let open: Vec<String> = presentation_order(&h.state().work.as_ref().expect("s").session)
        .iter()
        .map(|d| d.id.clone())
        .collect();
    let label = |id: &str, lang: &str| sc.decision(id).expect("d").label.get(lang).to_string();
    assert!(shows(&h, &en.t("trainer-open-title")));
    assert!(shows(&h, &label(&open[0], "en")));
    click(&mut h, "Українська");
    assert_eq!(h.state().lang, "uk");
    assert!(shows(&h, &uk.t("trainer-open-title")));
    assert!(!shows(&h, &en.t("trainer-open-title")));
    for id in &open {
        assert!(shows(&h, &label(id, "uk")), "no Ukrainian label for {id}");
        assert!(!shows(&h, &label(id, "en")), "English label left for {id}");
    }
    assert!(shows_part(&h, sc.title.get("uk")));
    assert_no_ids(&h);
    // The session goes on in the new language.
    let next = good.steps[4].1.clone();
    let Action::Decide { decision } = &next else {
        panic!("step 5 of good.choices is a decision");
    };
    click(&mut h, &label(decision, "uk"));
    assert_eq!(
        h.state().work.as_ref().map(|w| w.session.state().steps),
        Some(5)
    );
    click(&mut h, "English");
    assert_eq!(h.state().lang, "en");
    assert!(shows(&h, &en.t("trainer-open-title")));
}

#[test]
fn self_test_shows_no_feedback_after_a_decision() {
    let good = script("good");
    for lang in ["en", "uk"] {
        let mut h = harness(Trainer::new(Bank::embedded(), lang, None));
        open_case(&mut h, TrainingMode::SelfTest, good.seed);
        let shown = play(&mut h, &good.steps[..12]);
        assert_eq!(shown, 0);
        assert!(!shows(&h, &localizer(lang).t("trainer-feedback-title")));
        // The same steps in practice mode do show it (the control).
        let mut p = harness(Trainer::new(Bank::embedded(), lang, None));
        open_case(&mut p, TrainingMode::Practice, good.seed);
        assert!(play(&mut p, &good.steps[..12]) > 0);
    }
}

#[test]
fn a_refused_action_is_shown_in_words_without_ids() {
    for lang in ["en", "uk"] {
        let mut h = harness(Trainer::new(Bank::embedded(), lang, None));
        open_case(&mut h, TrainingMode::Practice, Some(2));
        let refused = h.state_mut().act(Action::decide("exit-planned"));
        assert!(!refused);
        h.run();
        let text = h
            .state()
            .work
            .as_ref()
            .and_then(|w| w.ui.refusal.clone())
            .expect("a refusal");
        assert!(shows(&h, &format!("⚠ {text}")), "{lang}: {:?}", texts(&h));
        assert!(!text.contains("exit-planned"), "{text}");
        assert_no_ids(&h);
        // A plan item refused at intake, too.
        assert!(!h.state_mut().act(Action::Plan {
            need: "idp-status".into(),
            goal: "certificates-and-allowance".into(),
            service: "cnap".into(),
            deadline_week: 4,
        }));
        h.run();
        let text = h.state().work.as_ref().and_then(|w| w.ui.refusal.clone());
        let text = text.expect("a refusal");
        assert!(shows(&h, &format!("⚠ {text}")));
        for id in ["idp-status", "certificates-and-allowance", "cnap"] {
            assert!(!text.contains(id), "{lang}: {text}");
        }
        assert_no_ids(&h);
    }
}

#[test]
fn a_stage_with_nothing_open_says_so() {
    // The worked example with its chosen return to assessment moved out of the service
    // plan: there, with nothing planned yet, no decision is open.
    let dir = tempfile::tempdir().expect("temp dir");
    let mini = root().join("tests/fixtures/mini");
    let scenario = std::fs::read_to_string(mini.join("scenario.ron"))
        .expect("mini scenario")
        .replace(
            "(id: \"back-to-assessment\", stage: ServicePlan, also_at: [Monitoring, PlanRevision],",
            "(id: \"back-to-assessment\", stage: Exit,",
        );
    std::fs::write(dir.path().join("scenario.ron"), scenario).expect("write");
    std::fs::copy(mini.join("rubric.ron"), dir.path().join("rubric.ron")).expect("copy");
    let bank = Bank::from_dir(dir.path()).expect("mini bank");
    for lang in ["en", "uk"] {
        let l = localizer(lang);
        let mut t = Trainer::new(bank.clone(), lang, None);
        t.open_briefing("mini-pension");
        t.next_seed = Some(1);
        t.start();
        let mut h = harness(t);
        for id in ["consent", "interview", "to-plan"] {
            let label = decision_label(h.state(), id);
            click(&mut h, &label);
        }
        // At the service plan with nothing planned, no decision is open yet.
        assert!(h.state().open_decisions().is_empty());
        assert!(shows(&h, &l.t("trainer-open-none")), "{:?}", texts(&h));
        assert!(shows(&h, &l.t("trainer-open-none-plan")));
        // Planning through the editor opens the next decision.
        plan_through_editor(&mut h, "pension", "restore", "pension-fund", 5);
        assert!(!shows(&h, &l.t("trainer-open-none")));
        let label = decision_label(h.state(), "plan-agreed");
        click(&mut h, &label);
        assert_eq!(
            h.state().work.as_ref().map(|w| w.session.state().stage),
            Some(casework::scenario::Stage::Implementation)
        );
    }
}
