//! Hostile servers: bodies and headers that never end, a slowloris trickle, redirects out
//! of bounds, a gzip bomb. Every check ends within its time budget, and none of them
//! passes as a good link unless the server did give a good answer (its status line).

use crate::server::{gzip, Server};
use crate::{options, requests};
use fmlint::diagnostic::Diagnostic;
use fmlint::links;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Check one link to each of `paths` on `server`; returns path -> (code, message) for
/// each finding and the time the check took.
fn check(
    server: &Server,
    paths: &[&str],
    options: &links::RemoteOptions,
) -> (BTreeMap<String, (String, String)>, Duration) {
    let text: String = paths
        .iter()
        .map(|p| format!("[x]({}) ", server.url(p)))
        .collect();
    let started = Instant::now();
    let (findings, _, warnings) = links::check_remote(requests(0, &text), options, false);
    let elapsed = started.elapsed();
    assert!(warnings.is_empty(), "{warnings:?}");
    let prefix = server.url("");
    let found = findings
        .into_iter()
        .map(|(_, d): (usize, Diagnostic)| {
            let url = &text[d.span.start..d.span.end];
            (
                url.strip_prefix(&prefix).unwrap_or(url).to_string(),
                (d.code.name.to_string(), d.message),
            )
        })
        .collect();
    (found, elapsed)
}

#[test]
fn endless_and_trickling_answers_end_within_the_timeout() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut options = options(cache.path());
    options.no_cache = true;
    options.fetch.timeout = Duration::from_millis(500);
    options.budget = Duration::from_secs(5);
    let (found, elapsed) = check(
        &server,
        &[
            "/endless-body",
            "/endless-body-503",
            "/endless-headers",
            "/trickle-headers",
            "/trickle-body",
            "/trickle-body-200",
        ],
        &options,
    );
    // Two attempts of 500 ms at most for the timeouts, in parallel: well within the budget.
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    let code = |path: &str| found.get(path).map(|(c, _)| c.as_str());
    let message = |path: &str| found.get(path).map_or("", |(_, m)| m.as_str());
    // A head that never ends is refused by the HTTP client as too large.
    assert_eq!(
        code("/endless-headers"),
        Some("link/unreachable"),
        "{found:?}"
    );
    assert!(
        message("/endless-headers").contains("message head is too large"),
        "{found:?}"
    );
    // A head that trickles is a timeout, retried once.
    assert_eq!(
        code("/trickle-headers"),
        Some("link/unreachable"),
        "{found:?}"
    );
    assert!(
        message("/trickle-headers").contains("timed out"),
        "{found:?}"
    );
    assert!(
        message("/trickle-headers").contains("2 attempts"),
        "{found:?}"
    );
    // A 503 is judged by its status whatever its body does; the body is read only up to
    // its cap (it may show bot protection) and never past the timeout.
    assert_eq!(
        code("/endless-body-503"),
        Some("link/unreachable"),
        "{found:?}"
    );
    assert!(message("/endless-body-503").contains("503"), "{found:?}");
    assert_eq!(code("/trickle-body"), Some("link/unreachable"), "{found:?}");
    assert!(server.sent("/endless-body-503") < 16 * 1024 * 1024);
    // A 200 is a good answer: its body is not read at all, so neither an endless nor a
    // trickling one costs time (an audio stream or a slow download is a good link).
    assert_eq!(code("/endless-body"), None, "{found:?}");
    assert_eq!(code("/trickle-body-200"), None, "{found:?}");
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn the_budget_ends_a_run_of_hostile_servers_with_a_long_timeout() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut options = options(cache.path());
    options.no_cache = true;
    options.fetch.timeout = Duration::from_secs(30);
    options.budget = Duration::from_secs(1);
    let paths = ["/trickle-headers", "/trickle-body", "/endless-body-503"];
    let (found, elapsed) = check(&server, &paths, &options);
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    for path in ["/trickle-headers", "/trickle-body"] {
        let (code, message) = &found[path];
        assert_eq!(code, "link/unreachable", "{path}");
        assert!(
            message.contains("time budget (1s, `links.budget`) ran out"),
            "{path}: {message}"
        );
    }
    // The endless 503 is cut at the body cap, retried, and reported before the budget
    // or at it, never as good.
    assert_eq!(found["/endless-body-503"].0, "link/unreachable");
}

#[test]
fn redirects_out_of_bounds_under_the_default_policy() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut options = options(cache.path());
    options.no_cache = true;
    // The default policy, with the test server itself let through by name.
    options.policy.allow_private = false;
    options.policy.allow_hosts = vec!["127.0.0.1".into()];
    let (found, elapsed) = check(
        &server,
        &["/to-file", "/to-private", "/to-metadata"],
        &options,
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let (code, message) = &found["/to-file"];
    assert_eq!(code, "link/broken");
    assert!(message.contains("file:///etc/passwd"), "{message}");
    assert!(message.contains("not an http(s) URL"), "{message}");
    for (path, target) in [
        ("/to-private", "localhost"),
        ("/to-metadata", "169.254.169.254"),
    ] {
        let (code, message) = &found[path];
        assert_eq!(code, "link/unreachable", "{path}");
        assert!(
            message.contains(target) && message.contains("non-public address"),
            "{path}: {message}"
        );
    }
    assert_eq!(
        server.count("/secret"),
        0,
        "nothing goes to the private target"
    );
}

#[test]
fn a_gzip_bomb_is_never_inflated() {
    let member = gzip::zeros(1 << 20);
    assert!(member.len() < 8 * 1024, "{}", member.len());
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut options = options(cache.path());
    options.no_cache = true;
    options.fetch.timeout = Duration::from_secs(2);
    let (found, elapsed) = check(&server, &["/gzip-bomb"], &options);
    // fmlint's HTTP client has no gzip decoding: it does not ask for gzip, and the answer
    // is judged by its status (200) without its body being read, let alone inflated.
    assert!(found.is_empty(), "{found:?}");
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let head = server.head("/gzip-bomb");
    assert!(head.starts_with("get /gzip-bomb"), "{head}");
    assert!(!head.contains("accept-encoding"), "{head}");
    assert!(server.sent("/gzip-bomb") < 1024 * member.len());
}

/// A loopback port whose every connection gets `answer` written to it once the client
/// has stopped writing (the whole TLS hello read, so that closing sends no reset), and is
/// then closed (a thread serves it until the test process ends).
fn raw_server(answer: &'static [u8]) -> u16 {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = stream.set_read_timeout(Some(Duration::from_millis(100)));
            let mut buffer = [0u8; 4096];
            while matches!(stream.read(&mut buffer), Ok(n) if n > 0) {}
            let _ = stream.write_all(answer);
        }
    });
    port
}

/// TLS that cannot work (plain HTTP on an `https` URL) is a broken link; a connection
/// that the server closes in the middle of the handshake is a network failure, which is
/// never a broken link.
#[test]
fn tls_that_cannot_work_is_broken_a_handshake_cut_short_is_unreachable() {
    let cache = tempfile::tempdir().unwrap();
    let mut options = options(cache.path());
    options.no_cache = true;
    let plain = raw_server(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok");
    let closed = raw_server(b"");
    let text = format!("[a](https://127.0.0.1:{plain}/page) [b](https://127.0.0.1:{closed}/page)");
    let (mut findings, _, _) = links::check_remote(requests(0, &text), &options, false);
    findings.sort_by_key(|(_, d)| d.span.start);
    let found: Vec<(&str, &str)> = findings
        .iter()
        .map(|(_, d)| (d.code.name, d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "link/broken", "{found:?}");
    assert!(found[0].1.contains("TLS"), "{found:?}");
    assert_eq!(found[1].0, "link/unreachable", "{found:?}");
}
