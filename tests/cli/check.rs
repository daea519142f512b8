//! The command line: exit statuses, stdin, determinism, limits, bad input.

use super::*;

#[test]
fn seed_post_passes_clean_with_no_configuration() {
    let run = run(&fixtures(), &["posts/seed-post.md"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "Checked 1 file: no problems found.\n");
}

#[test]
fn without_a_network_remote_links_are_warnings_never_errors() {
    // This machine has no route out: the seed post's remote thumbnail and links cannot
    // be checked, which is a warning (or nothing, when the network answers), never an error.
    let run = run(
        &fixtures(),
        &["--online", "--format", "json", "posts/seed-post.md"],
    );
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 0);
}

#[test]
fn check_subcommand_and_default_are_the_same() {
    let a = run(&fixtures(), &["posts/mistakes.md"]);
    let b = run(&fixtures(), &["check", "posts/mistakes.md"]);
    assert_eq!(a.status, 1);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn paths_default_to_the_working_directory() {
    let dir = tree(&[("a.md", GOOD), ("sub/b.md", BAD)]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(doc["summary"]["files"], 2);
    assert_eq!(doc["diagnostics"][0]["path"], "sub/b.md");
}

#[test]
fn exit_status_two_for_bad_arguments_and_missing_paths() {
    assert_eq!(run(&fixtures(), &["--format", "xml"]).status, 2);
    assert_eq!(run(&fixtures(), &["--no-such-flag"]).status, 2);
    let missing = run(&fixtures(), &["posts/seed-post.md", "nope.md"]);
    assert_eq!(missing.status, 2);
    assert!(
        missing.stderr.contains("nope.md: no such file"),
        "{}",
        missing.stderr
    );
    assert!(
        missing.stdout.contains("Checked 1 file"),
        "{}",
        missing.stdout
    );
}

#[test]
fn quiet_prints_nothing_when_clean_and_no_summary_otherwise() {
    let clean = run(&fixtures(), &["--quiet", "posts/seed-post.md"]);
    assert_eq!((clean.status, clean.stdout.as_str()), (0, ""));
    let bad = run(&fixtures(), &["-q", "posts/crlf.md"]);
    assert_eq!(bad.status, 1);
    assert!(bad.stdout.contains("schema/enum"));
    assert!(!bad.stdout.contains("Checked"));
}

#[test]
fn output_is_the_same_whatever_the_number_of_jobs() {
    let one = run(
        &fixtures(),
        &["--format", "json", "--jobs", "1", "posts", "syntax"],
    );
    let four = run(
        &fixtures(),
        &["--format", "json", "--jobs", "4", "posts", "syntax"],
    );
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(one.status, four.status);
}

/// More files than the walk may queue ahead of the checks (1,024): the walk waits for the
/// pool and goes on, every file is checked once, and findings come out in path order.
#[test]
fn a_tree_larger_than_the_backlog_is_checked_in_full() {
    const POSTS: usize = 2_500;
    let good = std::fs::read_to_string(fixtures().join("posts/seed-post.md")).unwrap();
    let names: Vec<String> = (0..POSTS)
        .map(|i| format!("content/{}/p{i:04}.md", i % 7))
        .collect();
    let files: Vec<(&str, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                name.as_str(),
                if i % 100 == 0 { BAD } else { good.as_str() },
            )
        })
        .collect();
    let dir = tree(&files);
    for jobs in ["1", "2"] {
        let (status, doc) = json(dir.path(), &["--jobs", jobs]);
        assert_eq!(status, 1);
        assert_eq!(doc["summary"]["files"], POSTS, "{jobs} jobs");
        let mut flagged = each_diagnostic(&doc, "path");
        flagged.dedup();
        let want: Vec<&str> = names.iter().step_by(100).map(String::as_str).collect();
        let mut sorted = want.clone();
        sorted.sort();
        assert_eq!(flagged, sorted, "{jobs} jobs");
    }
}

#[test]
fn stdin_with_a_dash_or_a_filename() {
    let bad = BAD.as_bytes();
    let dash = run_with_stdin(&fixtures(), &["--format", "json", "-"], Some(bad));
    let doc: serde_json::Value = serde_json::from_str(&dash.stdout).unwrap();
    assert_eq!(dash.status, 1);
    assert_eq!(doc["diagnostics"][0]["path"], "<stdin>");
    let named = run_with_stdin(
        &fixtures(),
        &["--format", "json", "--stdin-filename", "content/post/x.md"],
        Some(bad),
    );
    let doc: serde_json::Value = serde_json::from_str(&named.stdout).unwrap();
    assert_eq!(doc["diagnostics"][0]["path"], "content/post/x.md");
    assert_eq!(doc["summary"]["files"], 1);
    let clean = run_with_stdin(&fixtures(), &["-"], Some(GOOD.as_bytes()));
    assert_eq!(clean.status, 0, "{}", clean.stdout);
}

#[test]
fn explain_known_and_unknown_codes() {
    let known = run(&fixtures(), &["explain", "schema/enum"]);
    assert_eq!(known.status, 0);
    assert!(known.stdout.starts_with("schema/enum\n"));
    let unknown = run(&fixtures(), &["explain", "schema/enun"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stderr.contains("did you mean `schema/enum`"));
    let list = run(&fixtures(), &["explain", "--list"]);
    assert!(list.stdout.lines().count() >= 30);
}

#[test]
fn limits_hold_without_crashing() {
    let deep = "---\nx: ".to_string() + &"[".repeat(100_000) + &"]".repeat(100_000) + "\n---\n";
    let block_deep: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let block = format!("---\n{block_deep}{}v: 1\n---\n", " ".repeat(10_000));
    let json_deep = "[".repeat(100_000);
    let toml_deep = "+++\nx = ".to_string() + &"[".repeat(100_000) + "\n+++\n";
    let dir = tree(&[
        ("flow.md", &deep),
        ("block.md", &block),
        ("json.md", &format!("{{\"a\": {json_deep}")),
        ("toml.md", &toml_deep),
    ]);
    let (status, doc) = json(dir.path(), &["--jobs", "2"]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["syntax/limit"; 4]);
}

#[test]
fn file_size_limit_is_configurable() {
    let dir = tree(&[
        ("fmlint.toml", "[limits]\nmax_file_size = 80\n"),
        ("small.md", GOOD),
        ("big.md", &format!("{GOOD}{}", "x".repeat(100))),
    ]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    assert_eq!(codes(&doc), ["syntax/limit"]);
    assert_eq!(doc["diagnostics"][0]["path"], "big.md");
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn a_long_line_is_clipped_in_human_output() {
    let tags = "\"en\", ".repeat(4_000);
    let post = format!(
        "---\ntitle: t\ndate: 2025-02-11\nlang: [{tags}\"zh_CN\"]\nwidgets: [search]\n---\n"
    );
    let dir = tree(&[("long.md", &post)]);
    let run = run(dir.path(), &["long.md"]);
    assert_eq!(run.status, 1);
    assert!(run.stdout.contains("long.md:4:"), "{}", run.stdout);
    assert!(run.stdout.contains("\"zh_CN\"]"), "{}", run.stdout);
    assert!(
        run.stdout.lines().all(|l| l.chars().count() < 200),
        "{}",
        run.stdout
    );
}

#[test]
fn nesting_at_the_configured_maximum_is_validated_not_crashed() {
    let depth = 999; // plus the root mapping: 1000, the highest `max_depth` allowed
    let flow = format!("---\nx: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
    let block: String = (0..depth)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let block = format!("---\n{block}{}v: 1\n---\n", " ".repeat(depth));
    let dir = tree(&[
        ("fmlint.toml", "[limits]\nmax_depth = 1000\n"),
        ("flow.md", &flow),
        ("block.md", &block),
    ]);
    let (status, doc) = json(dir.path(), &[]);
    assert_eq!(status, 1);
    // Parsed and validated: the only findings are the schema's missing fields.
    assert!(codes(&doc).iter().all(|c| c == "schema/required"), "{doc}");
    assert_eq!(doc["summary"]["files"], 2);
}

#[test]
fn links_are_checked_through_the_binary() {
    let post = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\nthumbnail: /img/none.png\n---\n[ok](other.md) [gone](missing.md) [remote](https://example.com/x)\n";
    let dir = tree(&[
        ("site/hugo.toml", ""),
        ("site/content/a.md", post),
        ("site/content/other.md", GOOD),
    ]);
    let run = run(dir.path(), &["--format", "json", "site"]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(run.status, 1);
    assert_eq!(codes(&doc), ["link/missing-file", "link/missing-file"]);
    let text = post;
    let spans: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = d["offset"].as_u64().unwrap() as usize;
            &text[start..start + d["length"].as_u64().unwrap() as usize]
        })
        .collect();
    assert_eq!(spans, ["/img/none.png", "missing.md"]);
    assert!(
        run.stderr.contains("1 not checked (--offline)"),
        "{}",
        run.stderr
    );
    // The note counts links, not distinct URLs (counting those would hold every URL of
    // a tree), and says nothing when no remote link would be asked anyway.
    let twice = format!("{GOOD}[a](https://example.com/x) [b](https://example.com/x)\n");
    let both = tree(&[("a.md", &twice), ("b.md", &twice)]);
    let offline = super::run(both.path(), &["."]);
    assert!(
        offline
            .stderr
            .contains("remote links: 4 not checked (--offline)"),
        "{}",
        offline.stderr
    );
    let local = tree(&[
        ("fmlint.toml", "[links]\ncheck = \"local\"\n"),
        ("a.md", &twice),
    ]);
    let offline = super::run(local.path(), &["."]);
    assert!(
        !offline.stderr.contains("remote links"),
        "{}",
        offline.stderr
    );
    let config = tree(&[
        ("fmlint.toml", "[links]\ncheck = \"none\"\n"),
        ("a.md", post),
    ]);
    assert_eq!(
        json(config.path(), &["a.md"]).0,
        0,
        "links.check = none checks no link"
    );
}

/// A reader that goes away (`fmlint | head`) ends the run early, with no panic and no
/// error message, and the status says errors were found (they were, in what was read).
#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::process::{Command, Stdio};
    let names: Vec<String> = (0..3000).map(|i| format!("p{i:04}.md")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), BAD)).collect();
    let dir = tree(&files);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .args(["--offline", "."])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one line, then hang up.
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(first.contains("schema/enum"), "{first}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("error"),
        "{stderr}"
    );
}

/// Output that cannot be written (a full disk: `/dev/full`) is the tool's failure, exit 2,
/// whether it is a report or, in editor mode, the fixed file.
#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_is_exit_two() {
    use std::process::{Command, Stdio};
    let dir = tree(&[("a.md", BAD)]);
    let full = || {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        Stdio::from(file)
    };
    for args in [
        &["--offline", "a.md"][..],
        &["--offline", "--format", "sarif", "a.md"],
        &["--offline", "--format", "junit", "a.md"],
    ] {
        let output = Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
            .args(args)
            .current_dir(dir.path())
            .stdout(full())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write"), "{args:?}: {stderr}");
    }
    let mut editor = Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .args(["--offline", "--fix", "--stdin-filename", "a.md"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(full())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut editor.stdin.take().unwrap(), BAD.as_bytes()).unwrap();
    let output = editor.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write the fixed text"), "{stderr}");
}
