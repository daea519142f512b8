//! Each limit of the README's "Limits" table at its value and one past it, through the
//! binary. (Past-the-default cases of 100,000-deep nesting, a 100 MB file and alias bombs
//! live in `tests/adversarial`; a configured depth of 1000 in `check.rs`.)

use super::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

/// The codes of a run of `fmlint --format json` over the tree of `files`.
fn codes_of(files: &[(&str, &str)]) -> Vec<String> {
    let dir = tree(files);
    let (status, doc) = json(dir.path(), &[]);
    assert!(matches!(status, 0 | 1), "{doc}");
    codes(&doc)
}

#[test]
fn file_size_at_the_limit_is_read_one_byte_more_is_not() {
    let size = GOOD.len();
    let at = format!("[limits]\nmax_file_size = {size}\n");
    assert!(codes_of(&[("fmlint.toml", &at), ("a.md", GOOD)]).is_empty());
    let below = format!("[limits]\nmax_file_size = {}\n", size - 1);
    assert_eq!(
        codes_of(&[("fmlint.toml", &below), ("a.md", GOOD)]),
        ["syntax/limit"]
    );
}

#[test]
fn nesting_depth_at_the_default_and_a_configured_limit() {
    // The root mapping counts: 1 + 127 lists is 128 deep.
    let nested = |lists: usize| {
        format!(
            "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\nx: {}1{}\n---\n",
            "[".repeat(lists),
            "]".repeat(lists)
        )
    };
    assert!(codes_of(&[("a.md", &nested(127))]).is_empty());
    assert_eq!(codes_of(&[("a.md", &nested(128))]), ["syntax/limit"]);
    let config = "[limits]\nmax_depth = 5\n";
    assert!(codes_of(&[("fmlint.toml", config), ("a.md", &nested(4))]).is_empty());
    assert_eq!(
        codes_of(&[("fmlint.toml", config), ("a.md", &nested(5))]),
        ["syntax/limit"]
    );
}

#[test]
fn alias_expansion_at_the_limit_and_one_node_past_it() {
    // Five aliases of a four-item list expand to 5 * (1 + 4) = 25 nodes.
    let post = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\nbase: &b [1, 2, 3, 4]\nuses: [*b, *b, *b, *b, *b]\n---\n";
    let at = "[limits]\nmax_alias_nodes = 25\n";
    assert!(codes_of(&[("fmlint.toml", at), ("a.md", post)]).is_empty());
    let below = "[limits]\nmax_alias_nodes = 24\n";
    assert_eq!(
        codes_of(&[("fmlint.toml", below), ("a.md", post)]),
        ["syntax/limit"]
    );
}

#[test]
fn a_source_line_of_120_characters_is_shown_whole_and_a_longer_one_clipped() {
    // A `lang` line exactly `width` characters long whose last tag is wrong.
    let post = |width: usize| {
        let fill = width - "lang: [zh_CN]".len();
        let tags = "en, ".repeat(fill / 4) + &" ".repeat(fill % 4);
        let line = format!("lang: [{tags}zh_CN]");
        assert_eq!(line.chars().count(), width);
        (
            format!("---\ntitle: x\ndate: 2025-02-11\n{line}\nwidgets: [search]\n---\n"),
            line,
        )
    };
    let (whole, line) = post(120);
    let dir = tree(&[("a.md", &whole)]);
    let shown = run(dir.path(), &["a.md"]);
    assert_eq!(shown.status, 1);
    assert!(shown.stdout.contains(&line), "{}", shown.stdout);
    assert!(!shown.stdout.contains('…'), "{}", shown.stdout);

    let (long, line) = post(121);
    let dir = tree(&[("a.md", &long)]);
    let clipped = run(dir.path(), &["a.md"]);
    assert_eq!(clipped.status, 1);
    assert!(!clipped.stdout.contains(&line), "{}", clipped.stdout);
    assert!(clipped.stdout.contains("│ …en, en"), "{}", clipped.stdout);
    assert!(
        clipped.stdout.contains("en, zh_CN]\n"),
        "{}",
        clipped.stdout
    );
}

/// A server on 127.0.0.1 that answers every request with 200 after `delay`.
fn slow_server(delay: Duration) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                let _ = stream.read(&mut buf);
                std::thread::sleep(delay);
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            });
        }
    });
    port
}

#[test]
fn the_link_check_budget_is_configurable_and_ends_the_run() {
    let port = slow_server(Duration::from_secs(3));
    let post = format!("{GOOD}[slow](http://127.0.0.1:{port}/page)\n");
    let check = |budget: &str| {
        let config = format!("[links]\ntimeout = \"10s\"\nbudget = \"{budget}\"\n");
        let dir = tree(&[("fmlint.toml", &config), ("a.md", &post)]);
        let started = Instant::now();
        let run = common::finish(
            fmlint(dir.path())
                .args(["--format", "json", "--no-cache", "--allow-private", "a.md"])
                .timeout(Duration::from_secs(30)),
        );
        (run.document(), started.elapsed())
    };
    // Longer than the answer takes: the link is good.
    let (doc, _) = check("10s");
    assert!(codes(&doc).is_empty(), "{doc}");
    // Shorter: the run ends at the budget and says so.
    let (doc, elapsed) = check("500ms");
    assert!(elapsed < Duration::from_millis(2500), "{elapsed:?}");
    assert_eq!(codes(&doc), ["link/unreachable"]);
    let message = doc["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.contains("time budget (500ms, `links.budget`) ran out"),
        "{message}"
    );
}
