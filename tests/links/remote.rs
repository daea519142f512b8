//! Remote checks against the in-process server: verdicts, spans, fixes, one request per
//! URL, the cache, offline mode, the address policy, retries and the time budget.

use crate::server::Server;
use crate::{at, options, requests};
use fmlint::diagnostic::{Applicability, Severity};
use fmlint::links::{self, LinkKind, RemoteRequest};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// (URL path, code) of each finding, and the file text each span must point into.
fn by_path(
    server: &Server,
    text: &str,
    findings: &[(usize, fmlint::diagnostic::Diagnostic)],
) -> BTreeMap<String, String> {
    let prefix = server.url("");
    findings
        .iter()
        .map(|(_, d)| {
            let source = &text[d.span.start..d.span.end];
            let path = source.strip_prefix(&prefix).unwrap_or(source).to_string();
            (path, d.code.name.to_string())
        })
        .collect()
}

#[test]
fn verdicts_spans_retries_and_fixes() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let paths = [
        "/ok",
        "/404",
        "/410",
        "/moved",
        "/301",
        "/temp",
        "/loop-a",
        "/to-private",
        "/429",
        "/503",
        "/head-405",
        "/slow",
        "/huge",
        "/bot",
        "/forbidden",
    ];
    let mut text = String::from("---\ntitle: 链接\n---\n中文 ");
    for path in paths {
        text.push_str(&format!("[{path}]({}#frag) ", server.url(path)));
    }
    text.push_str(&format!(
        "\n![img]({}) ![page]({})\n",
        server.url("/image.png"),
        server.url("/page.html")
    ));
    let mut options = options(cache.path());
    // Loopback through a named exemption: the redirect to `localhost` is not exempt.
    options.policy.allow_private = false;
    options.policy.allow_hosts = vec!["127.0.0.1".into()];
    let started = Instant::now();
    let (findings, summary, warnings) = links::check_remote(requests(0, &text), &options, false);
    let elapsed = started.elapsed();
    assert!(warnings.is_empty(), "{warnings:?}");

    let expected: BTreeMap<String, String> = [
        ("/404#frag", "link/broken"),
        ("/410#frag", "link/broken"),
        ("/moved#frag", "link/redirected"),
        ("/301#frag", "link/redirected"),
        ("/loop-a#frag", "link/broken"),
        ("/slow#frag", "link/unreachable"),
        ("/bot#frag", "link/unreachable"),
        ("/forbidden#frag", "link/broken"),
        ("/page.html", "link/broken"),
        // A redirect the address policy does not let fmlint follow cannot be checked.
        ("/to-private#frag", "link/unreachable"),
    ]
    .into_iter()
    .map(|(p, c)| (p.to_string(), c.to_string()))
    .collect();
    assert_eq!(by_path(&server, &text, &findings), expected);

    let message = |path: &str| {
        let (_, d) = findings
            .iter()
            .find(|(_, d)| text[d.span.start..d.span.end].contains(path))
            .expect(path);
        d.clone()
    };
    assert!(message("/loop-a").message.contains("redirect loop"));
    assert!(message("/bot")
        .message
        .contains("bot protection (Cloudflare)"));
    assert!(message("/forbidden")
        .message
        .contains("no sign of bot protection"));
    assert!(message("/page.html").message.contains("text/html"));
    assert!(message("/404").message.contains("404 Not Found"));
    assert_eq!(message("/slow").severity, Severity::Warning);

    // The fix rewrites the URL span to the final target of the permanent chain, keeping
    // the fragment; it is unsafe.
    let chain = message("/301");
    let fix = chain.fix.expect("redirect fix");
    assert_eq!(fix.applicability, Applicability::Unsafe);
    assert_eq!(fix.edits[0].span, chain.span);
    assert_eq!(
        fix.edits[0].replacement,
        format!("{}#frag", server.url("/ok"))
    );
    assert!(chain.message.contains("(301, 308)"));

    // Requests: HEAD only for good answers; HEAD then GET when refused; retries for
    // 429/503 and one for the timeout; nothing for the private redirect target.
    assert_eq!(
        server.count("/ok"),
        4,
        "direct, and the targets of 3 redirects"
    );
    assert_eq!(server.count("/head-405"), 2);
    assert_eq!(server.count("/429"), 2);
    assert_eq!(server.count("/503"), 2);
    assert_eq!(server.count("/slow"), 2, "a timeout is retried once");
    assert_eq!(server.count("/huge"), 2);
    assert_eq!(server.count("/secret"), 0);
    assert_eq!(summary.skipped_policy, 0);
    assert_eq!(summary.checked, paths.len() + 2);
    // 429 waited for its Retry-After (capped at 200 ms), and the huge body was cut short.
    assert!(elapsed >= Duration::from_millis(200), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn one_request_per_url_however_many_files_use_it() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let upper = server
        .url("/ok")
        .replace("http://127.0.0.1", "HTTP://127.0.0.1");
    let mut all: Vec<RemoteRequest> = Vec::new();
    for file in 0..50 {
        let text = format!(
            "[a]({}) [b]({upper}#x) ![i]({}) [c]({})",
            server.url("/ok"),
            server.url("/image.png"),
            server.url("/404")
        );
        all.extend(requests(file, &text));
    }
    let (findings, summary, _) = links::check_remote(all, &options(cache.path()), false);
    assert_eq!(server.count("/ok"), 1);
    assert_eq!(server.count("/image.png"), 1);
    assert_eq!(server.count("/404"), 2, "HEAD, then GET");
    assert_eq!(summary.checked, 3);
    // Every use is reported, in file order.
    let files: Vec<usize> = findings.iter().map(|(f, _)| *f).collect();
    assert_eq!(files, (0..50).collect::<Vec<_>>());
}

#[test]
fn warm_cache_sends_no_request_for_good_links() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let text = format!(
        "[a]({}) [b]({}) [c]({}) ![d]({})",
        server.url("/ok"),
        server.url("/moved"),
        server.url("/404"),
        server.url("/image.png")
    );
    let options = options(cache.path());
    let (first, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert_eq!(summary.cached, 0);
    let before = server.total();
    let (second, summary, warnings) = links::check_remote(requests(0, &text), &options, false);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(summary.cached, 3);
    assert_eq!(summary.checked, 1, "the failure is checked again");
    assert_eq!(server.total() - before, 2, "only /404, HEAD then GET");
    assert_eq!(
        first, second,
        "the cached redirect is still reported, with its fix"
    );

    // --no-cache asks again.
    let mut no_cache = options.clone();
    no_cache.no_cache = true;
    let (_, summary, _) = links::check_remote(requests(0, &text), &no_cache, false);
    assert_eq!(summary.cached, 0);
    assert_eq!(summary.checked, 4);
}

#[test]
fn offline_sends_nothing() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let text = format!(
        "[a]({}) [b]({}) [c](/local)",
        server.url("/ok"),
        server.url("/404")
    );
    let mut options = options(cache.path());
    options.offline = true;
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert!(findings.is_empty());
    assert_eq!(summary.skipped_offline, 2);
    assert_eq!(server.total(), 0);
}

#[test]
fn the_default_policy_sends_nothing_to_loopback() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let localhost = server.url("/ok").replace("127.0.0.1", "localhost");
    let text = format!(
        "[a]({}) [b]({localhost}) [c](http://[::1]:{}/ok)",
        server.url("/ok"),
        server.port
    );
    let mut options = options(cache.path());
    options.policy.allow_private = false;
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(summary.skipped_policy, 3);
    assert_eq!(server.total(), 0);
}

#[test]
fn localhost_and_127_0_0_1_share_one_concurrency_key() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..6 {
        text.push_str(&format!("[a]({}) ", server.url(&format!("/delay/{i}"))));
        let named = server
            .url(&format!("/delay/n{i}"))
            .replace("127.0.0.1", "localhost");
        text.push_str(&format!("[b]({named}) "));
    }
    let mut options = options(cache.path());
    options.fetch.per_host = 2;
    options.fetch.max_concurrency = 16;
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(summary.checked, 12);
    assert!(server.max_inflight() <= 2, "{}", server.max_inflight());
}

#[test]
fn a_corrupt_cache_is_survived() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let file = cache.path().join("links.json");
    std::fs::write(&file, "{\"version\": 1, \"entries\": {\"x\": tru").unwrap();
    let text = format!("[a]({})", server.url("/ok"));
    let (findings, summary, warnings) =
        links::check_remote(requests(0, &text), &options(cache.path()), false);
    assert!(findings.is_empty());
    assert_eq!(summary.checked, 1);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("ignoring the link cache"));
    // A file fmlint cannot recognise as its cache is never overwritten, even at the
    // cache's own path: the warning says so, and removing it starts a new cache.
    assert!(
        warnings[0].contains("will not be overwritten"),
        "{warnings:?}"
    );
    let kept = std::fs::read_to_string(&file).unwrap();
    assert_eq!(kept, "{\"version\": 1, \"entries\": {\"x\": tru");
    std::fs::remove_file(&file).unwrap();
    let (_, _, warnings) = links::check_remote(requests(0, &text), &options(cache.path()), false);
    assert!(warnings.is_empty(), "{warnings:?}");
    let (_, summary, warnings) =
        links::check_remote(requests(0, &text), &options(cache.path()), false);
    assert!(warnings.is_empty());
    assert_eq!(summary.cached, 1);
}

#[test]
fn the_budget_ends_a_run_and_strict_makes_errors() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let text = format!("[a]({})", server.url("/slow"));
    let mut options = options(cache.path());
    options.fetch.timeout = Duration::from_secs(5);
    options.budget = Duration::from_millis(300);
    options.strict = true;
    let started = Instant::now();
    let (findings, _, _) = links::check_remote(requests(0, &text), &options, false);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(findings.len(), 1);
    let diagnostic = &findings[0].1;
    assert_eq!(diagnostic.code.name, "link/unreachable");
    assert_eq!(diagnostic.severity, Severity::Error);
    assert!(
        diagnostic.message.contains("budget"),
        "{}",
        diagnostic.message
    );
}

#[test]
fn excluded_local_only_and_invalid_urls() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let text = format!(
        "[a]({}) [b]({}) [c](http://exa%mple/)",
        server.url("/ok"),
        server.url("/404")
    );
    let mut options = options(cache.path());
    options.exclude = vec![regex_lite::Regex::new("/404$").unwrap()];
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert_eq!(summary.excluded, 1);
    assert_eq!(server.count("/404"), 0);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1.code.name, "link/broken");
    assert!(findings[0].1.message.contains("not a valid URL"));

    options.check = fmlint::config::LinkCheck::Local;
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert!(findings.is_empty());
    assert_eq!(summary, Default::default());
}

#[test]
fn a_front_matter_thumbnail_must_be_an_image() {
    let server = Server::start();
    let cache = tempfile::tempdir().unwrap();
    let text = format!(
        "---\ntitle: t\nthumbnail: \"{}\"\n---\nbody\n",
        server.url("/page.html")
    );
    let link = fmlint::links::Link {
        url: server.url("/page.html"),
        span: fmlint::tree::Span::new(
            text.find("http").unwrap(),
            text.find("http").unwrap() + server.url("/page.html").len(),
        ),
        kind: LinkKind::FrontMatter {
            field: "thumbnail".into(),
            image: true,
        },
    };
    assert_eq!(at(&text, &link), server.url("/page.html"));
    let request = RemoteRequest { file: 7, link };
    let (findings, _, _) = links::check_remote(vec![request], &options(cache.path()), false);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].0, 7);
    assert!(
        findings[0].1.message.starts_with("`thumbnail`"),
        "{}",
        findings[0].1.message
    );
    assert!(findings[0].1.message.contains("not an image"));
}

#[test]
fn a_refused_connection_is_unreachable_never_broken() {
    let cache = tempfile::tempdir().unwrap();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let text = format!("[a](http://127.0.0.1:{port}/gone)");
    let (findings, _, _) = links::check_remote(requests(0, &text), &options(cache.path()), false);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].1.code.name, "link/unreachable");
    assert!(
        findings[0].1.message.contains("refused"),
        "{}",
        findings[0].1.message
    );
}

#[test]
fn a_name_that_does_not_exist_is_broken() {
    use std::net::ToSocketAddrs;
    // `.invalid` never exists (RFC 6761); without a resolver the lookup fails otherwise,
    // and then the link must be unreachable instead.
    let host = "fmlint-test.invalid";
    let nxdomain = match (host, 80).to_socket_addrs() {
        Ok(_) => return,
        Err(e) => e.to_string().contains("Name or service not known"),
    };
    let cache = tempfile::tempdir().unwrap();
    // Alone, a name that does not resolve may only mean there is no network at all.
    let alone = format!("[a](https://{host}/x)");
    let mut options = options(cache.path());
    options.policy.allow_private = false;
    options.no_cache = true;
    let (findings, _, _) = links::check_remote(requests(0, &alone), &options, false);
    assert_eq!(findings[0].1.code.name, "link/unreachable");
    assert!(findings[0].1.message.contains("network or DNS looks down"));
    // With another name resolving (`localhost`, skipped by the policy), DNS works.
    let text = format!("[a](https://{host}/x) [b](http://localhost:9/)");
    let (findings, summary, _) = links::check_remote(requests(0, &text), &options, false);
    assert_eq!(findings.len(), 1);
    let expected = if nxdomain {
        "link/broken"
    } else {
        "link/unreachable"
    };
    assert_eq!(
        findings[0].1.code.name, expected,
        "{}",
        findings[0].1.message
    );
    assert_eq!(summary.requests, 0, "no HTTP request without an address");
}
