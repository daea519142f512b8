//! The subcommands around `check`: `explain` for every code of the table, `init` on a
//! fresh folder and on a Hugo site (then `check` with what it wrote), and `schema`.

use super::*;

#[test]
fn explain_every_code() {
    for code in fmlint::codes::ALL {
        let run = run(Path::new("."), &["explain", code.name]);
        assert_eq!(run.status, 0, "{}: {}", code.name, run.stderr);
        let text = &run.stdout;
        assert!(
            text.starts_with(&format!("{}\n\n{}\n", code.name, code.summary)),
            "{text}"
        );
        for part in ["Why it matters\n", "Example\n", "How to fix ("] {
            assert!(text.contains(part), "{}: no {part:?}", code.name);
        }
        let fixable = if code.fixable {
            "Fixable: sometimes."
        } else {
            "Fixable: no."
        };
        assert!(text.contains(fixable), "{text}");
    }
    insta::assert_snapshot!(
        "explain-schema-enum",
        run(Path::new("."), &["explain", "schema/enum"]).stdout
    );
}

#[test]
fn explain_unknown_codes_suggest_the_nearest_and_exit_2() {
    let unknown = run(Path::new("."), &["explain", "schema/enun"]);
    assert_eq!(unknown.status, 2);
    assert!(unknown.stdout.is_empty());
    assert!(
        unknown
            .stderr
            .contains("unknown code `schema/enun`; did you mean `schema/enum`?"),
        "{}",
        unknown.stderr
    );
    let far = run(Path::new("."), &["explain", "zzz"]);
    assert_eq!(far.status, 2);
    assert!(far.stderr.contains("`fmlint explain --list`"));
    // The part after the family is enough when it is unique.
    let short = run(Path::new("."), &["explain", "uniqueItems"]);
    assert_eq!(short.status, 0);
    assert!(short.stdout.starts_with("schema/uniqueItems\n"));
}

#[test]
fn explain_list_lists_every_code_once() {
    let list = run(Path::new("."), &["explain", "--list"]);
    assert_eq!(list.status, 0);
    let names: Vec<&str> = list
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let all: Vec<&str> = fmlint::codes::ALL.iter().map(|c| c.name).collect();
    assert_eq!(names, all);
}

#[test]
fn init_then_check_on_a_fresh_folder() {
    let dir = tree(&[("content/post/a.md", GOOD), ("content/post/b.md", BAD)]);
    let init = run(dir.path(), &["init"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(init
        .stdout
        .contains("Wrote fmlint.toml and schema/hugo-mainroad.schema.json."));
    let config = std::fs::read_to_string(dir.path().join("fmlint.toml")).unwrap();
    assert!(config.contains("glob = \"content/**\""), "{config}");
    let schema =
        std::fs::read_to_string(dir.path().join("schema/hugo-mainroad.schema.json")).unwrap();
    assert_eq!(schema, fmlint::schema::DEFAULT_TEXT);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(status, 1);
    assert_eq!(codes_and_lines(&doc), [("schema/enum".to_string(), 5)]);
    assert_eq!(doc["summary"]["files"], 2);
    // The copy is what the posts are checked against: editing it changes the result.
    let edited = schema.replace("\"sidemenu\"", "\"sidemenu\", \"recnt\"");
    std::fs::write(dir.path().join("schema/hugo-mainroad.schema.json"), edited).unwrap();
    let (status, _) = json(dir.path(), &["--offline"]);
    assert_eq!(status, 0);
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let dir = tree(&[("fmlint.toml", "# mine\n")]);
    let again = run(dir.path(), &["init"]);
    assert_eq!(again.status, 2);
    assert!(
        again
            .stderr
            .contains("fmlint.toml already exists; `fmlint init --force` overwrites it"),
        "{}",
        again.stderr
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("fmlint.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("schema").exists(), "nothing written");
    let forced = run(dir.path(), &["init", "--force"]);
    assert_eq!(forced.status, 0, "{}", forced.stderr);
    assert_ne!(
        std::fs::read_to_string(dir.path().join("fmlint.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn init_detects_a_hugo_site() {
    let dir = tree(&[
        (
            "hugo.toml",
            "theme = \"mainroad\"\ncontentDir = \"posts\"\n",
        ),
        ("layouts/partials/widgets/weather.html", ""),
        ("themes/mainroad/layouts/partials/widgets/toc.html", ""),
        (
            "themes/mainroad/exampleSite/content/post/x.md",
            "---\ntitle: 1\n---\n",
        ),
        (
            "posts/a.md",
            "---\ntitle: \"a\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [weather, toc]\n---\n",
        ),
    ]);
    let init = run(dir.path(), &["init"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    assert!(
        init.stdout.contains("Found a Hugo site (hugo.toml), theme mainroad, content in posts/, custom widgets toc, weather."),
        "{}",
        init.stdout
    );
    let config = std::fs::read_to_string(dir.path().join("fmlint.toml")).unwrap();
    insta::assert_snapshot!("init-hugo-config", config);
    let schema =
        std::fs::read_to_string(dir.path().join("schema/hugo-mainroad.schema.json")).unwrap();
    assert!(
        schema.contains("\"sidemenu\", \"toc\", \"weather\"]"),
        "{schema}"
    );
    // Theme example content is excluded; the post passes with the site's widgets.
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(
        (status, doc["summary"]["files"].as_u64()),
        (0, Some(1)),
        "{doc}"
    );
}

#[test]
fn schema_prints_the_schema_that_applies() {
    let custom = r#"{"$schema": "http://json-schema.org/draft-07/schema#", "required": ["slug"]}"#;
    let dir = tree(&[
        (
            "fmlint.toml",
            "[[schemas]]\nglob = \"content/docs/**\"\npath = \"docs.schema.json\"\n",
        ),
        ("docs.schema.json", custom),
        ("content/docs/a.md", GOOD),
        ("content/post/b.md", GOOD),
        ("layouts/partials/widgets/weather.html", ""),
        ("hugo.toml", ""),
    ]);
    let docs = run(dir.path(), &["schema", "content/docs/a.md"]);
    assert_eq!(docs.status, 0, "{}", docs.stderr);
    let value: serde_json::Value = serde_json::from_str(&docs.stdout).unwrap();
    assert_eq!(value["required"], serde_json::json!(["slug"]));
    let post = run(dir.path(), &["schema", "content/post/b.md"]);
    let value: serde_json::Value = serde_json::from_str(&post.stdout).unwrap();
    assert_eq!(value["title"], "Hugo post, Mainroad theme");
    let widgets = value
        .pointer("/$defs/widget/enum")
        .unwrap()
        .as_array()
        .unwrap();
    assert!(
        widgets.iter().any(|w| w == "weather"),
        "the site's widgets are in it"
    );
    let default = run(dir.path(), &["schema"]);
    assert_eq!(default.stdout, post.stdout);
    let forced = run(dir.path(), &["schema", "--schema", "docs.schema.json"]);
    assert_eq!(forced.stdout, docs.stdout);
    let missing = run(dir.path(), &["schema", "content/nope.md"]);
    assert_eq!(missing.status, 2);
    assert!(missing.stderr.contains("content/nope.md"));
}

/// A repository can ship a symlink where `init` writes: `init` never writes through it,
/// dangling or not, forced or not, at the config, the schema folder or the schema copy.
#[cfg(unix)]
#[test]
fn init_never_writes_through_a_symlink() {
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    std::fs::write(&victim, "mine\n").unwrap();
    let cases: [(&str, &Path, &[&str]); 4] = [
        ("fmlint.toml", &outside.path().join("dangling"), &["init"]),
        ("fmlint.toml", &victim, &["init", "--force"]),
        ("schema", outside.path(), &["init", "--force"]),
        (
            "schema/hugo-mainroad.schema.json",
            &victim,
            &["init", "--force"],
        ),
    ];
    for (at, points_to, args) in cases {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join(at);
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(points_to, &link).unwrap();
        let out = run(dir.path(), args);
        assert_eq!(out.status, 2, "{at}: {}", out.stderr);
        assert!(out.stderr.contains("is a symlink"), "{at}: {}", out.stderr);
        assert!(!outside.path().join("dangling").exists(), "{at}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine\n", "{at}");
        let written: Vec<_> = std::fs::read_dir(outside.path()).unwrap().collect();
        assert_eq!(written.len(), 1, "{at}: nothing written outside");
    }
}

#[test]
fn init_writes_what_the_site_says_as_data_not_as_config() {
    // A theme name and a widget's file name with newlines, each trying to add a table
    // that turns a check off to the config init writes (the names land in comments).
    let dir = tree(&[
        (
            "hugo.toml",
            r#"theme = "t\n[rules]\n\"schema/enum\" = \"off\""
contentDir = "posts\", \"x\"]\n[links]\ncheck = \"none\"\n#"
"#,
        ),
        (
            "layouts/partials/widgets/w\n[links]\ncheck = \"none\"\n#.html",
            "",
        ),
        ("content/a.md", "---\ntitle: t\n---\n"),
    ]);
    let init = run(dir.path(), &["init"]);
    assert_eq!(init.status, 0, "{}", init.stderr);
    let config = std::fs::read_to_string(dir.path().join("fmlint.toml")).unwrap();
    let table: toml::Table = toml::from_str(&config).expect("the starter config loads");
    assert_eq!(table["links"]["check"].as_str(), Some("all"), "{config}");
    assert!(table["rules"].as_table().unwrap().is_empty(), "{config}");
    assert_eq!(
        table["include"][0].as_str(),
        Some("content/**/*.md"),
        "a content folder that is not a plain path is not used: {config}"
    );
    assert!(config.contains(r"theme t\n[rules]"), "{config}");
    assert!(config.contains(r"(found: w\n[links]"), "{config}");
}
