//! `--fix`, `--unsafe-fixes`, `--diff` and editor mode: every fixture fixed and pinned by a
//! snapshot, and the invariants checked in code for each: the result parses, its data
//! changes only where a fixable diagnostic was, bytes outside the front matter are
//! identical, comments survive, and a second `--fix` changes nothing.

use super::*;
use fmlint::parse::Limits;
use fmlint::split::{self, Format, Split};
use serde_json::Value;

/// The front matter's data, the text before and after it, and its spanned tree.
fn front(text: &str) -> (Value, String, String, fmlint::tree::Node) {
    let Split::Block {
        format,
        open,
        block,
    } = split::split(text)
    else {
        panic!("no front matter in {text:?}");
    };
    let limits = Limits::default();
    let (root, block) = match format {
        Format::Yaml => (
            fmlint::parse::yaml::parse(text, block.clone(), &limits).unwrap(),
            block,
        ),
        Format::Toml => (
            fmlint::parse::toml::parse(text, block.clone(), &limits).unwrap(),
            block,
        ),
        Format::Json => {
            let (root, end) = fmlint::parse::json::parse(text, block.start, &limits).unwrap();
            (root, block.start..end)
        }
    };
    let data = root.to_json(Some("$schema"));
    (
        data,
        text[..open.start].to_string(),
        text[block.end..].to_string(),
        root,
    )
}

/// The span of the node a JSON pointer names, if the tree has it.
fn span_at(root: &fmlint::tree::Node, pointer: &str) -> Option<fmlint::tree::Span> {
    use fmlint::tree::Value as V;
    let mut node = root;
    for step in pointer.split('/').skip(1) {
        node = match &node.value {
            V::Map(entries) => &entries.iter().rev().find(|e| e.key == step)?.value,
            V::Seq(items) => items.get(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node.span)
}

/// JSON pointers where `a` and `b` differ (the deepest paths that differ).
fn changes(a: &Value, b: &Value, path: String, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for key in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                let (va, vb) = (
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                );
                if x.get(key) != y.get(key) {
                    changes(va, vb, format!("{path}/{key}"), out);
                }
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                changes(va, vb, format!("{path}/{i}"), out);
            }
        }
        _ if a != b => out.push(path),
        _ => {}
    }
}

/// The comments of a front matter, roughly: text from ` #` or a line-leading `#`.
fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let at = if line.trim_start().starts_with('#') {
                line.find('#')
            } else {
                line.find(" #")
            };
            at.map(|i| line[i..].trim().to_string())
        })
        .collect()
}

/// Fix a copy of `fixture` with `args`, check every invariant, return the fixed text.
fn fix_and_check(fixture: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let name = fixture.file_name().unwrap().to_str().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture, &path).unwrap();
    let original = std::fs::read_to_string(&path).unwrap();

    let mut check_args = vec!["--format", "json"];
    check_args.extend_from_slice(args);
    check_args.push(name);
    let before = run(dir.path(), &check_args);
    let before: Value = serde_json::from_str(&before.stdout).unwrap();
    let fixable: Vec<&Value> = before["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fixable"] == true)
        .collect();

    let mut fix_args = vec!["--fix", "--format", "json"];
    fix_args.extend_from_slice(args);
    fix_args.push(name);
    let after = run(dir.path(), &fix_args);
    let report: Value = serde_json::from_str(&after.stdout)
        .unwrap_or_else(|e| panic!("{name}: {e}: {}", after.stderr));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, original, "{name}: nothing was fixed");
    assert!(report["summary"]["fixed"].as_u64().unwrap() > 0, "{name}");

    // The result parses, and nothing but the fixed places changed.
    let codes_after = codes(&report);
    assert!(
        codes_after.iter().all(|c| !c.starts_with("syntax/")),
        "{name}: {codes_after:?}"
    );
    let (data_before, head_before, body_before, tree_before) = front(&original);
    let (data_after, head_after, body_after, _) = front(&fixed);
    assert_eq!(
        head_before, head_after,
        "{name}: bytes before the front matter changed"
    );
    assert_eq!(body_before, body_after, "{name}: the body changed");
    let mut changed = Vec::new();
    changes(&data_before, &data_after, String::new(), &mut changed);
    assert!(!changed.is_empty(), "{name}");
    for pointer in &changed {
        let explained = match span_at(&tree_before, pointer) {
            // A changed value: a fixable diagnostic lies on it.
            Some(span) => fixable.iter().any(|d| {
                let offset = d["offset"].as_u64().unwrap() as usize;
                span.start <= offset && offset < span.end.max(span.start + 1)
            }),
            // An added field: a fixable `schema/required` names it.
            None => {
                let field = pointer.rsplit('/').next().unwrap();
                fixable.iter().any(|d| {
                    d["code"] == "schema/required"
                        && d["message"]
                            .as_str()
                            .unwrap()
                            .contains(&format!("`{field}`"))
                })
            }
        };
        assert!(
            explained,
            "{name}: {pointer} changed with no fixable diagnostic there"
        );
    }
    for comment in comments(&original) {
        assert!(
            fixed.contains(&comment),
            "{name}: lost the comment {comment:?}"
        );
    }
    if original.contains("\r\n") {
        assert_eq!(
            fixed.matches('\n').count(),
            fixed.matches("\r\n").count(),
            "{name}: CRLF lost"
        );
    }

    // A second run changes nothing.
    run(dir.path(), &fix_args);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        fixed,
        "{name}: a second --fix changed it"
    );
    fixed
}

#[test]
fn every_safe_fix_fixture() {
    for name in [
        "yaml-block",
        "yaml-flow-single",
        "yaml-plain",
        "yaml-crlf",
        "yaml-bom",
        "yaml-comments-inside",
        "toml",
        "json",
    ] {
        let fixed = fix_and_check(&fixtures().join(format!("fix/{name}.md")), &[]);
        insta::assert_snapshot!(format!("fix-{name}"), fixed);
    }
}

#[test]
fn defaults_and_date_layouts_in_every_format() {
    let dir = fixtures().join("fix-schema");
    let schema = dir.join("schema.json");
    let schema = schema.to_str().unwrap();
    for name in ["yaml", "toml", "json"] {
        let fixed = fix_and_check(&dir.join(format!("{name}.md")), &["--schema", schema]);
        insta::assert_snapshot!(format!("fix-defaults-{name}"), fixed);
    }
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let fixture = fixtures().join("fix/unsafe-typo.md");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join("a.md")).unwrap();
    let (status, doc) = json(dir.path(), &["--fix", "a.md"]);
    assert_eq!(status, 1);
    assert_eq!(doc["summary"]["fixed"], 0);
    assert!(doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["fixable"] == false));
    let (_, doc) = json(dir.path(), &["--unsafe-fixes", "a.md"]);
    assert!(doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["fixable"] == true));
    let fixed = fix_and_check(&fixture, &["--unsafe-fixes"]);
    insta::assert_snapshot!("fix-unsafe-typo", fixed);
}

#[test]
fn diff_prints_and_changes_nothing() {
    let dir = tree(&[
        (
            "a.md",
            "---\ntitle: x\ndate: 2025-02-11\nlang: en\nwidgets: [search]\n---\n",
        ),
        ("b.md", GOOD),
    ]);
    let diff = run(dir.path(), &["--diff", "a.md", "b.md"]);
    assert_eq!(diff.status, 1);
    insta::assert_snapshot!("diff", diff.stdout);
    assert!(
        diff.stderr.contains("1 fix would change 1 file"),
        "{}",
        diff.stderr
    );
    assert!(std::fs::read_to_string(dir.path().join("a.md"))
        .unwrap()
        .contains("lang: en\n"));
    let clean = run(dir.path(), &["--diff", "b.md"]);
    assert_eq!((clean.status, clean.stdout.as_str()), (0, ""));
}

#[test]
fn editor_mode_on_stdin() {
    let input = "---\ntitle: x\ndate: 2025-02-11\nlang: en\ncomments: \"false\"\nwidgets: [recnt]\n---\nBody\n";
    for args in [
        &["--fix", "--stdin-filename", "post.md"][..],
        &["--fix", "-"][..],
    ] {
        let run = run_with_stdin(&fixtures(), args, Some(input.as_bytes()));
        assert_eq!(
            run.stdout,
            "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\ncomments: false\nwidgets: [recnt]\n---\nBody\n",
            "the file writes lists in flow style, so the fix does too"
        );
        assert_eq!(run.status, 1, "the typo remains");
        assert!(run.stderr.contains("schema/enum"), "{}", run.stderr);
        assert!(run.stderr.contains("Fixed 2 problems"), "{}", run.stderr);
    }
    let clean = run_with_stdin(&fixtures(), &["--fix", "-"], Some(GOOD.as_bytes()));
    assert_eq!((clean.status, clean.stdout.as_str()), (0, GOOD));
    let lint = run_with_stdin(&fixtures(), &["-"], Some(input.as_bytes()));
    assert!(
        lint.stdout.contains("schema/type"),
        "without --fix stdin is linted"
    );
}

#[test]
fn after_fix_diagnostics_describe_the_file_as_it_now_is() {
    let dir = tree(&[(
        "a.md",
        "---\ntitle: x\ndate: 2025-02-11\nlang: en\nwidgets:\n  - recnt\n---\n",
    )]);
    let (status, doc) = json(dir.path(), &["--fix", "a.md"]);
    assert_eq!(status, 1);
    assert_eq!(doc["summary"]["fixed"], 1);
    assert_eq!(codes(&doc), ["schema/enum"]);
    let text = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    let offset = doc["diagnostics"][0]["offset"].as_u64().unwrap() as usize;
    assert!(text[offset..].starts_with("recnt"));
    assert_eq!(
        doc["diagnostics"][0]["line"], 7,
        "line of the fixed file, after `lang` became two lines"
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_mode_and_writes_through_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[(
        "real.md",
        "---\ntitle: x\ndate: 2025-02-11\nlang: en\nwidgets: [search]\n---\n",
    )]);
    let real = dir.path().join("real.md");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o604)).unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    let run = run(dir.path(), &["--fix", "link.md"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(std::fs::symlink_metadata(dir.path().join("link.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("lang: [en]\n"));
    assert_eq!(
        std::fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o604
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

#[test]
fn a_fix_that_would_break_the_syntax_is_thrown_away_and_the_others_kept() {
    // A block list cannot go inside a flow mapping: that one fix is dropped.
    let post = "---\ntitle: x\ndate: 2025-02-11\nlang: en\nwidgets:\n  - Search\nthumbnail: {\n  src: \"/a.png\",\n  visibility: list\n}\n---\n";
    let dir = tree(&[("a.md", post)]);
    let (status, doc) = json(dir.path(), &["--fix", "a.md"]);
    assert_eq!(status, 1);
    assert_eq!(doc["summary"]["fixed"], 2);
    assert_eq!(codes(&doc), ["link/missing-file", "schema/type"]);
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert!(
        fixed.contains("lang:\n  - en\n") && fixed.contains("  - search\n"),
        "{fixed}"
    );
    assert!(fixed.contains("  visibility: list\n"), "{fixed}");
}

/// A post whose only problem a safe fix corrects (`lang: en` becomes `[en]`).
#[cfg(unix)]
const FIXABLE: &str = "---\ntitle: x\ndate: 2025-02-11\nlang: en\nwidgets: [search]\n---\n";

/// A read-only file is refused, not replaced; its findings stay in every report format,
/// no summary says all is well, and the exit status says the tool could not do its job.
/// (A permission bit stops root only because fmlint checks it: this works as root.)
#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_written_keeps_its_findings_in_every_format() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("a.md", FIXABLE)]);
    let path = dir.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let human = run(dir.path(), &["--fix", "a.md"]);
    assert_eq!(human.status, 2, "{}{}", human.stdout, human.stderr);
    assert!(human.stderr.contains("read-only"), "{}", human.stderr);
    assert!(human.stdout.contains("schema/type"), "{}", human.stdout);
    assert!(!human.stdout.contains("no problems"), "{}", human.stdout);
    assert!(!human.stdout.contains("fixed"), "{}", human.stdout);
    let (status, doc) = json(dir.path(), &["--fix", "a.md"]);
    assert_eq!(status, 2);
    assert_eq!(codes(&doc), ["schema/type"]);
    assert_eq!(doc["summary"]["fixed"], 0);
    for (format, shows) in [
        ("github", "schema/type"),
        ("sarif", "schema/type"),
        ("junit", "schema/type"),
    ] {
        let out = run(dir.path(), &["--format", format, "--fix", "a.md"]);
        assert_eq!(out.status, 2, "{format}: {}", out.stderr);
        assert!(out.stdout.contains(shows), "{format}: {}", out.stdout);
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

/// A file with another hard link is refused: a rename would split the two names.
#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_not_split() {
    let dir = tree(&[("a.md", FIXABLE)]);
    std::fs::hard_link(dir.path().join("a.md"), dir.path().join("b.txt")).unwrap();
    let out = run(dir.path(), &["--fix", "a.md"]);
    assert_eq!(out.status, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("2 hard links"), "{}", out.stderr);
    assert!(out.stdout.contains("schema/type"), "{}", out.stdout);
    for name in ["a.md", "b.txt"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(name)).unwrap(),
            FIXABLE
        );
    }
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 2, "no temporary file is left behind");
}

/// Owner and group survive a fix (giving a file away needs root: skipped without it).
#[cfg(unix)]
#[test]
fn a_fixed_file_keeps_its_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = tree(&[("a.md", FIXABLE)]);
    let path = dir.path().join("a.md");
    if std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_err() {
        println!("skipped: giving a file to another owner needs root");
        return;
    }
    let out = run(dir.path(), &["--fix", "a.md"]);
    assert_eq!(out.status, 0, "{}{}", out.stdout, out.stderr);
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("lang: [en]"));
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
}

/// The front matter's data as JSON.
fn data(text: &str) -> Value {
    front(text).0
}

/// Fix `post` (as `a.md`) under `schema` with `args`; the fixed text and JSON report.
fn fix_with_schema(post: &str, schema: &str, args: &[&str]) -> (String, Value) {
    let dir = tree(&[("a.md", post), ("schema.json", schema)]);
    let mut all = vec!["--schema", "schema.json"];
    all.extend_from_slice(args);
    all.push("a.md");
    let (_, doc) = json(dir.path(), &all);
    (
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        doc,
    )
}

/// A fix on an anchored value would change every alias of it too: no fix is offered
/// there, safe or not. A fix that replaces an alias use itself changes only that use.
#[test]
fn a_fix_never_changes_what_an_alias_copies() {
    let schema = r#"{"type": "object", "properties": {
        "draft": {"type": "boolean"}, "flags": {"type": "boolean"},
        "label": {"type": "string"}, "tags": {"type": "array"}, "title": {"type": "string"},
        "base": {"type": "object", "properties": {"on": {"type": "boolean"}}},
        "copy": {"type": "object"}}}"#;
    let post = "---\ndraft: &d \"false\"\nlabel: *d\nflags: *d\ntags: &t news\ntitle: *t\nbase: &b\n  on: \"yes\"\ncopy:\n  <<: *b\n---\n";
    for args in [&["--fix"][..], &["--fix", "--unsafe-fixes"]] {
        let (fixed, doc) = fix_with_schema(post, schema, args);
        let after = data(&fixed);
        assert_eq!(after["label"], "false", "{args:?}: {fixed}");
        assert_eq!(after["title"], "news", "{args:?}: {fixed}");
        assert_eq!(after["copy"]["on"], "yes", "{args:?}: {fixed}");
        assert_eq!(
            after["flags"], false,
            "{args:?}: the alias use is fixed: {fixed}"
        );
        assert_eq!(doc["summary"]["fixed"], 1, "{args:?}: {fixed}");
        let fixable: Vec<&Value> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["fixable"] == true)
            .collect();
        assert!(fixable.is_empty(), "{args:?}: {fixable:?}");
    }
}

/// A key added after a keep-chomped block scalar (`|+`, `>+`) goes where the scalar's
/// kept line breaks stay its own.
#[test]
fn an_added_key_never_changes_a_keep_chomped_scalar() {
    let schema = r#"{"type": "object", "required": ["draft"],
        "properties": {"draft": {"type": "boolean", "default": false}}}"#;
    for post in [
        "---\ntitle: x\nbody: |+\n  line\n\n\n---\nBody\n",
        "---\ntitle: x\nbody: >+\n  folded\n  text\n\n---\n",
        "---\ntitle: x\nmeta:\n  note: |2+\n     indented\n\n---\n",
        "---\r\ntitle: x\r\nbody: |+\r\n  line\r\n\r\n---\r\n",
    ] {
        let (fixed, doc) = fix_with_schema(post, schema, &["--fix"]);
        assert_eq!(doc["summary"]["fixed"], 1, "{post:?} -> {fixed:?}");
        let (before, after) = (data(post), data(&fixed));
        assert_eq!(after["draft"], false, "{fixed:?}");
        for key in ["title", "body", "meta"] {
            assert_eq!(before[key], after[key], "{key}: {post:?} -> {fixed:?}");
        }
    }
}
