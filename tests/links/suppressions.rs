//! Suppressions of remote link codes are judged after the run's link phase: one that
//! silenced nothing there is `suppression/unused` (and `--fix` removes it), one that
//! silenced a finding is not, and nothing of the kind is said when the phase did not run.

use crate::server::Server;
use fmlint::config::Config;
use fmlint::diagnostic::Applicability;
use fmlint::run::{self, FixRequest, LinkFlags, Outcome, Request};
use std::path::{Path, PathBuf};

/// A post whose thumbnail, at `url`, is under a `link/broken` suppression.
fn post(url: &str) -> String {
    format!(
        "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n# fmlint-disable-next-line link/broken\nthumbnail: \"{url}\"\n---\nBody.\n"
    )
}

fn check(dir: &Path, offline: bool, fix: Option<FixRequest>) -> Outcome {
    let request = Request {
        paths: vec![PathBuf::from("a.md")],
        jobs: 1,
        fix,
        links: LinkFlags {
            allow_private: true,
            no_cache: true,
            offline,
            ..LinkFlags::default()
        },
        ..Request::default()
    };
    let config = Config::parse("", dir.to_path_buf(), None).unwrap();
    run::run(&request, &config, dir).unwrap()
}

fn codes(outcome: &Outcome) -> Vec<&'static str> {
    let all = outcome.reports.iter().flat_map(|r| &r.diagnostics);
    all.map(|d| d.code.name).collect()
}

#[test]
fn an_unused_remote_suppression_is_reported_after_the_link_phase() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let text = post(&server.url("/image.png"));
    std::fs::write(dir.path().join("a.md"), &text).unwrap();
    assert_eq!(
        codes(&check(dir.path(), false, None)),
        ["suppression/unused"]
    );
    assert!(
        codes(&check(dir.path(), true, None)).is_empty(),
        "not judged offline"
    );

    let fix = FixRequest {
        level: Applicability::Safe,
        write: true,
    };
    let fixed = check(dir.path(), false, Some(fix));
    assert!(codes(&fixed).is_empty(), "{:?}", codes(&fixed));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        text.replace("# fmlint-disable-next-line link/broken\n", "")
    );
}

#[test]
fn a_used_remote_suppression_silences_and_is_not_reported() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), post(&server.url("/404"))).unwrap();
    assert!(codes(&check(dir.path(), false, None)).is_empty());
    assert!(server.count("/404") > 0, "the link was checked");
}
