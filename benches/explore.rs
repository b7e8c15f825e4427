//! `casework explore` over bank cases with their rubrics, at the default seeds and budget.

use std::hint::black_box;

use casework::bank::Bank;
use casework::engine::Case;
use casework::explore::{Options, explore};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let bank = Bank::embedded();
    let mut g = c.benchmark_group("explore");
    g.sample_size(10);
    for id in [
        "idp-family-dnipro",
        "older-person-alone",
        "addiction-recovery",
    ] {
        let s = bank.scenario(id).expect("bank case");
        let rubrics: Vec<_> = bank.rubrics_of(id).iter().map(|r| r.doc.clone()).collect();
        let case = Case::new(s.doc.clone(), s.hash.clone());
        g.bench_function(id, |b| {
            b.iter(|| explore(black_box(&case), &rubrics, &Options::default()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
