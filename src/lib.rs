//! fmlint: lint the front matter of static-site Markdown content against a JSON Schema,
//! with every diagnostic at its exact byte range in the original file.
//!
//! The modules follow the data: [`discover`] files -> [`read`] them -> [`split`] the front
//! matter -> [`parse`] it into the spanned [`tree`] -> [`validate`] it against a
//! [`schema`] -> [`diagnostic`]s -> [`report`]. [`check`] runs the steps for one file,
//! [`run`] for a whole tree in parallel.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod changed;
pub mod check;
pub mod cli;
pub mod codes;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod explain;
pub mod fix;
pub mod hook;
pub mod init;
pub mod line_index;
pub mod links;
pub mod parse;
pub mod paths;
pub mod read;
pub mod report;
pub mod run;
pub mod sanitize;
pub mod schema;
pub mod site;
pub mod split;
pub mod suggest;
pub mod suppress;
pub mod tree;
pub mod validate;
