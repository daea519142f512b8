//! The address policy: by default requests go only to globally reachable addresses (no
//! loopback, private, shared, link-local, documentation, reserved or multicast address,
//! nor an IPv6 address that carries one: [`super::registry`] holds the ranges). It is enforced in three places, because each alone
//! has a hole: on literal-IP hosts (they never reach a resolver), on the addresses a name
//! resolves to (the [`PolicyResolver`] hands reqwest only allowed addresses, so the check
//! holds at connect time), and on every redirect hop (each hop goes through both again).
//!
//! `allow_private` lifts the policy; `allow_hosts` lifts it for the named hosts (exact
//! names or IPs, or `*.example.com` for a domain and its subdomains).

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use tokio::sync::OnceCell;
use url::{Host, Url};

/// Which addresses requests may go to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Allow every address (`--allow-private`, `links.allow_private`).
    pub allow_private: bool,
    /// Hosts allowed whatever they resolve to (`links.allow_hosts`).
    pub allow_hosts: Vec<String>,
}

impl AddressPolicy {
    /// Whether `host` (a name or an IP as written in a URL) is exempt from the policy.
    pub fn host_exempt(&self, host: &str) -> bool {
        if self.allow_private {
            return true;
        }
        let host = host.trim_start_matches('[').trim_end_matches(']');
        self.allow_hosts.iter().any(|allowed| {
            let allowed = allowed.trim().trim_start_matches('[').trim_end_matches(']');
            match allowed.strip_prefix("*.") {
                Some(domain) => {
                    let (h, d) = (host.as_bytes(), domain.as_bytes());
                    h.eq_ignore_ascii_case(d)
                        || h.len() > d.len()
                            && h[h.len() - d.len()..].eq_ignore_ascii_case(d)
                            && h[h.len() - d.len() - 1] == b'.'
                }
                None => host.eq_ignore_ascii_case(allowed),
            }
        })
    }

    /// Whether a request to `ip` for `host` may be made.
    pub fn allows(&self, host: &str, ip: IpAddr) -> bool {
        is_public(ip) || self.host_exempt(host)
    }

    /// The literal IP of `url`'s host, and whether it is allowed (`None` for a name).
    pub fn literal(&self, url: &Url) -> Option<(IpAddr, bool)> {
        let ip = match url.host()? {
            Host::Ipv4(ip) => IpAddr::V4(ip),
            Host::Ipv6(ip) => IpAddr::V6(ip),
            Host::Domain(_) => return None,
        };
        let host = url.host_str().unwrap_or("");
        Some((ip, self.allows(host, ip)))
    }
}

/// Whether `ip` is globally reachable (see [`super::registry`]): requests go only there
/// unless the policy is lifted.
pub fn is_public(ip: IpAddr) -> bool {
    super::registry::not_global(ip).is_none()
}

/// Why a name gave no address to connect to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DnsError {
    /// The name does not exist (NXDOMAIN): definitive.
    NoSuchName(String),
    /// The lookup failed (no answer, server failure): maybe transient.
    Failed(String),
    /// Every address of the name is forbidden by the policy.
    Blocked(String),
}

impl std::fmt::Display for DnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DnsError::NoSuchName(m) | DnsError::Failed(m) | DnsError::Blocked(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DnsError {}

type Lookup = Arc<OnceCell<Result<Vec<IpAddr>, DnsError>>>;

/// Name lookups, each done once per run (concurrent askers wait for the first).
#[derive(Default)]
pub struct DnsCache {
    names: Mutex<HashMap<String, Lookup>>,
    /// Whether any name resolved this run: without that, "no such name" may only mean
    /// that there is no network.
    resolved_any: std::sync::atomic::AtomicBool,
}

/// The start of the reason given for a name that does not exist.
pub const NO_SUCH_NAME: &str = "does not exist (DNS";

impl DnsCache {
    /// The addresses of `host` (a lowercase name).
    pub async fn lookup(&self, host: &str) -> Result<Vec<IpAddr>, DnsError> {
        let cell = self
            .names
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(host.to_string())
            .or_default()
            .clone();
        let result = cell
            .get_or_init(|| system_lookup(host.to_string()))
            .await
            .clone();
        if result.is_ok() {
            self.resolved_any
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        result
    }

    /// Whether any lookup of this run found an address.
    pub fn resolved_any(&self) -> bool {
        self.resolved_any.load(std::sync::atomic::Ordering::Relaxed)
    }
}

async fn system_lookup(host: String) -> Result<Vec<IpAddr>, DnsError> {
    match tokio::net::lookup_host((host.as_str(), 0)).await {
        Ok(addrs) => {
            let mut ips: Vec<IpAddr> = addrs.map(|a| a.ip()).collect();
            ips.dedup();
            if ips.is_empty() {
                Err(DnsError::NoSuchName(format!("`{host}` has no address")))
            } else {
                Ok(ips)
            }
        }
        Err(e) => {
            let message = e.to_string();
            let definitive = [
                "Name or service not known",
                "No address associated",
                "nodename nor servname",
            ]
            .iter()
            .any(|m| message.contains(m));
            if definitive {
                Err(DnsError::NoSuchName(format!(
                    "`{host}` {NO_SUCH_NAME}: {message})"
                )))
            } else {
                Err(DnsError::Failed(format!(
                    "cannot resolve `{host}`: {message}"
                )))
            }
        }
    }
}

/// The addresses of `host` the policy allows, or why there are none.
pub async fn allowed_addresses(
    dns: &DnsCache,
    policy: &AddressPolicy,
    host: &str,
) -> Result<Vec<IpAddr>, DnsError> {
    let ips = dns.lookup(host).await?;
    let allowed: Vec<IpAddr> = ips
        .iter()
        .copied()
        .filter(|ip| policy.allows(host, *ip))
        .collect();
    if allowed.is_empty() {
        let shown: Vec<String> = ips.iter().map(IpAddr::to_string).collect();
        return Err(DnsError::Blocked(format!(
            "`{host}` resolves to a non-public address ({}); allow it with --allow-private or links.allow_hosts",
            shown.join(", ")
        )));
    }
    Ok(allowed)
}

/// The resolver reqwest connects through: it returns only addresses the policy allows,
/// so a name that changes its answer between our check and the connection cannot slip
/// a private address in.
pub struct PolicyResolver {
    pub dns: Arc<DnsCache>,
    pub policy: Arc<AddressPolicy>,
}

impl reqwest::dns::Resolve for PolicyResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let dns = self.dns.clone();
        let policy = self.policy.clone();
        let host = name.as_str().to_ascii_lowercase();
        Box::pin(async move {
            let allowed = allowed_addresses(&dns, &policy, &host).await?;
            let addrs: reqwest::dns::Addrs =
                Box::new(allowed.into_iter().map(|ip| SocketAddr::new(ip, 0)));
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_ranges_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "224.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a00:1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.215.14", "2606:4700::1111", "::ffff:1.1.1.1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn exemptions() {
        let policy = AddressPolicy {
            allow_private: false,
            allow_hosts: vec!["intranet".into(), "*.corp.example".into(), "::1".into()],
        };
        assert!(policy.host_exempt("INTRANET"));
        assert!(policy.host_exempt("a.corp.example") && policy.host_exempt("corp.example"));
        assert!(!policy.host_exempt("xcorp.example"));
        assert!(policy.host_exempt("[::1]"));
        let url = Url::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(
            policy.literal(&url),
            Some(("127.0.0.1".parse().unwrap(), false))
        );
        assert_eq!(policy.literal(&Url::parse("http://a.b/").unwrap()), None);
    }
}
