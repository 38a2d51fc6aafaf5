//! The three catalogues, parsed once and kept for the life of the process.

use super::{Arg, Lang, Message, MsgId};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;

/// The catalogue files, embedded in the binary.
pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fr, include_str!("../../assets/i18n/fr.ftl")),
    (Lang::Ar, include_str!("../../assets/i18n/ar.ftl")),
    (Lang::En, include_str!("../../assets/i18n/en.ftl")),
];

/// One language's messages.
pub struct Catalog {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    /// Every message formatted once without placeables: the screen draws these every frame.
    plain: Vec<String>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("lang", &self.lang).finish()
    }
}

/// The catalogue of `lang` (parsed on first use).
pub fn catalog(lang: Lang) -> &'static Catalog {
    static CATALOGS: OnceLock<[Catalog; 3]> = OnceLock::new();
    let all = CATALOGS.get_or_init(|| SOURCES.map(|(lang, src)| Catalog::parse(lang, src)));
    match lang {
        Lang::Fr => &all[0],
        Lang::Ar => &all[1],
        Lang::En => &all[2],
    }
}

impl Catalog {
    /// Parses one catalogue. A syntax error keeps the entries that parsed (the catalogue test
    /// fails on any error, so a shipped binary has none).
    fn parse(lang: Lang, source: &str) -> Catalog {
        let resource = match FluentResource::try_new(source.to_string()) {
            Ok(r) => r,
            Err((r, _errors)) => r,
        };
        let langid = lang
            .code()
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // Direction is the text layer's job: no FSI/PDI marks around placeables.
        bundle.set_use_isolating(false);
        // `PLURAL($n)`: the language's CLDR category of a count (see `plural_category`), in
        // every catalogue: a selector written with it works whatever the language.
        let _ = bundle.add_function("PLURAL", move |positional, _named| match positional {
            [FluentValue::Number(n)] => FluentValue::from(plural_category(lang, n.value as i64)),
            _ => FluentValue::Error,
        });
        // Duplicate ids keep the first; the catalogue test reports them.
        let _ = bundle.add_resource(resource);
        let mut cat = Catalog {
            lang,
            bundle,
            plain: Vec::new(),
        };
        cat.plain = MsgId::ALL
            .iter()
            .map(|&id| cat.format(&Message::new(id)))
            .collect();
        cat
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Whether the catalogue has this message (the catalogue test checks every id).
    pub fn has(&self, id: MsgId) -> bool {
        self.bundle.has_message(id.id())
    }

    /// A message without placeables, as drawn every frame.
    pub fn text(&self, id: MsgId) -> &str {
        self.plain
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or_else(|| id.id())
    }

    /// A message with its placeables filled in. A message missing from the catalogue shows
    /// its id (never a panic); the catalogue tests keep that from shipping.
    pub fn format(&self, m: &Message) -> String {
        self.format_checked(m).0
    }

    /// [`Catalog::format`] and the errors Fluent met on the way (an unknown function, a
    /// missing placeable), for the catalogue tests.
    pub(crate) fn format_checked(&self, m: &Message) -> (String, Vec<String>) {
        let Some(pattern) = self
            .bundle
            .get_message(m.id.id())
            .and_then(|msg| msg.value())
        else {
            return (m.id.id().to_string(), vec!["no such message".into()]);
        };
        let nested: Vec<String> = m
            .args
            .iter()
            .filter_map(|(_, v)| match v {
                Arg::Nested(inner) => Some(self.format(inner)),
                _ => None,
            })
            .collect();
        let args = (!m.args.is_empty()).then(|| {
            let mut a = FluentArgs::with_capacity(m.args.len());
            let mut nested = nested.iter();
            for (name, value) in &m.args {
                match value {
                    Arg::Num(n) => a.set(*name, FluentValue::from(*n)),
                    // Placeables may carry server text: never a control or escape on screen.
                    Arg::Text(s) => a.set(*name, FluentValue::from(crate::text::sanitize_line(s))),
                    Arg::Msg(id) => a.set(*name, FluentValue::from(self.text(*id))),
                    Arg::Nested(_) => a.set(
                        *name,
                        FluentValue::from(nested.next().map(String::as_str).unwrap_or("")),
                    ),
                }
            }
            a
        });
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, args.as_ref(), &mut errors)
            .into_owned();
        (text, errors.iter().map(|e| format!("{e:?}")).collect())
    }
}

/// The CLDR cardinal category of a count in `lang` (`one`, `other`…): French puts 0 and 1 in
/// `one`, English 1 only, Arabic has six categories ([`arabic_plural`]). Every catalogue's
/// `PLURAL($n)` selector is backed by this one rule.
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    if lang == Lang::Ar {
        return arabic_plural(n);
    }
    let rules = lang
        .code()
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
    let category = rules.and_then(|r| r.select(n.unsigned_abs()).ok());
    match category {
        Some(PluralCategory::ZERO) => "zero",
        Some(PluralCategory::ONE) => "one",
        Some(PluralCategory::TWO) => "two",
        Some(PluralCategory::FEW) => "few",
        Some(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// The CLDR cardinal category of a whole number in Arabic (zero, one, two, few, many, other).
/// intl_pluralrules 7.0.2 tests the integer where CLDR says `n % 100`, so it files 103 under
/// "other" instead of "few" and 111 under "other" instead of "many"; `ar.ftl` selects its
/// plurals with `PLURAL($n)`, backed by this.
pub fn arabic_plural(n: i64) -> &'static str {
    let n = n.unsigned_abs();
    let m = n % 100;
    match n {
        0 => "zero",
        1 => "one",
        2 => "two",
        _ if (3..=10).contains(&m) => "few",
        _ if (11..=99).contains(&m) => "many",
        _ => "other",
    }
}
