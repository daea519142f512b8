//! `fmlint --fix --unsafe-fixes` against a server whose permanent redirect points at a
//! URL full of characters that end strings and links, and against a link cache that
//! holds an injection: the target is written encoded for each place a URL can be (YAML
//! plain, single- and double-quoted, TOML basic, literal and multi-line, JSON; Markdown
//! inline, autolink, reference, HTML attributes in both quotes), the file still
//! parses to the same keys, and no byte outside the rewritten URLs changes.

use crate::server::Server;
use fmlint::parse::Limits;
use fmlint::split::{self, Format, Split};
use std::path::Path;

const CONFIG: &str = "[links]\nfields = [\"source\", \"refs.*\"]\ncache = \"cache.json\"\n";

/// The Markdown places of a URL (a bare URL needs a host with a dot, which the loopback
/// server has not: the unit tests of the encoding cover it).
const BODY: &str = "Inline [a](R) and <R> here.\n\n<a href=\"R\">x</a> <a href='R'>y</a>\n\n[b][ref]\n\n[ref]: R\n";

/// A post per front-matter syntax, and one without, with the URL `R` in every place it
/// can stand.
fn posts() -> [(&'static str, String); 4] {
    let yaml = "---\ntitle: x\ndate: 2025-02-11\nlang: [en]\nwidgets: [search]\nsource: R\nrefs: [R, 'R', \"R\"]\n---\n";
    let toml = "+++\ntitle = \"x\"\ndate = 2025-02-11\nlang = [\"en\"]\nwidgets = [\"search\"]\nsource = \"R\"\nrefs = ['R', \"\"\"R\"\"\", '''R''']\n+++\n";
    let json = "{\n  \"title\": \"x\",\n  \"date\": \"2025-02-11\",\n  \"lang\": [\"en\"],\n  \"widgets\": [\"search\"],\n  \"source\": \"R\"\n}\n";
    [
        ("yaml.md", format!("{yaml}{BODY}")),
        ("toml.md", format!("{toml}{BODY}")),
        ("json.md", format!("{json}{BODY}")),
        ("content/none.md", BODY.to_string()),
    ]
}

/// Run the binary with `args` in `dir`; its exit status.
fn fmlint(dir: &Path, args: &[&str]) -> i32 {
    let output = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("fmlint"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs");
    output.status.code().unwrap_or(-1)
}

/// The top-level keys of the front matter of `text`; panics when it does not parse.
fn keys(text: &str) -> Vec<String> {
    let Split::Block { format, block, .. } = split::split(text) else {
        panic!("no front matter in {text}");
    };
    let limits = Limits::default();
    let root = match format {
        Format::Yaml => fmlint::parse::yaml::parse(text, block, &limits),
        Format::Toml => fmlint::parse::toml::parse(text, block, &limits),
        Format::Json => fmlint::parse::json::parse(text, block.start, &limits).map(|(r, _)| r),
    }
    .unwrap_or_else(|e| panic!("the fixed file does not parse: {e:?}\n{text}"));
    let fmlint::tree::Value::Map(entries) = root.value else {
        panic!("not a mapping: {text}");
    };
    entries.into_iter().map(|e| e.key).collect()
}

/// What `fixed` wrote in place of each `old` of `original`, asserting that every other
/// byte is the same.
fn replacements(original: &str, old: &str, fixed: &str) -> Vec<String> {
    let pieces: Vec<&str> = original.split(old).collect();
    let mut at = 0;
    let mut found = Vec::new();
    for pair in pieces.windows(2) {
        assert!(
            fixed[at..].starts_with(pair[0]),
            "changed near {:?}:\n{fixed}",
            pair[0]
        );
        at += pair[0].len();
        let next = if pair[1].is_empty() { "\n" } else { pair[1] };
        let end = at
            + fixed[at..]
                .find(next)
                .unwrap_or_else(|| panic!("no {next:?} in:\n{fixed}"));
        found.push(fixed[at..end].to_string());
        at = end;
    }
    assert_eq!(&fixed[at..], *pieces.last().expect("a piece"));
    found
}

/// Every place holds a rewritten URL: one piece, no blank, no quote it could end on.
fn assert_rewritten(name: &str, original: &str, redirect: &str, fixed: &str) {
    let written = replacements(original, redirect, fixed);
    assert_eq!(written.len(), original.matches(redirect).count());
    for url in &written {
        assert!(
            url.contains("/evil/p"),
            "{name}: not rewritten: {url}\n{fixed}"
        );
        let bare = url.trim_matches('"');
        assert!(
            !bare.contains(['"', '\\', ' ', '\n', '<', '>', '`']),
            "{name}: {url}"
        );
        assert!(
            url::Url::parse(&bare.replace("&amp;", "&")).is_ok(),
            "{name}: {url}"
        );
    }
}

#[test]
fn hostile_redirect_targets_are_encoded_for_where_they_go() {
    let server = Server::start();
    let redirect = server.url("/evil-redirect");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fmlint.toml"), CONFIG).unwrap();
    let posts = posts().map(|(name, text)| (name, text.replace('R', &redirect)));
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for (name, text) in &posts {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let args = ["--fix", "--unsafe-fixes", "--allow-private", "--no-cache"];
    let status = fmlint(dir.path(), &args);
    assert!(status < 2, "exit status {status}");
    for (name, original) in &posts {
        let fixed = std::fs::read_to_string(dir.path().join(name)).unwrap();
        if name.starts_with("content/") {
            assert!(!fixed.contains("---"), "{name}:\n{fixed}");
        } else {
            assert_eq!(keys(&fixed), keys(original), "{name}:\n{fixed}");
        }
        // A TOML multi-line or literal string is rewritten whole, as a basic string.
        let basic = format!("\"{redirect}\"");
        let original = original
            .replace(&format!("\"\"{basic}\"\""), &basic)
            .replace(&format!("'''{redirect}'''"), &basic);
        assert_rewritten(name, &original, &redirect, &fixed);
    }
    // What was written reads back as links, with no syntax error.
    let status = fmlint(dir.path(), &["--offline"]);
    assert!(status < 2, "exit status {status}");
}

/// The cache is a file anyone with the clone can write: a redirect it remembers is as
/// untrusted as a server's, newlines and all.
#[test]
fn a_poisoned_cache_cannot_inject_front_matter() {
    let server = Server::start();
    let redirect = server.url("/moved");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fmlint.toml"), CONFIG).unwrap();
    let yaml = posts()[0].1.replace('R', &redirect);
    std::fs::write(dir.path().join("a.md"), &yaml).unwrap();
    // A first run fills the cache; then its target is replaced by an injection.
    assert!(fmlint(dir.path(), &["--allow-private"]) < 2);
    let cache = dir.path().join("cache.json");
    let remembered = std::fs::read_to_string(&cache).expect("the cache was written");
    let target = server.url("/ok");
    assert!(remembered.contains(&target), "{remembered}");
    let injection = "https://x.org/\"\n---\nevil: 1\n'\r\n)]>";
    let poisoned = remembered.replace(
        &serde_json::to_string(&target).unwrap(),
        &serde_json::to_string(injection).unwrap(),
    );
    std::fs::write(&cache, poisoned).unwrap();
    let status = fmlint(dir.path(), &["--fix", "--unsafe-fixes", "--allow-private"]);
    assert!(status < 2, "exit status {status}");
    let fixed = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(keys(&fixed), keys(&yaml), "{fixed}");
    assert!(!fixed.lines().any(|l| l.starts_with("evil")), "{fixed}");
    for url in replacements(&yaml, &redirect, &fixed) {
        assert!(!url.contains(['\n', '\r', '"', ' ', '>']), "{url}");
    }
}
