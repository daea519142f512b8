//! Applying fixes to a text: edits sorted, overlapping fixes skipped, edits outside the
//! front-matter block refused. One call is one pass; the caller re-checks and repeats.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The text after one pass, and how many fixes it applied.
#[derive(Debug, PartialEq, Eq)]
pub struct Applied {
    pub text: String,
    pub fixes: usize,
    /// The edits made, in order of position (spans in the text before).
    pub edits: Vec<Edit>,
}

/// Apply every fix of `diagnostics` at least as safe as `level` that does not overlap a fix
/// taken before it (in order of position) and stays inside `block`.
pub fn apply(
    text: &str,
    diagnostics: &[Diagnostic],
    level: Applicability,
    block: std::ops::Range<usize>,
) -> Applied {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= level && !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .filter(|edits| {
            edits.iter().all(|e| {
                block.start <= e.span.start
                    && e.span.end <= block.end
                    && text.is_char_boundary(e.span.start)
                    && text.is_char_boundary(e.span.end)
            })
        })
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut taken: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        if edits.iter().any(|e| taken.iter().any(|t| overlaps(e, t))) {
            continue;
        }
        taken.extend(edits);
        count += 1;
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in &taken {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Applied {
        text: out,
        fixes: count,
        edits: taken.into_iter().cloned().collect(),
    }
}

/// Two edits conflict when their ranges overlap, or both insert at the same place, or
/// one inserts inside the other's range.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    if a.is_empty() {
        return b.start < a.start && a.start < b.end;
    }
    if b.is_empty() {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::diagnostic::Fix;
    use crate::tree::Span;

    fn diag(start: usize, end: usize, with: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new(&codes::SCHEMA_TYPE, Span::new(start, end), "m").with_fix(Fix::replace(
            applicability,
            "d",
            Span::new(start, end),
            with,
        ))
    }

    #[test]
    fn applies_sorted_skips_overlaps_and_respects_level_and_block() {
        let text = "---\na: \"1\"\nb: \"x\"\n---\nbody";
        let diagnostics = [
            diag(14, 17, "y", Applicability::Safe),
            diag(7, 10, "1", Applicability::Safe),
            diag(8, 9, "2", Applicability::Safe),
            diag(11, 12, "c", Applicability::Unsafe),
            diag(22, 26, "BODY", Applicability::Safe),
        ];
        let safe = apply(text, &diagnostics, Applicability::Safe, 4..18);
        assert_eq!(safe.text, "---\na: 1\nb: y\n---\nbody");
        assert_eq!(safe.fixes, 2);
        let all = apply(text, &diagnostics, Applicability::Unsafe, 4..18);
        assert_eq!(all.text, "---\na: 1\nc: y\n---\nbody");
        assert_eq!(all.fixes, 3);
    }

    #[test]
    fn insertions_at_one_place_conflict() {
        let text = "ab";
        let insert =
            |with: &str| {
                Diagnostic::new(&codes::SCHEMA_REQUIRED, Span::new(1, 1), "m").with_fix(
                    Fix::replace(Applicability::Safe, "d", Span::new(1, 1), with),
                )
            };
        let applied = apply(text, &[insert("x"), insert("y")], Applicability::Safe, 0..2);
        assert_eq!(applied.text, "axb");
    }
}
