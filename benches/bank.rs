//! Speed of the core: validating a large bank against a bare RON parse of the same files,
//! and replaying and scoring many session logs. Figures go to docs/performance.md.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

use casework::bank::{Bank, RawFile};
use casework::check;
use casework::engine::{Action, Case, Session, SessionLog};
use casework::rubric::Rubric;
use casework::scenario::Scenario;
use casework::score;
use casework::source;
use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Every scenario and rubric text available: the bank and the test fixture.
fn sources() -> Vec<(String, Vec<String>)> {
    let mut bank = Bank::embedded();
    let fixture =
        Bank::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")).unwrap();
    bank.scenarios.extend(fixture.scenarios);
    bank.rubrics.extend(fixture.rubrics);
    bank.scenarios
        .iter()
        .map(|s| {
            let rubrics = bank
                .rubrics_of(&s.doc.id)
                .iter()
                .map(|r| r.text.clone())
                .collect();
            (s.text.clone(), rubrics)
        })
        .collect()
}

/// A bank of `n` scenarios (with their rubrics), made by renaming copies of the real ones.
fn generated_bank(n: usize) -> Vec<RawFile> {
    let sources = sources();
    let mut files = Vec::new();
    for i in 0..n {
        let (scenario, rubrics) = &sources[i % sources.len()];
        let doc: Scenario = source::parse_ron("x", scenario).unwrap();
        let new_id = format!("{}-{i}", doc.id);
        let rename =
            |text: &str| text.replace(&format!("\"{}\"", doc.id), &format!("\"{new_id}\""));
        files.push(RawFile {
            shown: format!("{new_id}/scenario.ron"),
            rel: format!("{new_id}/scenario.ron"),
            bytes: Ok(rename(scenario).into_bytes()),
        });
        for (k, r) in rubrics.iter().enumerate() {
            let rubric: Rubric = source::parse_ron("x", r).unwrap();
            let text = rename(r).replace(
                &format!("\"{}\"", rubric.id),
                &format!("\"{}-{i}\"", rubric.id),
            );
            files.push(RawFile {
                shown: format!("{new_id}/rubric{k}.ron"),
                rel: format!("{new_id}/rubric{k}.ron"),
                bytes: Ok(text.into_bytes()),
            });
        }
    }
    files
}

fn clone_files(files: &[RawFile]) -> Vec<RawFile> {
    files
        .iter()
        .map(|f| RawFile {
            shown: f.shown.clone(),
            rel: f.rel.clone(),
            bytes: Ok(f.bytes.as_ref().unwrap().clone()),
        })
        .collect()
}

fn validate(c: &mut Criterion) {
    let files = generated_bank(1_000);
    let scenarios = files
        .iter()
        .filter(|f| f.rel.ends_with("scenario.ron"))
        .count();
    let bytes: usize = files.iter().map(|f| f.bytes.as_ref().unwrap().len()).sum();
    eprintln!(
        "generated bank: {scenarios} scenarios, {} files, {:.1} MiB",
        files.len(),
        bytes as f64 / 1048576.0
    );
    let bank = Bank::from_files(clone_files(&files));
    assert_eq!(
        check::errors(&check::check_bank(&bank)),
        0,
        "the generated bank is valid"
    );

    let mut group = c.benchmark_group("bank-1000");
    group.sample_size(10);
    group.bench_function("bare RON parse", |b| {
        b.iter(|| {
            for f in &files {
                let text = std::str::from_utf8(f.bytes.as_ref().unwrap()).unwrap();
                let doc = source::parse_document(&f.shown, text.as_bytes()).unwrap();
                black_box(doc);
            }
        })
    });
    group.bench_function("casework check", |b| {
        b.iter(|| {
            let bank = Bank::from_files(clone_files(&files));
            black_box(check::check_bank(&bank))
        })
    });
    group.finish();
}

/// Plays a random legal session: decisions and, at the plan stages, plan lines.
fn random_session(case: &Arc<Case>, seed: u64) -> SessionLog {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut s = Session::new(Arc::clone(case), seed, "uk");
    for _ in 0..80 {
        if s.ended() {
            break;
        }
        if s.plan_open() && rng.random_bool(0.3) {
            let sc = s.scenario();
            let needs: Vec<_> = sc.needs.iter().filter(|n| s.is_identified(&n.id)).collect();
            if !needs.is_empty() {
                let need = needs[rng.random_range(0..needs.len())];
                let goal = &need.goals[rng.random_range(0..need.goals.len())];
                let service = &sc.services[rng.random_range(0..sc.services.len())];
                let week = rng.random_range(s.state().week()..=sc.weeks.max(s.state().week()));
                let _ = s.apply(Action::Plan {
                    need: need.id.clone(),
                    goal: goal.id.clone(),
                    service: service.id.clone(),
                    deadline_week: week,
                });
                continue;
            }
        }
        let open: Vec<String> = s.open_decisions().iter().map(|d| d.id.clone()).collect();
        if open.is_empty() {
            break;
        }
        let pick = open[rng.random_range(0..open.len())].clone();
        s.apply(Action::decide(pick)).unwrap();
    }
    s.log().clone()
}

fn replay_and_score(c: &mut Criterion) {
    let bank = Bank::embedded();
    let fixture =
        Bank::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")).unwrap();
    let mut cases: Vec<(Arc<Case>, Rubric)> = Vec::new();
    for b in [&bank, &fixture] {
        for s in &b.scenarios {
            if let Some(r) = b.rubrics_of(&s.doc.id).first() {
                cases.push((Case::new(s.doc.clone(), s.hash.clone()), r.doc.clone()));
            }
        }
    }
    let logs: Vec<(usize, String)> = (0..10_000u64)
        .map(|i| {
            let k = i as usize % cases.len();
            (
                k,
                serde_json::to_string(&random_session(&cases[k].0, i)).unwrap(),
            )
        })
        .collect();
    let steps: usize = logs
        .iter()
        .map(|(_, l)| l.matches("\"record\":\"step\"").count())
        .sum();
    eprintln!(
        "generated {} logs over {} cases, {} steps in all",
        logs.len(),
        cases.len(),
        steps
    );

    let mut group = c.benchmark_group("logs-10000");
    group.sample_size(10);
    group.bench_function("replay and score", |b| {
        b.iter(|| {
            for (k, json) in &logs {
                let (case, rubric) = &cases[*k];
                let log: SessionLog = serde_json::from_str(json).unwrap();
                let session = Session::replay(Arc::clone(case), &log).unwrap();
                black_box(score::score(&session, rubric));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, validate, replay_and_score);
criterion_main!(benches);
