//! The address policy end to end: a page linking to literal addresses that are not
//! globally reachable (shared space, NAT64, 6to4, benchmarking, IETF assignments...) gets
//! each left unrequested by `fmlint` without `--allow-private` (a note says how many), and none of those that lead to the
//! test server on 127.0.0.1 reaches it.

use crate::server::Server;

#[test]
fn special_purpose_addresses_are_refused_before_any_connection() {
    let server = Server::start();
    let port = server
        .url("/")
        .split(':')
        .nth(2)
        .map_or(String::new(), |p| p.trim_end_matches('/').to_string());
    // Each of these carries 127.0.0.1, where the test server listens.
    let to_server = [
        format!("http://[::ffff:127.0.0.1]:{port}/ok"),
        format!("http://[::ffff:0:127.0.0.1]:{port}/ok"),
        format!("http://[::127.0.0.1]:{port}/ok"),
        format!("http://[64:ff9b::7f00:1]:{port}/ok"),
        format!("http://[2002:7f00:1::1]:{port}/ok"),
    ];
    let elsewhere = [
        "http://100.100.100.200/latest/meta-data/",
        "http://192.0.0.192/",
        "http://198.18.0.1/",
        "http://240.0.0.1/",
        "http://[64:ff9b:1::808:808]/",
        "http://[2001:2::1]/",
        "http://[3fff::1]/",
    ];
    let urls: Vec<String> = to_server
        .iter()
        .cloned()
        .chain(elsewhere.iter().map(|u| u.to_string()))
        .collect();
    let body: String = urls.iter().map(|u| format!("- <{u}>\n")).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!("---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\n{body}"),
    )
    .unwrap();
    let output = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .current_dir(dir.path())
        .args(["--no-cache", "--format", "json", "a.md"])
        .output()
        .expect("the binary runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(
        report["diagnostics"],
        serde_json::json!([]),
        "a refusal is no finding"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let note = format!(
        "{} not requested: not a globally reachable address (--allow-private)",
        urls.len()
    );
    assert!(stderr.contains(&note), "{stderr}");
    assert_eq!(server.total(), 0, "no request reached the server");
}
