//! Reading, schema validation and span location, end to end: raw bytes through the
//! reader, then `Checker::check_text` with the embedded default schema and local link
//! checks. Every diagnostic span (and fix edit) lies inside the file on char boundaries,
//! the JSON report parses and gives the offsets, lines and columns counted naively, and
//! the human, GitHub and SARIF reports are drawn without a panic.
#![no_main]

use fmlint::check::Checker;
use fmlint::read::{decode, Contents};
use fmlint::run::{FileReport, Outcome};
use fmlint_fuzz::{assert_diagnostic, naive_position, REL};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static CHECKER: Checker<'static> = fmlint_fuzz::checker("local");
}

/// Render `diagnostics` of `text` as the JSON report and check it against the spans.
fn check_report(text: &str, diagnostics: Vec<fmlint::diagnostic::Diagnostic>) {
    let spans: Vec<_> = diagnostics.iter().map(|d| d.span).collect();
    let outcome = Outcome {
        reports: vec![FileReport::of_text(
            REL,
            text.as_bytes().to_vec(),
            diagnostics,
        )],
        files: 1,
        ..Outcome::default()
    };
    // Every other format draws the same findings without panicking; the terminal's names
    // each code (miette is handed clipped excerpts of the text: their ends must hold).
    let style = fmlint::report::human::Style {
        color: false,
        width: 80,
    };
    let human = fmlint::report::human::render(&outcome, style, false);
    for d in &outcome.reports[0].diagnostics {
        assert!(human.contains(d.code.name), "{human}");
    }
    fmlint::report::github::render(&outcome);
    fmlint::report::sarif::render(&outcome);
    let rendered = fmlint::report::json::render(&outcome);
    let document: serde_json::Value =
        serde_json::from_str(&rendered).expect("the JSON report parses");
    let entries = document["diagnostics"]
        .as_array()
        .expect("a diagnostics array");
    assert_eq!(entries.len(), spans.len());
    for (entry, span) in entries.iter().zip(spans) {
        let number = |key: &str| entry[key].as_u64().expect("a number") as usize;
        assert_eq!(
            (number("offset"), number("length")),
            (span.start, span.len())
        );
        let start = naive_position(text, span.start);
        let end = naive_position(text, span.end);
        assert_eq!(
            (number("line"), number("column")),
            start,
            "start of {entry}"
        );
        assert_eq!(
            (number("end_line"), number("end_column")),
            end,
            "end of {entry}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = match decode(data.to_vec()) {
        Contents::Text(text) => text,
        Contents::Rejected { diagnostic, bytes } => {
            let span = diagnostic.span;
            assert!(span.start <= span.end && span.end <= bytes.len());
            return;
        }
    };
    let path = fmlint_fuzz::path();
    let diagnostics = match CHECKER.with(|checker| checker.check_text(&path, REL, &text)) {
        Ok(diagnostics) => diagnostics,
        // Only a schema named by the file itself (remote, missing, not JSON) can fail
        // to load: that stops the run with exit status 2, by design.
        Err(_) if text.contains("$schema") => return,
        Err(error) => panic!("the default schema does not load: {error}"),
    };
    for diagnostic in &diagnostics {
        assert_diagnostic(&text, diagnostic);
    }
    assert!(
        diagnostics
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start),
        "diagnostics are sorted by offset"
    );
    check_report(&text, diagnostics);
});
