//! One remote URL over HTTP: the address policy on every hop, HEAD first and GET when
//! HEAD is refused, a bounded body read, redirects followed by hand (so each hop is
//! checked and a loop is seen), retries with backoff only for what can heal (408, 429,
//! 5xx, timeouts), `Retry-After` honoured up to a cap, and global and per-server
//! concurrency limits (the server key is the resolved IP, so `localhost` and `127.0.0.1`
//! share one).
//!
//! The answer is an [`Answer`]: a network failure is never [`Answer::Broken`]; only
//! definitive answers are (404, 410, no such name, TLS failure, redirect loop).

use super::policy::{
    allowed_addresses, is_public, AddressPolicy, DnsCache, DnsError, PolicyResolver,
};
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, LOCATION, RETRY_AFTER, SERVER};
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use url::Url;

/// How requests are made.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// Per request (connect, answer and the bounded body read together).
    pub timeout: Duration,
    /// Retries after a 408, 429 or 5xx answer.
    pub retries: u32,
    /// Retries after a timeout (each costs a whole timeout, so fewer).
    pub timeout_retries: u32,
    /// The first backoff; it doubles with each retry.
    pub backoff: Duration,
    /// The longest `Retry-After` honoured.
    pub retry_after_cap: Duration,
    pub max_redirects: usize,
    /// The most body bytes read from a GET answer.
    pub max_body: usize,
    pub max_concurrency: usize,
    pub per_host: usize,
    pub user_agent: String,
}

/// One redirect hop: its status and where it pointed (normalised, no fragment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    pub status: u16,
    pub to: String,
}

/// A good answer: a final 2xx (or 3xx without a location) after `redirects`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Success {
    pub status: u16,
    /// The media type of the final answer, lowercased, without parameters.
    pub content_type: Option<String>,
    pub redirects: Vec<Redirect>,
    /// Whether a non-public address answered (reached through a policy exemption).
    pub private: bool,
}

/// What checking one URL found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Ok(Success),
    /// Definitive: 404, 410, no such name, TLS failure, redirect loop, ...
    Broken {
        reason: String,
        redirects: Vec<Redirect>,
    },
    /// Maybe transient, after the retries: timeout, 429, 5xx, refused, bot protection.
    Unreachable {
        reason: String,
    },
    /// Not requested: the address policy forbids a hop.
    Blocked {
        reason: String,
    },
}

/// One exchange's result, before judging.
enum Hop {
    Response {
        status: u16,
        location: Option<String>,
        content_type: Option<String>,
        retry_after: Option<Duration>,
        /// The bot protection the answer looks like, for 401/403/429/503.
        guard: Option<&'static str>,
    },
    Failed(Failure),
}

enum Failure {
    Timeout,
    Refused,
    Tls(String),
    Dns(DnsError),
    Other(String),
}

/// Checks URLs; shared by all tasks of a run.
pub struct Fetcher {
    client: reqwest::Client,
    dns: Arc<DnsCache>,
    policy: Arc<AddressPolicy>,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<IpAddr, Arc<Semaphore>>>,
    options: FetchOptions,
    deadline: Instant,
    /// HTTP requests sent so far.
    pub requests: AtomicUsize,
}

impl Fetcher {
    /// Whether DNS answered for at least one name this run (see [`DnsCache::resolved_any`]).
    pub fn dns_works(&self) -> bool {
        self.dns.resolved_any()
    }

    /// A fetcher whose requests all end by `deadline`. Must run inside a tokio runtime.
    pub fn new(
        options: FetchOptions,
        policy: AddressPolicy,
        deadline: Instant,
    ) -> Result<Fetcher, String> {
        // reqwest is built without a default crypto provider (aws-lc-rs needs cmake):
        // install ring's. An error only means one is installed already.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dns = Arc::new(DnsCache::default());
        let policy = Arc::new(policy);
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            reqwest::header::HeaderValue::from_static(
                "text/html,application/xhtml+xml,image/avif,image/webp,image/*;q=0.9,*/*;q=0.8",
            ),
        );
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .dns_resolver(Arc::new(PolicyResolver {
                dns: dns.clone(),
                policy: policy.clone(),
            }))
            .no_proxy()
            .user_agent(options.user_agent.clone())
            .default_headers(headers)
            .pool_max_idle_per_host(options.per_host.max(1))
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Fetcher {
            client,
            dns,
            policy,
            global: Arc::new(Semaphore::new(options.max_concurrency.max(1))),
            hosts: Mutex::new(HashMap::new()),
            options,
            deadline,
            requests: AtomicUsize::new(0),
        })
    }

    /// Check `url` (http or https, no fragment), following its redirects.
    pub async fn check(&self, url: Url) -> Answer {
        let mut current = url;
        let mut chain = vec![current.to_string()];
        let mut seen: HashSet<String> = chain.iter().cloned().collect();
        let mut redirects: Vec<Redirect> = Vec::new();
        let mut private = false;
        loop {
            let key = match self.admit(&current).await {
                Ok(key) => key,
                Err(DnsError::Blocked(reason)) if !redirects.is_empty() => {
                    return redirected_out_of_bounds(&current, &reason)
                }
                Err(DnsError::Blocked(reason)) => return Answer::Blocked { reason },
                Err(DnsError::NoSuchName(reason)) => return Answer::Broken { reason, redirects },
                Err(DnsError::Failed(reason)) => return Answer::Unreachable { reason },
            };
            private |= !is_public(key);
            let (hop, attempts) = self.with_retries(&current, key).await;
            let (status, location, content_type, guard) = match hop {
                Hop::Failed(failure) => return self.failed(failure, attempts, redirects),
                Hop::Response {
                    status,
                    location,
                    content_type,
                    guard,
                    ..
                } => (status, location, content_type, guard),
            };
            let location = location.filter(|_| matches!(status, 301 | 302 | 303 | 307 | 308));
            let Some(location) = location else {
                return judge(status, content_type, guard, redirects, private, attempts);
            };
            let next = match current.join(location.trim()) {
                Ok(mut next) if matches!(next.scheme(), "http" | "https") => {
                    next.set_fragment(None);
                    next
                }
                _ => {
                    return Answer::Broken {
                        reason: format!(
                            "redirects ({status}) to `{location}`, which is not an http(s) URL"
                        ),
                        redirects,
                    }
                }
            };
            redirects.push(Redirect {
                status,
                to: next.to_string(),
            });
            chain.push(next.to_string());
            if !seen.insert(next.to_string()) {
                return Answer::Broken {
                    reason: format!("redirect loop: {}", chain.join(" -> ")),
                    redirects,
                };
            }
            if redirects.len() > self.options.max_redirects {
                return Answer::Broken {
                    reason: format!("more than {} redirects", self.options.max_redirects),
                    redirects,
                };
            }
            current = next;
        }
    }

    /// The server key for `url` if the policy lets a request go there.
    async fn admit(&self, url: &Url) -> Result<IpAddr, DnsError> {
        if let Some((ip, allowed)) = self.policy.literal(url) {
            return if allowed {
                Ok(server_key(ip))
            } else {
                Err(DnsError::Blocked(format!(
                    "`{ip}` is a non-public address; allow it with --allow-private or links.allow_hosts"
                )))
            };
        }
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let allowed = allowed_addresses(&self.dns, &self.policy, &host).await?;
        allowed
            .first()
            .copied()
            .map(server_key)
            .ok_or_else(|| DnsError::NoSuchName(format!("`{host}` has no address")))
    }

    /// One hop, retried while the answer may heal; returns it and the attempts made.
    async fn with_retries(&self, url: &Url, key: IpAddr) -> (Hop, u32) {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let hop = {
                let _permits = self.permits(key).await;
                self.exchange(url).await
            };
            let backoff = self
                .options
                .backoff
                .saturating_mul(2u32.saturating_pow(attempt - 1));
            let delay = match &hop {
                Hop::Response {
                    status,
                    retry_after,
                    ..
                } if retryable(*status) && attempt <= self.options.retries => {
                    Some(retry_after.map_or(backoff, |d| d.min(self.options.retry_after_cap)))
                }
                Hop::Failed(Failure::Timeout) if attempt <= self.options.timeout_retries => {
                    Some(backoff)
                }
                _ => None,
            };
            match delay {
                Some(delay) if Instant::now() + delay < self.deadline => {
                    tokio::time::sleep(delay).await
                }
                _ => return (hop, attempt),
            }
        }
    }

    /// A per-server permit, then a global one (in that order, so a task waiting for a
    /// busy server holds no global slot).
    async fn permits(&self, key: IpAddr) -> Option<(OwnedSemaphorePermit, OwnedSemaphorePermit)> {
        let host = self
            .hosts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(self.options.per_host.max(1))))
            .clone();
        let host = host.acquire_owned().await.ok()?;
        let global = self.global.clone().acquire_owned().await.ok()?;
        Some((host, global))
    }

    /// HEAD, then GET if HEAD is refused.
    async fn exchange(&self, url: &Url) -> Hop {
        match self.send(Method::HEAD, url).await {
            Ok(response) if !head_refused(response.status()) => self.hop(response, false).await,
            Ok(_) => match self.send(Method::GET, url).await {
                Ok(response) => self.hop(response, true).await,
                Err(e) => Hop::Failed(failure(&e)),
            },
            Err(e) => Hop::Failed(failure(&e)),
        }
    }

    async fn send(&self, method: Method, url: &Url) -> reqwest::Result<reqwest::Response> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.client.request(method, url.clone()).send().await
    }

    /// Read what matters from an answer: the headers, and for a GET that may be bot
    /// protection at most `max_body` body bytes (the body is read for nothing else, so an
    /// endless, slow or compressed body costs nothing on any other answer).
    async fn hop(&self, mut response: reqwest::Response, get: bool) -> Hop {
        let status = response.status().as_u16();
        let headers = response.headers();
        let text = |name| {
            headers
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        let location = text(LOCATION);
        let content_type = text(CONTENT_TYPE).map(|t| media_type(&t));
        let retry_after = text(RETRY_AFTER).and_then(|v| retry_after(&v, SystemTime::now()));
        let guarded = matches!(status, 401 | 403 | 429 | 503);
        let mut guard = guarded.then(|| guard_in_headers(headers)).flatten();
        if get && guarded && guard.is_none() {
            let mut body = Vec::new();
            while body.len() < self.options.max_body {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    _ => break,
                }
            }
            guard = guard_in_body(&body);
        }
        Hop::Response {
            status,
            location,
            content_type,
            retry_after,
            guard,
        }
    }

    fn failed(&self, failure: Failure, attempts: u32, redirects: Vec<Redirect>) -> Answer {
        let tries = plural(attempts);
        match failure {
            Failure::Timeout => Answer::Unreachable {
                reason: format!(
                    "timed out after {} ({tries})",
                    super::remote::human_duration(self.options.timeout)
                ),
            },
            Failure::Refused => Answer::Unreachable {
                reason: format!("connection refused ({tries})"),
            },
            Failure::Tls(message) => Answer::Broken {
                reason: format!("TLS failure: {message}"),
                redirects,
            },
            Failure::Dns(DnsError::Blocked(reason)) => match redirects.last() {
                Some(last) => match Url::parse(&last.to) {
                    Ok(url) => redirected_out_of_bounds(&url, &reason),
                    Err(_) => Answer::Blocked { reason },
                },
                None => Answer::Blocked { reason },
            },
            Failure::Dns(DnsError::NoSuchName(reason)) => Answer::Broken { reason, redirects },
            Failure::Dns(DnsError::Failed(reason)) => Answer::Unreachable { reason },
            Failure::Other(message) => Answer::Unreachable {
                reason: format!("{message} ({tries})"),
            },
        }
    }
}

/// A redirect to `url`, which the address policy forbids: the link cannot be checked from
/// here, and a public page that sends its visitors to a private address is no good link.
fn redirected_out_of_bounds(url: &Url, reason: &str) -> Answer {
    Answer::Unreachable {
        reason: format!("it redirects to `{url}`, which was not requested: {reason}"),
    }
}

/// The concurrency key of a server at `ip`: every loopback address is this machine, and
/// an IPv4-mapped IPv6 address is its IPv4 address.
fn server_key(ip: IpAddr) -> IpAddr {
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    if ip.is_loopback() {
        IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
    } else {
        ip
    }
}

fn plural(attempts: u32) -> String {
    if attempts == 1 {
        "1 attempt".into()
    } else {
        format!("{attempts} attempts")
    }
}

/// The verdict on a final answer that is not a redirect.
fn judge(
    status: u16,
    content_type: Option<String>,
    guard: Option<&'static str>,
    redirects: Vec<Redirect>,
    private: bool,
    attempts: u32,
) -> Answer {
    let reason = status_text(status);
    match status {
        200..=399 => Answer::Ok(Success {
            status,
            content_type,
            redirects,
            private,
        }),
        401 | 403 | 429 | 503 if guard.is_some() => Answer::Unreachable {
            reason: format!(
                "answers {reason}, which looks like bot protection ({}) rather than a missing page; it may work in a browser",
                guard.unwrap_or("unknown")
            ),
        },
        401 | 403 => Answer::Broken {
            reason: format!("answers {reason}: access denied (no sign of bot protection)"),
            redirects,
        },
        408 | 429 | 500..=599 => Answer::Unreachable {
            reason: format!("answers {reason} ({})", plural(attempts)),
        },
        400..=499 => Answer::Broken {
            reason: format!("answers {reason}"),
            redirects,
        },
        _ => Answer::Unreachable {
            reason: format!("answers {reason}"),
        },
    }
}

/// `404 Not Found`.
pub fn status_text(status: u16) -> String {
    let reason = StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason());
    match reason {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// Answers worth retrying: they may heal.
fn retryable(status: u16) -> bool {
    matches!(status, 408 | 429 | 500..=599)
}

/// HEAD answers that mean "ask again with GET": servers that refuse or mishandle HEAD.
fn head_refused(status: StatusCode) -> bool {
    let s = status.as_u16();
    (400..=499).contains(&s) && !matches!(s, 408 | 429) || matches!(s, 500 | 501)
}

/// The media type of a `Content-Type` value: `text/html; charset=utf-8` -> `text/html`.
fn media_type(value: &str) -> String {
    value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The wait a `Retry-After` value asks for: delta seconds or an HTTP date.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = http_date(value)?;
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
fn http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let year: u64 = year.parse().ok()?;
    let mut hms = time.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1970..=9999).contains(&year) || !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm), shifted to start in March.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// The bot protection whose headers an answer carries.
fn guard_in_headers(headers: &HeaderMap) -> Option<&'static str> {
    let server = headers
        .get(SERVER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let has = |name: &str| headers.contains_key(name);
    if has("cf-mitigated") || has("cf-ray") || server.contains("cloudflare") {
        Some("Cloudflare")
    } else if has("x-datadome") || server.contains("datadome") {
        Some("DataDome")
    } else if has("x-amzn-waf-action") {
        Some("AWS WAF")
    } else if has("akamai-grn") || server.contains("akamai") {
        Some("Akamai")
    } else if has("x-sucuri-id") || server.contains("sucuri") {
        Some("Sucuri")
    } else if server.contains("ddos-guard") {
        Some("DDoS-Guard")
    } else if has("x-iinfo") {
        Some("Imperva")
    } else {
        None
    }
}

/// The bot protection a (bounded) answer body shows.
fn guard_in_body(body: &[u8]) -> Option<&'static str> {
    let text = String::from_utf8_lossy(body).to_ascii_lowercase();
    if text.contains("challenge-platform") || text.contains("just a moment...") {
        Some("Cloudflare")
    } else if text.contains("captcha") {
        Some("a CAPTCHA")
    } else if text.contains("enable javascript and cookies") {
        Some("a JavaScript challenge")
    } else {
        None
    }
}

/// What a reqwest error means for the link.
fn failure(error: &reqwest::Error) -> Failure {
    if error.is_timeout() {
        return Failure::Timeout;
    }
    let mut messages = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(err) = source {
        if let Some(dns) = err.downcast_ref::<DnsError>() {
            return Failure::Dns(dns.clone());
        }
        if let Some(tls) = err.downcast_ref::<rustls::Error>() {
            return Failure::Tls(tls.to_string());
        }
        messages.push(err.to_string());
        source = match err.downcast_ref::<std::io::Error>() {
            // What it wraps says more than its kind: look there first.
            Some(io)
                if io
                    .get_ref()
                    .is_some_and(|inner| inner.is::<rustls::Error>() || inner.is::<DnsError>()) =>
            {
                io.get_ref()
                    .map(|inner| inner as &(dyn std::error::Error + 'static))
            }
            Some(io) => {
                match io.kind() {
                    std::io::ErrorKind::ConnectionRefused => return Failure::Refused,
                    std::io::ErrorKind::TimedOut => return Failure::Timeout,
                    // The connection ended under us (in the TLS handshake too): the
                    // network's doing, or the server's for now, never proof of a bad link.
                    std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::BrokenPipe => return Failure::Other(io.to_string()),
                    _ => {}
                }
                // An I/O error's `source()` skips the error it wraps: go into it instead
                // (the TLS client's errors come wrapped twice).
                io.get_ref()
                    .map(|inner| inner as &(dyn std::error::Error + 'static))
            }
            None => err.source(),
        };
    }
    let text = messages.last().cloned().unwrap_or_default();
    let lower = messages.join(" ").to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("handshake") {
        Failure::Tls(text)
    } else {
        Failure::Other(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
        assert_eq!(retry_after("Sun, 06 Foo 1994 08:49:37 GMT", now), None);
    }

    #[test]
    fn statuses() {
        assert_eq!(status_text(404), "404 Not Found");
        assert!(head_refused(StatusCode::METHOD_NOT_ALLOWED));
        assert!(!head_refused(StatusCode::TOO_MANY_REQUESTS));
        assert!(retryable(503) && retryable(408) && !retryable(404));
        assert!(matches!(
            judge(403, None, Some("Cloudflare"), vec![], false, 1),
            Answer::Unreachable { .. }
        ));
        assert!(matches!(
            judge(403, None, None, vec![], false, 1),
            Answer::Broken { .. }
        ));
        assert!(matches!(
            judge(410, None, None, vec![], false, 1),
            Answer::Broken { .. }
        ));
    }
}
