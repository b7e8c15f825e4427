//! User-interface texts in Ukrainian and English, from the Fluent files in `locales/`,
//! embedded in the binary.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The Fluent files of one language, in `locales/LANG/`, one file per part of the program.
macro_rules! locale_files {
    ($lang:literal) => {
        &[
            include_str!(concat!("../locales/", $lang, "/casework.ftl")),
            include_str!(concat!("../locales/", $lang, "/engine.ftl")),
            include_str!(concat!("../locales/", $lang, "/score.ftl")),
            include_str!(concat!("../locales/", $lang, "/network.ftl")),
            include_str!(concat!("../locales/", $lang, "/trainer.ftl")),
        ]
    };
}

/// The languages the interface is written in, with their Fluent sources.
pub const LOCALES: [(&str, &[&str]); 2] =
    [("en", locale_files!("en")), ("uk", locale_files!("uk"))];

/// Formats interface messages in one language.
pub struct Localizer {
    lang: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish()
    }
}

/// Picks the interface language for a requested one (`uk`, `uk-UA`, `uk_UA.UTF-8`, `en-GB` …),
/// falling back to English.
pub fn negotiate(requested: &str) -> &'static str {
    let primary = requested
        .split(['-', '_', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    LOCALES
        .iter()
        .map(|(l, _)| *l)
        .find(|l| *l == primary)
        .unwrap_or("en")
}

/// The language asked for by the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`), if any.
pub fn from_env() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty() && v != "C" && v != "POSIX")
}

/// The shared localizer of a language, built once.
pub fn localizer(requested: &str) -> &'static Localizer {
    use std::sync::OnceLock;
    static CACHE: [OnceLock<Localizer>; LOCALES.len()] = [const { OnceLock::new() }; LOCALES.len()];
    let lang = negotiate(requested);
    let i = LOCALES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
    CACHE[i].get_or_init(|| Localizer::new(lang))
}

impl Localizer {
    pub fn new(requested: &str) -> Localizer {
        let lang = negotiate(requested);
        let sources = LOCALES
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, s)| *s)
            .unwrap_or(LOCALES[0].1);
        let langid: LanguageIdentifier = lang.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Arguments are shown in egui and compared in tests: no invisible isolation marks.
        bundle.set_use_isolating(false);
        // The embedded files are checked by the locale tests; a broken one still yields
        // the messages that parsed.
        for source in sources {
            let resource = match FluentResource::try_new(source.to_string()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            let _ = bundle.add_resource(resource);
        }
        Localizer {
            lang: lang.to_string(),
            bundle,
        }
    }

    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// The message `id` with arguments; the id itself if the message is missing.
    pub fn tr(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned()
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.tr(id, &[])
    }
}

/// The language a session is played in: the one asked for if the case has it, else the
/// case's first language. The CLI and the trainer both start sessions with it.
pub fn session_language(scenario: &crate::scenario::Scenario, requested: &str) -> String {
    let wanted = negotiate(requested);
    scenario
        .languages
        .iter()
        .find(|l| l.as_str() == wanted)
        .or_else(|| scenario.languages.first())
        .cloned()
        .unwrap_or_else(|| "en".into())
}

/// Shorthand for a string argument.
pub fn s(v: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(v.into())
}

/// Shorthand for a number argument.
pub fn n(v: impl Into<f64>) -> FluentValue<'static> {
    FluentValue::from(v.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_from_locale_strings() {
        assert_eq!(negotiate("uk_UA.UTF-8"), "uk");
        assert_eq!(negotiate("uk"), "uk");
        assert_eq!(negotiate("en-GB"), "en");
        assert_eq!(negotiate("de"), "en");
        assert_eq!(negotiate(""), "en");
    }

    #[test]
    fn ukrainian_plurals_follow_ukrainian_rules() {
        let uk = Localizer::new("uk");
        assert_eq!(
            uk.tr("list-count", &[("count", n(3))]),
            "У банку 3 випадки."
        );
        assert_eq!(
            uk.tr("list-count", &[("count", n(12))]),
            "У банку 12 випадків."
        );
        let en = Localizer::new("en");
        assert_eq!(
            en.tr("list-count", &[("count", n(1))]),
            "One scenario in the bank."
        );
    }
}
