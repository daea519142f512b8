//! Hostile file names and front matter cannot forge fmlint's output: no workflow command
//! of their own in GitHub format (stdout or stderr), no raw terminal escape or bidi
//! override anywhere, SARIF URIs that stay relative references, JUnit that stays XML,
//! JSON that keeps the exact name, and names differing in invalid bytes shown apart.
//!
//! Unix only: other systems do not allow these names.
#![cfg(unix)]

use super::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// A name that would start a workflow command of its own if a newline reached the log.
const COMMAND: &[u8] = b"a\n::error file=x::forged.md";
/// A name that clears the terminal.
const CLEAR: &[u8] = b"b\x1b[2J.md";
/// A name with a right-to-left override (it would show as `cdm.txt`... reversed).
const BIDI: &[u8] = "c\u{202e}dm.txt.md".as_bytes();
/// A name that is an absolute URI if written as it is.
const SCHEME: &[u8] = b"javascript:x.md";
/// A post whose `$schema` ends the line and masks a secret in the log.
const SCHEMA: &str =
    "---\n$schema: \"missing.json\\n::add-mask::secret\\n::stop-commands::x\"\ntitle: x\n---\n";

const FORMATS: [&str; 5] = ["human", "json", "github", "sarif", "junit"];

/// A folder with one bad post under each hostile name, and the `$schema` post.
fn hostile() -> tempfile::TempDir {
    let dir = tree(&[("schema.md", SCHEMA)]);
    for name in [COMMAND, CLEAR, BIDI, SCHEME] {
        std::fs::write(dir.path().join(OsStr::from_bytes(name)), BAD).expect("write");
    }
    dir
}

/// Characters no output of fmlint may carry raw (JSON strings may hold them escaped).
fn raw_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

/// Every line of both streams that GitHub's runner would take for a workflow command,
/// and whether it is one of fmlint's own (an annotation of a real file).
fn commands(run: &Run) -> Vec<String> {
    run.stdout
        .lines()
        .chain(run.stderr.lines())
        .filter(|line| line.starts_with("::"))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_format_passes_a_raw_control_character() {
    let dir = hostile();
    for format in FORMATS {
        let run = run(dir.path(), &["--format", format, "."]);
        assert!(
            run.status == 1 || run.status == 2,
            "{format}: {}",
            run.stderr
        );
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            assert_eq!(
                raw_control(text),
                None,
                "{format} {stream} carries a raw control character:\n{text}"
            );
        }
    }
}

#[test]
fn no_format_lets_a_line_start_a_workflow_command() {
    let dir = hostile();
    for format in ["human", "json", "sarif", "junit"] {
        let run = run(dir.path(), &["--format", format, "."]);
        assert_eq!(commands(&run), Vec::<String>::new(), "{format}");
    }
    let run = run(dir.path(), &["--format", "github", "."]);
    let commands = commands(&run);
    // One annotation per bad post, each for a file fmlint checked.
    assert_eq!(commands.len(), 4, "{}\n{}", run.stdout, run.stderr);
    for command in &commands {
        assert!(command.starts_with("::error file="), "{command}");
        assert!(!command.starts_with("::error file=x::"), "{command}");
        assert!(command.contains("title=schema/enum::"), "{command}");
    }
    assert!(!run.stderr.contains("\n::"), "{}", run.stderr);
    assert!(run.stderr.contains("add-mask"), "{}", run.stderr);
}

#[test]
fn human_output_shows_escapes_for_what_it_cannot_show() {
    let dir = hostile();
    let run = run(dir.path(), &["."]);
    assert!(
        run.stdout.contains(r"a\n::error file=x::forged.md"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains(r"b\u{1b}[2J.md"), "{}", run.stdout);
    assert!(run.stdout.contains(r"c\u{202e}dm.txt.md"), "{}", run.stdout);
    assert!(
        run.stderr.contains(r"\n::add-mask::secret"),
        "{}",
        run.stderr
    );
}

#[test]
fn sarif_uris_are_relative_references() {
    let dir = hostile();
    let run = run(dir.path(), &["--format", "sarif", "."]);
    let log = run.document();
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .expect("a uri")
        })
        .collect();
    assert_eq!(uris.len(), 4, "{}", run.stdout);
    for uri in &uris {
        assert!(
            url::Url::parse(uri).is_err(),
            "{uri} parses as an absolute URI"
        );
        let resolved = url::Url::parse("file:///site/")
            .and_then(|base| base.join(uri))
            .expect("resolves against a base");
        assert!(resolved.path().starts_with("/site/"), "{uri}: {resolved}");
    }
    assert!(uris.contains(&"./javascript:x.md"), "{uris:?}");
    assert!(
        uris.contains(&"./a%0A::error%20file=x::forged.md"),
        "{uris:?}"
    );
}

#[test]
fn json_keeps_the_exact_names() {
    let dir = hostile();
    let (_, document) = json(dir.path(), &["."]);
    let mut paths = each_diagnostic(&document, "path");
    paths.sort_unstable();
    let mut want: Vec<&str> = [COMMAND, CLEAR, BIDI, SCHEME]
        .iter()
        .map(|n| std::str::from_utf8(n).expect("UTF-8"))
        .collect();
    want.sort_unstable();
    assert_eq!(paths, want);
}

#[test]
fn junit_stays_xml_with_every_name_apart() {
    let dir = hostile();
    let run = run(dir.path(), &["--format", "junit", "."]);
    let xml = roxmltree::Document::parse(&run.stdout)
        .unwrap_or_else(|e| panic!("not XML ({e}):\n{}", run.stdout));
    let mut names: Vec<&str> = xml
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    names.sort_unstable();
    names.dedup();
    assert!(names.contains(&r"b\u{1b}[2J.md"), "{names:?}");
    assert!(
        names.contains(&r"a\n::error file=x::forged.md"),
        "{names:?}"
    );
    // The four bad posts and fmlint's own error (the `$schema` post).
    assert_eq!(names.len(), 5, "{names:?}");
}

/// Two names that differ only in bytes that are not UTF-8.
fn invalid_names() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [&b"a\xff.md"[..], b"a\xfe.md"] {
        std::fs::write(dir.path().join(OsStr::from_bytes(name)), BAD).expect("write");
    }
    dir
}

#[test]
fn names_that_differ_in_invalid_bytes_show_apart() {
    let dir = invalid_names();
    let human = run(dir.path(), &["."]);
    assert!(human.stdout.contains(r"a\xFE.md"), "{}", human.stdout);
    assert!(human.stdout.contains(r"a\xFF.md"), "{}", human.stdout);
    let (_, document) = json(dir.path(), &["."]);
    assert_eq!(
        each_diagnostic(&document, "path"),
        [r"a\xFE.md", r"a\xFF.md"]
    );
    let github = run(dir.path(), &["--format", "github", "."]);
    assert!(
        github.stdout.contains(r"file=a\xFE.md,"),
        "{}",
        github.stdout
    );
    assert!(
        github.stdout.contains(r"file=a\xFF.md,"),
        "{}",
        github.stdout
    );
    let sarif = run(dir.path(), &["--format", "sarif", "."]);
    assert!(
        sarif.stdout.contains("\"uri\": \"a%FE.md\""),
        "{}",
        sarif.stdout
    );
    assert!(
        sarif.stdout.contains("\"uri\": \"a%FF.md\""),
        "{}",
        sarif.stdout
    );
}

#[test]
fn a_literal_backslash_escape_is_not_taken_for_a_byte() {
    let dir = invalid_names();
    std::fs::write(dir.path().join(r"a\xFF.md"), BAD).expect("write");
    let (_, document) = json(dir.path(), &["."]);
    let mut paths = each_diagnostic(&document, "path");
    paths.sort_unstable();
    paths.dedup();
    assert_eq!(paths.len(), 3, "{paths:?}");
    let sarif = run(dir.path(), &["--format", "sarif", "."]);
    assert!(
        sarif.stdout.contains("\"uri\": \"a%5CxFF.md\""),
        "{}",
        sarif.stdout
    );
}

#[test]
fn a_file_named_like_a_command_in_stderr_is_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = "gone\n::error file=x::forged.md";
    let run = run(dir.path(), &["--format", "github", missing]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert_eq!(commands(&run), Vec::<String>::new(), "{}", run.stderr);
    assert!(run.stderr.contains(r"gone\n::error"), "{}", run.stderr);
}

#[test]
fn init_shows_a_hostile_theme_name_escaped() {
    // A bidi override: TOML comments allow it, so the starter config still loads.
    let dir = tree(&[("hugo.toml", "theme = \"t\\u202Eevil\"\n")]);
    let run = run(dir.path(), &["init"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(raw_control(&run.stdout), None, "{}", run.stdout);
    assert!(
        run.stdout.contains(r"theme t\u{202e}evil"),
        "{}",
        run.stdout
    );
}

#[test]
fn page_content_cannot_reach_the_terminal_raw() {
    // A bidi override and isolate inside a value the message quotes and the excerpt shows
    // (YAML itself refuses raw C0 and C1 controls).
    let post = BAD.replace("recnt", "rec\u{202e}nt\u{2066}");
    let dir = tree(&[("post.md", post.as_str())]);
    for format in FORMATS {
        let run = run(dir.path(), &["--format", format, "post.md"]);
        assert_eq!(run.status, 1, "{format}: {}", run.stderr);
        assert_eq!(raw_control(&run.stdout), None, "{format}:\n{}", run.stdout);
    }
    let (_, document) = json(dir.path(), &["post.md"]);
    let message = each_diagnostic(&document, "message")[0];
    assert!(message.contains("rec\u{202e}nt\u{2066}"), "{message}");
}
