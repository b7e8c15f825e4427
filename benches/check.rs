//! Speed of `check` on large files: a ~1 MB one-line scenario whose hundreds of decisions
//! share one id and name ids that do not exist (the worst case for placing diagnostics),
//! and the largest valid scenario of the bank with its rubrics. Goal: a 1 MB file in under
//! a second. Figures go to docs/performance.md ("check on large files").

use std::hint::black_box;
use std::path::Path;

use casework::bank::Bank;
use casework::check;
use criterion::{Criterion, criterion_group, criterion_main};

/// The test fixture on one line, with `n` copies of a decision that repeats one id
/// (written with an escape), padded to about `bytes` bytes.
fn repeated_ids(bytes: usize) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/scenario.ron");
    let base: String = std::fs::read_to_string(fixture)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    let n = 980;
    let pad = (bytes.saturating_sub(base.len()) / n).saturating_sub(190);
    let one = format!(
        "(id: \"a\\u{{62}}\", stage: Monitoring, requires: [Taken(\"nope\"), Known(\"nada\")], label: {{\"uk\": \"Т\", \"en\": \"T{}\"}}, outcome: {{\"uk\": \"Т\", \"en\": \"T\"}}, reveals: [\"zzz\"], effects: [Add(\"nov\", 1)]), ",
        "x".repeat(pad)
    );
    let anchor = "(id: \"close\", stage: Exit";
    base.replacen(anchor, &format!("{}{anchor}", one.repeat(n)), 1)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("repeated.ron"), repeated_ids(1 << 20)).unwrap();
    let bank = Bank::from_dir(dir.path()).unwrap();
    assert!(check::errors(&check::check_bank(&bank)) > 0);
    c.bench_function("check 1 MB of repeated ids", |b| {
        b.iter(|| check::check_bank(black_box(&bank)))
    });

    // The largest valid scenario of the bank, with its rubrics.
    let mut full = Bank::embedded();
    let largest = full
        .scenarios
        .iter()
        .max_by_key(|s| s.text.len())
        .map(|s| s.doc.id.clone())
        .unwrap();
    full.scenarios.retain(|s| s.doc.id == largest);
    full.rubrics.retain(|r| r.doc.scenario == largest);
    c.bench_function("check the largest scenario of the bank", |b| {
        b.iter(|| check::check_bank(black_box(&full)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
