//! `fmlint explain CODE`: finds a code by its name (or the part after the `/`) and lays
//! out what the table in [`crate::codes`] says of it — what it checks, why it matters,
//! an example that triggers it, how it is fixed, and how to change or silence it.

use crate::codes::{self, Code, Family};

/// What a name given to `fmlint explain` resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(&'static Code),
    /// Not a code; the nearest one, if any is close.
    Unknown(Option<&'static str>),
}

/// Resolve `name`: an exact code, or the name part of one (`enum` for `schema/enum`),
/// else the nearest code for "did you mean".
pub fn lookup(name: &str) -> Lookup {
    if let Some(code) = codes::lookup(name) {
        return Lookup::Found(code);
    }
    let by_tail: Vec<&'static Code> = codes::ALL
        .iter()
        .copied()
        .filter(|c| c.short_name() == name)
        .collect();
    if let [code] = by_tail.as_slice() {
        return Lookup::Found(code);
    }
    Lookup::Unknown(codes::closest(name))
}

/// The full text `fmlint explain` prints for `code`. The first line is the code alone.
pub fn render(code: &Code) -> String {
    let fixable = if code.fixable {
        "fixable in some cases"
    } else {
        "not fixable automatically"
    };
    let mut out = format!(
        "{}\n\n{}\n\nDefault severity: {}. Fixable: {}.\n",
        code.name,
        code.summary,
        code.severity.as_str(),
        if code.fixable { "sometimes" } else { "no" }
    );
    let e = code.explanation;
    out.push_str("\nWhy it matters\n");
    out.push_str(&indent(e.why));
    out.push_str("\nExample\n");
    out.push_str(&indent(e.example));
    out.push_str(&format!("\nHow to fix ({fixable})\n"));
    out.push_str(&indent(e.fix));
    out.push_str(&format!(
        "\nTo change its severity: `[rules] \"{}\" = \"warning\"` (or \"error\", \"off\") in fmlint.toml.\n",
        code.name
    ));
    // Syntax errors leave no front matter to hold a comment.
    if !matches!(code.family, Family::Syntax | Family::Suppression) {
        out.push_str(&format!(
            "To silence one place: `# fmlint-disable-next-line {}` in YAML or TOML front matter.\n",
            code.name
        ));
    }
    out
}

/// The list `fmlint explain --list` prints: one code and its summary per line.
pub fn list() -> String {
    let width = codes::ALL.iter().map(|c| c.name.len()).max().unwrap_or(0) + 2;
    codes::ALL
        .iter()
        .map(|c| format!("{:<width$}{}\n", c.name, c.summary))
        .collect()
}

fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("    {l}\n")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_renders_under_its_name() {
        for code in codes::ALL {
            assert!(render(code).starts_with(&format!("{}\n", code.name)));
        }
    }

    #[test]
    fn lookup_accepts_the_name_part_and_suggests() {
        assert_eq!(lookup("schema/enum"), Lookup::Found(&codes::SCHEMA_ENUM));
        assert_eq!(lookup("enum"), Lookup::Found(&codes::SCHEMA_ENUM));
        assert_eq!(lookup("schema/enun"), Lookup::Unknown(Some("schema/enum")));
    }
}
