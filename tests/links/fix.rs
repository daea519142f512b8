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
    let codes: Vec<&str> = outcome
        .reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.code.name)
        .collect();
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
