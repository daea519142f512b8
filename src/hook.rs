//! `fmlint hook`: the command line of the pre-commit hooks, where file names can never
//! become options.
//!
//! pre-commit runs `entry`, then the user's `args:`, then the names of the files, with
//! nothing between the last two: a committed file named `--config=evil.md` would be read
//! as an option by an ordinary parser. [`split`] takes the options only from the front,
//! and only in forms no file name can take:
//!
//! - a word is an option only when it is spelled exactly as one of `fmlint check`'s
//!   (`--offline`, `-j`), its value (when it takes one) the next word; the first other
//!   word starts the files;
//! - when the options are followed by a `--` (users whose `args:` end with one), they
//!   may also be joined (`--format=json`), and every word after the `--` is a file.
//!
//! No file pre-commit passes can be spelled exactly as an option: it would have to be
//! named `--fix`, while the hooks pass only Markdown files. A word spelled as an option
//! that also names an existing file is refused, since either reading could be wrong; a
//! joined `--option=value` before the files is refused with a hint, since that is just
//! what a hostile name looks like.

use crate::cli::Cli;
use clap::CommandFactory;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// The words of a hook's command line, split.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// The options, for `fmlint check`.
    pub options: Vec<OsString>,
    /// The files, each one a path (a `-` is a file named `-`, not standard input).
    pub files: Vec<PathBuf>,
}

/// An option of `fmlint check` as it may be spelled, and whether it takes a value.
struct Spelling {
    word: String,
    takes_value: bool,
}

/// Split `words` (what follows `fmlint hook`) into options and files; `exists` says
/// whether a word names a file in the working directory.
pub fn split(words: &[OsString], exists: &dyn Fn(&OsStr) -> bool) -> Result<Split, String> {
    let spellings = spellings();
    // Joined options are only read when a `--` follows them: the user wrote it.
    let lenient = match words.iter().any(|w| w == "--") {
        true => Some(scan(words, &spellings, exists, true)?).filter(|s| s.separated),
        false => None,
    };
    let scan = match lenient {
        Some(scan) => scan,
        None => scan(words, &spellings, exists, false)?,
    };
    let rest = &words[scan.files_from..];
    if let (false, Some(first)) = (scan.separated, rest.first()) {
        refuse_joined_option(first, &spellings, exists)?;
    }
    Ok(Split {
        options: scan.options,
        files: rest.iter().map(file).collect(),
    })
}

/// Where the options of a hook's words end.
struct Scan {
    options: Vec<OsString>,
    /// The index of the first file.
    files_from: usize,
    /// Whether a `--` ended the options.
    separated: bool,
}

/// Read options from the front of `words` until a word that is none (or a `--`);
/// `joined`: `--option=value` counts as one.
fn scan(
    words: &[OsString],
    spellings: &[Spelling],
    exists: &dyn Fn(&OsStr) -> bool,
    joined: bool,
) -> Result<Scan, String> {
    let mut options = Vec::new();
    let mut at = 0;
    while let Some(word) = words.get(at) {
        if word == "--" {
            return Ok(Scan {
                options,
                files_from: at + 1,
                separated: true,
            });
        }
        let Some((spelling, value_joined)) = spelled(word, spellings, joined) else {
            break;
        };
        if exists(word) {
            return Err(format!(
                "`{}` is both an option and a file here: rename the file, or end the hook's `args:` with `--`",
                word.to_string_lossy()
            ));
        }
        options.push(word.clone());
        at += 1;
        if spelling.takes_value && !value_joined {
            let value = words
                .get(at)
                .ok_or_else(|| format!("`{}` needs a value", spelling.word))?;
            options.push(value.clone());
            at += 1;
        }
    }
    Ok(Scan {
        options,
        files_from: at,
        separated: false,
    })
}

/// The option `word` spells, and whether it carries its value (`--format=json`, only
/// when `joined` forms are read).
fn spelled<'a>(
    word: &OsStr,
    spellings: &'a [Spelling],
    joined: bool,
) -> Option<(&'a Spelling, bool)> {
    if let Some(exact) = spellings.iter().find(|s| word == s.word.as_str()) {
        return Some((exact, false));
    }
    let text = word.to_str()?;
    let (name, _) = text.split_once('=').filter(|_| joined)?;
    spellings
        .iter()
        .find(|s| s.takes_value && s.word == name && name.starts_with("--"))
        .map(|s| (s, true))
}

/// The error for a first file that is not there but reads as a joined option
/// (`--format=json`): the user meant an option, which a hook must spell apart.
fn refuse_joined_option(
    word: &OsStr,
    spellings: &[Spelling],
    exists: &dyn Fn(&OsStr) -> bool,
) -> Result<(), String> {
    let text = word.to_string_lossy();
    let Some((name, _)) = text.split_once('=') else {
        return Ok(());
    };
    if exists(word) || !spellings.iter().any(|s| s.takes_value && s.word == name) {
        return Ok(());
    }
    Err(format!(
        "`{text}` is not a file; in a hook's `args:` write `{name}` and its value as two words, or end the `args:` with `--`"
    ))
}

/// A file word as a path: `-` is the file of that name.
fn file(word: &OsString) -> PathBuf {
    if word == "-" {
        PathBuf::from(".").join(word)
    } else {
        PathBuf::from(word)
    }
}

/// Every spelling of `fmlint check`'s options, read from the parser itself.
fn spellings() -> Vec<Spelling> {
    let command = Cli::command();
    let Some(check) = command.find_subcommand("check") else {
        return Vec::new();
    };
    let mut spellings = Vec::new();
    for arg in check.get_arguments().filter(|a| !a.is_positional()) {
        let takes_value = arg.get_action().takes_values();
        let longs = arg
            .get_long_and_visible_aliases()
            .unwrap_or_default()
            .into_iter()
            .map(|l| format!("--{l}"));
        let shorts = arg
            .get_short_and_visible_aliases()
            .unwrap_or_default()
            .into_iter()
            .map(|s| format!("-{s}"));
        spellings.extend(
            longs
                .chain(shorts)
                .map(|word| Spelling { word, takes_value }),
        );
    }
    spellings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn split_here(list: &[&str], files: &[&str]) -> Result<Split, String> {
        split(&words(list), &|w| files.iter().any(|f| w == *f))
    }

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn names_like_options_stay_files() {
        let names = ["--config=evil.md", "--schema=x.md", "-q.md", "a.md"];
        let split = split_here(&names, &names).unwrap();
        assert!(split.options.is_empty());
        assert_eq!(split.files, paths(&names));
    }

    #[test]
    fn the_users_options_come_first() {
        let split = split_here(
            &[
                "--offline",
                "--format",
                "json",
                "-j",
                "2",
                "--config=evil.md",
                "a.md",
            ],
            &["--config=evil.md", "a.md"],
        )
        .unwrap();
        assert_eq!(
            split.options,
            words(&["--offline", "--format", "json", "-j", "2"])
        );
        assert_eq!(split.files, paths(&["--config=evil.md", "a.md"]));
    }

    #[test]
    fn after_a_separator_every_word_is_a_file() {
        let split = split_here(&["--fix", "--format=json", "--", "--offline", "-"], &[]).unwrap();
        assert_eq!(split.options, words(&["--fix", "--format=json"]));
        assert_eq!(split.files, paths(&["--offline", "./-"]));
        // A `--` among the files (one reached after a file) is a file.
        let split = split_here(&["a.md", "--", "b.md"], &["a.md", "--", "b.md"]).unwrap();
        assert_eq!(split.files, paths(&["a.md", "--", "b.md"]));
    }

    #[test]
    fn ambiguous_or_joined_words_are_refused() {
        let both = split_here(&["--fix", "a.md"], &["--fix", "a.md"]).unwrap_err();
        assert!(both.contains("both an option and a file"), "{both}");
        let joined = split_here(&["--format=json", "a.md"], &["a.md"]).unwrap_err();
        assert!(joined.contains("two words"), "{joined}");
        let joined = split_here(&["--config=evil.md", "--", "a.md"], &["--config=evil.md"]);
        assert!(joined.unwrap_err().contains("both an option and a file"));
        let missing = split_here(&["--schema"], &[]).unwrap_err();
        assert!(missing.contains("needs a value"), "{missing}");
    }
}
