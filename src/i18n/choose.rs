//! Which language is in force: `--lang`, then `FLEXY_LANG`, then the choice remembered at the
//! counter (the switch key), then `language` in `config.toml`, then the system locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`), then French.

use super::Lang;
use std::fmt;

/// Environment variable naming the language (`fr`, `ar`, `en`).
pub const ENV_LANG: &str = "FLEXY_LANG";

/// The locale variables, strongest first (POSIX order for messages).
const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// Where the language in force came from (`flexy-pos config` says it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LangSource {
    Flag,
    Env,
    /// The clerk's last choice with the switch key, kept in the store's settings.
    Remembered,
    ConfigFile,
    /// A locale variable, by name.
    Locale(&'static str),
    Default,
}

impl fmt::Display for LangSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LangSource::Flag => f.write_str("--lang"),
            LangSource::Env => f.write_str(ENV_LANG),
            LangSource::Remembered => f.write_str("the counter's last choice"),
            LangSource::ConfigFile => f.write_str("config.toml"),
            LangSource::Locale(var) => f.write_str(var),
            LangSource::Default => f.write_str("default"),
        }
    }
}

/// A language and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub lang: Lang,
    pub source: LangSource,
}

impl Resolved {
    /// The counter's remembered choice counts unless a flag or `FLEXY_LANG` said otherwise.
    pub fn with_remembered(self, remembered: Option<Lang>) -> Resolved {
        match (self.source, remembered) {
            (LangSource::Flag | LangSource::Env, _) | (_, None) => self,
            (_, Some(lang)) => Resolved {
                lang,
                source: LangSource::Remembered,
            },
        }
    }
}

/// The language from the flag, the environment, the config file or the locale, in that order.
pub fn resolve(
    flag: Option<Lang>,
    env_lang: Option<Lang>,
    file: Option<Lang>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Resolved {
    let pick = |lang, source| Resolved { lang, source };
    if let Some(l) = flag {
        return pick(l, LangSource::Flag);
    }
    if let Some(l) = env_lang {
        return pick(l, LangSource::Env);
    }
    if let Some(l) = file {
        return pick(l, LangSource::ConfigFile);
    }
    match lang_from_locale_env(env) {
        Some((l, var)) => pick(l, LangSource::Locale(var)),
        None => pick(Lang::Fr, LangSource::Default),
    }
}

/// The system locale's language, when it is one of the till's. The first locale variable that
/// is set decides (as POSIX has it); `C`, `POSIX` or another language leave French.
pub fn lang_from_locale_env(env: &dyn Fn(&str) -> Option<String>) -> Option<(Lang, &'static str)> {
    let (var, value) = LOCALE_VARS
        .iter()
        .find_map(|&var| env(var).filter(|v| !v.trim().is_empty()).map(|v| (var, v)))?;
    value.parse::<Lang>().ok().map(|l| (l, var))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(a, _)| *a == k)
                .map(|(_, b)| b.to_string())
        }
    }

    #[test]
    fn flag_beats_env_beats_file_beats_locale_beats_french() {
        let env = env_of(&[("LANG", "en_US.UTF-8")]);
        let r = resolve(Some(Lang::Ar), Some(Lang::En), Some(Lang::Fr), &env);
        assert_eq!((r.lang, r.source), (Lang::Ar, LangSource::Flag));
        let r = resolve(None, Some(Lang::En), Some(Lang::Ar), &env);
        assert_eq!((r.lang, r.source), (Lang::En, LangSource::Env));
        let r = resolve(None, None, Some(Lang::Ar), &env);
        assert_eq!((r.lang, r.source), (Lang::Ar, LangSource::ConfigFile));
        let r = resolve(None, None, None, &env);
        assert_eq!((r.lang, r.source), (Lang::En, LangSource::Locale("LANG")));
        let r = resolve(None, None, None, &env_of(&[]));
        assert_eq!((r.lang, r.source), (Lang::Fr, LangSource::Default));
    }

    #[test]
    fn the_first_locale_variable_set_decides() {
        let env = env_of(&[("LC_ALL", "ar_DZ.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(lang_from_locale_env(&env), Some((Lang::Ar, "LC_ALL")));
        let env = env_of(&[("LC_ALL", ""), ("LC_MESSAGES", "fr_DZ"), ("LANG", "en")]);
        assert_eq!(lang_from_locale_env(&env), Some((Lang::Fr, "LC_MESSAGES")));
        // C, POSIX or a language the till does not speak: French, the default.
        for v in ["C", "C.UTF-8", "POSIX", "de_DE.UTF-8"] {
            let pairs: &'static [(&str, &str)] = Box::leak(Box::new([("LANG", v)]));
            assert_eq!(lang_from_locale_env(&env_of(pairs)), None, "{v}");
            let r = resolve(None, None, None, &env_of(pairs));
            assert_eq!(r.lang, Lang::Fr);
        }
    }

    #[test]
    fn the_remembered_choice_yields_only_to_flag_and_env() {
        let env = env_of(&[]);
        let base = resolve(None, None, Some(Lang::En), &env);
        let r = base.with_remembered(Some(Lang::Ar));
        assert_eq!((r.lang, r.source), (Lang::Ar, LangSource::Remembered));
        assert_eq!(base.with_remembered(None), base);
        let flagged = resolve(Some(Lang::Fr), None, None, &env);
        assert_eq!(flagged.with_remembered(Some(Lang::Ar)).lang, Lang::Fr);
        let by_env = resolve(None, Some(Lang::En), None, &env);
        assert_eq!(by_env.with_remembered(Some(Lang::Ar)).lang, Lang::En);
    }

    #[test]
    fn codes_parse_in_any_case_and_bad_ones_say_what_to_use() {
        assert_eq!("AR".parse::<Lang>(), Ok(Lang::Ar));
        assert_eq!("fr-DZ".parse::<Lang>(), Ok(Lang::Fr));
        let e = "kabyle".parse::<Lang>().unwrap_err().to_string();
        assert!(e.contains("fr, ar or en"), "{e}");
    }
}
