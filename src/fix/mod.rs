//! Fixes: proposing them ([`propose`]) in the file's own [`style`], applying them to the
//! text ([`apply`]) and writing the result safely ([`write`](mod@write)).
//!
//! A fix is a list of byte-range edits on the original text, never a re-serialisation:
//! comments, key order, quoting, indentation, CRLF and BOM survive, and no edit leaves
//! the front-matter block.

pub mod aliases;
pub mod apply;
pub mod encode;
pub mod propose;
pub mod style;
pub mod write;
