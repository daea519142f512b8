//! Phase 2 of link checking, once per run: every distinct remote URL of every file is
//! requested at most once, fresh good answers come from the cache, and each use of a
//! URL gets its finding. The caller is synchronous: [`check_remote`] builds and owns a
//! tokio runtime for the duration of the call.
//!
//! Order of decisions per distinct URL: invalid (broken) -> excluded -> offline (skipped)
//! -> cached -> address policy on literal IPs and resolved names (skipped) -> requested.
//! Findings come back sorted by file index, then offset, whatever finished first.

use super::cache::Cache;
use super::fetch::{Answer, FetchOptions, Fetcher};
use super::policy::{AddressPolicy, NO_SUCH_NAME};
use super::target::{classify, Target};
use super::{verdict, Link};
use crate::codes;
use crate::config::{LinkCheck, LinksConfig};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// One use of a link: `file` is the caller's index for the file it is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteRequest {
    pub file: usize,
    pub link: Link,
}

/// How remote links are checked: `[links]` settings plus the command line.
#[derive(Clone, Debug)]
pub struct RemoteOptions {
    /// Only `all` checks remote links.
    pub check: LinkCheck,
    /// `--offline`: no request at all; remote links are counted as skipped.
    pub offline: bool,
    /// `--no-cache`: neither read nor write the cache.
    pub no_cache: bool,
    /// The `links.cache` setting (a folder, or a `.json` file).
    pub cache: PathBuf,
    pub cache_ttl: Duration,
    /// `links.exclude`: URLs matching any of these are not checked.
    pub exclude: Vec<regex_lite::Regex>,
    pub policy: AddressPolicy,
    /// `links.strict` / `--strict-links`: unreachable links are errors.
    pub strict: bool,
    pub fetch: FetchOptions,
    /// The whole remote phase ends by then; unfinished URLs are reported unreachable.
    pub budget: Duration,
}

impl RemoteOptions {
    /// The options `[links]` asks for, with fmlint's defaults for the rest: 2 retries
    /// (1 after a timeout), backoff from 500 ms, `Retry-After` up to 10 s, 10 redirects,
    /// and 64 KiB of body read (only from answers that may be bot protection).
    pub fn from_config(config: &LinksConfig) -> Self {
        RemoteOptions {
            check: config.check,
            offline: false,
            no_cache: false,
            cache: config.cache.clone(),
            cache_ttl: config.cache_ttl,
            exclude: config.exclude.clone(),
            policy: AddressPolicy {
                allow_private: config.allow_private,
                allow_hosts: config.allow_hosts.clone(),
            },
            strict: config.strict,
            fetch: FetchOptions {
                timeout: config.timeout,
                retries: 2,
                timeout_retries: 1,
                backoff: Duration::from_millis(500),
                retry_after_cap: Duration::from_secs(10),
                max_redirects: 10,
                max_body: 64 * 1024,
                max_concurrency: config.max_concurrency,
                per_host: config.per_host,
                user_agent: format!("fmlint/{} (link checker)", env!("CARGO_PKG_VERSION")),
            },
            budget: config.budget,
        }
    }
}

/// What the remote phase did, counted in distinct URLs (links, for `--offline`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoteSummary {
    /// URLs requested over the network this run.
    pub checked: usize,
    /// URLs answered from the cache, with no request.
    pub cached: usize,
    /// Links not checked because of `--offline`: every use of a URL counts, as a run
    /// that does not ask counts links without telling their URLs apart.
    pub skipped_offline: usize,
    /// URLs not requested because the address policy forbids a hop.
    pub skipped_policy: usize,
    /// URLs matching `links.exclude`.
    pub excluded: usize,
    /// HTTP requests sent (HEAD, GET and retries together).
    pub requests: usize,
}

/// One distinct URL and every use of it.
struct Group {
    url: url::Url,
    uses: Vec<RemoteRequest>,
}

/// Check every remote link of `requests`. Returns the findings as `(file, diagnostic)`
/// sorted by file then offset, the summary, and warnings for the user (a corrupt cache
/// ignored, a cache that could not be written, the runtime that could not start).
/// With `progress`, a progress bar is drawn on stderr while URLs are requested.
pub fn check_remote(
    requests: Vec<RemoteRequest>,
    options: &RemoteOptions,
    progress: bool,
) -> (Vec<(usize, Diagnostic)>, RemoteSummary, Vec<String>) {
    let mut summary = RemoteSummary::default();
    let mut warnings = Vec::new();
    let mut findings: Vec<(usize, Diagnostic)> = Vec::new();
    if options.check != LinkCheck::All {
        return (findings, summary, warnings);
    }
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut excluded: BTreeMap<String, ()> = BTreeMap::new();
    for request in requests {
        match classify(&request.link.url) {
            Target::Remote { url } => {
                let key = url.to_string();
                let hit =
                    |re: &regex_lite::Regex| re.is_match(&request.link.url) || re.is_match(&key);
                if options.exclude.iter().any(hit) {
                    excluded.insert(key, ());
                    continue;
                }
                groups
                    .entry(key)
                    .or_insert_with(|| Group {
                        url,
                        uses: Vec::new(),
                    })
                    .uses
                    .push(request);
            }
            Target::Invalid { reason } => {
                if options
                    .exclude
                    .iter()
                    .any(|re| re.is_match(&request.link.url))
                {
                    continue;
                }
                let diagnostic = Diagnostic::new(
                    &codes::LINK_BROKEN,
                    request.link.span,
                    format!("`{}` is not a valid URL: {reason}", request.link.url),
                )
                .with_label("invalid URL");
                findings.push((request.file, diagnostic));
            }
            _ => {}
        }
    }
    summary.excluded = excluded.len();
    if options.offline {
        summary.skipped_offline = groups.values().map(|g| g.uses.len()).sum();
        sort(&mut findings);
        return (findings, summary, warnings);
    }

    let now = SystemTime::now();
    let mut cache = if options.no_cache {
        None
    } else {
        let (cache, warning) = Cache::load(&options.cache);
        warnings.extend(warning);
        Some(cache)
    };
    let mut answers: BTreeMap<String, Answer> = BTreeMap::new();
    let mut to_fetch: Vec<(String, url::Url)> = Vec::new();
    for (key, group) in &groups {
        let cached = cache
            .as_ref()
            .and_then(|c| c.fresh(key, options.cache_ttl, now))
            .filter(|answer| usable(answer, group, &options.policy));
        match cached {
            Some(answer) => {
                summary.cached += 1;
                answers.insert(key.clone(), Answer::Ok(answer.clone()));
            }
            None => to_fetch.push((key.clone(), group.url.clone())),
        }
    }

    if !to_fetch.is_empty() {
        match fetch_all(to_fetch, options, progress) {
            Ok((fetched, requests)) => {
                summary.requests = requests;
                for (key, answer) in fetched {
                    match &answer {
                        Answer::Blocked { .. } => summary.skipped_policy += 1,
                        _ => summary.checked += 1,
                    }
                    if let Some(cache) = cache.as_mut() {
                        match &answer {
                            Answer::Ok(success) => cache.put(key.clone(), success.clone(), now),
                            _ => cache.forget(&key),
                        }
                    }
                    answers.insert(key, answer);
                }
            }
            Err(error) => warnings.push(format!("remote links were not checked: {error}")),
        }
    }
    if let Some(cache) = &cache {
        if let Err(error) = cache.save() {
            warnings.push(error);
        }
    }

    for (key, group) in groups {
        let Some(answer) = answers.get(&key) else {
            continue;
        };
        for request in group.uses {
            if let Some(diagnostic) = verdict::diagnose(&request.link, answer, options.strict) {
                findings.push((request.file, diagnostic));
            }
        }
    }
    sort(&mut findings);
    (findings, summary, warnings)
}

/// Whether a cached answer may stand in for a request: images must still be images
/// (a non-image answer is a failure for them, rechecked), and an answer that came from a
/// non-public address only counts while the policy still allows the host.
fn usable(answer: &super::fetch::Success, group: &Group, policy: &AddressPolicy) -> bool {
    let wants_image = group.uses.iter().any(|u| u.link.kind.is_image());
    let image_ok = !wants_image
        || answer
            .content_type
            .as_deref()
            .is_none_or(verdict::image_like);
    let host = group.url.host_str().unwrap_or("");
    let policy_ok = !answer.private || policy.host_exempt(host);
    image_ok && policy_ok
}

fn sort(findings: &mut [(usize, Diagnostic)]) {
    findings.sort_by(|(fa, a), (fb, b)| {
        (fa, a.span.start, a.span.end, a.code.name).cmp(&(
            fb,
            b.span.start,
            b.span.end,
            b.code.name,
        ))
    });
}

/// Request every URL of `urls` concurrently; returns the answers and the request count.
fn fetch_all(
    urls: Vec<(String, url::Url)>,
    options: &RemoteOptions,
    progress: bool,
) -> Result<(Vec<(String, Answer)>, usize), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the async runtime: {e}"))?;
    let bar = progress.then(|| progress_bar(urls.len()));
    let result = runtime.block_on(async {
        let deadline = tokio::time::Instant::now() + options.budget;
        let fetcher = Arc::new(Fetcher::new(
            options.fetch.clone(),
            options.policy.clone(),
            deadline,
        )?);
        let mut tasks = tokio::task::JoinSet::new();
        for (key, url) in urls {
            let fetcher = fetcher.clone();
            let budget = options.budget;
            tasks.spawn(async move {
                let answer = match tokio::time::timeout_at(deadline, fetcher.check(url)).await {
                    Ok(answer) => answer,
                    Err(_) => Answer::Unreachable {
                        reason: format!(
                            "not checked: the link-check time budget ({}, `links.budget`) ran out",
                            human_duration(budget)
                        ),
                    },
                };
                (key, answer)
            });
        }
        let mut answers = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            if let Ok(answer) = joined {
                answers.push(answer);
            }
            if let Some(bar) = &bar {
                bar.inc(1);
            }
        }
        if !fetcher.dns_works() {
            // Not one name resolved: the network is down, not every host gone.
            for (_, answer) in &mut answers {
                if let Answer::Broken { reason, .. } = answer {
                    if reason.contains(NO_SUCH_NAME) {
                        *answer = Answer::Unreachable {
                            reason: format!("{reason}; no name resolved in this run, so the network or DNS looks down"),
                        };
                    }
                }
            }
        }
        Ok::<_, String>((answers, fetcher.requests.load(Ordering::Relaxed)))
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // Tasks still blocked on I/O must not keep the caller waiting.
    runtime.shutdown_background();
    result
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checking links {pos}/{len} {wide_bar} {elapsed}",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// `10s`, `500ms`, `2m`: a duration as the config writes it.
pub fn human_duration(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms % 60_000 == 0 && ms > 0 {
        format!("{}m", ms / 60_000)
    } else if ms % 1000 == 0 {
        format!("{}s", ms / 1000)
    } else {
        format!("{ms}ms")
    }
}
