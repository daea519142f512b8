//! An HTTP/1.1 server on 127.0.0.1 inside the test process: no internet, nothing to start
//! by hand. Each test starts its own (on a free port, on its own thread and runtime), so
//! request counts and stateful routes never leak between tests.
//!
//! Routes: `/ok`, `/image.png`, `/404`, `/410`, `/moved` (301 -> /ok), `/301` (301 ->
//! /308 -> 308 -> /ok), `/temp` (302 -> /ok), `/loop-a` <-> `/loop-b`, `/to-private`
//! (302 -> `http://localhost:PORT/secret`), `/429` (429 with `Retry-After: 1`, then 200),
//! `/503` (503, then 200), `/head-405` (HEAD 405, GET 200), `/slow` (answers after 2 s),
//! `/huge` (HEAD 405, GET streams up to 100 MB), `/page.html` (an HTML page),
//! `/bot` (403 behind "Cloudflare"), `/forbidden` (a plain 403), `/delay/*` (100 ms).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Default)]
struct State {
    counts: Mutex<HashMap<String, usize>>,
    inflight: AtomicUsize,
    max_inflight: AtomicUsize,
}

/// A running test server.
pub struct Server {
    pub port: u16,
    state: Arc<State>,
}

impl Server {
    pub fn start() -> Server {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.set_nonblocking(true).expect("non-blocking");
        let port = listener.local_addr().expect("local address").port();
        let state = Arc::new(State::default());
        let shared = state.clone();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("server runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                while let Ok((stream, _)) = listener.accept().await {
                    tokio::spawn(handle(stream, shared.clone(), port));
                }
            });
        });
        Server { port, state }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Requests received for `path` (any method).
    pub fn count(&self, path: &str) -> usize {
        let counts = self.state.counts.lock().expect("counts");
        counts.get(path).copied().unwrap_or(0)
    }

    /// Requests received in all.
    pub fn total(&self) -> usize {
        self.state.counts.lock().expect("counts").values().sum()
    }

    /// The most requests that were being answered at the same time.
    pub fn max_inflight(&self) -> usize {
        self.state.max_inflight.load(Ordering::SeqCst)
    }
}

async fn handle(mut stream: TcpStream, state: Arc<State>, port: u16) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut first = text.lines().next().unwrap_or("").split_whitespace();
    let method = first.next().unwrap_or("").to_string();
    let path = first.next().unwrap_or("").to_string();
    let seen = {
        let mut counts = state.counts.lock().expect("counts");
        let count = counts.entry(path.clone()).or_default();
        *count += 1;
        *count
    };
    let now = state.inflight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_inflight.fetch_max(now, Ordering::SeqCst);
    respond(&mut stream, &method, &path, seen, port).await;
    state.inflight.fetch_sub(1, Ordering::SeqCst);
}

async fn respond(stream: &mut TcpStream, method: &str, path: &str, seen: usize, port: u16) {
    let head = method == "HEAD";
    let html = ("content-type", "text/html; charset=utf-8".to_string());
    let (status, headers): (u16, Vec<(&str, String)>) = match path {
        "/ok" | "/page.html" => (200, vec![html]),
        "/image.png" => (200, vec![("content-type", "image/png".into())]),
        "/404" => (404, vec![]),
        "/410" => (410, vec![]),
        "/moved" => (301, vec![("location", "/ok".into())]),
        "/301" => (301, vec![("location", "/308".into())]),
        "/308" => (308, vec![("location", "/ok".into())]),
        "/temp" => (302, vec![("location", "/ok".into())]),
        "/loop-a" => (301, vec![("location", "/loop-b".into())]),
        "/loop-b" => (301, vec![("location", "/loop-a".into())]),
        "/to-private" => (
            302,
            vec![("location", format!("http://localhost:{port}/secret"))],
        ),
        "/429" if seen == 1 => (429, vec![("retry-after", "1".into())]),
        "/503" if seen == 1 => (503, vec![]),
        "/429" | "/503" | "/secret" => (200, vec![html]),
        "/head-405" if head => (405, vec![]),
        "/head-405" => (200, vec![html]),
        "/slow" => {
            tokio::time::sleep(Duration::from_secs(2)).await;
            (200, vec![html])
        }
        "/huge" if head => (405, vec![]),
        "/huge" => return huge(stream).await,
        "/bot" => (
            403,
            vec![
                ("server", "cloudflare".into()),
                ("cf-ray", "0123456789abcdef-AMS".into()),
            ],
        ),
        "/forbidden" => (403, vec![]),
        p if p.starts_with("/delay/") => {
            tokio::time::sleep(Duration::from_millis(100)).await;
            (200, vec![html])
        }
        _ => (404, vec![]),
    };
    let body = if head {
        ""
    } else {
        "<!doctype html><title>test</title>"
    };
    let mut response = format!(
        "HTTP/1.1 {status} X\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(body);
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// A 200 answer announcing 100 MB and streaming zeros until the client hangs up.
async fn huge(stream: &mut TcpStream) {
    let total: usize = 100 * 1024 * 1024;
    let head = format!("HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-type: text/html\r\ncontent-length: {total}\r\n\r\n");
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    let chunk = vec![b'0'; 64 * 1024];
    let mut sent = 0;
    while sent < total {
        if stream.write_all(&chunk).await.is_err() {
            return;
        }
        sent += chunk.len();
    }
}
