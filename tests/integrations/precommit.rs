//! The real `pre-commit` tool (from PyPI, in a virtual environment of its own) running
//! this repository's `.pre-commit-hooks.yaml` on a throwaway site: the `fmlint` hook
//! catches a bad post, `fmlint-fix` fixes a fixable one.
//!
//! The hook repository is a git snapshot of this working tree; pre-commit clones it and
//! builds fmlint with `cargo install`, exactly as for a user. The cargo build is sped up
//! for the test (no LTO, no optimisation, a target folder kept between runs). The test is
//! skipped, loudly, only when pip cannot reach the package index.

use super::*;
use std::process::Output;

/// Where state kept between runs lives (the venv, cargo's target folder).
fn cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("pre-commit")
}

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import venv"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

fn venv_bin(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}

fn text(output: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The `pre-commit` executable, installed on first use; `None` when PyPI is unreachable.
/// Tests run in parallel: the first to ask installs it, the others wait for that.
fn pre_commit() -> Option<PathBuf> {
    static INSTALLED: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    INSTALLED.get_or_init(install_pre_commit).clone()
}

fn install_pre_commit() -> Option<PathBuf> {
    let venv = cache().join("venv");
    let exe = venv_bin(&venv, "pre-commit");
    if exe.is_file() {
        return Some(exe);
    }
    let python =
        python().expect("python 3 with the venv module is needed to test the pre-commit hooks");
    let made = Command::new(python)
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .expect("python runs");
    assert!(made.status.success(), "cannot make a venv: {}", text(&made));
    let pip = Command::new(venv_bin(&venv, "python"))
        .args([
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--quiet",
            "pre-commit",
        ])
        .output()
        .expect("pip runs");
    if !pip.status.success() {
        let stderr = String::from_utf8_lossy(&pip.stderr);
        let offline = [
            "NewConnectionError",
            "Failed to establish a new connection",
            "Temporary failure in name resolution",
            "Name or service not known",
            "No matching distribution found for pre-commit",
            "ConnectTimeoutError",
            "Network is unreachable",
            "ProxyError",
        ]
        .iter()
        .any(|sign| stderr.contains(sign));
        let _ = std::fs::remove_dir_all(&venv);
        if offline {
            eprintln!(
                "SKIPPED pre-commit hook test: pip cannot reach the package index:\n{stderr}"
            );
            return None;
        }
        panic!("pip install pre-commit failed: {}", text(&pip));
    }
    Some(exe)
}

/// A git snapshot of this working tree (tracked and untracked files, not ignored ones).
fn hook_repository(into: &Path) -> String {
    let source = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = git(
        source,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for name in listed.split('\0').filter(|n| !n.is_empty()) {
        let from = source.join(name);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = into.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&from, &to).expect("copy");
    }
    git(into, &["init", "-q"]);
    git(into, &["add", "-A"]);
    git(into, &["commit", "-q", "-m", "snapshot"]);
    git(into, &["rev-parse", "HEAD"]).trim().to_string()
}

fn pre_commit_run(exe: &Path, site: &Path, home: &Path, args: &[&str]) -> Output {
    Command::new(exe)
        .current_dir(site)
        .arg("run")
        .args(args)
        .args(["--all-files", "--color", "never"])
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_TARGET_DIR", cache().join("target"))
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
        .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
        .env("NO_COLOR", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("pre-commit runs")
}

/// A site in a git repository whose `.pre-commit-config.yaml` lists `hooks` (the YAML
/// of its `hooks:` entries) from a local copy of fmlint's hook repository; `None` (with
/// a message) when pre-commit cannot be installed.
struct HookSite {
    _work: tempfile::TempDir,
    exe: PathBuf,
    site: PathBuf,
    home: PathBuf,
}

impl HookSite {
    fn new(files: &[(&str, &str)], hooks_yaml: &str) -> Option<Self> {
        let exe = pre_commit()?;
        let work = tempfile::tempdir().expect("temp dir");
        let hooks = work.path().join("hooks");
        let rev = hook_repository(&hooks);
        let site = work.path().join("site");
        let home = work.path().join("pre-commit-home");
        let repo = serde_json::Value::from(hooks.to_string_lossy().as_ref());
        let config = format!("repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks_yaml}");
        write(&site, files);
        write(&site, &[(".pre-commit-config.yaml", &config)]);
        git(&site, &["init", "-q"]);
        git(&site, &["add", "-A"]);
        Some(HookSite {
            _work: work,
            exe,
            site,
            home,
        })
    }

    fn run(&self, hooks: &[&str]) -> Output {
        pre_commit_run(&self.exe, &self.site, &self.home, hooks)
    }
}

#[test]
fn pre_commit_hooks_catch_and_fix() {
    let files = [
        ("content/post/bad.md", BAD),
        ("content/post/fixable.md", FIXABLE),
        ("content/post/good.md", GOOD),
    ];
    let hooks = "      - id: fmlint\n        args: [--offline]\n      - id: fmlint-fix\n        args: [--offline]\n";
    let Some(hooked) = HookSite::new(&files, hooks) else {
        return;
    };
    let site = &hooked.site;

    // The check hook fails on both broken posts and changes nothing.
    let check = hooked.run(&["fmlint"]);
    let out = text(&check);
    assert_eq!(check.status.code(), Some(1), "{out}");
    assert!(
        out.contains("content/post/bad.md") && out.contains("schema/enum"),
        "{out}"
    );
    assert!(
        out.contains("content/post/fixable.md") && out.contains("schema/type"),
        "{out}"
    );
    assert!(!out.contains("content/post/good.md"), "{out}");
    assert_eq!(
        std::fs::read_to_string(site.join("content/post/fixable.md")).unwrap(),
        FIXABLE
    );

    // The fix hook fixes what is safe, and still fails on what is not.
    let fix = hooked.run(&["fmlint-fix"]);
    let out = text(&fix);
    assert_eq!(fix.status.code(), Some(1), "{out}");
    assert_eq!(
        std::fs::read_to_string(site.join("content/post/fixable.md")).unwrap(),
        FIXABLE.replace("\"false\"", "false"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("content/post/bad.md")).unwrap(),
        BAD
    );

    // With the bad post gone, every hook passes.
    std::fs::remove_file(site.join("content/post/bad.md")).unwrap();
    git(site, &["add", "-A"]);
    let clean = hooked.run(&[]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean));
}

/// Committed files named like options stay files under the real pre-commit: read as
/// options they would turn every check off (a config silencing `schema/enum`, a schema
/// that accepts anything). The user's own `args:` still apply.
#[test]
fn file_names_are_never_options_under_pre_commit() {
    let files = [
        ("content/post/bad.md", BAD),
        ("--config=evil.md", GOOD),
        ("evil.md", "[rules]\n\"schema/enum\" = \"off\"\n"),
        ("--schema=x.md", GOOD),
        ("x.md", "true\n"),
    ];
    let hooks = "      - id: fmlint\n        args: [--offline]\n      - id: fmlint\n        alias: fmlint-json\n        args: [--offline, --format, json]\n";
    let Some(hooked) = HookSite::new(&files, hooks) else {
        return;
    };

    let human = hooked.run(&["fmlint"]);
    let out = text(&human);
    assert_eq!(human.status.code(), Some(1), "{out}");
    assert!(out.contains("content/post/bad.md:5:11"), "{out}");
    assert!(out.contains("schema/enum"), "{out}");

    let json = hooked.run(&["fmlint-json"]);
    let out = text(&json);
    assert_eq!(json.status.code(), Some(1), "{out}");
    assert!(
        out.contains("\"path\": \"content/post/bad.md\"")
            && out.contains("\"code\": \"schema/enum\""),
        "{out}"
    );
}
