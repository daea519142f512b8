//! Local targets: relative and site-absolute paths, bundles and fragments, on a small
//! Hugo site written to a temporary folder.

use crate::links_config;
use fmlint::links::{self, LocalRoots};
use fmlint::parse::{self, Limits};
use fmlint::split::{self, Split};
use std::path::Path;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A site: config, static files, a theme's static file, posts, a bundle.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "hugo.toml", "title = 'site'\ntheme = 'mainroad'\n");
    write(root, "static/images/logo.png", "png");
    write(root, "themes/mainroad/static/img/theme.png", "png");
    write(
        root,
        "content/post/b.md",
        "---\ntitle: b\n---\n## Section One\n\n## 第二节\n",
    );
    write(
        root,
        "content/post/bundle/index.md",
        "---\ntitle: bundle\nthumbnail: pic.jpg\n---\n![p](pic.jpg) ![q](nope.jpg)\n",
    );
    write(root, "content/post/bundle/pic.jpg", "jpg");
    write(root, "content/about.md", "---\ntitle: about\n---\n");
    dir
}

/// (code, source text at the span) of every local finding for `rel`.
fn findings(root: &Path, rel: &str) -> Vec<(String, String)> {
    let file = root.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    let body = links::body_start(&text);
    let front = match split::split(&text) {
        Split::Block { block, .. } => parse::yaml::parse(&text, block, &Limits::default()).ok(),
        _ => None,
    };
    let schema: serde_json::Value = serde_json::from_str(fmlint::schema::DEFAULT_TEXT).unwrap();
    let url_fields = links::UrlFields::new(&schema);
    let config = links_config("");
    let found = links::collect(&text, body, front.as_ref(), Some(&url_fields), &config);
    let roots = LocalRoots::new(&config, root);
    links::check_local(&file, &text, body, &found, &roots)
        .into_iter()
        .map(|d| {
            (
                d.code.name.to_string(),
                text[d.span.start..d.span.end].to_string(),
            )
        })
        .collect()
}

#[test]
fn relative_absolute_bundles_and_fragments() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/post/a.md",
        "---\ntitle: a\n---\n# Intro\n\n\
         [b](b.md) [b url](../b/) [page](/post/b/) [about](/about/) [logo](/images/logo.png)\n\
         [theme](/img/theme.png) [tag](/tags/rust/) [home](/) [feed](/index.xml)\n\
         [missing](/images/missing.png) [rel missing](img.png) [dir](bundle/)\n\
         [self](#intro) [self bad](#intr) [anchor](b.md#section-one) [cjk](/post/b/#第二节)\n\
         [encoded](b.md#%E7%AC%AC%E4%BA%8C%E8%8A%82) [bad anchor](../b/#nope)\n\
         [mail](mailto:a@b.c) [remote](https://a.example/x) [top](#top)\n",
    );
    assert_eq!(
        findings(root, "content/post/a.md"),
        [
            ("link/missing-file".into(), "/images/missing.png".into()),
            ("link/missing-file".into(), "img.png".into()),
            ("link/missing-anchor".into(), "#intr".into()),
            ("link/missing-anchor".into(), "../b/#nope".into()),
        ]
    );
}

#[test]
fn a_bundle_sees_its_own_files_and_thumbnail() {
    let dir = site();
    assert_eq!(
        findings(dir.path(), "content/post/bundle/index.md"),
        [("link/missing-file".into(), "nope.jpg".into())]
    );
}

#[test]
fn front_matter_thumbnail_may_live_in_static() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/post/c.md",
        "---\ntitle: c\nthumbnail: \"images/logo.png\"\n---\n",
    );
    write(
        root,
        "content/post/d.md",
        "---\ntitle: d\nthumbnail:\n  src: \"/images/none.png\"\n---\n",
    );
    assert_eq!(findings(root, "content/post/c.md"), []);
    assert_eq!(
        findings(root, "content/post/d.md"),
        [("link/missing-file".into(), "/images/none.png".into())]
    );
}

#[test]
fn outside_a_hugo_site_the_content_folder_decides() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "blog/static/x.png", "png");
    write(root, "blog/content/a.md", "[x](/x.png) [y](/y.png)\n");
    assert_eq!(
        findings(root, "blog/content/a.md"),
        [("link/missing-file".into(), "/y.png".into())]
    );
}

#[test]
fn excluded_and_unchecked_links_are_skipped() {
    let dir = site();
    let root = dir.path();
    write(
        root,
        "content/post/e.md",
        "[x](/nope.png) [y](/private/z.png)\n",
    );
    let file = root.join("content/post/e.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let config = links_config("exclude = [\"^/private/\"]");
    let found = links::collect(&text, 0, None, None, &config);
    let roots = LocalRoots::new(&config, root);
    let diagnostics = links::check_local(&file, &text, 0, &found, &roots);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        &text[diagnostics[0].span.start..diagnostics[0].span.end],
        "/nope.png"
    );

    let none = links_config("check = \"none\"");
    let roots = LocalRoots::new(&none, root);
    assert!(links::check_local(&file, &text, 0, &found, &roots).is_empty());
}

/// Every finding for `rel` in full (message, label, help), for checking what it reveals.
fn findings_text(root: &Path, rel: &str) -> Vec<String> {
    let file = root.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    let config = links_config("");
    let found = links::collect(&text, 0, None, None, &config);
    let roots = LocalRoots::new(&config, root);
    links::check_local(&file, &text, 0, &found, &roots)
        .into_iter()
        .map(|d| format!("{} {:?}", d.code.name, d))
        .collect()
}

/// A site in `site/` of a temporary folder, beside a Markdown file outside it whose
/// heading is a secret.
fn site_beside_a_secret() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "secret.md",
        "# Topsecret Heading\n\n## Another Secret\n",
    );
    write(dir.path(), "site/hugo.toml", "title = 'site'\n");
    write(dir.path(), "site/static/x.png", "png");
    dir
}

#[test]
fn links_that_leave_the_site_are_missing_even_when_the_file_exists() {
    let dir = site_beside_a_secret();
    let root = dir.path().join("site");
    write(
        &root,
        "content/post/a.md",
        "[p](../../../../../../../../etc/passwd) [s](/../../secret.md#x)\n\
         [r](../../../../secret.md#topsecret-headin) [d](../../../../) [ok](/x.png)\n",
    );
    let found = findings_text(&root, "content/post/a.md");
    assert_eq!(found.len(), 4, "{found:#?}");
    for finding in &found {
        assert!(finding.starts_with("link/missing-file"), "{finding}");
        assert!(finding.contains("leaves the site"), "{finding}");
        assert!(!finding.to_lowercase().contains("secret h"), "{finding}");
        assert!(
            !finding.contains(&*dir.path().to_string_lossy()),
            "{finding}"
        );
    }
}

#[test]
fn a_symlink_out_of_the_site_never_lends_its_headings() {
    let dir = site_beside_a_secret();
    let root = dir.path().join("site");
    write(
        &root,
        "content/post/a.md",
        "[l](link.md#topsecret-headin) [m](link.md#another-secre)\n",
    );
    let target = dir.path().join("secret.md");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, root.join("content/post/link.md")).unwrap();
    #[cfg(not(unix))]
    {
        eprintln!("skipped: symlinks need a Unix file system here");
        let _ = target;
        return;
    }
    let found = findings_text(&root, "content/post/a.md");
    for finding in &found {
        assert!(!finding.to_lowercase().contains("secret"), "{finding}");
    }
}
