//! The worst case for placing `check`'s diagnostics, shared by `tests/check_robust.rs` and
//! `benches/check.rs`: a scenario on a single line, whose hundreds of decisions share one
//! id (written with an escape), name ids that do not exist and can never be taken.

/// The worked example `fixture` (a scenario's text) on one line, padded with 980 such
/// decisions to about `bytes` bytes.
pub fn repeated_ids(fixture: &str, bytes: usize) -> String {
    let base: String = fixture
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
