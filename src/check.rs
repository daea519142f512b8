//! Checking one file: split, parse, choose the schema, validate, apply `[rules]`; and
//! fixing one file: check, apply the fixes, re-check, until nothing changes.
//!
//! Input is the file's text; output its diagnostics sorted by offset. Problems with the
//! tool rather than the file (a schema that cannot be read, fixes that never settle)
//! are returned as errors.

use crate::codes::{self, Family};
use crate::config::{Config, FrontMatterPolicy, LinkCheck};
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::fix;
use crate::links::{self, Link};
use crate::parse::{self, ParseError, ParseErrorKind};
use crate::schema::Schemas;
use crate::split::{self, Format, Split};
use crate::suppress;
use crate::tree::{Node, Span, Value};
use crate::validate;
use std::path::Path;

/// Most fix passes over one file; fixes that still change the text after this many are a
/// bug (they undo each other), reported rather than looped on.
const MAX_FIX_PASSES: usize = 10;

/// Everything needed to check files, shared by all worker threads.
pub struct Checker<'a> {
    pub config: &'a Config,
    pub schemas: Schemas<'a>,
    /// Site folders and anchors for local link checks, shared by the workers.
    pub roots: links::LocalRoots,
    /// Whether the run's link phase follows the checks of files (online, `[links] check
    /// = "all"`): only then can suppressions of its codes be judged.
    pub link_phase: bool,
}

/// The front matter of a text, read.
enum Front {
    /// No front matter at all.
    Absent,
    /// Front matter that cannot be read: the diagnostic says why.
    Broken(Diagnostic),
    Parsed {
        format: Format,
        open: Span,
        block: std::ops::Range<usize>,
        root: Node,
    },
}

/// One file checked: its diagnostics, and what the run's link phase needs of it: the
/// remote links still to check and, when some of its suppressions wait for their
/// findings, the suppressions.
#[derive(Debug)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub remote: Vec<Link>,
    pub suppressions: Option<suppress::Suppressions>,
}

/// One file after fixing: its final text, what remains, how many fixes were applied.
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub fixes: usize,
}

/// One fix pass to make: over which text, with which fixes, and what result to keep.
struct Pass<'p> {
    path: &'p Path,
    rel: &'p str,
    text: &'p str,
    level: Applicability,
    /// Where edits may go.
    block: std::ops::Range<usize>,
    /// Whether a result is one to keep.
    sound: &'p dyn Fn(&Checked) -> bool,
}

/// A fix pass kept: the new text, its check, and the fixes and edits that made it.
#[derive(Debug)]
pub struct Passed {
    pub text: String,
    pub checked: Checked,
    pub fixes: usize,
    /// The edits made, in order of position (spans in the text before the pass).
    pub edits: Vec<Edit>,
}

impl Passed {
    fn new(applied: fix::apply::Applied, checked: Checked) -> Self {
        Passed {
            text: applied.text,
            checked,
            fixes: applied.fixes,
            edits: applied.edits,
        }
    }
}

impl<'a> Checker<'a> {
    pub fn new(config: &'a Config, schemas: Schemas<'a>) -> Self {
        let roots = links::LocalRoots::new(&config.links, &config.root);
        Checker {
            config,
            schemas,
            roots,
            link_phase: false,
        }
    }

    /// Check `text`, the content of the file at `path` (`rel` to the config root).
    pub fn check_text(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
    ) -> Result<Vec<Diagnostic>, String> {
        self.check_file(path, rel, text)
            .map(|checked| checked.diagnostics)
    }

    /// Check `text` like [`Checker::check_text`], and also return its remote links for the
    /// run to check once all files are read.
    pub fn check_file(&self, path: &Path, rel: &str, text: &str) -> Result<Checked, String> {
        let mut remote = Vec::new();
        let mut waiting = None;
        let mut diagnostics = match self.read_front(text) {
            Front::Absent => {
                let mut found: Vec<Diagnostic> = self.missing(rel, text).into_iter().collect();
                self.links(path, text, 0, None, &mut found, &mut remote);
                found
            }
            Front::Broken(diagnostic) => {
                let mut found = vec![diagnostic];
                let body = links::body_start(text);
                self.links(path, text, body, None, &mut found, &mut remote);
                found
            }
            Front::Parsed {
                format,
                open,
                block,
                root,
            } => {
                let in_file = match root.entry("$schema").map(|e| &e.value.value) {
                    Some(Value::String(reference)) => Some(reference.as_str()),
                    _ => None,
                };
                let schema = self.schemas.for_file(path, rel, in_file)?;
                let front = validate::FrontMatter {
                    text,
                    format,
                    root: &root,
                    open,
                    block: block.clone(),
                };
                let mut found = validate::validate(&schema, &front);
                if format == Format::Yaml && found.iter().any(|d| d.fix.is_some()) {
                    let aliased =
                        parse::yaml::aliased_spans(text, block.clone(), &self.config.limits);
                    fix::aliases::withdraw_fixes_on_aliased(&mut found, &aliased);
                }
                let body = links::body_after(text, format, &block);
                let front = Some((&root, &schema.url_fields));
                self.links(path, text, body, front, &mut found, &mut remote);
                let mut suppressions = suppress::Suppressions::find(text, format, block, &root);
                suppressions.filter(&mut found);
                let pending = |code: &codes::Code| self.pending(code, !remote.is_empty());
                found.extend(suppressions.unused(pending));
                if self.link_phase && !remote.is_empty() && !suppressions.is_empty() {
                    waiting = Some(suppressions);
                }
                found
            }
        };
        self.apply_rules(rel, &mut diagnostics);
        Ok(Checked {
            diagnostics,
            remote,
            suppressions: waiting,
        })
    }

    /// Whether a suppression of `code` cannot be judged when one file is checked: a link
    /// code no check of this run makes, or a code of the run's link phase in a file that
    /// has remote links (the phase judges it then).
    fn pending(&self, code: &codes::Code, has_remote: bool) -> bool {
        match code.phase {
            codes::Phase::File => {
                code.family == Family::Link && self.config.links.check == LinkCheck::None
            }
            codes::Phase::Run => !self.link_phase || has_remote,
        }
    }

    /// `[rules]` and `[[overrides]]`: each diagnostic's severity, or gone; then sorted.
    pub fn apply_rules(&self, rel: &str, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(
            |d| match self.config.severity_for(rel, d.code, d.severity) {
                Some(severity) => {
                    d.severity = severity;
                    true
                }
                None => false,
            },
        );
        diagnostics.sort_by(|a, b| (a.span.start, a.code.name).cmp(&(b.span.start, b.code.name)));
    }

    /// The file's links (its body starts at `body`; `front` is its front matter and the
    /// URL fields of its schema, when it was read): local ones checked now (into `found`),
    /// remote ones kept.
    fn links(
        &self,
        path: &Path,
        text: &str,
        body: usize,
        front: Option<(&Node, &links::UrlFields)>,
        found: &mut Vec<Diagnostic>,
        remote: &mut Vec<Link>,
    ) {
        if self.config.links.check == LinkCheck::None {
            return;
        }
        let (root, url_fields) = front.unzip();
        let all = links::collect(text, body, root, url_fields, &self.config.links);
        found.extend(links::check_local(path, text, body, &all, &self.roots));
        remote.extend(
            all.into_iter()
                .filter(|l| l.class() == links::target::Class::Remote),
        );
    }

    /// Fix `text` with every fix at least as safe as `level`, pass after pass, until no
    /// fix applies. A pass whose result no longer parses is thrown away.
    pub fn fix_text(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
        level: Applicability,
    ) -> Result<Fixed, String> {
        let mut current = Fixed {
            text: text.to_string(),
            diagnostics: self.check_text(path, rel, text)?,
            fixes: 0,
        };
        let keeps_syntax = |checked: &Checked| !breaks_syntax(&checked.diagnostics);
        for _ in 0..MAX_FIX_PASSES {
            let Front::Parsed { block, .. } = self.read_front(&current.text) else {
                return Ok(current);
            };
            let pass = Pass {
                path,
                rel,
                text: &current.text,
                level,
                block,
                sound: &keeps_syntax,
            };
            let Some(passed) = self.pass(&pass, &current.diagnostics)? else {
                return Ok(current);
            };
            current = Fixed {
                text: passed.text,
                diagnostics: passed.checked.diagnostics,
                fixes: current.fixes + passed.fixes,
            };
        }
        Err(format!(
            "{}: fixes did not settle after {MAX_FIX_PASSES} passes (an fmlint bug: please report it); the file was left unchanged",
            path.display()
        ))
    }

    /// Give the `link/redirected` findings of `text` (whose fixes hold the target as the
    /// server or the cache gave it) the text that writes the target where the URL is,
    /// encoded for that place; a target that cannot be written there loses its fix.
    pub fn encode_redirects(&self, text: &str, found: &mut [Diagnostic]) {
        let front = match self.read_front(text) {
            Front::Parsed { format, block, .. } => Some((format, block)),
            _ => None,
        };
        let front = front.as_ref().map(|(format, block)| (*format, block));
        for diagnostic in found
            .iter_mut()
            .filter(|d| *d.code == codes::LINK_REDIRECTED)
        {
            let Some(fix) = diagnostic.fix.as_mut() else {
                continue;
            };
            let encoded = match fix.edits.as_mut_slice() {
                [edit] => fix::encode::url_in_place(text, front, edit.span, &edit.replacement)
                    .map(|url| edit.replacement = url),
                _ => None,
            };
            if encoded.is_none() {
                diagnostic.fix = None;
            }
        }
    }

    /// Apply the fixes of the link phase's `findings` in `text` (redirects encoded by
    /// [`Checker::encode_redirects`], removals of unused suppressions), those at least as
    /// safe as `level`, as one fix pass: kept only when the result keeps its syntax and
    /// every one of its links. `None` when nothing is kept.
    pub fn fix_late(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
        findings: &[Diagnostic],
        level: Applicability,
    ) -> Result<Option<Passed>, String> {
        let before = self.check_file(path, rel, text)?;
        let syntax = |checked: &Checked| {
            let codes = checked.diagnostics.iter().map(|d| d.code.family);
            codes.filter(|f| *f == Family::Syntax).count()
        };
        // A file without front matter (or a broken one) has its links fixed all the same.
        let keeps_links = |checked: &Checked| {
            syntax(checked) <= syntax(&before) && checked.remote.len() == before.remote.len()
        };
        let pass = Pass {
            path,
            rel,
            text,
            level,
            block: 0..text.len(),
            sound: &keeps_links,
        };
        self.pass(&pass, findings)
    }

    /// Apply the fixes of `diagnostics` as one pass and check the result. A result that
    /// is not sound is thrown away, and the fixes that are sound on their own are applied
    /// together instead. `None` when no fix applies soundly.
    fn pass(&self, pass: &Pass, diagnostics: &[Diagnostic]) -> Result<Option<Passed>, String> {
        let Pass {
            path,
            rel,
            text,
            level,
            ..
        } = *pass;
        let apply =
            |fixes: &[Diagnostic]| fix::apply::apply(text, fixes, level, pass.block.clone());
        let applied = apply(diagnostics);
        if applied.fixes == 0 || applied.text == text {
            return Ok(None);
        }
        let checked = self.check_file(path, rel, &applied.text)?;
        if (pass.sound)(&checked) {
            return Ok(Some(Passed::new(applied, checked)));
        }
        let mut sound = Vec::new();
        for single in diagnostics.iter().filter(|d| d.fix.is_some()) {
            let one = apply(std::slice::from_ref(single));
            if one.fixes > 0 && (pass.sound)(&self.check_file(path, rel, &one.text)?) {
                sound.push(single.clone());
            }
        }
        let together = apply(&sound);
        if together.fixes == 0 {
            return Ok(None);
        }
        let checked = self.check_file(path, rel, &together.text)?;
        Ok((pass.sound)(&checked).then(|| Passed::new(together, checked)))
    }

    /// The schema `text` (the file at `path`, `rel` to the config root) is validated
    /// against, its own `$schema` key included: what `fmlint schema FILE` prints.
    pub fn schema_for(
        &self,
        path: &Path,
        rel: &str,
        text: &str,
    ) -> Result<std::sync::Arc<crate::schema::Schema>, String> {
        let in_file = match self.read_front(text) {
            Front::Parsed { root, .. } => match root.entry("$schema").map(|e| &e.value.value) {
                Some(Value::String(reference)) => Some(reference.clone()),
                _ => None,
            },
            _ => None,
        };
        self.schemas.for_file(path, rel, in_file.as_deref())
    }

    fn read_front(&self, text: &str) -> Front {
        let (format, open, block) = match split::split(text) {
            Split::None => return Front::Absent,
            Split::Unterminated { format, open } => {
                let closing = format.delimiter();
                return Front::Broken(
                    Diagnostic::new(
                        &codes::SYNTAX_UNTERMINATED,
                        open,
                        format!("the front matter opened here never closes: no `{closing}` line follows"),
                    )
                    .with_label("opened here")
                    .with_help(format!("end the front matter with a line holding only `{closing}`")),
                );
            }
            Split::Block {
                format,
                open,
                block,
            } => (format, open, block),
        };
        let limits = &self.config.limits;
        let parsed = match format {
            Format::Yaml => {
                parse::yaml::parse(text, block.clone(), limits).map(|root| (root, block))
            }
            Format::Toml => {
                parse::toml::parse(text, block.clone(), limits).map(|root| (root, block))
            }
            Format::Json => parse::json::parse(text, block.start, limits)
                .map(|(root, end)| (root, block.start..end)),
        };
        match parsed {
            Ok((root, block)) => Front::Parsed {
                format,
                open,
                block,
                root,
            },
            Err(error) => Front::Broken(parse_diagnostic(format, error)),
        }
    }

    /// The `syntax/missing` diagnostic for a file without front matter, if required.
    fn missing(&self, rel: &str, text: &str) -> Option<Diagnostic> {
        let required = match self.config.front_matter {
            FrontMatterPolicy::Required => true,
            FrontMatterPolicy::Optional => false,
            FrontMatterPolicy::Auto => rel.split('/').rev().skip(1).any(|dir| dir == "content"),
        };
        let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
        required.then(|| {
            Diagnostic::new(&codes::SYNTAX_MISSING, Span::new(start, start), "the file has no front matter")
                .with_help("start the file with a `---` line, the front matter, and another `---` line (files under `content/` need one; see `front_matter` in fmlint.toml)")
        })
    }
}

fn breaks_syntax(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.code.family == Family::Syntax)
}

/// The diagnostic for a parser's error.
fn parse_diagnostic(format: Format, error: ParseError) -> Diagnostic {
    let code = match error.kind {
        ParseErrorKind::DuplicateKey => &codes::SYNTAX_DUPLICATE_KEY,
        ParseErrorKind::Limit => &codes::SYNTAX_LIMIT,
        ParseErrorKind::Syntax => match format {
            Format::Yaml => &codes::SYNTAX_YAML,
            Format::Toml => &codes::SYNTAX_TOML,
            Format::Json => &codes::SYNTAX_JSON,
        },
    };
    Diagnostic::new(code, error.span, error.message)
}
