//! The fix engine: every fix, safe and unsafe, applied until nothing changes. The result
//! parses (or the file is unchanged), no byte outside the front matter changes, every
//! edit lies on char boundaries, and fixing the result again is a no-op.
#![no_main]

use fmlint::check::Checker;
use fmlint::diagnostic::{Applicability, Diagnostic};
use fmlint::split::{split, Format, Split};
use fmlint_fuzz::{assert_diagnostic, REL};
use libfuzzer_sys::fuzz_target;

thread_local! {
    static CHECKER: Checker<'static> = fmlint_fuzz::checker("none");
}

/// The text before the front matter and the text after it (closing delimiter and body),
/// or `None` when the file has no complete front matter.
fn outside(text: &str) -> Option<(&str, &str)> {
    let Split::Block {
        format,
        open,
        block,
    } = split(text)
    else {
        return None;
    };
    let end = match format {
        Format::Json => fmlint::links::body_start(text),
        Format::Yaml | Format::Toml => block.end,
    };
    Some((&text[..open.start], &text[end..]))
}

fn breaks_syntax(diagnostics: &[Diagnostic]) -> bool {
    diagnostics
        .iter()
        .any(|d| d.code.name.starts_with("syntax/"))
}

fuzz_target!(|data: &[u8]| {
    let Some(text) = fmlint_fuzz::text(data) else {
        return;
    };
    let path = fmlint_fuzz::path();
    CHECKER.with(|checker| {
        let fixed = match checker.fix_text(&path, REL, text, Applicability::Unsafe) {
            Ok(fixed) => fixed,
            // A schema named by the file itself may not load; nothing else may fail.
            Err(error) if text.contains("$schema") && !error.contains("did not settle") => return,
            Err(error) => panic!("{error}"),
        };
        for diagnostic in &fixed.diagnostics {
            assert_diagnostic(&fixed.text, diagnostic);
        }
        if fixed.text == text {
            return;
        }
        assert!(fixed.fixes > 0, "the text changed without a fix");
        assert!(
            !breaks_syntax(&fixed.diagnostics),
            "fixing broke the syntax:\n{}",
            fixed.text
        );
        assert_eq!(
            outside(text),
            outside(&fixed.text),
            "a fix changed bytes outside the front matter"
        );
        let again = checker
            .fix_text(&path, REL, &fixed.text, Applicability::Unsafe)
            .expect("fixes settle the second time");
        assert_eq!(again.text, fixed.text, "a second fix pass changed the text");
        assert_eq!(again.fixes, 0);
    });
});
