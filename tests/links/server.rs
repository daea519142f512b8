//! An HTTP/1.1 server on 127.0.0.1 inside the test process: no internet, nothing to start
//! by hand. Each test starts its own (on a free port, on its own thread and runtime), so
//! request counts and stateful routes never leak between tests.
//!
//! Routes: `/ok`, `/image.png`, `/404`, `/410`, `/moved` (301 -> /ok), `/301` (301 ->
//! /308 -> 308 -> /ok), `/temp` (302 -> /ok), `/loop-a` <-> `/loop-b`, `/to-private`
//! (302 -> `http://localhost:PORT/secret`), `/429` (429 with `Retry-After: 1`, then 200),
//! `/503` (503, then 200), `/head-405` (HEAD 405, GET 200), `/slow` (answers after 2 s),
//! `/huge` (HEAD 405, GET streams up to 100 MB), `/page.html` (an HTML page),
//! `/bot` (403 behind "Cloudflare"), `/forbidden` (a plain 403), `/delay/*` (100 ms),
//! `/evil-redirect` (301 -> [`EVIL_TARGET`], which answers 200, as does all of `/evil/*`).
//!
//! Hostile routes (HEAD refused where the body matters, so the GET is what is tested):
//! `/endless-body` (200, chunked, never ends), `/endless-body-503` (the same as a 503),
//! `/endless-headers` (header lines forever), `/trickle-headers` (one byte of the head
//! per second), `/trickle-body` (a 503 head, then one body byte per second),
//! `/trickle-body-200` (the same as a 200), `/to-file` (302 -> `file:///etc/passwd`),
//! `/to-metadata` (302 -> `http://169.254.169.254/...`), `/gzip-bomb` (200,
//! `Content-Encoding: gzip`, 1 MiB on the wire that inflates to 1 GiB of zeros).

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Where `/evil-redirect` points: every character that can end a quoted string, a
/// Markdown link or a flow list, in the path and in the query.
pub const EVIL_TARGET: &str = "/evil/p')]\",[{x}] `y`(<z>?q=1,2)]'&r=\"\"\"\\";

#[derive(Default)]
struct State {
    counts: Mutex<HashMap<String, usize>>,
    /// The last request head received per path, as text.
    heads: Mutex<HashMap<String, String>>,
    /// Body bytes written per path.
    sent: Mutex<HashMap<String, usize>>,
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

    /// The last request head received for `path`, lowercased.
    pub fn head(&self, path: &str) -> String {
        let heads = self.state.heads.lock().expect("heads");
        heads.get(path).cloned().unwrap_or_default()
    }

    /// Body bytes the server wrote for `path`, over all requests.
    pub fn sent(&self, path: &str) -> usize {
        let sent = self.state.sent.lock().expect("sent");
        sent.get(path).copied().unwrap_or(0)
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
    state
        .heads
        .lock()
        .expect("heads")
        .insert(path.clone(), text.to_ascii_lowercase());
    let now = state.inflight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_inflight.fetch_max(now, Ordering::SeqCst);
    if method == "HEAD" && hostile::refuses_head(&path) {
        let _ = stream
            .write_all(b"HTTP/1.1 405 X\r\nconnection: close\r\ncontent-length: 0\r\n\r\n")
            .await;
    } else if let Some(sent) = hostile::respond(&mut stream, &path).await {
        *state
            .sent
            .lock()
            .expect("sent")
            .entry(path.clone())
            .or_default() += sent;
    } else {
        respond(&mut stream, &method, &path, seen, port).await;
    }
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
        "/evil-redirect" => (301, vec![("location", EVIL_TARGET.into())]),
        p if p.starts_with("/evil/") => (200, vec![html]),
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

/// The hostile routes: servers that never finish, trickle, redirect out of bounds or
/// send a compression bomb.
mod hostile {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    use tokio::net::TcpStream;

    /// Routes whose HEAD is refused, so that the client has to GET the hostile body.
    pub fn refuses_head(path: &str) -> bool {
        matches!(
            path,
            "/endless-body"
                | "/endless-body-503"
                | "/trickle-body"
                | "/trickle-body-200"
                | "/gzip-bomb"
        )
    }

    /// Answer a hostile route; `None` when `path` is not one. Returns the body bytes
    /// written before the client went away (or the answer ended).
    pub async fn respond(stream: &mut TcpStream, path: &str) -> Option<usize> {
        let sent = match path {
            "/endless-body" => endless_body(stream, 200).await,
            "/endless-body-503" => endless_body(stream, 503).await,
            "/endless-headers" => endless_headers(stream).await,
            "/trickle-headers" => {
                let head =
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 0\r\n\r\n";
                trickle(stream, b"", head).await
            }
            "/trickle-body" => {
                trickle(
                    stream,
                    b"HTTP/1.1 503 X\r\ncontent-length: 64\r\n\r\n",
                    &[b'x'; 64],
                )
                .await
            }
            "/trickle-body-200" => {
                let head =
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 64\r\n\r\n";
                trickle(stream, head, &[b'x'; 64]).await
            }
            "/to-file" => redirect(stream, "file:///etc/passwd").await,
            "/to-metadata" => redirect(stream, "http://169.254.169.254/latest/meta-data/").await,
            "/gzip-bomb" => gzip_bomb(stream).await,
            _ => return None,
        };
        let _ = stream.shutdown().await;
        Some(sent)
    }

    async fn redirect(stream: &mut TcpStream, to: &str) -> usize {
        let head = format!(
            "HTTP/1.1 302 Found\r\nconnection: close\r\nlocation: {to}\r\ncontent-length: 0\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes()).await;
        0
    }

    /// A chunked body of 16 KiB chunks that never ends while the client reads.
    async fn endless_body(stream: &mut TcpStream, status: u16) -> usize {
        let head = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: text/html\r\ntransfer-encoding: chunked\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).await.is_err() {
            return 0;
        }
        let mut chunk = format!("{:x}\r\n", 16 * 1024).into_bytes();
        chunk.extend(std::iter::repeat_n(b'a', 16 * 1024));
        chunk.extend_from_slice(b"\r\n");
        let mut sent = 0;
        while stream.write_all(&chunk).await.is_ok() {
            sent += 16 * 1024;
        }
        sent
    }

    /// A status line, then header lines forever.
    async fn endless_headers(stream: &mut TcpStream) -> usize {
        if stream.write_all(b"HTTP/1.1 200 OK\r\n").await.is_err() {
            return 0;
        }
        let mut n = 0u64;
        loop {
            n += 1;
            let line = format!("x-filler-{n}: {}\r\n", "h".repeat(100));
            if stream.write_all(line.as_bytes()).await.is_err() {
                return 0;
            }
        }
    }

    /// `head` at once, then `body` one byte per second.
    async fn trickle(stream: &mut TcpStream, head: &[u8], body: &[u8]) -> usize {
        if stream.write_all(head).await.is_err() {
            return 0;
        }
        let mut sent = 0;
        for byte in body {
            tokio::time::sleep(Duration::from_secs(1)).await;
            if stream.write_all(&[*byte]).await.is_err() || stream.flush().await.is_err() {
                break;
            }
            sent += 1;
        }
        sent
    }

    /// 1 GiB of zeros, gzip-compressed to about 1 MiB: a gzip member inflating to 1 MiB,
    /// sent 1024 times (a gzip stream may hold many members).
    async fn gzip_bomb(stream: &mut TcpStream) -> usize {
        let member = super::gzip::zeros(1 << 20);
        let total = member.len() * 1024;
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-encoding: gzip\r\ncontent-length: {total}\r\nconnection: close\r\n\r\n"
        );
        if stream.write_all(head.as_bytes()).await.is_err() {
            return 0;
        }
        let mut sent = 0;
        for _ in 0..1024 {
            if stream.write_all(&member).await.is_err() {
                break;
            }
            sent += member.len();
        }
        sent
    }
}

/// A gzip member of zeros, written by hand (DEFLATE with the fixed Huffman code: one
/// literal zero, then back-references of 258 bytes at distance 1).
pub mod gzip {
    /// Bits to bytes, least significant bit first, as DEFLATE packs them.
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        len: u32,
    }

    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            for i in 0..count {
                self.acc |= ((value >> i) & 1) << self.len;
                self.len += 1;
                if self.len == 8 {
                    self.out.push(self.acc as u8);
                    self.acc = 0;
                    self.len = 0;
                }
            }
        }

        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u32, count: u32) {
            for i in (0..count).rev() {
                self.put((code >> i) & 1, 1);
            }
        }

        fn finish(mut self) -> Vec<u8> {
            if self.len > 0 {
                self.out.push(self.acc as u8);
            }
            self.out
        }
    }

    /// The CRC-32 (IEEE) of `len` zero bytes.
    fn crc_of_zeros(len: usize) -> u32 {
        let mut crc = !0u32;
        for _ in 0..len {
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A gzip member inflating to `1 + 258 * n` zeros, the most that fits in `len`.
    pub fn zeros(len: usize) -> Vec<u8> {
        let matches = (len - 1) / 258;
        let size = 1 + 258 * matches;
        let mut bits = Bits {
            out: Vec::new(),
            acc: 0,
            len: 0,
        };
        bits.put(1, 1); // the last block
        bits.put(1, 2); // fixed Huffman codes
        bits.code(0x30, 8); // literal 0
        for _ in 0..matches {
            bits.code(0b1100_0101, 8); // length 258 (symbol 285)
            bits.code(0, 5); // distance 1
        }
        bits.code(0, 7); // end of block
        let mut member = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
        member.extend(bits.finish());
        member.extend(crc_of_zeros(size).to_le_bytes());
        member.extend((size as u32).to_le_bytes());
        member
    }
}
