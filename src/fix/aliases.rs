//! Fixes and YAML aliases. An alias (`*name`, or a `<<: *name` merge) copies the text of
//! the node anchored as `&name`: an edit inside that text changes every copy too, which
//! a fix aimed at one value must not do. Such fixes are withdrawn, safe or not; a fix
//! that replaces an alias use itself changes only that use, and stays.

use crate::diagnostic::{Diagnostic, Edit};
use crate::tree::Span;

/// Withdraw the fixes of `diagnostics` with an edit inside one of `aliased` (the spans
/// of anchored nodes that aliases copy); the findings stay, saying why no fix is offered.
pub fn withdraw_fixes_on_aliased(diagnostics: &mut [Diagnostic], aliased: &[Span]) {
    for diagnostic in diagnostics {
        let touches = diagnostic.fix.as_ref().is_some_and(|fix| {
            fix.edits
                .iter()
                .any(|edit| aliased.iter().any(|&span| inside(edit, span)))
        });
        if touches {
            diagnostic.fix = None;
            let why = "no fix is offered: the value is anchored, and an alias elsewhere copies it; change it by hand where it should change";
            diagnostic.help = Some(match diagnostic.help.take() {
                Some(help) => format!("{help} ({why})"),
                None => why.to_string(),
            });
        }
    }
}

/// Whether `edit` changes text of `span` (an insertion, text strictly inside it).
fn inside(edit: &Edit, span: Span) -> bool {
    let at = edit.span;
    if at.is_empty() {
        span.start < at.start && at.start < span.end
    } else {
        at.start < span.end && span.start < at.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;
    use crate::diagnostic::{Applicability, Fix};

    fn fixed_at(start: usize, end: usize) -> Diagnostic {
        Diagnostic::new(&codes::SCHEMA_TYPE, Span::new(start, end), "m").with_fix(Fix::replace(
            Applicability::Safe,
            "d",
            Span::new(start, end),
            "x",
        ))
    }

    #[test]
    fn edits_inside_an_aliased_node_lose_their_fix() {
        let mut found = [
            fixed_at(10, 12),
            fixed_at(20, 22),
            fixed_at(5, 5),
            fixed_at(15, 15),
        ];
        withdraw_fixes_on_aliased(&mut found, &[Span::new(5, 16)]);
        let fixable: Vec<bool> = found.iter().map(|d| d.fix.is_some()).collect();
        assert_eq!(fixable, [false, true, true, false]);
        assert!(found[0].help.as_deref().unwrap().contains("alias"));
    }
}
