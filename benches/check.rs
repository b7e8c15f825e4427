//! Speed of `check` on large files: a ~1 MB one-line scenario whose hundreds of decisions
//! share one id and name ids that do not exist (the worst case for placing diagnostics),
//! and the largest valid scenario of the bank with its rubrics. Goal: a 1 MB file in under
//! a second. Figures go to docs/performance.md ("check on large files").

use std::hint::black_box;
use std::path::Path;

use casework::bank::Bank;
use casework::check;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../tests/support/repeated_ids.rs"]
mod support;

/// The worked example with 980 decisions that repeat one id, padded to about `bytes`.
fn repeated_ids(bytes: usize) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini/scenario.ron");
    support::repeated_ids(&std::fs::read_to_string(fixture).unwrap(), bytes)
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
