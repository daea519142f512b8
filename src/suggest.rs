//! "Did you mean" suggestions: the closest candidate to a misspelled word.

/// The candidate closest to `word`, if one is close enough to be a plausible typo.
///
/// Close enough: a Jaro-Winkler similarity of at least 0.8, or an edit distance of at
/// most a third of the word's length. Ties go to the first candidate, so callers that
/// pass candidates in a stable order get stable suggestions.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let mut best: Option<(&'a str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&lower, &candidate.to_lowercase());
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((candidate, score));
        }
    }
    let (candidate, score) = best?;
    let distance = strsim::levenshtein(&lower, &candidate.to_lowercase());
    (score >= 0.8 || distance * 3 <= word.chars().count()).then_some(candidate)
}

/// Like [`closest`], but only when no other candidate is as close: a fix may act on it.
pub fn unique_closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    let best = closest(word, candidates.clone())?;
    let lower = word.to_lowercase();
    let score = |c: &str| strsim::jaro_winkler(&lower, &c.to_lowercase());
    let top = score(best);
    let ties = candidates.into_iter().filter(|c| score(c) >= top).count();
    (ties == 1).then_some(best)
}

#[cfg(test)]
mod tests {
    use super::{closest, unique_closest};

    #[test]
    fn unique_only_without_a_tie() {
        assert_eq!(
            unique_closest("recnt", ["search", "recent"]),
            Some("recent")
        );
        assert_eq!(unique_closest("ab", ["ac", "ad"]), None);
    }

    #[test]
    fn finds_typos_and_rejects_strangers() {
        let widgets = ["search", "recent", "categories", "taglist"];
        assert_eq!(closest("recnt", widgets), Some("recent"));
        assert_eq!(closest("TagList", widgets), Some("taglist"));
        assert_eq!(closest("zzzzzz", widgets), None);
    }
}
