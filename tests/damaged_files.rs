//! Damaged copies of the bank's own files: `casework check` never panics on them, exits 0
//! or 1, points every diagnostic at a place inside the file, and finds at least one error
//! in every file damaged in meaning (a reference swapped, a referenced decision deleted, a
//! number out of range, a duplicate, an empty id, what a case needs removed).
//!
//! Most of the damage gets past the parser, so the analysis itself is exercised, not only
//! the syntax checks. Each case's damaged files are checked by one `casework check` run
//! (files in their own folders, with the case's other files beside them, as a rubric needs
//! its scenario); a run that fails is repeated file by file to name the culprit.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use casework::bank::Bank;
use casework::source::{self, Document};
use common::*;
use rand::{Rng, SeedableRng};

/// One damaged file: what was done to which file of the bank, and its bytes.
struct Damaged {
    label: String,
    /// The bank file it replaces (`scenario.ron`, `exam.ron` …).
    name: String,
    bytes: Vec<u8>,
    /// Damaged in meaning: `check` must find an error.
    semantic: bool,
}

/// The first quoted id after `marker` (`Taken("` → the decision id).
fn quoted_after<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let start = text.find(marker)? + marker.len();
    let end = text[start..].find('"')?;
    Some(&text[start..start + end])
}

/// The ids of one kind of item the file declares: `facts`, `decisions`, `needs` of a
/// scenario, `criteria` of a rubric (read from the parsed file, as goals and rules nest
/// ids of their own inside needs and criteria).
fn ids_in(text: &str, section: &str) -> Vec<String> {
    match source::parse_document("bank file", text.as_bytes()) {
        Ok(Document::Scenario(s)) => match section {
            "facts" => s.facts.iter().map(|x| x.id.clone()).collect(),
            "decisions" => s.decisions.iter().map(|x| x.id.clone()).collect(),
            "needs" => s.needs.iter().map(|x| x.id.clone()).collect(),
            _ => Vec::new(),
        },
        Ok(Document::Rubric(r)) if section == "criteria" => {
            r.criteria.iter().map(|x| x.id.clone()).collect()
        }
        _ => Vec::new(),
    }
}

/// Replaces the declaration of `id` in `section` by `with` (`(id: "x"` → `(id: "y"`).
fn redeclare(text: &str, section: &str, id: &str, with: &str) -> Option<String> {
    let start = text.find(&format!("\n    {section}: ["))?;
    let decl = format!("id: \"{id}\"");
    let at = start + text[start..].find(&decl)?;
    Some(format!(
        "{}id: \"{with}\"{}",
        &text[..at],
        &text[at + decl.len()..]
    ))
}

/// Replaces the first number after `field: ` by `value`.
fn set_number(text: &str, field: &str, value: &str) -> Option<String> {
    let marker = format!("{field}: ");
    let start = text.find(&marker)? + marker.len();
    let digits = text[start..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .filter(|&n| n > 0)?;
    Some(format!(
        "{}{value}{}",
        &text[..start],
        &text[start + digits..]
    ))
}

type Edit = fn(&str) -> Option<String>;

/// Damage in meaning to a scenario; each leaves valid RON of the right shape.
const SCENARIO_EDITS: &[(&str, Edit)] = &[
    ("a decision condition names a fact", |t| {
        let d = quoted_after(t, "Taken(\"")?;
        let f = ids_in(t, "facts").into_iter().next()?;
        Some(t.replacen(&format!("Taken(\"{d}\")"), &format!("Taken(\"{f}\")"), 1))
    }),
    ("a decision others need is deleted", |t| {
        let d = quoted_after(t, "Taken(\"")?;
        redeclare(t, "decisions", d, &format!("{d}-deleted"))
    }),
    ("a fact others reveal is deleted", |t| {
        let f = quoted_after(t, "reveals: [\"")?;
        redeclare(t, "facts", f, &format!("{f}-deleted"))
    }),
    ("weeks 0", |t| set_number(t, "weeks", "0")),
    ("weeks far past the limit", |t| {
        set_number(t, "weeks", "100000")
    }),
    ("a variable starts above its maximum", |t| {
        set_number(t, "initial", "1000")
    }),
    ("a variable's minimum above its maximum", |t| {
        set_number(t, "min", "1000")
    }),
    ("a chance above 100%", |t| set_number(t, "percent", "250")),
    ("a duplicate fact", |t| {
        let ids = ids_in(t, "facts");
        redeclare(t, "facts", ids.get(1)?, ids.first()?)
    }),
    ("a duplicate decision", |t| {
        let ids = ids_in(t, "decisions");
        redeclare(t, "decisions", ids.get(1)?, ids.first()?)
    }),
    ("a duplicate need", |t| {
        let ids = ids_in(t, "needs");
        redeclare(t, "needs", ids.get(1)?, ids.first()?)
    }),
    ("an empty scenario id", |t| {
        let id = quoted_after(t, "id: \"")?;
        Some(t.replacen(&format!("id: \"{id}\""), "id: \"\"", 1))
    }),
    ("an empty decision id", |t| {
        let ids = ids_in(t, "decisions");
        redeclare(t, "decisions", ids.first()?, "")
    }),
    ("no languages", |t| {
        let start = t.find("languages: [")? + "languages: [".len();
        let end = start + t[start..].find(']')?;
        Some(format!("{}{}", &t[..start], &t[end..]))
    }),
    ("nothing closes the case", |t| {
        t.contains("closes: true")
            .then(|| t.replace("closes: true", "closes: false"))
    }),
    ("no implementation step says its mode", |t| {
        let out = ["Independent", "Accompanied", "Referral"]
            .iter()
            .fold(t.to_string(), |s, m| {
                s.replace(&format!("mode: {m},"), "")
                    .replace(&format!("mode: Some({m}),"), "")
            });
        (out != t).then_some(out)
    }),
    ("a service meets an unknown need", |t| {
        t.contains("meets: [\"")
            .then(|| t.replacen("meets: [\"", "meets: [\"no-such-need\", \"", 1))
    }),
    ("a need's evidence is an unknown fact", |t| {
        t.contains("evidence: [\"")
            .then(|| t.replacen("evidence: [\"", "evidence: [\"no-such-fact\", \"", 1))
    }),
    ("an effect on an unknown variable", |t| {
        t.contains("Add(\"")
            .then(|| t.replacen("Add(\"", "Add(\"no-such-variable-", 1))
    }),
    ("an event returns to a stage it names wrongly", |t| {
        let e = quoted_after(t, "Happened(\"")?;
        Some(t.replacen(
            &format!("Happened(\"{e}\")"),
            &format!("Happened(\"{e}-typo\")"),
            1,
        ))
    }),
];

/// Damage in meaning to a rubric.
const RUBRIC_EDITS: &[(&str, Edit)] = &[
    ("the rubric's scenario is unknown", |t| {
        let s = quoted_after(t, "scenario: \"")?;
        Some(t.replacen(
            &format!("scenario: \"{s}\""),
            "scenario: \"no-such-case\"",
            1,
        ))
    }),
    ("a rule names an unknown decision", |t| {
        let d = quoted_after(t, "Taken([\"")?;
        Some(t.replacen(&format!("Taken([\"{d}\""), "Taken([\"no-such-decision\"", 1))
    }),
    ("a rule names a fact as a decision", |t| {
        let d = quoted_after(t, "Decision(\"")?;
        Some(t.replacen(
            &format!("Decision(\"{d}\")"),
            "Decision(\"no-such-step\")",
            1,
        ))
    }),
    ("a pass mark above 100", |t| {
        set_number(t, "pass_mark", "250")
    }),
    ("a criterion of weight 0", |t| set_number(t, "weight", "0")),
    ("a response window of 0", |t| set_number(t, "within", "0")),
    ("a duplicate criterion", |t| {
        let ids = ids_in(t, "criteria");
        redeclare(t, "criteria", ids.get(1)?, ids.first()?)
    }),
    ("an empty rubric id", |t| {
        let id = quoted_after(t, "id: \"")?;
        Some(t.replacen(&format!("id: \"{id}\""), "id: \"\"", 1))
    }),
    ("a threshold no value reaches", |t| {
        let at = t.find("FinalAtLeast(\"")?;
        let comma = at + t[at..].find(',')?;
        let close = comma + t[comma..].find(')')?;
        Some(format!("{}, 100000{}", &t[..comma], &t[close..]))
    }),
];

/// Byte damage: a byte changed, deleted or inserted, the file cut short, two lines swapped,
/// a line doubled, line ends changed.
fn byte_damage(original: &[u8], rng: &mut rand_chacha::ChaCha8Rng) -> (String, Vec<u8>) {
    let mut b = original.to_vec();
    let i = rng.random_range(0..b.len());
    let kind = rng.random_range(0..8);
    let label = match kind {
        0 => {
            b[i] = rng.random();
            "a byte changed"
        }
        1 => {
            b.remove(i);
            "a byte deleted"
        }
        2 => {
            b.truncate(i);
            "cut short"
        }
        3 => {
            b.insert(i, 0xff);
            "an invalid UTF-8 byte"
        }
        4 => {
            b.insert(i, 0);
            "a NUL byte"
        }
        5 | 6 => {
            let text = String::from_utf8_lossy(&b).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let (x, y) = (i % lines.len(), (i / 7) % lines.len());
            let label = if kind == 5 {
                lines.swap(x, y);
                "two lines swapped"
            } else {
                let line = lines[x];
                lines.insert(y, line);
                "a line doubled"
            };
            b = lines.join("\n").into_bytes();
            label
        }
        _ => {
            b = String::from_utf8_lossy(&b)
                .replace('\n', "\r\n")
                .into_bytes();
            "CRLF line ends"
        }
    };
    (format!("{label} at byte {i}"), b)
}

/// Every damaged file of one case of the bank.
fn damage_case(
    files: &BTreeMap<String, String>,
    rng: &mut rand_chacha::ChaCha8Rng,
) -> Vec<Damaged> {
    let mut out = Vec::new();
    for (name, text) in files {
        let edits = if text.contains("Scenario(") && name == "scenario.ron" {
            SCENARIO_EDITS
        } else {
            RUBRIC_EDITS
        };
        for (label, edit) in edits {
            if let Some(damaged) = edit(text).filter(|d| d != text) {
                out.push(Damaged {
                    label: (*label).to_string(),
                    name: name.clone(),
                    bytes: damaged.into_bytes(),
                    semantic: true,
                });
            }
        }
        for _ in 0..BYTE_DAMAGE_PER_FILE {
            let (label, bytes) = byte_damage(text.as_bytes(), rng);
            out.push(Damaged {
                label,
                name: name.clone(),
                bytes,
                semantic: false,
            });
        }
    }
    out
}

const BYTE_DAMAGE_PER_FILE: usize = 6;

/// Whether a diagnostic's line and column lie inside the file: the line exists (the empty
/// line after a final newline counts, for an unexpected end of file) and the column is at
/// most one past the line's last character.
fn inside(text: &str, line: usize, column: usize) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    line >= 1
        && column >= 1
        && lines
            .get(line - 1)
            .is_some_and(|l| column <= l.chars().count() + 1)
}

/// Runs `casework check --format json` on the files; the exit code and the diagnostics.
/// Each file is checked with its case's files beside it; `--bank` names the small worked
/// example (an empty folder is refused as a bank) so that `check` does not read the whole
/// bank again for every file.
fn check_json(files: &[PathBuf], dir: &Path) -> (i32, serde_json::Value, String) {
    let small = fixture_dir();
    let mut args = vec![
        "check",
        "--format",
        "json",
        "--bank",
        small.to_str().expect("UTF-8 path"),
    ];
    args.extend(files.iter().map(|p| p.to_str().expect("UTF-8 path")));
    let (code, out, err) = run(&args, dir);
    let json = serde_json::from_str(&out).unwrap_or(serde_json::Value::Null);
    (code, json, err)
}

/// What is wrong with the check of one damaged file, if anything.
fn judge(d: &Damaged, path: &Path, diags: &[&serde_json::Value]) -> Vec<String> {
    let text = String::from_utf8_lossy(&d.bytes);
    let mut wrong = Vec::new();
    for diag in diags {
        let (line, column) = (
            diag["line"].as_u64().unwrap_or(0) as usize,
            diag["column"].as_u64().unwrap_or(0) as usize,
        );
        if !inside(&text, line, column) {
            wrong.push(format!(
                "{} ({}): {line}:{column} is outside the file: {}",
                d.name, d.label, diag["message"]
            ));
        }
    }
    let errors = diags.iter().filter(|x| x["severity"] == "error").count();
    if d.semantic && errors == 0 {
        wrong.push(format!(
            "{} ({}): no error found ({})",
            d.name,
            d.label,
            path.display()
        ));
    }
    wrong
}

#[test]
fn damaged_bank_files_are_reported_inside_the_file_and_never_crash_check() {
    let bank_dir = root().join("scenarios");
    let bank = Bank::embedded();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let (mut total, mut parsed, mut semantic, mut semantic_parsed) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in &bank.scenarios {
        let folder = bank_dir.join(&case.doc.id);
        let files: BTreeMap<String, String> = fs::read_dir(&folder)
            .expect("case folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .map(|n| {
                let text = fs::read_to_string(folder.join(&n)).expect("bank file");
                (n, text)
            })
            .collect();
        let damaged = damage_case(&files, &mut rng);
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = Vec::new();
        for (i, d) in damaged.iter().enumerate() {
            let sub = dir.path().join(format!("v{i}"));
            fs::create_dir(&sub).expect("variant folder");
            for (name, text) in &files {
                fs::write(sub.join(name), text).expect("write");
            }
            fs::write(sub.join(&d.name), &d.bytes).expect("write damaged");
            paths.push(sub.join(&d.name));
            let ok = source::parse_document(&d.name, &d.bytes).is_ok();
            total += 1;
            parsed += usize::from(ok);
            semantic += usize::from(d.semantic);
            semantic_parsed += usize::from(ok && d.semantic);
        }
        let (code, json, err) = check_json(&paths, dir.path());
        if !matches!(code, 0 | 1) || json.is_null() {
            // Name the file that breaks check.
            for (d, p) in damaged.iter().zip(&paths) {
                let (code, _, err) = check_json(std::slice::from_ref(p), dir.path());
                if !matches!(code, 0 | 1) {
                    failures.push(format!(
                        "{}/{} ({}): check exits {code}: {err}",
                        case.doc.id, d.name, d.label
                    ));
                }
            }
            failures.push(format!("{}: check exits {code}: {err}", case.doc.id));
            continue;
        }
        let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
        for (d, p) in damaged.iter().zip(&paths) {
            let shown = p.display().to_string();
            let mine: Vec<&serde_json::Value> = diags
                .iter()
                .filter(|x| x["path"] == shown.as_str())
                .collect();
            failures.extend(
                judge(d, p, &mine)
                    .into_iter()
                    .map(|f| format!("{}/{f}", case.doc.id)),
            );
        }
        let unowned: Vec<_> = diags
            .iter()
            .filter(|x| {
                !paths
                    .iter()
                    .any(|p| x["path"] == p.display().to_string().as_str())
            })
            .collect();
        assert!(
            unowned.is_empty(),
            "diagnostics for no damaged file: {unowned:?}"
        );
    }
    eprintln!(
        "{total} damaged files, {parsed} past the parser; {semantic} damaged in meaning, \
         {semantic_parsed} of them past the parser"
    );
    assert!(
        parsed * 2 > total,
        "most damage must get past the parser: {parsed} of {total}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One file checked alone exits 1 exactly when it has an error, 0 when it has none.
#[test]
fn the_exit_code_says_whether_a_damaged_file_has_errors() {
    let folder = root().join("scenarios/idp-family-dnipro");
    let text = fs::read_to_string(folder.join("scenario.ron")).expect("bank file");
    let dir = tempfile::tempdir().expect("temp dir");
    fs::copy(
        folder.join("formative.ron"),
        dir.path().join("formative.ron"),
    )
    .expect("copy");
    let path = dir.path().join("scenario.ron");
    for (label, edit) in SCENARIO_EDITS.iter().take(6) {
        let damaged = edit(&text).unwrap_or_else(|| panic!("`{label}` applies"));
        fs::write(&path, &damaged).expect("write");
        let (code, json, err) = check_json(std::slice::from_ref(&path), dir.path());
        let errors = json["errors"].as_u64().unwrap_or(0);
        assert!(errors > 0, "{label}: {json} {err}");
        assert_eq!(code, 1, "{label}: {err}");
    }
    fs::write(&path, &text).expect("write");
    let (code, json, err) = check_json(std::slice::from_ref(&path), dir.path());
    assert_eq!((code, json["errors"].as_u64()), (0, Some(0)), "{err}");
}
