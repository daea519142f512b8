//! The link cache is untrusted input, end to end through the binary: whatever a
//! repository puts at `links.cache` (another project's JSON file, a FIFO, a device, a
//! folder, a cache with doctored entries), a run finishes, says so once, uses no entry
//! fmlint could not have written, and never overwrites a file that is not its cache.

use crate::server::Server;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

/// A page with one remote link to the test server.
fn site(server: &Server, cache: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("fmlint.toml"),
        format!("[links]\ncache = \"{cache}\"\nallow_private = true\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        format!(
            "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\n---\nSee [it]({}).\n",
            server.url("/ok")
        ),
    )
    .unwrap();
    dir
}

/// Run fmlint in `dir`; a watchdog fails the test if the run does not end (a read that
/// blocks on a FIFO would hang forever).
fn run(dir: &Path) -> Output {
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("a.md")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let id = child.id();
    let (done, waiting) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if waiting.recv_timeout(Duration::from_secs(60)).is_err() {
            let _ = std::process::Command::new("kill")
                .args(["-9", &id.to_string()])
                .status();
            panic!("fmlint did not finish within 60 s");
        }
    });
    let output = child.wait_with_output().expect("the run ends");
    let _ = done.send(());
    watchdog.join().expect("the run finished in time");
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn another_json_file_is_neither_used_nor_overwritten() {
    let server = Server::start();
    let dir = site(&server, "package.json");
    let package = "{\n  \"name\": \"my-site\",\n  \"version\": \"1.0.0\"\n}\n";
    std::fs::write(dir.path().join("package.json"), package).unwrap();
    let output = run(dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.count("/ok"), 1, "the link was checked");
    let said = stderr(&output);
    assert_eq!(said.matches("not fmlint's link cache").count(), 1, "{said}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("package.json")).unwrap(),
        package
    );
}

#[test]
fn a_fifo_a_device_or_a_folder_is_refused_without_waiting() {
    let server = Server::start();
    for kind in ["fifo", "device", "folder"] {
        let dir = site(&server, "cache.json");
        let cache = dir.path().join("cache.json");
        match kind {
            "fifo" => {
                let made = std::process::Command::new("mkfifo").arg(&cache).status();
                if !made.is_ok_and(|s| s.success()) {
                    eprintln!("skipped the FIFO: mkfifo is not available");
                    continue;
                }
            }
            "device" => std::os::unix::fs::symlink("/dev/zero", &cache).unwrap(),
            _ => std::fs::create_dir(&cache).unwrap(),
        }
        let output = run(dir.path());
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(0), "{kind}: {said}");
        assert!(said.contains("not a regular file"), "{kind}: {said}");
        let still = std::fs::symlink_metadata(&cache).unwrap().file_type();
        assert!(!still.is_file(), "{kind}: nothing was written over it");
    }
}

#[test]
fn an_oversized_cache_is_not_read() {
    let server = Server::start();
    let dir = site(&server, "cache.json");
    let cache = std::fs::File::create(dir.path().join("cache.json")).unwrap();
    cache.set_len(300 << 20).unwrap();
    let output = run(dir.path());
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("larger than 256 MiB"), "{said}");
    assert_eq!(server.count("/ok"), 1, "the link was checked");
}

#[test]
fn doctored_entries_are_dropped_with_one_warning() {
    let server = Server::start();
    let dir = site(&server, "cache.json");
    let ok = server.url("/ok");
    let entry = |to: &str| {
        serde_json::json!({
            "checked": 1_700_000_000u64,
            "status": 200,
            "content_type": "text/html",
            "redirects": [{"status": 301, "to": to}],
            "private": true,
        })
    };
    let doctored = serde_json::json!({
        "version": 1,
        "entries": {
            ok.clone(): entry("javascript:alert(1)"),
            "https://a.example/x": entry("https://b.example/\n---\nevil: 1"),
        },
    });
    std::fs::write(dir.path().join("cache.json"), doctored.to_string()).unwrap();
    let output = run(dir.path());
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert_eq!(
        said.matches("invalid entries were dropped").count(),
        1,
        "{said}"
    );
    assert_eq!(server.count("/ok"), 1, "the dropped entry was asked again");
    let rewritten = std::fs::read_to_string(dir.path().join("cache.json")).unwrap();
    assert!(!rewritten.contains("javascript:"), "{rewritten}");
    assert!(!rewritten.contains("evil"), "{rewritten}");
}
