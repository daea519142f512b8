//! What `links::collect` finds, and the exact spans it gives.

use crate::{at, body_links, links_config};
use fmlint::links::{self, LinkKind};
use fmlint::parse::{self, Limits};
use fmlint::split::{self, Split};
use fmlint::tree::Node;

/// (source text at the span, url, kind) of every link of `text`.
fn found(text: &str) -> Vec<(String, String, LinkKind)> {
    body_links(text)
        .into_iter()
        .map(|l| (at(text, &l), l.url.clone(), l.kind.clone()))
        .collect()
}

fn link(source: &str, url: &str) -> (String, String, LinkKind) {
    (source.into(), url.into(), LinkKind::Link)
}

fn image(source: &str, url: &str) -> (String, String, LinkKind) {
    (source.into(), url.into(), LinkKind::Image)
}

#[test]
fn every_link_form() {
    let text = r#"---
title: x
---
Inline [a](https://a.example/one "title") and <https://a.example/auto> and
![pic](<https://a.example/pic one.png>) then [ref][r1], [r1][], [r2] and [again][r1].
Bare https://a.example/bare, www.a.example/w and (https://a.example/paren) x.
<a href="https://a.example/html?x=1&amp;y=2">h</a> <img src='/static/i.png' alt="">

<div><a
  href="https://a.example/block">b</a></div>

[r1]: https://a.example/ref
[r2]:
  <https://a.example/ref two> "t"
[unused]: https://a.example/unused
"#;
    assert_eq!(
        found(text),
        [
            link("https://a.example/one", "https://a.example/one"),
            link("https://a.example/auto", "https://a.example/auto"),
            image(
                "https://a.example/pic one.png",
                "https://a.example/pic one.png"
            ),
            link("https://a.example/bare", "https://a.example/bare"),
            link("www.a.example/w", "http://www.a.example/w"),
            link("https://a.example/paren", "https://a.example/paren"),
            link(
                "https://a.example/html?x=1&amp;y=2",
                "https://a.example/html?x=1&y=2"
            ),
            image("/static/i.png", "/static/i.png"),
            link("https://a.example/block", "https://a.example/block"),
            link("https://a.example/ref", "https://a.example/ref"),
            link("https://a.example/ref two", "https://a.example/ref two"),
        ]
    );
}

#[test]
fn nothing_inside_code() {
    let text = concat!(
        "Use `[a](https://a.example/span)` and `https://a.example/bare`.\n\n",
        "```md\n[b](https://a.example/fenced) <a href=\"https://a.example/h\">\n```\n\n",
        "    [c](https://a.example/indented)\n\n",
        "~~~\nhttps://a.example/tilde\n~~~\n",
    );
    assert_eq!(found(text), []);
}

#[test]
fn entities_are_decoded_but_the_span_covers_the_source() {
    let text = "[e](https://a.example/?a=1&amp;b=2) [s](https://a.example/a\\_b)\n";
    assert_eq!(
        found(text),
        [
            link(
                "https://a.example/?a=1&amp;b=2",
                "https://a.example/?a=1&b=2"
            ),
            link("https://a.example/a\\_b", "https://a.example/a_b"),
        ]
    );
}

#[test]
fn chinese_text_before_links_keeps_byte_spans_right() {
    let text = "---\ntitle: \"Arm CEO：DeepSeek最终会被封杀！\"\n---\n\n\
                ![图片](https://inews.example/om_bt/641)据英国《金融时报》报道称 https://a.example/x，中文\n\
                [qq](https://new.example/rain/a/20250211A03R3H00)\n";
    let links = body_links(text);
    let sources: Vec<String> = links.iter().map(|l| at(text, l)).collect();
    assert_eq!(
        sources,
        [
            "https://inews.example/om_bt/641",
            "https://a.example/x",
            "https://new.example/rain/a/20250211A03R3H00",
        ]
    );
    let first = &links[0];
    assert_eq!(first.span.start, text.find("https://inews").unwrap());
    assert_eq!(first.kind, LinkKind::Image);
}

#[test]
fn nested_image_in_link_and_brackets_in_text() {
    let text = "[![alt](https://a.example/i.png)](https://a.example/target) [a [b] c](https://a.example/n)\n";
    assert_eq!(
        found(text),
        [
            image("https://a.example/i.png", "https://a.example/i.png"),
            link("https://a.example/target", "https://a.example/target"),
            link("https://a.example/n", "https://a.example/n"),
        ]
    );
}

/// The front matter tree and body start of `text`.
fn front_matter(text: &str) -> (Node, usize) {
    let Split::Block { format, block, .. } = split::split(text) else {
        panic!("no front matter");
    };
    let limits = Limits::default();
    let root = match format {
        split::Format::Yaml => parse::yaml::parse(text, block, &limits),
        split::Format::Toml => parse::toml::parse(text, block, &limits),
        split::Format::Json => parse::json::parse(text, block.start, &limits).map(|(n, _)| n),
    }
    .expect("front matter parses");
    (root, links::body_start(text))
}

fn schema() -> links::UrlFields {
    let document: serde_json::Value =
        serde_json::from_str(fmlint::schema::DEFAULT_TEXT).expect("default schema");
    links::UrlFields::new(&document)
}

#[test]
fn front_matter_uri_fields_from_the_schema_and_config() {
    let text = "---\ntitle: x\nthumbnail: \"https://img.example/t.jpg\"\ncover:\n  image: /images/c.png\nhomepage: https://a.example/\n---\nbody\n";
    let (root, body) = front_matter(text);
    let config = links_config("fields = [\"cover.image\", \"homepage\"]");
    let links = links::collect(text, body, Some(&root), Some(&schema()), &config);
    let got: Vec<(String, LinkKind)> = links
        .iter()
        .map(|l| (at(text, l), l.kind.clone()))
        .collect();
    let field = |f: &str, image: bool| LinkKind::FrontMatter {
        field: f.into(),
        image,
    };
    assert_eq!(
        got,
        [
            ("https://img.example/t.jpg".into(), field("thumbnail", true)),
            ("/images/c.png".into(), field("cover.image", true)),
            ("https://a.example/".into(), field("homepage", false)),
        ]
    );
}

#[test]
fn thumbnail_src_in_toml_and_escaped_json() {
    let text = "+++\ntitle = 'x'\n[thumbnail]\nsrc = 'img/t.png'\nvisibility = ['list']\n+++\n";
    let (root, body) = front_matter(text);
    let links = links::collect(text, body, Some(&root), Some(&schema()), &links_config(""));
    assert_eq!(links.len(), 1);
    assert_eq!(at(text, &links[0]), "img/t.png");
    assert_eq!(
        links[0].kind,
        LinkKind::FrontMatter {
            field: "thumbnail.src".into(),
            image: true
        }
    );

    let text = "{\"title\": \"x\", \"thumbnail\": \"https:\\/\\/img.example\\/t.jpg\"}\nbody\n";
    let (root, body) = front_matter(text);
    let links = links::collect(text, body, Some(&root), Some(&schema()), &links_config(""));
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].url, "https://img.example/t.jpg");
    // Escapes: the span is the whole quoted scalar.
    assert_eq!(at(text, &links[0]), "\"https:\\/\\/img.example\\/t.jpg\"");
}

#[test]
fn check_none_collects_nothing() {
    let text = "[a](https://a.example/)\n";
    let config = links_config("check = \"none\"");
    assert!(links::collect(text, 0, None, None, &config).is_empty());
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        "[",
        "[a](",
        "[a](<",
        "<a href=",
        "![",
        "[x]: ",
        "www.",
        "https://",
        "\u{FEFF}[a](b)",
        "[a](b\n",
        "* https://a.b)))",
        "# 标题 {#id",
        "<img src=\"中\">",
    ] {
        let _ = body_links(text);
        let _ = links::collect(text, 1000, None, None, &links_config(""));
    }
}

/// A tiny deterministic generator (xorshift), so the test needs no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

#[test]
fn random_markdown_gives_spans_on_char_boundaries() {
    const TOKENS: &[&str] = &[
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "!",
        "`",
        "```\n",
        "    ",
        "\n",
        "\n\n",
        " ",
        "*",
        "_",
        "~",
        "\\",
        "&amp;",
        "&#x4e2d;",
        "https://",
        "http://a.b",
        "www.",
        "a.example",
        "/x",
        "#",
        "中文",
        "é",
        "<a href=\"",
        "<img src='",
        "\"",
        "'",
        "]: ",
        "[r]",
        "---\n",
        "> ",
        "- ",
        "# ",
        "{#id}",
        "<!--",
        "-->",
        "\u{FEFF}",
        "\r\n",
        "|",
        "?q=1",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..2000 {
        let len = rng.next() % 40;
        let text: String = (0..len)
            .map(|_| TOKENS[rng.next() % TOKENS.len()])
            .collect();
        for link in body_links(&text) {
            assert!(
                text.get(link.span.start..link.span.end).is_some(),
                "span {} not on char boundaries of {text:?}",
                link.span
            );
        }
        let _ = fmlint::links::anchors::anchors(&text);
    }
}
