//! The language a reader's browser asks for.

use crate::domain::Lang;

/// The first of the browser's languages (`navigator.languages`, most wanted
/// first) the planner speaks; English when none. Chinese means Simplified
/// Chinese only when the tag says so or names no script or region:
/// Traditional readers (zh-TW, zh-HK, zh-Hant) get their next choice.
pub fn preferred_lang<S: AsRef<str>>(languages: &[S]) -> Lang {
    languages
        .iter()
        .find_map(|tag| lang_of(tag.as_ref()))
        .unwrap_or_default()
}

fn lang_of(tag: &str) -> Option<Lang> {
    let mut parts = tag.trim().split(['-', '_']);
    let primary = parts.next()?;
    let is = |part: &str, code: &str| part.eq_ignore_ascii_case(code);
    if is(primary, "zh") {
        return match parts.next() {
            None => Some(Lang::ZhCn),
            Some(next) => ["cn", "sg", "my", "hans"]
                .iter()
                .any(|code| is(next, code))
                .then_some(Lang::ZhCn),
        };
    }
    [Lang::En, Lang::Ja, Lang::Ko]
        .into_iter()
        .find(|lang| is(primary, lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_language_spoken_wins() {
        let cases: [(&[&str], Lang); 9] = [
            (&[], Lang::En),
            (&["fr-FR", "de"], Lang::En),
            (&["ja-JP", "en"], Lang::Ja),
            (&["fr", "ko-KR"], Lang::Ko),
            (&["zh-CN"], Lang::ZhCn),
            (&["zh"], Lang::ZhCn),
            (&["zh-Hans-CN"], Lang::ZhCn),
            (&["zh-TW", "ja"], Lang::Ja),
            (&["en-GB", "ja"], Lang::En),
        ];
        for (languages, lang) in cases {
            assert_eq!(preferred_lang(languages), lang, "{languages:?}");
        }
    }
}
