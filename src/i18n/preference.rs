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
    let tag = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    match parts.next()? {
        "en" => Some(Lang::En),
        "ja" => Some(Lang::Ja),
        "ko" => Some(Lang::Ko),
        "zh" => match parts.next() {
            None | Some("cn" | "sg" | "my" | "hans") => Some(Lang::ZhCn),
            Some(_) => None,
        },
        _ => None,
    }
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
