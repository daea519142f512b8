//! What one file costs, step by step, on the posts of the test fixtures: the pre-commit
//! case and the unit that `bench/peers.sh` multiplies by 100,000. `cargo bench` here
//! (from `bench/micro`); the whole-tree figures come from `bench/peers.sh`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use fmlint::check::Checker;
use fmlint::config::Config;
use fmlint::report::human::{Renderer, Style};
use fmlint::run::FileReport;
use fmlint::schema::Schemas;
use std::hint::black_box;
use std::path::{Path, PathBuf};

/// The posts measured: a clean one in YAML (Chinese text, a remote thumbnail), the same
/// kind in TOML, and one with several mistakes.
const POSTS: [&str; 3] = ["seed-post.md", "toml.md", "mistakes.md"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn config() -> Config {
    Config::parse("", fixtures(), None).expect("the default config parses")
}

/// Split, parse, validate against the embedded schema and check local links: one file,
/// the schema compiled once before (as a run does for every file after its first).
fn check_file(c: &mut Criterion) {
    let config = config();
    let checker = Checker::new(&config, Schemas::new(&config, None));
    let mut group = c.benchmark_group("check_file");
    for name in POSTS {
        let path = fixtures().join("posts").join(name);
        let text = std::fs::read_to_string(&path).expect("a fixture");
        let rel = format!("content/post/{name}");
        checker.check_file(&path, &rel, &text).expect("checks");
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| checker.check_file(&path, &rel, black_box(text)))
        });
    }
    group.finish();
}

/// The first file of a run: the embedded schema compiled, then the file checked. Only the
/// process's first run also compiles the meta-schema the schema is checked against (the
/// `jsonschema` crate keeps it), which this loop sees once: a one-file run of the binary
/// pays for it, and for starting a process (see README.md).
fn first_file(c: &mut Criterion) {
    let config = config();
    let path = fixtures().join("posts/seed-post.md");
    let text = std::fs::read_to_string(&path).expect("a fixture");
    c.bench_function("first_file/seed-post.md", |b| {
        b.iter(|| {
            let checker = Checker::new(&config, Schemas::new(&config, None));
            checker.check_file(&path, "content/post/seed-post.md", black_box(&text))
        })
    });
}

/// Drawing the findings of a flagged file for the terminal, as the workers do.
fn render_human(c: &mut Criterion) {
    let config = config();
    let checker = Checker::new(&config, Schemas::new(&config, None));
    let path = fixtures().join("posts/mistakes.md");
    let text = std::fs::read_to_string(&path).expect("a fixture");
    let checked = checker
        .check_file(&path, "content/post/mistakes.md", &text)
        .expect("checks");
    let report = FileReport::of_text(
        "content/post/mistakes.md",
        text.into_bytes(),
        checked.diagnostics,
    );
    let style = Style {
        color: false,
        width: 100,
    };
    let renderer = Renderer::new(style, fmlint::diagnostic::Applicability::Safe);
    c.bench_function("render_human/mistakes.md", |b| {
        b.iter(|| renderer.file(black_box(&report)))
    });
}

criterion_group!(benches, check_file, first_file, render_human);
criterion_main!(benches);
