//! The trainer in a real window: a scripted run of a whole case in Ukrainian, and one in
//! English in self-test mode, each ending on its results and review, with a screenshot of
//! every screen that must show something (not a blank or black window).
//!
//! Runs only with CASEWORK_WINDOW_TESTS=1 and an X server on DISPLAY (CI starts Xvfb).

mod trainer_run;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use trainer_run::*;

/// The screens every scripted run photographs, in the order it passes them.
const SCREENS: [&str; 8] = [
    "library",
    "briefing",
    "workspace-step-3",
    "workspace-step-12",
    "workspace-end",
    "ecomap",
    "results",
    "review",
];

/// Screenshots are of the whole X screen: two windows at once would spoil each other's.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

/// How much a screenshot varies: the standard deviation of its grey levels (0–255) and
/// its number of distinct colours.
#[derive(Debug, Clone, Copy)]
struct Variation {
    deviation: f64,
    colours: usize,
}

/// A screen with text, panels and bars: a blank, black or one-colour window has a deviation
/// near 0 and a handful of colours; the trainer's screens show tens and thousands.
const MIN_DEVIATION: f64 = 10.0;
const MIN_COLOURS: usize = 200;

fn variation(path: &Path) -> Variation {
    let file = std::fs::File::open(path).expect("screenshot file");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("image size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    let pixels = &buf[..info.buffer_size()];
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{}: not a colour image", path.display());
    let mut colours = std::collections::HashSet::new();
    let (mut sum, mut sum_sq, mut n) = (0f64, 0f64, 0f64);
    for px in pixels.chunks_exact(channels) {
        colours.insert([px[0], px[1], px[2]]);
        let grey = 0.299 * f64::from(px[0]) + 0.587 * f64::from(px[1]) + 0.114 * f64::from(px[2]);
        sum += grey;
        sum_sq += grey * grey;
        n += 1.0;
    }
    let mean = sum / n;
    Variation {
        deviation: (sum_sq / n - mean * mean).max(0.0).sqrt(),
        colours: colours.len(),
    }
}

/// Plays a case's good path in the window and checks what it printed and showed.
fn play_in_window(case: &str, lang: &str, self_test: bool) {
    let _one = ONE_WINDOW.lock().unwrap_or_else(|e| e.into_inner());
    let (file, actions) = choices(case, "good");
    let data = tempfile::tempdir().expect("data folder");
    let shots = tempfile::tempdir().expect("screenshots folder");
    let shots_dir = shots.path().to_string_lossy().into_owned();
    let mut extra = vec!["--lang", lang, "--screenshots", &shots_dir];
    if self_test {
        extra.push("--self-test");
    }
    let (code, out, err) = Running::spawn(trainer(case, &file, data.path(), &extra)).finish();
    let printed = out.join("\n");
    assert_eq!(
        code,
        Some(0),
        "{case}: the trainer failed\n--- stdout\n{}\n--- stderr\n{}",
        tail(&printed),
        tail(&err)
    );
    let confirmed: Vec<usize> = out.iter().filter_map(|l| confirmed_step(l)).collect();
    assert_eq!(
        confirmed,
        (1..=actions.len()).collect::<Vec<_>>(),
        "{case}: one confirmed line per step of the choices file\n{printed}"
    );
    assert!(out.iter().any(|l| l == "review shown"), "{case}: {printed}");

    let taken: Vec<PathBuf> = out
        .iter()
        .filter_map(|l| l.strip_prefix("screenshot "))
        .map(PathBuf::from)
        .collect();
    for screen in SCREENS {
        let suffix = format!("-{screen}.png");
        assert!(
            taken.iter().any(|p| p.to_string_lossy().ends_with(&suffix)),
            "{case}: no screenshot of the {screen} screen\n{printed}"
        );
    }
    for path in &taken {
        assert!(path.is_file(), "{case}: {} is missing", path.display());
        let v = variation(path);
        assert!(
            v.deviation > MIN_DEVIATION && v.colours > MIN_COLOURS,
            "{case}: {} looks blank: {v:?}",
            path.display()
        );
        eprintln!("{case} ({lang}): {} {v:?}", path.display());
    }
    keep_for_people(case, lang, &taken);
}

/// Copies a run's screenshots to `target/screenshots/CASE-LANG/` for people to look at.
fn keep_for_people(case: &str, lang: &str, taken: &[PathBuf]) {
    let Some(target) = Path::new(env!("CARGO_TARGET_TMPDIR")).parent() else {
        return;
    };
    let dir = target.join("screenshots").join(format!("{case}-{lang}"));
    let _ = std::fs::remove_dir_all(&dir);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for path in taken {
        if let Some(name) = path.file_name() {
            let _ = std::fs::copy(path, dir.join(name));
        }
    }
    eprintln!("screenshots kept in {}", dir.display());
}

#[test]
fn a_whole_case_plays_in_the_window_in_ukrainian() {
    if !window_tests_on("a_whole_case_plays_in_the_window_in_ukrainian") {
        return;
    }
    play_in_window("idp-family-dnipro", "uk", false);
}

#[test]
fn a_self_test_plays_in_the_window_in_english() {
    if !window_tests_on("a_self_test_plays_in_the_window_in_english") {
        return;
    }
    play_in_window("older-person-alone", "en", true);
}

#[test]
fn a_blank_screen_does_not_pass_for_a_screenshot() {
    // The check itself must be able to fail: a one-colour image is refused.
    let dir = tempfile::tempdir().expect("temp folder");
    let path = dir.path().join("blank.png");
    let file = std::fs::File::create(&path).expect("file");
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), 64, 32);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("header");
    writer
        .write_image_data(&[0xF4; 64 * 32 * 3])
        .expect("pixels");
    writer.finish().expect("finish");
    let v = variation(&path);
    assert!(
        v.deviation <= MIN_DEVIATION && v.colours <= MIN_COLOURS,
        "{v:?}"
    );
}
