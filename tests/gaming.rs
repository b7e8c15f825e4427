//! Scores that measure practice: no way of gaming a case of the bank passes any of its
//! rubrics — first option, take everything, longest label, longest label avoiding what
//! critical rules forbid, skip assessment, minimal effort — on any of four seeds.

use casework::bank::Bank;
use casework::engine::Case;
use casework::explore::{self, Strategy};
use casework::rubric::Rubric;

#[test]
fn no_gaming_strategy_passes_any_rubric_of_the_bank() {
    let bank = Bank::embedded();
    let mut failures = Vec::new();
    let mut runs = 0;
    for entry in &bank.scenarios {
        let case = Case::new(entry.doc.clone(), entry.hash.clone());
        let rubrics: Vec<Rubric> = bank
            .rubrics_of(&entry.doc.id)
            .into_iter()
            .map(|r| r.doc.clone())
            .collect();
        for s in explore::gaming(&case, &rubrics, 4, explore::DEFAULT_BUDGET) {
            runs += s.totals.len();
            if !s.passed_seeds.is_empty() {
                failures.push(format!(
                    "{}: `{}` passes `{}` on seeds {:?} (totals {:?}); its path on seed 0: {}",
                    entry.doc.id,
                    s.strategy.name(),
                    s.rubric,
                    s.passed_seeds,
                    s.totals,
                    s.path.steps()
                ));
            }
        }
    }
    // Every strategy, every rubric, four seeds.
    assert!(runs >= 12 * Strategy::ALL.len() * 4, "{runs} runs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
