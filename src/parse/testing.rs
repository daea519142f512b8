//! Helpers shared by the parsers' unit tests.

use crate::tree::{Node, Span, Value};

/// The source text a span covers.
pub fn text(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

/// The node at `path` (keys, or indexes for sequences) below `node`.
pub fn get<'a>(node: &'a Node, path: &[&str]) -> &'a Node {
    let mut n = node;
    for p in path {
        n = match p.parse::<usize>() {
            Ok(i) => match &n.value {
                Value::Seq(items) => &items[i],
                _ => panic!("not a seq at {p}"),
            },
            Err(_) => &n.entry(p).unwrap_or_else(|| panic!("no key {p}")).value,
        };
    }
    n
}

/// Run `f` on a thread with a 2 MiB stack, as worker threads have.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}
