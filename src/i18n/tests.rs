//! The catalogues kept honest: every id in every language, no id the code does not use, the
//! same placeables everywhere, each language's plurals, and the money words exact.

use super::catalog::SOURCES;
use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Message id → the placeables (`$name`) it uses, for one catalogue.
fn placeables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| {
        panic!("catalogue does not parse: {errors:?}");
    });
    let mut out = BTreeMap::new();
    for entry in res.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(m.attributes.is_empty(), "{}: no attributes", m.id.name);
                let dup = out.insert(m.id.name.to_string(), vars);
                assert!(dup.is_none(), "{} is defined twice", m.id.name);
            }
            ast::Entry::Junk { content } => panic!("unparsable entry: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

#[test]
fn every_message_of_the_code_is_in_every_catalogue_and_nothing_else() {
    let code: BTreeSet<String> = MsgId::ALL.iter().map(|m| m.id().to_string()).collect();
    assert_eq!(code.len(), MsgId::ALL.len(), "two variants share an id");
    for (lang, src) in SOURCES {
        let ids: BTreeSet<String> = placeables(src).into_keys().collect();
        let missing: Vec<_> = code.difference(&ids).collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        let unknown: Vec<_> = ids.difference(&code).collect();
        assert!(
            unknown.is_empty(),
            "{lang}.ftl has ids no MsgId names: {unknown:?}"
        );
        for &id in MsgId::ALL {
            assert!(catalog(lang).has(id), "{lang}: {}", id.id());
        }
    }
}

#[test]
fn placeables_are_the_same_in_every_language() {
    let en = placeables(SOURCES[2].1);
    for (lang, src) in SOURCES {
        for (id, vars) in placeables(src) {
            assert_eq!(
                Some(&vars),
                en.get(&id),
                "{lang}.ftl {id} uses {vars:?}, en.ftl {:?}",
                en.get(&id)
            );
        }
    }
}

/// Every file under `src/` except the list of ids itself.
fn code_files() -> Vec<(std::path::PathBuf, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut out = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n/ids.rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).expect("readable source");
                out.push((path, text));
            }
        }
    }
    out
}

#[test]
fn every_message_is_used_by_the_code() {
    let files = code_files();
    let unused: Vec<&str> = MsgId::ALL
        .iter()
        .filter(|id| {
            let needle = format!("MsgId::{}", id.name());
            !files.iter().any(|(_, text)| {
                text.match_indices(&needle).any(|(i, _)| {
                    // `MsgId::Age` must not count as a use of `MsgId::AgeDays`'s prefix.
                    !text[i + needle.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })
        })
        .map(|id| id.id())
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn arabic_counts_take_their_six_cldr_forms() {
    let n = |k: i64| {
        Message::new(MsgId::CountOrders)
            .num("n", k)
            .in_lang(Lang::Ar)
    };
    assert_eq!(n(1), "1 طلب");
    assert_eq!(n(2), "2 طلبان");
    assert_eq!(n(3), "3 طلبات");
    assert_eq!(n(10), "10 طلبات");
    assert_eq!(n(11), "11 طلبًا");
    assert_eq!(n(99), "99 طلبًا");
    assert_eq!(n(100), "100 طلب");
    assert_eq!(n(103), "103 طلبات");
    assert_eq!(n(111), "111 طلبًا");
    assert_eq!(n(200), "200 طلب");
    assert_eq!(n(1002), "1002 طلب");
    assert_eq!(n(0), "0 طلب");
    let d = |k: i64| Message::new(MsgId::AgeDays).num("n", k).in_lang(Lang::Ar);
    assert_eq!(d(1), "يوم واحد");
    assert_eq!(d(2), "يومان");
    assert_eq!(d(5), "5 أيام");
    assert_eq!(d(30), "30 يومًا");
}

#[test]
fn french_and_english_counts_follow_their_rules() {
    let c = |l: Lang, k: i64| Message::new(MsgId::CountOrders).num("n", k).in_lang(l);
    assert_eq!(
        c(Lang::Fr, 0),
        "0 commande",
        "French singular covers 0 and 1"
    );
    assert_eq!(c(Lang::Fr, 1), "1 commande");
    assert_eq!(c(Lang::Fr, 2), "2 commandes");
    assert_eq!(c(Lang::En, 0), "0 orders");
    assert_eq!(c(Lang::En, 1), "1 order");
    assert_eq!(c(Lang::En, 21), "21 orders");
}

/// The words that move money, per language: REFUNDED gives the money back, UNKNOWN_ERROR
/// neither refunds nor resends. Each REFUNDED or UNKNOWN_ERROR message must say it exactly.
fn money_words(lang: Lang) -> (&'static str, [&'static str; 2]) {
    match lang {
        Lang::En => ("give the money back", ["do not refund", "do not resend"]),
        Lang::Fr => ("rendez l'argent", ["ne remboursez pas", "ne renvoyez pas"]),
        Lang::Ar => ("أرجع المال", ["لا ترجع المال", "لا تعد الإرسال"]),
    }
}

/// The few words a table row has room for: the same meaning, shorter.
fn short_money_words(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::En => ["no refund", "no resend"],
        Lang::Fr => ["ni rembourser", "ni renvoyer"],
        Lang::Ar => ["لا استرجاع", "لا إعادة"],
    }
}

/// The messages about a REFUNDED order and about an UNKNOWN_ERROR one.
pub(crate) const REFUNDED_MESSAGES: &[MsgId] = &[MsgId::ShortRefunded, MsgId::AdviceRefunded];
pub(crate) const UNKNOWN_MESSAGES: &[MsgId] = &[MsgId::AdviceUnknown];

#[test]
fn money_words_are_exact_in_every_language() {
    for lang in Lang::ALL {
        let (give_back, [no_refund, no_resend]) = money_words(lang);
        for &id in REFUNDED_MESSAGES {
            let t = lang.t(id);
            assert!(t.contains(give_back), "{lang} {}: {t}", id.id());
        }
        for &id in UNKNOWN_MESSAGES {
            let t = lang.t(id);
            assert!(t.contains(no_refund), "{lang} {}: {t}", id.id());
            assert!(t.contains(no_resend), "{lang} {}: {t}", id.id());
            assert!(!t.contains(give_back), "{lang} {}: {t}", id.id());
        }
        let short = lang.t(MsgId::ShortUnknown);
        for w in short_money_words(lang) {
            assert!(short.contains(w), "{lang} short-unknown: {short}");
        }
        assert!(!short.contains(give_back));
        // No other state's words say "give the money back".
        for &id in MsgId::ALL {
            if !REFUNDED_MESSAGES.contains(&id) && id.id().starts_with("advice-") {
                assert!(!lang.t(id).contains(give_back), "{lang} {}", id.id());
            }
        }
    }
}

#[test]
fn output_has_no_isolation_marks_and_placeables_stay_as_given() {
    for lang in Lang::ALL {
        let t = Message::new(MsgId::CliCharged)
            .text("amount", "480 DA")
            .in_lang(lang);
        assert!(t.contains("480 DA"), "{t}");
        assert!(
            !t.contains(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']),
            "{t:?}"
        );
        for &id in MsgId::ALL {
            assert!(
                !lang.t(id).contains(['\u{2068}', '\u{2069}']),
                "{}",
                id.id()
            );
        }
    }
}

#[test]
fn the_till_languages_and_their_direction() {
    assert!(Lang::Ar.is_rtl());
    assert!(!Lang::Fr.is_rtl() && !Lang::En.is_rtl());
    assert_eq!(Lang::default(), Lang::Fr);
    assert_eq!(Lang::Fr.next().next().next(), Lang::Fr);
    for l in Lang::ALL {
        assert_eq!(l.code().parse::<Lang>(), Ok(l));
    }
}

/// The CLDR category of the numbers the plural test uses, written out per language (not
/// computed by the code under test): French puts 0 and 1 in `one`, English 1 only, Arabic has
/// six categories.
fn expected_category(lang: Lang, n: i64) -> &'static str {
    match (lang, n) {
        (Lang::Fr, 0 | 1) | (Lang::En, 1) => "one",
        (Lang::Fr | Lang::En, _) => "other",
        (Lang::Ar, 0) => "zero",
        (Lang::Ar, 1) => "one",
        (Lang::Ar, 2) => "two",
        (Lang::Ar, 3 | 5) => "few",
        (Lang::Ar, 11) => "many",
        (Lang::Ar, 100) => "other",
        (Lang::Ar, _) => unreachable!("not a number of the test"),
    }
}

/// The messages whose count agrees with a word, and the placeable that is the count.
const COUNTED: &[(MsgId, &str)] = &[
    (MsgId::AgeDays, "n"),
    (MsgId::BarDamaged, "n"),
    (MsgId::BarOpen, "n"),
    (MsgId::BooksColumnsHidden, "n"),
    (MsgId::BooksMoreRefunds, "n"),
    (MsgId::CfgLogRetentionValue, "days"),
    (MsgId::CliAuditSummary, "pages"),
    (MsgId::CliSeeded, "n"),
    (MsgId::CountOrders, "n"),
    (MsgId::CountPlans, "n"),
    (MsgId::NoteStillRateLimited, "n"),
    (MsgId::NoticeOffersArrived, "n"),
    (MsgId::PaneGiveBack, "n"),
    (MsgId::PhoneTooShort, "n"),
    (MsgId::RefusalInvalidTokenLeft, "n"),
    (MsgId::WorkerOrdersDamaged, "n"),
    (MsgId::LineTooShort, "typed"),
];

/// The variant a selector picks, evaluated from the catalogue's text with the expected
/// categories: what the message must read at that count.
fn expected_text(p: &ast::Pattern<&str>, lang: Lang, args: &BTreeMap<&str, i64>, out: &mut String) {
    for el in &p.elements {
        match el {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                expected_expr(expression, lang, args, out)
            }
        }
    }
}

fn expected_expr(
    e: &ast::Expression<&str>,
    lang: Lang,
    args: &BTreeMap<&str, i64>,
    out: &mut String,
) {
    match e {
        ast::Expression::Inline(i) => expected_inline(i, lang, args, out),
        ast::Expression::Select { selector, variants } => {
            let var = match selector {
                ast::InlineExpression::FunctionReference { id, arguments }
                    if id.name == "PLURAL" =>
                {
                    match arguments.positional.first() {
                        Some(ast::InlineExpression::VariableReference { id }) => id.name,
                        other => panic!("PLURAL of {other:?}"),
                    }
                }
                other => panic!("every count is selected with PLURAL( ), not {other:?}"),
            };
            let n = args[var];
            let category = expected_category(lang, n);
            let chosen = variants
                .iter()
                .find(|v| match &v.key {
                    ast::VariantKey::Identifier { name } => *name == category,
                    ast::VariantKey::NumberLiteral { value } => value.parse() == Ok(n),
                })
                .or_else(|| variants.iter().find(|v| v.default))
                .expect("a default variant");
            expected_text(&chosen.value, lang, args, out);
        }
    }
}

fn expected_inline(
    i: &ast::InlineExpression<&str>,
    lang: Lang,
    args: &BTreeMap<&str, i64>,
    out: &mut String,
) {
    match i {
        ast::InlineExpression::VariableReference { id } => out.push_str(&args[id.name].to_string()),
        ast::InlineExpression::StringLiteral { value } => out.push_str(value),
        ast::InlineExpression::NumberLiteral { value } => out.push_str(value),
        ast::InlineExpression::Placeable { expression } => {
            expected_expr(expression, lang, args, out)
        }
        other => panic!("not expected in a counted message: {other:?}"),
    }
}

fn parsed(src: &str) -> ast::Resource<&str> {
    fluent_syntax::parser::parse(src).unwrap_or_else(|(_, e)| panic!("{e:?}"))
}

/// Every selector of every catalogue goes through `PLURAL( )`, so that each language's rule
/// is the one rule of `plural_category` (a bare `{ $n -> }` would take intl_pluralrules'
/// Arabic, which files 103 under "other").
#[test]
fn every_selector_of_every_catalogue_is_a_plural() {
    fn check(e: &ast::Expression<&str>, id: &str, lang: Lang) {
        if let ast::Expression::Select { selector, variants } = e {
            assert!(
                matches!(selector, ast::InlineExpression::FunctionReference { id, .. } if id.name == "PLURAL"),
                "{lang} {id}: a bare selector"
            );
            for v in variants {
                walk(&v.value, id, lang);
            }
        }
    }
    fn walk(p: &ast::Pattern<&str>, id: &str, lang: Lang) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                check(expression, id, lang);
            }
        }
    }
    for (lang, src) in SOURCES {
        for entry in parsed(src).body {
            if let ast::Entry::Message(m) = entry
                && let Some(p) = &m.value
            {
                walk(p, m.id.name, lang);
            }
        }
    }
}

/// Every counted message, in every language, at 0, 1, 2, 3, 11 and 100, reads the variant
/// the language's plural rule picks (French "1 REMBOURSÉE", not "1 REMBOURSÉES"), with no
/// Fluent error and no "(s)".
#[test]
fn every_counted_message_takes_its_languages_plural_at_0_1_2_3_11_100() {
    for (lang, src) in SOURCES {
        let res = parsed(src);
        let vars = placeables(src);
        for &(id, counted) in COUNTED {
            let msg = res
                .body
                .iter()
                .find_map(|e| match e {
                    ast::Entry::Message(m) if m.id.name == id.id() => m.value.as_ref(),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{lang} {}", id.id()));
            let mut selects = BTreeSet::new();
            for el in &msg.elements {
                if let ast::PatternElement::Placeable {
                    expression: ast::Expression::Select { selector, .. },
                } = el
                {
                    inline_vars(selector, &mut selects);
                }
            }
            assert!(
                selects.contains(counted),
                "{lang} {}: the count ${counted} chooses no plural form",
                id.id()
            );
            for n in [0, 1, 2, 3, 11, 100] {
                let mut args = BTreeMap::new();
                let mut m = Message::new(id);
                for v in &vars[id.id()] {
                    let value = if v == counted { n } else { 5 };
                    args.insert(v.as_str(), value);
                    m.args.push((
                        Box::leak(v.clone().into_boxed_str()) as &'static str,
                        Arg::Num(value),
                    ));
                }
                let (got, errors) = catalog(lang).format_checked(&m);
                assert!(errors.is_empty(), "{lang} {} at {n}: {errors:?}", id.id());
                let mut want = String::new();
                expected_text(msg, lang, &args, &mut want);
                assert_eq!(got, want, "{lang} {} at {n}", id.id());
                assert!(!got.contains("(s)"), "{lang} {}: {got}", id.id());
            }
        }
    }
    // A message that chooses a form by a count is tested here: none is left out.
    for (lang, src) in SOURCES {
        for entry in parsed(src).body {
            if let ast::Entry::Message(m) = entry
                && let Some(p) = &m.value
            {
                let mut selects = BTreeSet::new();
                for el in &p.elements {
                    if let ast::PatternElement::Placeable {
                        expression: ast::Expression::Select { selector, .. },
                    } = el
                    {
                        inline_vars(selector, &mut selects);
                    }
                }
                for var in selects {
                    assert!(
                        COUNTED
                            .iter()
                            .any(|(id, v)| id.id() == m.id.name && *v == var),
                        "{lang} {}: selects on ${var}, add it to COUNTED",
                        m.id.name
                    );
                }
            }
        }
    }
    let fr = |n: i64| {
        Message::new(MsgId::PaneGiveBack)
            .num("n", n)
            .text("sum", "500 DA")
            .in_lang(Lang::Fr)
    };
    assert!(fr(1).starts_with("1 REMBOURSÉE aujourd'hui"), "{}", fr(1));
    assert!(fr(2).starts_with("2 REMBOURSÉES aujourd'hui"), "{}", fr(2));
}
