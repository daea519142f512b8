//! Property tests of the fix engine on generated front matter: random keys, value
//! styles, comments, line endings, BOM and bodies. Whatever the input, fixing keeps the
//! file parseable, leaves every byte outside the front matter and every comment alone,
//! and a second fix changes nothing.

use fmlint::check::Checker;
use fmlint::config::Config;
use fmlint::diagnostic::Applicability;
use fmlint::schema::Schemas;
use fmlint::split::{self, Split};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// One `key: value` line of generated YAML, in one of several styles, maybe wrong.
fn yaml_entry() -> impl Strategy<Value = String> {
    let quote = prop_oneof![Just(""), Just("\""), Just("'")];
    let boolean = prop_oneof![
        Just("true"),
        Just("false"),
        Just("yes"),
        Just("No"),
        Just("TRUE")
    ];
    let widget = prop_oneof![
        Just("search"),
        Just("Recent"),
        Just("taglist "),
        Just("recnt"),
        Just("SOCIAL")
    ];
    prop_oneof![
        (quote.clone(), "[a-z中文 ]{1,12}").prop_map(|(q, t)| format!("title: {q}{t}{q}")),
        (
            quote.clone(),
            prop_oneof![
                Just("2025-02-11"),
                Just("2025-02-11 11:58:35"),
                Just("2025-13-45")
            ]
        )
            .prop_map(|(q, d)| format!("date: {q}{d}{q}")),
        (
            quote.clone(),
            prop_oneof![Just("en"), Just("zh-CN"), Just("zh_CN")]
        )
            .prop_map(|(q, l)| format!("lang: {q}{l}{q}")),
        (quote.clone(), prop_oneof![Just("en"), Just("de")])
            .prop_map(|(q, l)| format!("lang: [{q}{l}{q}]")),
        (
            prop_oneof![Just("comments"), Just("toc"), Just("pager")],
            quote.clone(),
            boolean
        )
            .prop_map(|(k, q, b)| format!("{k}: {q}{b}{q}")),
        (
            quote.clone(),
            prop_oneof![Just("Right"), Just("left"), Just(" LEFT ")]
        )
            .prop_map(|(q, s)| format!("sidebar: {q}{s}{q}")),
        (quote.clone(), "[0-9]{1,4}").prop_map(|(q, n)| format!("weight: {q}{n}{q}")),
        (quote.clone(), prop::collection::vec(widget.clone(), 1..4)).prop_map(|(q, ws)| format!(
            "widgets: [{}]",
            ws.iter()
                .map(|w| format!("{q}{w}{q}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (
            quote,
            prop::collection::vec(widget, 1..4),
            prop_oneof![Just(2usize), Just(4)]
        )
            .prop_map(|(q, ws, n)| {
                let items: Vec<String> = ws
                    .iter()
                    .map(|w| format!("{}- {q}{w}{q}", " ".repeat(n)))
                    .collect();
                format!("widgets:\n{}", items.join("\n"))
            }),
        "[a-z]{1,8}".prop_map(|k| format!("x{k}: extra")),
    ]
}

/// A whole generated file: BOM or not, entries with comments, a line ending, a body.
fn yaml_file() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop::collection::vec((yaml_entry(), prop::option::of("[a-z ]{0,10}")), 0..10),
        prop_oneof![Just("\n"), Just("\r\n")],
        "[a-z\n中文`-]{0,40}",
    )
        .prop_map(|(bom, entries, nl, body)| {
            let mut text = String::new();
            if bom {
                text.push('\u{FEFF}');
            }
            text.push_str("---\n");
            let mut seen = std::collections::HashSet::new();
            for (entry, comment) in entries {
                let key = entry.split(':').next().unwrap_or_default().to_string();
                if !seen.insert(key) {
                    continue;
                }
                text.push_str(&entry);
                if let Some(c) = comment {
                    text.push_str(&format!("  # {c}"));
                }
                text.push('\n');
            }
            text.push_str("---\n");
            text.push_str(&body);
            text.replace('\n', nl)
        })
}

fn checker(config: &Config) -> Checker<'_> {
    Checker::new(config, Schemas::new(config, None))
}

fn outside(text: &str) -> Option<(String, String)> {
    match split::split(text) {
        Split::Block { open, block, .. } => Some((
            text[..open.start].to_string(),
            text[block.end..].to_string(),
        )),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fixing_keeps_syntax_body_and_comments_and_settles(text in yaml_file()) {
        let config = Config::parse("", PathBuf::from("/nonexistent"), None).unwrap();
        let checker = checker(&config);
        let path = Path::new("/nonexistent/post.md");
        let before = checker.check_text(path, "post.md", &text).unwrap();
        let fixed = checker.fix_text(path, "post.md", &text, Applicability::Unsafe).unwrap();
        let broke = fixed.diagnostics.iter().any(|d| d.code.name.starts_with("syntax/"));
        let was_broken = before.iter().any(|d| d.code.name.starts_with("syntax/"));
        prop_assert!(!broke || was_broken, "fixing broke the syntax:\n{}", fixed.text);
        prop_assert_eq!(outside(&text), outside(&fixed.text));
        for comment in text.lines().filter_map(|l| l.find("  #").map(|i| l[i..].trim())) {
            prop_assert!(fixed.text.contains(comment), "lost {comment:?}");
        }
        if text.contains("\r\n") {
            prop_assert_eq!(fixed.text.matches('\n').count(), fixed.text.matches("\r\n").count());
        }
        let again = checker.fix_text(path, "post.md", &fixed.text, Applicability::Unsafe).unwrap();
        prop_assert_eq!(&again.text, &fixed.text, "a second fix changed the text");
        prop_assert_eq!(again.fixes, 0);
    }
}
