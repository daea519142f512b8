//! `--diff`: what `--fix` would change, as a unified diff per file (`patch -p0` applies it).
//! The file names in the headers go through the sanitiser: a newline in a name must not
//! start a header of its own, naming another file to patch. The changed lines are the
//! file's own, exactly, or the patch would not apply.

use crate::run::Outcome;

/// The diffs of every file fixes would change, in path order.
pub fn render(outcome: &Outcome) -> String {
    let mut out = String::new();
    for report in &outcome.reports {
        let Some(original) = &report.original else {
            continue;
        };
        let fixed = String::from_utf8_lossy(&report.source);
        let diff = similar::TextDiff::from_lines(original.as_str(), fixed.as_ref());
        let name = super::sanitize::path(&report.path);
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&name, &name)
                .missing_newline_hint(false)
                .to_string(),
        );
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}
