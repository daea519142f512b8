//! The output formats whose document can be written while the run goes on (human, json,
//! github, sarif): a head, then the findings of each file as soon as every file before it
//! is done, then a tail with the totals. A large tree's findings are then shown as they
//! are found and never all held. JUnit puts its totals first and lists every file: it is
//! rendered from the whole outcome.

use super::{github, human, json, sarif, OutputFormat};
use crate::diagnostic::Applicability;
use crate::run::{FileReport, Outcome};

/// A format written piece by piece, with what it needs to draw one file.
pub enum Streamed {
    /// Human output; `true`: no summary line (`--quiet`).
    Human(Box<human::Renderer>, bool),
    /// `--format json`, with the fix level that decides `fixable`.
    Json(Applicability),
    /// `--format github`, with the fix level that decides which command the help names.
    Github(Applicability),
    /// `--format sarif`, with the fix level that decides how a fix is applied.
    Sarif(Applicability),
}

impl Streamed {
    /// The streamed form of `format`, if it has one.
    pub fn new(
        format: OutputFormat,
        style: human::Style,
        quiet: bool,
        level: Applicability,
    ) -> Option<Self> {
        match format {
            OutputFormat::Human => Some(Streamed::Human(
                Box::new(human::Renderer::new(style, level)),
                quiet,
            )),
            OutputFormat::Json => Some(Streamed::Json(level)),
            OutputFormat::Github => Some(Streamed::Github(level)),
            OutputFormat::Sarif => Some(Streamed::Sarif(level)),
            OutputFormat::Junit => None,
        }
    }

    /// The piece for one file's findings; it may be drawn on any thread.
    pub fn file(&self, report: &FileReport) -> String {
        match self {
            Streamed::Human(renderer, _) => renderer.file(report),
            Streamed::Json(level) => json::file(report, *level),
            Streamed::Github(level) => github::file(report, *level),
            Streamed::Sarif(level) => sarif::file(report, *level),
        }
    }

    /// A document to write, from its head on.
    pub fn document(&self) -> Document<'_> {
        Document {
            format: self,
            pieces: 0,
            started: false,
        }
    }

    /// The whole document for `outcome` at once.
    pub fn render(&self, outcome: &Outcome) -> String {
        let mut document = self.document();
        let mut text = String::new();
        for report in &outcome.reports {
            text.push_str(&document.piece(&self.file(report)));
        }
        text.push_str(&document.tail(outcome));
        text
    }
}

/// One document being written: whether its head is out, and how many pieces it has (for
/// the separators between them). The head goes out with the first piece or the tail, so
/// a run that fails before finding anything prints no half document.
pub struct Document<'a> {
    format: &'a Streamed,
    pieces: usize,
    started: bool,
}

impl Document<'_> {
    /// The head, the first time something is written.
    fn head(&mut self) -> String {
        if std::mem::replace(&mut self.started, true) {
            return String::new();
        }
        match self.format {
            Streamed::Json(_) => json::HEAD.to_string(),
            Streamed::Sarif(_) => sarif::head(),
            Streamed::Human(..) | Streamed::Github(_) => String::new(),
        }
    }

    /// The text that adds one file's piece (from [`Streamed::file`]) to the document.
    pub fn piece(&mut self, piece: &str) -> String {
        if piece.is_empty() {
            return String::new();
        }
        self.pieces += 1;
        let separator = match self.format {
            Streamed::Json(_) | Streamed::Sarif(_) => json::separator(self.pieces == 1),
            Streamed::Human(..) | Streamed::Github(_) => "",
        };
        format!("{}{separator}{piece}", self.head())
    }

    /// The text after the last file's findings, with the run's totals.
    pub fn tail(&mut self, outcome: &Outcome) -> String {
        let tail = match self.format {
            Streamed::Json(_) => json::tail(outcome, self.pieces > 0),
            Streamed::Sarif(_) => sarif::tail(outcome, self.pieces > 0),
            Streamed::Human(_, quiet) if !quiet => human::summary(outcome),
            Streamed::Human(..) | Streamed::Github(_) => String::new(),
        };
        format!("{}{tail}", self.head())
    }
}
