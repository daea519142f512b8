//! Every output format on one fixture tree: pinned by snapshot and checked structurally
//! (SARIF against the official 2.1.0 schema, JUnit as XML, GitHub commands by pattern,
//! JSON by the README's "JSON output" contract), and against each other: they all tell the same
//! diagnostics at the same places.

use super::*;
use serde_json::Value;

fn site() -> PathBuf {
    fixtures().join("site")
}

/// `fmlint --format FORMAT --offline content` in the fixture site.
fn format(name: &str) -> Run {
    let run = run(&site(), &["--format", name, "--offline", "content"]);
    assert_eq!(run.status, 1, "{name}: {}", run.stderr);
    run
}

/// The JSON document of the fixture site, the reference the other formats are held to.
fn reference() -> Value {
    let (status, doc) = json(&site(), &["--offline", "content"]);
    assert_eq!(status, 1);
    doc
}

#[test]
fn json_follows_the_contract() {
    let doc = reference();
    let keys = [
        "path",
        "code",
        "severity",
        "message",
        "offset",
        "length",
        "line",
        "column",
        "end_line",
        "end_column",
        "fixable",
    ];
    let diagnostics = doc["diagnostics"].as_array().expect("array");
    for d in diagnostics {
        let object = d.as_object().expect("object");
        assert_eq!(object.keys().map(String::as_str).collect::<Vec<_>>(), keys);
    }
    let order: Vec<(String, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "sorted by path, then offset");
    assert_eq!(doc["summary"]["files"], 5);
    insta::assert_snapshot!("json", serde_json::to_string_pretty(&doc).unwrap());
}

#[test]
fn github_commands_match_the_runner_syntax() {
    let out = format("github").stdout;
    let doc = reference();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let pattern = regex_lite::Regex::new(
        r"^::(error|warning) file=([^,:\r\n]+),line=(\d+),(?:col=(\d+),endLine=(\d+),endColumn=(\d+)|endLine=(\d+)),title=([a-z]+/[A-Za-z-]+)::([^\r\n]*)$",
    )
    .unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        diagnostics.len(),
        "one command per diagnostic:\n{out}"
    );
    for (line, d) in lines.iter().zip(diagnostics) {
        let caps = pattern
            .captures(line)
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert_eq!(caps[1], *d["severity"].as_str().unwrap());
        assert_eq!(caps[2], *d["path"].as_str().unwrap());
        assert_eq!(caps[3], d["line"].to_string());
        assert_eq!(caps[8], *d["code"].as_str().unwrap());
        if let Some(col) = caps.get(4) {
            assert_eq!(col.as_str(), d["column"].to_string());
            // GitHub's endColumn is the last character's column.
            let last = d["end_column"]
                .as_u64()
                .unwrap()
                .saturating_sub(1)
                .max(d["column"].as_u64().unwrap());
            assert_eq!(caps[6], last.to_string());
        }
        let message = caps[9]
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%");
        assert!(
            message.starts_with(d["message"].as_str().unwrap()),
            "{line}"
        );
    }
    insta::assert_snapshot!("github", out);
}

#[test]
fn github_escapes_messages_and_properties() {
    if cfg!(windows) {
        return; // `:` cannot be in a file name there
    }
    let dir = tree(&[(
        "content/100%, a:b.md",
        "---\ntitle: \"t\"\ndate: 2025-02-11\nlang: [en]\nwidgets: [\"50%\"]\n---\n",
    )]);
    let run = run(dir.path(), &["--format", "github", "--offline", "content"]);
    assert_eq!(run.status, 1);
    let line = run.stdout.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=content/100%25%2C a%3Ab.md,line=5,"),
        "{line}"
    );
    assert!(
        line.contains("::`50%25` is not one of the allowed values"),
        "{line}"
    );
    assert!(line.contains("%0Ahelp: "), "{line}");
    assert_eq!(run.stdout.lines().count(), 1);
}

fn sarif_log() -> Value {
    let out = format("sarif").stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("SARIF is not JSON ({e}): {out}"))
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/integrations/sarif-schema-2.1.0.json"),
    )
    .expect("SARIF schema");
    let schema: Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let log = sarif_log();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The empty run validates too.
    let clean = tree(&[("content/a.md", GOOD)]);
    let empty: Value =
        serde_json::from_str(&run(clean.path(), &["--format", "sarif", "--offline"]).stdout)
            .unwrap();
    assert!(validator.is_valid(&empty));
    assert_eq!(empty["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn sarif_results_agree_with_json_and_carry_fixes() {
    let log = sarif_log();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let all: Vec<&str> = fmlint::codes::ALL.iter().map(|c| c.name).collect();
    assert_eq!(rules, all, "one rule per code of the table");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(rule["help"]["text"]
            .as_str()
            .unwrap()
            .contains("Why it matters"));
    }
    let doc = reference();
    let results = run["results"].as_array().unwrap();
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    let mut fixes = 0;
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["code"]);
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize], d["code"]);
        assert_eq!(r["level"], d["severity"]);
        let location = &r["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        let path = percent_encoding::percent_decode_str(uri)
            .decode_utf8()
            .unwrap();
        assert_eq!(path, d["path"].as_str().unwrap());
        let region = &location["region"];
        for (sarif, json) in [
            ("startLine", "line"),
            ("startColumn", "column"),
            ("endLine", "end_line"),
            ("endColumn", "end_column"),
            ("byteOffset", "offset"),
            ("byteLength", "length"),
        ] {
            assert_eq!(region[sarif], d[json], "{sarif} of {d}");
        }
        // A fix's replacements, applied to the file, give what `--fix` writes.
        if let Some(fix) = r["fixes"].as_array().and_then(|f| f.first()) {
            fixes += 1;
            let file = site().join(path.as_ref());
            let mut bytes = std::fs::read(&file).unwrap();
            let change = &fix["artifactChanges"][0];
            assert_eq!(change["artifactLocation"]["uri"], uri);
            let mut replacements: Vec<&Value> =
                change["replacements"].as_array().unwrap().iter().collect();
            replacements
                .sort_by_key(|r| std::cmp::Reverse(r["deletedRegion"]["byteOffset"].as_u64()));
            for replacement in replacements {
                let start = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
                let length = replacement["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
                let text = replacement["insertedContent"]["text"].as_str().unwrap();
                bytes.splice(start..start + length, text.bytes());
            }
            assert!(String::from_utf8(bytes).is_ok());
        }
    }
    assert!(fixes >= 3, "fixes for the fixable diagnostics");
    let mistakes = site().join("content/post/mistakes.md");
    let original = std::fs::read_to_string(&mistakes).unwrap();
    let result = results
        .iter()
        .find(|r| {
            r["ruleId"] == "schema/type"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "content/post/mistakes.md"
                && r.get("fixes").is_some()
        })
        .expect("the quoted false");
    let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
    let start = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
    let length = replacement["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
    assert_eq!(&original[start..start + length], "\"false\"");
    assert_eq!(replacement["insertedContent"]["text"], "false");
    assert_eq!(result["fixes"][0]["properties"]["applicability"], "safe");
}

#[test]
fn sarif_snapshot() {
    let mut log = sarif_log();
    // The rule texts are `fmlint explain`'s, pinned there; here their ids.
    let driver = &mut log["runs"][0]["tool"]["driver"];
    let ids: Vec<Value> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].clone())
        .collect();
    driver["rules"] = Value::Array(ids);
    driver["version"] = "[version]".into();
    driver["semanticVersion"] = "[version]".into();
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn junit_is_xml_with_one_case_per_file() {
    let out = format("junit").stdout;
    let xml = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("not XML ({e}):\n{out}"));
    let doc = reference();
    let suite = xml
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a testsuite");
    let cases: Vec<roxmltree::Node> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(
        cases.len() as u64,
        doc["summary"]["files"].as_u64().unwrap()
    );
    let mut names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
    let sorted = {
        let mut s = names.clone();
        s.sort();
        s
    };
    assert_eq!(names, sorted);
    names.dedup();
    assert_eq!(names.len(), cases.len());
    let failing: Vec<&str> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .filter_map(|c| c.attribute("name"))
        .collect();
    let mut with_errors: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    with_errors.dedup();
    assert_eq!(failing, with_errors);
    assert_eq!(
        suite.attribute("failures"),
        Some(failing.len().to_string().as_str())
    );
    assert_eq!(
        suite.attribute("tests"),
        Some(cases.len().to_string().as_str())
    );
    // Every diagnostic is in its file's failure text, message unescaped intact.
    for d in doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
    {
        let case = cases
            .iter()
            .find(|c| c.attribute("name") == d["path"].as_str())
            .unwrap();
        let text = case
            .children()
            .find(|n| n.has_tag_name("failure"))
            .and_then(|f| f.text())
            .unwrap_or_default();
        assert!(text.contains(d["message"].as_str().unwrap()), "{text}");
    }
    insta::assert_snapshot!("junit", out);
}

#[test]
fn clean_trees_give_empty_reports_and_exit_0() {
    let dir = tree(&[("content/a.md", GOOD)]);
    let github = run(dir.path(), &["--format", "github", "--offline"]);
    assert_eq!((github.status, github.stdout.as_str()), (0, ""));
    let junit = run(dir.path(), &["--format", "junit", "--offline"]);
    assert_eq!(junit.status, 0);
    let xml = roxmltree::Document::parse(&junit.stdout).unwrap();
    let root = xml.root_element();
    assert_eq!(root.attribute("tests"), Some("1"));
    assert_eq!(root.attribute("failures"), Some("0"));
}

#[test]
fn tool_errors_reach_sarif_and_junit() {
    let dir = tree(&[("content/a.md", GOOD)]);
    let sarif = run(
        dir.path(),
        &["--format", "sarif", "--offline", "content", "missing"],
    );
    assert_eq!(sarif.status, 2);
    let log: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .unwrap()
            .contains("missing")
    );
    let junit = run(
        dir.path(),
        &["--format", "junit", "--offline", "content", "missing"],
    );
    let xml = roxmltree::Document::parse(&junit.stdout).unwrap();
    assert!(xml.descendants().any(|n| n.has_tag_name("error")));
    assert_eq!(xml.root_element().attribute("errors"), Some("1"));
}
