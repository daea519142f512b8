//! Suppression comments in YAML and TOML front matter, unused ones reported and fixed,
//! and `[[overrides]]` in the config.

use super::*;

const HEAD: &str = "title: \"t\"\ndate: 2025-02-11\nlang: [en]\n";

fn yaml(body: &str) -> String {
    format!("---\n{HEAD}{body}---\nBody.\n")
}

#[test]
fn next_line_and_file_directives_in_yaml() {
    let post = yaml(
        "# fmlint-disable-file schema/uniqueItems\n\
         # fmlint-disable-next-line schema/enum -- the theme adds it\n\
         widgets: [recnt, search, search]\n\
         sidebar: middle\n",
    );
    let dir = tree(&[("content/a.md", &post)]);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(status, 1);
    assert_eq!(
        codes_and_lines(&doc),
        [("schema/enum".to_string(), 8)],
        "only the sidebar is left"
    );
}

#[test]
fn directives_in_toml_and_codes_by_family() {
    let post = "+++\ntitle = \"t\"\ndate = 2025-02-11\nlang = [\"en\"]\n\
                # fmlint-disable-next-line schema/*\nwidgets = [\"recnt\"]\n\
                toc = \"true\" # fmlint-disable-next-line\nsidebar = \"middle\"\n+++\n";
    let dir = tree(&[("content/a.md", post)]);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(
        (status, codes_and_lines(&doc)),
        (1, vec![("schema/type".to_string(), 7)])
    );
}

#[test]
fn unused_suppressions_are_warnings_that_fix_removes() {
    let post = yaml(
        "# fmlint-disable-next-line schema/enum, schema/type\n\
         widgets: [recnt]\n\
         toc: true # fmlint-disable-next-line schema/type\n\
         # fmlint-disable-next-line schema/enun\n\
         comments: false\n\
         # fmlint-disable-nextline schema/type\n",
    );
    let dir = tree(&[("content/a.md", &post)]);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(status, 0, "warnings only: {doc}");
    let warnings: Vec<(&str, &str)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    insta::assert_debug_snapshot!("unused-suppressions", warnings);
    let human = run(dir.path(), &["--offline"]);
    insta::assert_snapshot!("unused-suppressions-human", human.stdout);
    let fixed = run(dir.path(), &["--offline", "--fix"]);
    assert_eq!(fixed.status, 0, "{}", fixed.stderr);
    let text = std::fs::read_to_string(dir.path().join("content/a.md")).unwrap();
    assert_eq!(
        text,
        yaml(
            "# fmlint-disable-next-line schema/enum\n\
             widgets: [recnt]\n\
             toc: true\n\
             # fmlint-disable-next-line schema/enun\n\
             comments: false\n\
             # fmlint-disable-nextline schema/type\n",
        ),
        "used codes, unknown codes and misspelled directives stay for a human"
    );
    let again = run(dir.path(), &["--offline", "--fix"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/a.md")).unwrap(),
        text,
        "{}",
        again.stdout
    );
}

#[test]
fn suppressed_diagnostics_are_not_fixed() {
    let post =
        yaml("widgets: [search]\n# fmlint-disable-next-line schema/type\ncomments: \"false\"\n");
    let dir = tree(&[("content/a.md", &post)]);
    let run = run(dir.path(), &["--offline", "--fix"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("content/a.md")).unwrap(),
        post
    );
}

#[test]
fn hashes_inside_values_are_not_directives() {
    let post = yaml(
        "description: \"# fmlint-disable-file\"\n\
         summary: |\n  # fmlint-disable-file\nwidgets: [recnt]\n",
    );
    let dir = tree(&[("content/a.md", &post)]);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(
        (status, codes_and_lines(&doc)),
        (1, vec![("schema/enum".to_string(), 8)])
    );
}

#[test]
fn unused_suppression_can_be_turned_off_and_overrides_apply_per_glob() {
    let config = "[rules]\n\"suppression/unused\" = \"off\"\n\
                  [[overrides]]\nglob = \"content/legacy/**\"\nrules = { \"schema/enum\" = \"warning\", \"schema/required\" = \"off\" }\n";
    let post = yaml("# fmlint-disable-next-line schema/type\nwidgets: [recnt]\n");
    let dir = tree(&[
        ("fmlint.toml", config),
        ("content/new/a.md", &post),
        ("content/legacy/b.md", &post),
        ("content/legacy/c.md", "---\ntitle: \"no date\"\n---\n"),
    ]);
    let (status, doc) = json(dir.path(), &["--offline"]);
    assert_eq!(status, 1);
    let found: Vec<(String, String)> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                format!(
                    "{} {}",
                    d["code"].as_str().unwrap(),
                    d["severity"].as_str().unwrap()
                ),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "content/legacy/b.md".to_string(),
                "schema/enum warning".to_string()
            ),
            (
                "content/new/a.md".to_string(),
                "schema/enum error".to_string()
            ),
        ]
    );
    let bad = tree(&[(
        "fmlint.toml",
        "[[overrides]]\nglob = \"a/**\"\nrules = { \"schema/enun\" = \"off\" }\n",
    )]);
    let run = run(bad.path(), &[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(
            "overrides[1].rules: unknown code `schema/enun`; did you mean `schema/enum`?"
        ),
        "{}",
        run.stderr
    );
}
