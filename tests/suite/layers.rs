//! Layers point one way: the API, the store and the plain types at the bottom, the order
//! lifecycle above them, the screens and commands on top. Read from the source itself (every
//! `crate::…` and `super::…` path outside comments and test modules), so a new upward import
//! fails here before a reviewer has to find it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Modules that are the bottom of the crate, and those they must never reach up to.
const LOWER: &[&str] = &[
    "text", "money", "i18n", "api", "rules", "ledger", "store", "config",
];
const UPPER: &[&str] = &[
    "orders",
    "books",
    "receipt",
    "session",
    "till_channel",
    "headless",
    "ui",
    "demo",
    "emulator",
    "cli",
];

type Graph = BTreeMap<String, BTreeSet<String>>;

#[test]
fn no_two_top_level_modules_import_each_other_even_through_others() {
    let graph = edges_at(&[]);
    assert!(
        graph.contains_key("ui") && graph.contains_key("store"),
        "{graph:?}"
    );
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
}

#[test]
fn the_bottom_never_reaches_up() {
    let graph = edges_at(&[]);
    let upward: Vec<String> = LOWER
        .iter()
        .flat_map(|low| {
            let uses = graph.get(*low).cloned().unwrap_or_default();
            UPPER
                .iter()
                .filter(move |up| uses.contains(**up))
                .map(move |up| format!("{low} -> {up}"))
        })
        .collect();
    assert!(upward.is_empty(), "upward imports: {upward:?}");
}

#[test]
fn the_screen_state_update_and_view_point_one_way() {
    let graph = edges_at(&["ui"]);
    assert!(
        graph.contains_key("view") && graph.contains_key("update"),
        "{graph:?}"
    );
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new());
    let uses = |a: &str, b: &str| graph.get(a).is_some_and(|s| s.contains(b));
    for (a, b) in [
        ("update", "view"),
        ("view", "update"),
        ("state", "update"),
        ("state", "view"),
        ("fit", "view"),
        ("update", "runtime"),
        ("view", "worker"),
    ] {
        assert!(!uses(a, b), "ui::{a} imports ui::{b}");
    }
}

#[test]
fn the_reader_sees_grouped_and_relative_imports() {
    let file = "use super::{fit, view::room};\nuse crate::{api::Client, store};\n\
                // use crate::orders;\nfn f() { crate::ui::state::x(); }\n";
    let found = imports(&["ui".into(), "update".into(), "sale".into()], file);
    let shown: BTreeSet<String> = found.iter().map(|p| p.join("::")).collect();
    let want: BTreeSet<String> = [
        "ui::update::fit",
        "ui::update::view::room",
        "api::Client",
        "store",
        "ui::state::x",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(shown, want);
}

/// Edges between the direct children of the module at `parent` (the crate when empty).
fn edges_at(parent: &[&str]) -> Graph {
    let mut graph = Graph::new();
    for (module, text) in sources() {
        if module.len() <= parent.len() || module[..parent.len()] != *parent {
            continue;
        }
        let from = &module[parent.len()];
        for target in imports(&module, &text) {
            if target.len() > parent.len()
                && target[..parent.len()] == *parent
                && target[parent.len()] != *from
            {
                graph
                    .entry(from.clone())
                    .or_default()
                    .insert(target[parent.len()].clone());
            }
        }
    }
    graph
}

/// Every `.rs` file under `src/` but test modules, with its module path.
fn sources() -> Vec<(Vec<String>, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source is text");
                found.push((module_of(&root, &path), without_tests(&text)));
            }
        }
    }
    found
}

fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel: PathBuf = file
        .strip_prefix(root)
        .expect("under src")
        .with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file up to its `#[cfg(test)]` module, without comment lines.
fn without_tests(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The absolute paths `text` (the file of `module`) names: `crate::a::b` as it is, `super::x`
/// resolved against `module`.
fn imports(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let code = without_tests(text);
    let mut rest = code.as_str();
    while let Some(at) = next_anchor(rest) {
        let (mut base, mut tail) = if rest[at..].starts_with("crate::") {
            (Vec::new(), &rest[at + "crate::".len()..])
        } else {
            (module.to_vec(), &rest[at..])
        };
        while let Some(t) = tail.strip_prefix("super::") {
            base.pop();
            tail = t;
        }
        for path in paths(tail) {
            let mut full = base.clone();
            full.extend(path);
            found.push(full);
        }
        rest = &rest[at + 1..];
    }
    found
}

/// Where the next `crate::` or (not preceded by another) `super::` starts.
fn next_anchor(s: &str) -> Option<usize> {
    let c = s.find("crate::");
    let mut from = 0;
    let sup = loop {
        match s[from..].find("super::") {
            Some(i) if s[..from + i].ends_with("super::") => from += i + 1,
            Some(i) => break Some(from + i),
            None => break None,
        }
    };
    let word_start = |i: usize| {
        !s[..i]
            .chars()
            .next_back()
            .is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
    };
    [c, sup]
        .into_iter()
        .flatten()
        .filter(|&i| word_start(i))
        .min()
}

/// The paths a `use` tail names: `a::b` gives `[a, b]`, `a::{b, c::d}` gives `[a, b]` and
/// `[a, c, d]`.
fn paths(s: &str) -> Vec<Vec<String>> {
    if let Some(group) = s.strip_prefix('{') {
        let end = group_end(group);
        return split_top(&group[..end])
            .into_iter()
            .flat_map(|item| paths(item.trim()))
            .collect();
    }
    let ident: String = s
        .chars()
        .take_while(|ch| ch.is_alphanumeric() || *ch == '_')
        .collect();
    if ident.is_empty() {
        return Vec::new();
    }
    let deeper = s[ident.len()..].strip_prefix("::").map(paths);
    match deeper {
        Some(subs) if !subs.is_empty() => subs
            .into_iter()
            .map(|sub| std::iter::once(ident.clone()).chain(sub).collect())
            .collect(),
        _ => vec![vec![ident]],
    }
}

/// Where a `{…}` group that starts just before `s` closes.
fn group_end(s: &str) -> usize {
    let mut depth = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    s.len()
}

/// Splits a `use` group at its top-level commas.
fn split_top(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in s.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// The groups of modules that reach each other (Tarjan's strongly connected components).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        for next in w.graph.get(v).into_iter().flatten() {
            let next = next.as_str();
            if !w.index.contains_key(next) {
                visit(w, next);
                let low = w.low[v].min(w.low[next]);
                w.low.insert(v, low);
            } else if w.stack.contains(&next) {
                let low = w.low[v].min(w.index[next]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let mut group = Vec::new();
            while let Some(m) = w.stack.pop() {
                group.push(m.to_string());
                if m == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.found
}
