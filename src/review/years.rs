//! The `stale-year` rule: a plan for a year already reported on
//! (`2024年，我局将进一步…` in the report for 2024), and a text of 一 or 六
//! that opens with another year than the report's (`2023年，我局…`): texts
//! carried over from an earlier report. See docs/FORMAT.md §9.

use super::rules::{field_problem, quote};
use super::{ids, messages};
use crate::problem::Problem;
use crate::schema::{self, FieldId, Lang, REVIEW_ROLES};

/// Words that, right after `YYYY年[度][，][我局]`, make a plan.
const PLAN_MARKERS: &[&str] = &[
    "将进一步",
    "将继续",
    "将持续",
    "将不断",
    "将着力",
    "将加大",
    "将加强",
    "将全面",
    "将深入",
    "将重点",
    "将积极",
    "将认真",
    "将严格",
    "将切实",
    "将努力",
    "将坚持",
    "将围绕",
    "将聚焦",
    "将完善",
    "将推进",
    "将推动",
    "将强化",
    "将提升",
    "将做好",
    "将抓好",
    "将制定",
    "将建立",
    "将健全",
    "将优化",
    "将扎实",
    "将以",
    "力争",
];

/// Words by which an agency speaks of itself after `YYYY年，`.
const SELF_WORDS: &[&str] = &[
    "我局",
    "我委",
    "我办",
    "我厅",
    "我部",
    "我署",
    "我院",
    "我中心",
    "我单位",
    "我部门",
    "我机关",
    "本局",
    "本委",
    "本办",
    "本机关",
    "本单位",
    "本部门",
];

/// stale-year: `YYYY年将…` for a year already reported on, and a text of 一
/// or 六 that opens with `YYYY年，我局…` for another year than the report's.
pub(crate) fn stale_years(
    f: FieldId,
    text: &str,
    report_year: i32,
    agency: &str,
    lang: Lang,
    out: &mut Vec<Problem>,
) {
    let opening = REVIEW_ROLES
        .opening_sets
        .contains(&schema::field_set(f.set).key);
    for (i, _) in text.match_indices('年') {
        let Some((year, start)) = year_before(text, i) else {
            continue;
        };
        let mut rest = &text[i + '年'.len_utf8()..];
        rest = rest.strip_prefix('度').unwrap_or(rest);
        let after_year = rest;
        let comma = rest.starts_with(['，', ',']);
        rest = rest.trim_start_matches(['，', ',', ' ']);
        let self_word = SELF_WORDS
            .iter()
            .copied()
            .chain((!agency.is_empty()).then_some(agency))
            .find(|w| rest.starts_with(w));
        if let Some(w) = self_word {
            rest = &rest[w.len()..];
        }
        let end = text.len() - rest.len();
        if let Some(marker) = PLAN_MARKERS.iter().find(|m| rest.starts_with(*m)) {
            if year <= report_year {
                let quoted = quote(&text[start..end + marker.len()]);
                let message = messages::stale_plan(lang, &quoted, year, report_year);
                out.push(
                    field_problem(f, lang, ids::STALE_YEAR, message)
                        .depends(f.path(), &quoted)
                        .depends(schema::ROLES.year().path(), report_year),
                );
            }
            continue;
        }
        // A narrative year: the text's first words, `YYYY年，我局…`.
        let at_opening = text[..start].trim().is_empty();
        if opening && at_opening && comma && self_word.is_some() && year != report_year {
            let sentence_end = after_year
                .find(['。', '；', '\n'])
                .unwrap_or(after_year.len());
            let sentence = &after_year[..sentence_end];
            if ["相比", "同比", "较", "以来"]
                .iter()
                .any(|w| sentence.contains(w))
            {
                continue;
            }
            let quoted = quote(&text[start..end]);
            let message = messages::stale_narrative(lang, &quoted, year, report_year);
            out.push(
                field_problem(f, lang, ids::STALE_YEAR, message)
                    .depends(f.path(), &quoted)
                    .depends(schema::ROLES.year().path(), report_year),
            );
        }
    }
}

/// The four-digit year (1900–2099) written just before byte `at`, and where
/// it starts; `None` when more digits run into it.
fn year_before(text: &str, at: usize) -> Option<(i32, usize)> {
    let head = &text[..at];
    let mut value = 0;
    let mut start = at;
    let mut digits = Vec::new();
    for (i, c) in head.char_indices().rev() {
        match super::numbers::digit_value(c) {
            Some(d) if digits.len() < 4 => {
                digits.push(d);
                start = i;
            }
            Some(_) => return None,
            None => break,
        }
    }
    if digits.len() != 4 {
        return None;
    }
    for d in digits.iter().rev() {
        value = value * 10 + *d as i32;
    }
    (1900..2100).contains(&value).then_some((value, start))
}
