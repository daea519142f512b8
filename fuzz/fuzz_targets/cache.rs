//! The link cache parser: any bytes (the file is untrusted) give entries, another
//! version or "not a cache", never a panic; every entry kept is one fmlint could have
//! written, and writing the kept entries back and parsing them again keeps them all.
#![no_main]

use fmlint::links::cache::{parse, Parsed, VERSION};
use libfuzzer_sys::fuzz_target;

const NOW: u64 = 1_800_000_000;

fuzz_target!(|data: &[u8]| {
    let Parsed::Entries { entries, .. } = parse(data, NOW) else {
        return;
    };
    for (key, entry) in &entries {
        let url = url::Url::parse(key).expect("a kept key is a URL");
        assert_eq!(url.as_str(), key, "a kept key round-trips");
        assert!(matches!(url.scheme(), "http" | "https"));
        for hop in &entry.answer.redirects {
            assert!(!hop.to.contains(['\n', '\r', '"']), "{:?}", hop.to);
        }
    }
    let again = serde_json::json!({ "version": VERSION, "entries": entries }).to_string();
    match parse(again.as_bytes(), NOW) {
        Parsed::Entries {
            entries: reparsed,
            dropped,
        } => {
            assert_eq!(dropped, 0);
            assert_eq!(reparsed, entries);
        }
        other => panic!("written entries read back as {other:?}"),
    }
});
