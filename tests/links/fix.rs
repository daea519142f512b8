//! `--fix --unsafe-fixes` rewrites a permanent redirect to its final URL, from the answer
//! of the same run (no second request), in the body as in the front matter.

use crate::server::Server;
use fmlint::config::Config;
use fmlint::diagnostic::Applicability;
use fmlint::run::{self, FixRequest, LinkFlags, Request};
use std::path::PathBuf;

fn request(fix: Option<FixRequest>) -> Request {
    Request {
        paths: vec![PathBuf::from("a.md")],
        jobs: 1,
        fix,
        links: LinkFlags {
            allow_private: true,
            no_cache: true,
            ..LinkFlags::default()
        },
        ..Request::default()
    }
}

/// The codes of every finding of a run, in order.
fn codes(outcome: &run::Outcome) -> Vec<&'static str> {
    outcome
        .reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.code.name)
        .collect()
}

#[test]
fn unsafe_fixes_rewrite_permanent_redirects_in_place() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let moved = server.url("/moved");
    let post = format!(
        "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\nthumbnail: \"{}\"\n---\nSee [it]({moved}) and [ok]({}).\n",
        server.url("/image.png"),
        server.url("/ok")
    );
    let path = dir.path().join("a.md");
    std::fs::write(&path, &post).unwrap();
    let config = Config::parse("", dir.path().to_path_buf(), None).unwrap();

    // Safe fixes only: the redirect is reported, the file untouched.
    let safe = FixRequest {
        level: Applicability::Safe,
        write: true,
    };
    let outcome = run::run(&request(Some(safe)), &config, dir.path()).unwrap();
    let codes = codes(&outcome);
    assert_eq!(codes, ["link/redirected"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), post);

    let before = server.count("/moved");
    let unsafe_fix = FixRequest {
        level: Applicability::Unsafe,
        write: true,
    };
    let outcome = run::run(&request(Some(unsafe_fix)), &config, dir.path()).unwrap();
    assert_eq!(
        server.count("/moved"),
        before + 1,
        "one request for the check, none for the fix"
    );
    assert_eq!(outcome.fixes(), 1);
    assert!(outcome.reports.iter().all(|r| r.diagnostics.is_empty()));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, post.replace(&moved, &server.url("/ok")));
}

/// A file with a front-matter finding keeps only the start of its text; a broken link far
/// down its body, found by the link phase, is still placed and shown from the whole text.
#[test]
fn remote_findings_below_a_kept_prefix_are_placed_in_the_whole_file() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let filler = "A line of body text.\n".repeat(200);
    let broken = server.url("/404");
    let post = format!(
        "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [recnt]\n---\n{filler}See [gone]({broken}).\n"
    );
    std::fs::write(dir.path().join("a.md"), &post).unwrap();
    let config = Config::parse("", dir.path().to_path_buf(), None).unwrap();
    let outcome = run::run(&request(None), &config, dir.path()).unwrap();
    let report = &outcome.reports[0];
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.name).collect();
    assert_eq!(codes, ["schema/enum", "link/broken"]);
    assert!(!report.source_is_prefix);
    assert_eq!(report.source, post.as_bytes());
    let link = &report.diagnostics[1];
    assert_eq!(&post[link.span.start..link.span.end], broken);
    let rendered = fmlint::report::json::render(&outcome);
    let document: serde_json::Value = serde_json::from_str(&rendered).unwrap();
    assert_eq!(document["diagnostics"][1]["line"], 207);
}

/// Without remote findings, only the lines the findings need are kept.
#[test]
fn a_front_matter_finding_keeps_only_the_start_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let head = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [recnt]\n";
    let post = format!("{head}---\n{}", "Body.\n".repeat(1000));
    std::fs::write(dir.path().join("a.md"), &post).unwrap();
    let config = Config::parse("", dir.path().to_path_buf(), None).unwrap();
    let outcome = run::run(&request(None), &config, dir.path()).unwrap();
    let report = &outcome.reports[0];
    assert_eq!(report.diagnostics.len(), 1);
    assert!(report.source_is_prefix);
    assert_eq!(report.source, head.as_bytes());
}

/// A file whose redirect fix cannot be written keeps its findings: the redirect is still
/// reported, the run reports why, and the file is untouched.
#[cfg(unix)]
#[test]
fn a_redirect_fix_that_cannot_be_written_keeps_the_finding() {
    use std::os::unix::fs::PermissionsExt;
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let post = format!(
        "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nSee [it]({}).\n",
        server.url("/moved")
    );
    let path = dir.path().join("a.md");
    std::fs::write(&path, &post).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let config = Config::parse("", dir.path().to_path_buf(), None).unwrap();
    let unsafe_fix = FixRequest {
        level: Applicability::Unsafe,
        write: true,
    };
    let outcome = run::run(&request(Some(unsafe_fix)), &config, dir.path()).unwrap();
    assert!(
        outcome.errors.iter().any(|e| e.contains("read-only")),
        "{:?}",
        outcome.errors
    );
    let codes = codes(&outcome);
    assert_eq!(codes, ["link/redirected"]);
    assert_eq!(outcome.fixes(), 0);
    assert_eq!(outcome.exit_status(), 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), post);
}
