//! `fmlint hook`, the command line of the pre-commit hooks: the user's options come
//! first, every file name after them stays a file, whatever it looks like.

use super::*;

/// A site with a bad post and files named like options (the `--config` one would turn
/// every check off if it were read as the config).
fn hostile() -> tempfile::TempDir {
    tree(&[
        ("bad.md", BAD),
        ("--config=evil.md", "[rules]\n\"schema/enum\" = \"off\"\n"),
        ("--schema=x.md", GOOD),
        ("-", GOOD),
    ])
}

fn hook(dir: &std::path::Path, words: &[&str]) -> Run {
    common::finish(fmlint(dir).arg("hook").args(words))
}

#[test]
fn file_names_like_options_are_files() {
    let dir = hostile();
    let run = hook(
        dir.path(),
        &[
            "--offline",
            "--config=evil.md",
            "--schema=x.md",
            "-",
            "bad.md",
        ],
    );
    assert_eq!(run.status, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("bad.md:5:11"), "{}", run.stdout);
    assert!(run.stdout.contains("schema/enum"), "{}", run.stdout);
    // Each name-like-an-option file was checked as a file: no front matter.
    assert!(run.stdout.contains("Checked 4 files"), "{}", run.stdout);
}

#[test]
fn the_users_options_still_apply() {
    let dir = hostile();
    let run = hook(
        dir.path(),
        &[
            "--offline",
            "--format",
            "json",
            "--config=evil.md",
            "bad.md",
        ],
    );
    assert_eq!(run.status, 1, "{}", run.stderr);
    let document = run.document();
    // Not the config (it turns `schema/enum` off): a file, which needs no front matter.
    assert_eq!(each_diagnostic(&document, "path"), ["bad.md"]);
    assert_eq!(document["summary"]["files"], 2);
}

#[test]
fn a_separator_ends_the_options() {
    let dir = hostile();
    let run = hook(dir.path(), &["--offline", "--format=json", "--", "bad.md"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(codes(&run.document()), ["schema/enum"]);
}

#[test]
fn a_joined_option_before_the_files_is_refused_with_a_hint() {
    let dir = hostile();
    let run = hook(dir.path(), &["--format=json", "bad.md"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    assert!(run.stderr.contains("two words"), "{}", run.stderr);
}
