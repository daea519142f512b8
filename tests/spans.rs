//! Property tests of where diagnostics point, on generated files: YAML (weird and plain),
//! TOML and JSON front matter with CJK text, tabs, CRLF or lone CR line ends, a BOM, and
//! bodies with links. Whatever the input, every diagnostic span lies inside the file on
//! character boundaries, and the JSON report parses and gives each diagnostic's offset,
//! length, line and column as counted independently here.

use fmlint::check::Checker;
use fmlint::config::Config;
use fmlint::diagnostic::Diagnostic;
use fmlint::run::{FileReport, Outcome};
use fmlint::schema::Schemas;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::path::{Path, PathBuf};

const ROOT: &str = "/nonexistent-fmlint-spans";
const REL: &str = "content/post/generated.md";

/// A YAML scalar as written: plain, quoted, escaped, CJK, dates, booleans, anchors.
fn yaml_scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z中文ü ]{0,10}",
        "[a-z中文\t]{0,6}".prop_map(|s| format!("\"{s}\\t\\u00e9\"")),
        "[a-z中文' ]{0,6}".prop_map(|s| format!("'{}'", s.replace('\'', "''"))),
        Just("2025-02-11".to_string()),
        Just("\"2025-02-11 11:58:35\"".to_string()),
        Just("'false'".to_string()),
        Just("yes".to_string()),
        Just("~".to_string()),
        Just("0x1F".to_string()),
        Just("1e3".to_string()),
        Just(".nan".to_string()),
        Just("&a 中文".to_string()),
        Just("*a".to_string()),
        Just("!!str 12".to_string()),
        Just("!!int x".to_string()),
        Just("[Recent, 'taglist', \"搜索\"]".to_string()),
        Just("{src: /img/a.png, visibility: [list]}".to_string()),
        Just("[unclosed".to_string()),
        Just("|\n  中文 line\n\tand a tab".to_string()),
        Just(">-\n  folded\n\n  text".to_string()),
        Just("\"unterminated".to_string()),
    ]
}

/// One YAML entry: a known Mainroad key or a stranger one, maybe a block list or a nested
/// map, maybe indented with a tab, maybe followed by a comment.
fn yaml_entry() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("date"),
        Just("lang"),
        Just("widgets"),
        Just("sidebar"),
        Just("thumbnail"),
        Just("comments"),
        Just("menu"),
        Just("标题"),
        Just("\"quoted key\""),
        Just("<<"),
        Just("? complex"),
    ];
    prop_oneof![
        (key.clone(), yaml_scalar()).prop_map(|(k, v)| format!("{k}: {v}")),
        (key.clone(), prop::collection::vec(yaml_scalar(), 1..4)).prop_map(|(k, items)| {
            let items: Vec<String> = items.iter().map(|v| format!("  - {v}")).collect();
            format!("{k}:\n{}", items.join("\n"))
        }),
        (key.clone(), yaml_scalar()).prop_map(|(k, v)| format!("{k}:\n  src: {v}\n  x: 1")),
        (key, yaml_scalar()).prop_map(|(k, v)| format!("{k}:\n\tbad: {v}")),
        (yaml_entry_plain(), "[a-z中文 ]{0,8}").prop_map(|(e, c)| format!("{e}  # {c}")),
        Just("- stray item".to_string()),
        Just("...".to_string()),
    ]
}

/// A well-formed entry, to mix comments into.
fn yaml_entry_plain() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z中文 ]{1,8}".prop_map(|t| format!("title: {t}")),
        Just("lang: [zh-CN, en]".to_string()),
        Just("widgets: [recent, categories]".to_string()),
        Just("date: 2025-02-11T11:58:35+08:00".to_string()),
    ]
}

/// A TOML front matter line.
fn toml_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z中文 ]{0,8}".prop_map(|t| format!("title = \"{t}\"")),
        Just("date = 2025-02-11T11:58:35Z".to_string()),
        Just("date = 2025-13-45".to_string()),
        Just("lang = [\"zh-CN\", \"en\"]".to_string()),
        Just("lang = \"en\"".to_string()),
        Just("widgets = ['recent', \"Search\"]".to_string()),
        Just("comments = \"false\"".to_string()),
        Just("[thumbnail]\nsrc = \"/a.png\"".to_string()),
        Just("title = '''\n多行\n'''".to_string()),
        Just("bad = ".to_string()),
        Just("a.b.\"c\" = 1".to_string()),
        Just("\ttab = 1 # 注释".to_string()),
    ]
}

/// A JSON front matter member.
fn json_member() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z中文 ]{0,8}".prop_map(|t| format!("\"title\": \"{t}\"")),
        Just("\"date\": \"2025-02-11\"".to_string()),
        Just("\"lang\": \"en\"".to_string()),
        Just("\"lang\": [\"zh-CN\"]".to_string()),
        Just("\"widgets\": [\"recnt\", \"Search\"]".to_string()),
        Just("\"comments\": \"true\"".to_string()),
        Just("\"esc\": \"\\u4e2d\\n\\\"\"".to_string()),
        Just("\"n\": 1e400".to_string()),
        Just("\"open\": [1, ".to_string()),
        Just("\"title\": 1".to_string()),
    ]
}

/// The body: text, CJK, links of every kind, code.
fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z中文 \t]{0,12}",
        Just("[x](./missing.md#锚点)".to_string()),
        Just("![img](/img/a.png \"t\")".to_string()),
        Just("<https://example.com/a>".to_string()),
        Just("see www.example.com/x.".to_string()),
        Just("<a href=\"b&amp;c.md\">a</a>".to_string()),
        Just("[r]: <./ref 1.md>".to_string()),
        Just("`[no](code.md)`".to_string()),
        Just("```\n[no](block.md)\n```".to_string()),
        Just("# 标题 {#id}".to_string()),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.join("\n"))
}

/// A whole file: a BOM or not, blank lines, front matter in one of the formats (or none,
/// or unterminated), a body, and then one line-ending style for all of it.
fn file() -> impl Strategy<Value = String> {
    let front = prop_oneof![
        prop::collection::vec(yaml_entry(), 0..8)
            .prop_map(|entries| format!("---\n{}\n---\n", entries.join("\n"))),
        prop::collection::vec(toml_line(), 0..6)
            .prop_map(|lines| format!("+++\n{}\n+++\n", lines.join("\n"))),
        prop::collection::vec(json_member(), 0..6)
            .prop_map(|members| format!("{{\n  {}\n}}\n", members.join(",\n  "))),
        prop::collection::vec(yaml_entry(), 0..4)
            .prop_map(|entries| format!("---\n{}\n", entries.join("\n"))),
        Just(String::new()),
    ];
    (
        any::<bool>(),
        prop_oneof![Just(""), Just("\n"), Just(" \t\n")],
        front,
        body(),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(bom, blank, front, body, newline)| {
            let text = format!("{}{blank}{front}{body}", if bom { "\u{FEFF}" } else { "" });
            text.replace('\n', newline)
        })
}

/// The 1-based line and character column of byte `offset`, counted the slow way:
/// `\r\n`, `\n` and a lone `\r` end lines, a BOM at the start takes no column.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    for (i, c) in text.char_indices().take_while(|&(i, _)| i < offset) {
        if c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n')) {
            line += 1;
            column = 1;
        } else if !(i == 0 && c == '\u{FEFF}') {
            column += 1;
        }
    }
    (line, column)
}

fn check(text: &str) -> Vec<Diagnostic> {
    let config = Config::parse("[links]\ncheck = \"local\"\n", PathBuf::from(ROOT), None).unwrap();
    let checker = Checker::new(&config, Schemas::new(&config, None));
    checker
        .check_text(&Path::new(ROOT).join(REL), REL, text)
        .unwrap()
}

/// The JSON report of one file with `diagnostics`, rendered by the library and parsed.
fn json_report(text: &str, diagnostics: Vec<Diagnostic>) -> serde_json::Value {
    let outcome = Outcome {
        reports: vec![FileReport::of_text(
            REL,
            text.as_bytes().to_vec(),
            diagnostics,
        )],
        files: 1,
        ..Outcome::default()
    };
    let rendered = fmlint::report::json::render(&outcome);
    serde_json::from_str(&rendered).unwrap_or_else(|e| panic!("{e}: {rendered}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn diagnostic_spans_lie_inside_the_file_on_char_boundaries(text in file()) {
        for d in check(&text) {
            let span = d.span;
            prop_assert!(span.start <= span.end && span.end <= text.len(),
                "{} at {span} in a file of {} bytes", d.code.name, text.len());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} at {span} splits a character", d.code.name);
            for edit in d.fix.iter().flat_map(|f| &f.edits) {
                prop_assert!(edit.span.end <= text.len()
                    && text.is_char_boundary(edit.span.start)
                    && text.is_char_boundary(edit.span.end));
            }
        }
    }

    #[test]
    fn json_report_parses_and_positions_match_offsets(text in file()) {
        let diagnostics = check(&text);
        let spans: Vec<_> = diagnostics.iter().map(|d| (d.code.name, d.span)).collect();
        let report = json_report(&text, diagnostics);
        let entries = report["diagnostics"].as_array().unwrap();
        prop_assert_eq!(entries.len(), spans.len());
        prop_assert_eq!(report["summary"]["files"].as_u64(), Some(1));
        for (entry, (code, span)) in entries.iter().zip(spans) {
            let n = |key: &str| entry[key].as_u64().unwrap() as usize;
            prop_assert_eq!(entry["code"].as_str(), Some(code));
            prop_assert_eq!((n("offset"), n("length")), (span.start, span.len()));
            prop_assert_eq!((n("line"), n("column")), position(&text, span.start), "start of {}", entry);
            prop_assert_eq!((n("end_line"), n("end_column")), position(&text, span.end), "end of {}", entry);
        }
    }
}

#[test]
fn the_position_oracle_counts_characters_crlf_cr_and_bom() {
    let text = "\u{FEFF}a\r\n中文x\rb";
    assert_eq!(position(text, 3), (1, 1));
    assert_eq!(position(text, 4), (1, 2));
    assert_eq!(position(text, 5), (1, 3));
    assert_eq!(position(text, text.find('x').unwrap()), (2, 3));
    assert_eq!(position(text, text.len() - 1), (3, 1));
}

/// The properties above are only as good as the files: they must reach every format, line
/// ending and BOM, and produce diagnostics of every family, in CJK lines and after BOMs.
#[test]
fn generated_files_reach_every_format_line_ending_and_diagnostic_family() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = file();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..500 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let format = match fmlint::split::split(&text) {
            fmlint::split::Split::Block { format, .. } => format!("{format:?}"),
            other => format!("{other:?}").chars().take(4).collect(),
        };
        let ending = if text.contains("\r\n") {
            "crlf"
        } else if text.contains('\r') {
            "cr"
        } else {
            "lf"
        };
        seen.insert(format);
        seen.insert(ending.to_string());
        seen.insert(text.starts_with('\u{FEFF}').to_string());
    }
    for wanted in [
        "Yaml", "Toml", "Json", "None", "Unte", "crlf", "cr", "lf", "true",
    ] {
        assert!(
            seen.contains(wanted),
            "no generated file has {wanted}: {seen:?}"
        );
    }
}
