//! Which IP addresses are globally reachable: the IANA IPv4 and IPv6 Special-Purpose
//! Address Registries (as updated through 2025), written as data so that a reader can
//! hold them beside the registries, plus multicast and, for IPv6, everything outside the
//! global unicast space `2000::/3`.
//!
//! Where an IPv6 address carries an IPv4 address (IPv4-mapped, IPv4-compatible,
//! IPv4-translated, NAT64 `64:ff9b::/96`, 6to4, Teredo), it is judged by the IPv4 address
//! it carries: a request to it ends up there.
//!
//! Stricter than the registries on purpose, where a row marked globally reachable is an
//! anycast service or an identifier no web page links to: all of `192.0.0.0/24` (PCP and
//! TURN anycast included) and all of `2001::/23` but Teredo (PCP, TURN, DNS-SD anycast,
//! AMT, AS112, ORCHIDv2, drone identifiers) are refused; the deprecated 6to4 relay anycast
//! `192.88.99.0/24` and site-local `fec0::/10` too; the local-use NAT64 prefix
//! `64:ff9b:1::/48` is refused whatever it embeds (its translator is some network's own).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One IPv4 network that is not globally reachable, and its name in the registry.
struct V4Row(u32, u8, &'static str);

/// How an IPv6 network's addresses are judged.
#[derive(Clone, Copy)]
enum Rule {
    /// Never reachable.
    Refused,
    /// By the IPv4 address in the last 32 bits.
    LastFour,
    /// By the IPv4 address in bits 16..48 (6to4).
    SixToFour,
    /// By the Teredo server (bits 32..64) and client (the last 32 bits, inverted).
    Teredo,
}

/// One IPv6 network, its name, and how its addresses are judged.
struct V6Row(u128, u8, &'static str, Rule);

const V4: &[V4Row] = &[
    V4Row(0x0000_0000, 8, "\"this network\" 0.0.0.0/8"),
    V4Row(0x0a00_0000, 8, "private 10.0.0.0/8"),
    V4Row(0x6440_0000, 10, "shared address space 100.64.0.0/10"),
    V4Row(0x7f00_0000, 8, "loopback 127.0.0.0/8"),
    V4Row(0xa9fe_0000, 16, "link-local 169.254.0.0/16"),
    V4Row(0xac10_0000, 12, "private 172.16.0.0/12"),
    V4Row(0xc000_0000, 24, "IETF protocol assignments 192.0.0.0/24"),
    V4Row(0xc000_0200, 24, "documentation 192.0.2.0/24"),
    V4Row(0xc058_6300, 24, "6to4 relay anycast 192.88.99.0/24"),
    V4Row(0xc0a8_0000, 16, "private 192.168.0.0/16"),
    V4Row(0xc612_0000, 15, "benchmarking 198.18.0.0/15"),
    V4Row(0xc633_6400, 24, "documentation 198.51.100.0/24"),
    V4Row(0xcb00_7100, 24, "documentation 203.0.113.0/24"),
    V4Row(0xe000_0000, 4, "multicast 224.0.0.0/4"),
    V4Row(0xf000_0000, 4, "reserved 240.0.0.0/4"),
    V4Row(0xffff_ffff, 32, "limited broadcast 255.255.255.255/32"),
];

/// The first row that holds an address wins: specific rows come before the wider ones.
const V6: &[V6Row] = &[
    V6Row(0, 128, "unspecified ::/128", Rule::Refused),
    V6Row(1, 128, "loopback ::1/128", Rule::Refused),
    V6Row(
        0xffff_0000_0000,
        96,
        "IPv4-mapped ::ffff:0:0/96",
        Rule::LastFour,
    ),
    V6Row(
        0xffff_0000_0000_0000,
        96,
        "IPv4-translated ::ffff:0:0:0/96",
        Rule::LastFour,
    ),
    V6Row(0, 96, "IPv4-compatible ::/96", Rule::LastFour),
    V6Row(0x0064_ff9b << 96, 96, "NAT64 64:ff9b::/96", Rule::LastFour),
    V6Row(
        0x0064_ff9b_0001 << 80,
        48,
        "local-use NAT64 64:ff9b:1::/48",
        Rule::Refused,
    ),
    V6Row(0x0100 << 112, 64, "discard-only 100::/64", Rule::Refused),
    V6Row(
        0x0100_0000_0000_0001 << 64,
        64,
        "dummy prefix 100:0:0:1::/64",
        Rule::Refused,
    ),
    V6Row(0x2001_0000 << 96, 32, "Teredo 2001::/32", Rule::Teredo),
    V6Row(
        0x2001 << 112,
        23,
        "IETF protocol assignments 2001::/23",
        Rule::Refused,
    ),
    V6Row(
        0x2001_0db8 << 96,
        32,
        "documentation 2001:db8::/32",
        Rule::Refused,
    ),
    V6Row(0x2002 << 112, 16, "6to4 2002::/16", Rule::SixToFour),
    V6Row(0x3fff << 112, 20, "documentation 3fff::/20", Rule::Refused),
    V6Row(
        0x5f00 << 112,
        16,
        "segment routing 5f00::/16",
        Rule::Refused,
    ),
    V6Row(0xfc00 << 112, 7, "unique local fc00::/7", Rule::Refused),
    V6Row(0xfe80 << 112, 10, "link-local fe80::/10", Rule::Refused),
    V6Row(0xfec0 << 112, 10, "site-local fec0::/10", Rule::Refused),
    V6Row(0xff00 << 112, 8, "multicast ff00::/8", Rule::Refused),
];

/// What IPv6 space outside [`V6`] is globally reachable: the global unicast space.
const GLOBAL_UNICAST: (u128, u8) = (0x2000 << 112, 3);

/// Why `ip` is not globally reachable (the registry name of its range), or `None` when
/// it is.
pub fn not_global(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => not_global_v4(v4),
        IpAddr::V6(v6) => not_global_v6(v6),
    }
}

fn not_global_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let bits = u32::from(ip);
    V4.iter()
        .find(|V4Row(network, prefix, _)| bits & mask32(*prefix) == *network)
        .map(|row| row.2)
}

fn not_global_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let bits = u128::from(ip);
    let Some(V6Row(_, _, name, rule)) = V6
        .iter()
        .find(|V6Row(network, prefix, _, _)| bits & mask128(*prefix) == *network)
    else {
        let (network, prefix) = GLOBAL_UNICAST;
        let global = bits & mask128(prefix) == network;
        return (!global).then_some("outside the global unicast space 2000::/3");
    };
    let v4 = |shift: u32| Ipv4Addr::from((bits >> shift) as u32);
    let judged = match rule {
        Rule::Refused => return Some(name),
        Rule::LastFour => not_global_v4(v4(0)),
        Rule::SixToFour => not_global_v4(v4(80)),
        Rule::Teredo => not_global_v4(v4(64)).or(not_global_v4(!v4(0))),
    };
    judged.map(|_| *name)
}

fn mask32(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

fn mask128(prefix: u8) -> u128 {
    u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(text: &str) -> bool {
        not_global(text.parse().expect("an address")).is_none()
    }

    /// The first, a middle and the last address of every IPv4 row are refused.
    #[test]
    fn every_ipv4_row_is_refused_end_to_end() {
        for V4Row(network, prefix, name) in V4 {
            let last = network | !mask32(*prefix);
            let middle = network + (last - network) / 2;
            for bits in [*network, middle, last] {
                let ip = Ipv4Addr::from(bits);
                assert!(not_global_v4(ip).is_some(), "{ip} in {name}");
            }
        }
    }

    /// The first, a middle and the last address of every IPv6 row that refuses outright.
    #[test]
    fn every_refused_ipv6_row_is_refused_end_to_end() {
        for V6Row(network, prefix, name, rule) in V6 {
            if !matches!(rule, Rule::Refused) {
                continue;
            }
            let last = network | !mask128(*prefix);
            let middle = network + (last - network) / 2;
            for bits in [*network, middle, last] {
                let ip = Ipv6Addr::from(bits);
                assert!(not_global_v6(ip).is_some(), "{ip} in {name}");
            }
        }
    }

    #[test]
    fn neighbours_of_the_ranges_are_global() {
        for ip in [
            "1.0.0.0",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.0",
            "169.253.255.255",
            "169.255.0.0",
            "172.15.255.255",
            "172.32.0.0",
            "191.255.255.255",
            "192.0.1.0",
            "192.0.3.0",
            "192.88.98.255",
            "192.88.100.0",
            "192.167.255.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "198.51.99.255",
            "198.51.101.0",
            "203.0.112.255",
            "203.0.114.0",
            "223.255.255.255",
            "93.184.215.14",
            "2000::1",
            "2001:200::1",
            "2001:db7:ffff::1",
            "2001:db9::1",
            "2003::1",
            "2606:4700::1111",
            "3ffe:ffff::1",
            "3fff:1000::1",
        ] {
            assert!(global(ip), "{ip} is global");
        }
    }

    #[test]
    fn the_addresses_named_in_the_issue_are_refused() {
        for ip in [
            "100.100.100.200",
            "192.0.0.192",
            "192.0.0.9",
            "198.18.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "64:ff9b:1::808:808",
            "4000::1",
            "::ffff:0:0",
        ] {
            assert!(!global(ip), "{ip} is refused");
        }
    }

    /// An IPv6 address that carries an IPv4 address is as reachable as that address.
    #[test]
    fn embedded_ipv4_addresses_decide() {
        let cases = [
            ("::ffff:127.0.0.1", false),
            ("::ffff:8.8.8.8", true),
            ("::ffff:0:10.0.0.1", false),
            ("::ffff:0:8.8.8.8", true),
            ("::127.0.0.1", false),
            ("::8.8.8.8", true),
            ("64:ff9b::7f00:1", false),
            ("64:ff9b::a9fe:a9fe", false),
            ("64:ff9b::808:808", true),
            ("2002:7f00:1::", false),
            ("2002:c0a8:101::1", false),
            ("2002:808:808::1", true),
            // Teredo: server 65.54.227.120, client 8.8.8.8 stored inverted.
            ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", true),
            // Client 127.0.0.1 (inverted: 80ff:fffe).
            ("2001:0:4136:e378:8000:63bf:80ff:fffe", false),
            // Server 10.0.0.1.
            ("2001:0:a00:1:8000:63bf:f7f7:f7f7", false),
        ];
        for (ip, expected) in cases {
            assert_eq!(global(ip), expected, "{ip}");
        }
    }
}
