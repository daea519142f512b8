//! The link benchmark's driver (see `bench/links/run.sh`):
//!
//! ```text
//! linkbench serve PORT_FILE LATENCY_MS     HTTP/1.1 keep-alive server on 127.0.0.1;
//!                                          every path answers 200 after LATENCY_MS;
//!                                          GET /__stats answers the request count
//! linkbench gen DIR PORT FILES URLS LINKS  FILES Markdown posts under DIR, LINKS links
//!                                          each to URLS distinct URLs, heavy reuse
//! linkbench check DIR CACHE CONCURRENCY [--no-cache]
//!                                          fmlint's link phase on DIR's .md files
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let number = |i: usize| -> usize {
        arg(i).parse().unwrap_or_else(|_| {
            eprintln!("linkbench: argument {i} must be a number, got `{}`", arg(i));
            std::process::exit(2)
        })
    };
    match arg(0).as_str() {
        "serve" => serve(
            PathBuf::from(arg(1)),
            Duration::from_millis(number(2) as u64),
        ),
        "gen" => generate(
            Path::new(&arg(1)),
            number(2),
            number(3),
            number(4),
            number(5),
        ),
        "check" => check(
            Path::new(&arg(1)),
            Path::new(&arg(2)),
            number(3),
            arg(4) == "--no-cache",
        ),
        _ => {
            eprintln!("usage: linkbench serve|gen|check ... (see the source)");
            std::process::exit(2)
        }
    }
}

fn serve(port_file: PathBuf, latency: Duration) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let port = listener.local_addr().expect("address").port();
        std::fs::write(&port_file, port.to_string()).expect("write the port file");
        let count = Arc::new(AtomicUsize::new(0));
        while let Ok((stream, _)) = listener.accept().await {
            let _ = stream.set_nodelay(true);
            tokio::spawn(connection(stream, latency, count.clone()));
        }
    });
}

/// Answer requests on one connection until the client closes it.
async fn connection(mut stream: tokio::net::TcpStream, latency: Duration, count: Arc<AtomicUsize>) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let end = loop {
            if let Some(p) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                break p + 4;
            }
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => pending.extend_from_slice(&buf[..n]),
            }
        };
        let head = String::from_utf8_lossy(&pending[..end]).to_ascii_lowercase();
        pending.drain(..end);
        let mut first = head.lines().next().unwrap_or("").split_whitespace();
        let method = first.next().unwrap_or("").to_string();
        let path = first.next().unwrap_or("").to_string();
        let close = head.contains("\r\nconnection: close");
        let body = if path == "/__stats" {
            count.load(Ordering::SeqCst).to_string()
        } else {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(latency).await;
            "<!doctype html><title>ok</title>".to_string()
        };
        let shown = if method == "head" { "" } else { body.as_str() };
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\n{}\r\n{shown}",
            body.len(),
            if close { "connection: close\r\n" } else { "" }
        );
        if stream.write_all(response.as_bytes()).await.is_err() || close {
            return;
        }
    }
}

/// Posts linking `urls` distinct URLs with heavy reuse: half the links go to 100 popular
/// URLs, the rest spread over all, and every URL is used at least once.
fn generate(dir: &Path, port: usize, files: usize, urls: usize, links: usize) {
    let posts = dir.join("content/post");
    std::fs::create_dir_all(&posts).expect("create the content folder");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as usize
    };
    let per_file_cover = urls.div_ceil(files.max(1));
    for f in 0..files {
        let mut text = format!("---\ntitle: \"Post {f}\"\ndate: 2025-02-11\n---\n\n");
        for j in 0..links {
            let u = if j < per_file_cover {
                (f * per_file_cover + j) % urls.max(1)
            } else if next() % 2 == 0 {
                next() % 100.min(urls.max(1))
            } else {
                next() % urls.max(1)
            };
            text.push_str(&format!(
                "See [link {j}](http://127.0.0.1:{port}/p/{u}) here.\n"
            ));
        }
        std::fs::write(posts.join(format!("p{f}.md")), text).expect("write a post");
    }
}

/// fmlint's link phase over every `.md` file below `dir`: collect, then check remote.
fn check(dir: &Path, cache: &Path, concurrency: usize, no_cache: bool) {
    let started = Instant::now();
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    let config = fmlint::config::Config::parse("", dir.to_path_buf(), None)
        .expect("default config")
        .links;
    let mut requests = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let start = fmlint::links::body_start(&text);
        for link in fmlint::links::collect(&text, start, None, None, &config) {
            requests.push(fmlint::links::RemoteRequest { file: i, link });
        }
    }
    let collected = started.elapsed();
    let mut options = fmlint::links::RemoteOptions::from_config(&config);
    options.cache = cache.to_path_buf();
    options.no_cache = no_cache;
    options.policy.allow_private = true;
    options.fetch.max_concurrency = concurrency;
    options.fetch.per_host = concurrency;
    let uses = requests.len();
    let (findings, summary, warnings) = fmlint::links::check_remote(requests, &options, false);
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "files={} links={uses} findings={} checked={} cached={} requests={} collect={:.3}s total={:.3}s",
        files.len(),
        findings.len(),
        summary.checked,
        summary.cached,
        summary.requests,
        collected.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
}
