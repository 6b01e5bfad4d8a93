//! The review rules on the prose real reports are written in: subjects
//! (`区政府办代表区政府受理…`), results that are sums of rows (`不予公开35件`),
//! outcomes claimed in words (`均获维持`), a lawsuit figure that matches only
//! a part (a note), sentences reused from last year, and the real report of
//! tests/fixtures/real/hzq-2023.toml.

use crate::common;

use common::BUSY;
use nianbao::model::Report;
use nianbao::problem::{Problem, Severity};
use nianbao::review::ids;
use nianbao::review::phrases::{Frame, Outcome as O, Quantity as Q, statements};
use nianbao::schema::{self, Lang};
use nianbao::toml_read;
use nianbao::validate::{self, Context};

const FRAME: Frame = Frame {
    year: Some(2023),
    agency: "洪泽区人民政府",
};

const REAL: &str = include_str!("../fixtures/real/hzq-2023.toml");

fn tied(text: &str) -> Vec<(Q, String)> {
    statements(text, FRAME)
        .into_iter()
        .map(|s| (s.quantity, s.value.to_string()))
        .collect()
}

fn one(text: &str, q: Q, value: &str) {
    assert_eq!(tied(text), [(q, value.to_string())], "{text}");
}

fn none(text: &str) {
    assert_eq!(tied(text), [], "{text}");
}

fn read(text: &str) -> Report {
    toml_read::read(text, Lang::Zh).unwrap().report
}

fn set_text(r: &mut Report, path: &str, text: &str) {
    r.set_text(schema::find_field(path).unwrap(), text);
}

fn set_cell(r: &mut Report, path: &str, value: &str) {
    r.set_cell(schema::find_cell(path).unwrap(), value.parse().unwrap());
}

fn cx() -> Context {
    Context {
        lang: Lang::Zh,
        this_year: 2026,
    }
}

/// The review problems of a report, notes included.
fn review(r: &Report) -> Vec<Problem> {
    validate::validate(r, cx())
        .into_iter()
        .filter(|p| p.rule.is_some_and(|id| ids::ALL.contains(&id)))
        .collect()
}

fn with_rule<'a>(found: &'a [Problem], id: &str) -> Vec<&'a Problem> {
    found.iter().filter(|p| p.rule == Some(id)).collect()
}

#[test]
fn subjects_of_real_prose() {
    // One body acting for another.
    one(
        "区政府办代表区政府受理政府信息公开申请17件",
        Q::Received,
        "17",
    );
    one(
        "市政府办公室代表市人民政府共收到政府信息公开申请95件",
        Q::Received,
        "95",
    );
    // 共, 全年, 本机关.
    one("全年共受理政府信息公开申请95件", Q::Received, "95");
    one("本机关收到政府信息公开申请95件", Q::Received, "95");
    one(
        "本机关全年共受理各类政府信息公开申请95件",
        Q::Received,
        "95",
    );
    assert_eq!(
        tied("共收到政府信息公开申请95件（其中新收90件，上年结转5件）"),
        [
            (Q::Received, "95".to_string()),
            (Q::NewReceived, "90".to_string()),
            (Q::CarriedOver, "5".to_string()),
        ]
    );
    assert_eq!(
        tied("受理政府信息公开申请95件，办结93件"),
        [
            (Q::Received, "95".to_string()),
            (Q::Handled, "93".to_string())
        ]
    );
    // Not a body acting for another, or not the agency.
    none("人大代表受理申请17件");
    none("区政府办代表全区各部门受理申请17件");
    none("代表委员提出申请17件");
    none("2023年全区受理政府信息公开申请21件"); // the territory
    none("各镇街代表区政府受理申请17件");
}

#[test]
fn results_that_are_sums_of_rows() {
    one(
        "予以公开及部分公开258件",
        Q::Outcome(O::GrantedAndPartly),
        "258",
    );
    one("作出不予公开答复35件", Q::Outcome(O::NotDisclosed), "35");
    one("无法提供265件", Q::Outcome(O::Unable), "265");
    one("决定不予处理158件", Q::Outcome(O::NotProcessed), "158");
    one("共答复政府信息公开申请95件", Q::Handled, "95");
    assert_eq!(
        tied(
            "办结95件，其中予以公开20件，部分公开10件，不予公开5件，无法提供30件，不予处理20件，其他处理10件。"
        ),
        [
            (Q::Handled, "95".to_string()),
            (Q::Outcome(O::Granted), "20".to_string()),
            (Q::Outcome(O::PartlyGranted), "10".to_string()),
            (Q::Outcome(O::NotDisclosed), "5".to_string()),
            (Q::Outcome(O::Unable), "30".to_string()),
            (Q::Outcome(O::NotProcessed), "20".to_string()),
            (Q::Outcome(O::OtherHandling), "10".to_string()),
        ]
    );
    // A sentence about a subset, a part with no whole, another subject.
    none("涉及征地的申请50件，予以公开20件");
    none("其中予以公开20件");
    none("涉及征地的申请50件中，不予公开5件");
    none("依申请予以公开20件");
    none("主动公开政府信息1136条");
    none("不予公开率5%");
    none("不予公开的理由有3类");
}

#[test]
fn sums_of_rows_against_the_tables() {
    let mut r = read(BUSY);
    // 194 + 57 = 251; （三） 42; （四） 134; （五） 45; （六） 39; （七） 511.
    set_text(
        &mut r,
        "overview.on_request",
        "全年办结511件，其中予以公开及部分公开251件，不予公开42件，无法提供134件，不予处理45件，其他处理39件。",
    );
    assert_eq!(review(&r), []);
    set_text(
        &mut r,
        "overview.on_request",
        "全年办结511件，其中予以公开及部分公开258件，不予公开42件，无法提供265件，不予处理45件，其他处理39件。",
    );
    let found = review(&r);
    let outcomes = with_rule(&found, ids::TEXT_OUTCOMES);
    assert_eq!(outcomes.len(), 2, "{found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        outcomes[0].message,
        "文中“予以公开及部分公开258件”写的是 258，但三、收到和处理政府信息公开申请情况 / 三、本年度办理结果 / （一）予以公开 / 总计与三、收到和处理政府信息公开申请情况 / 三、本年度办理结果 / （二）部分公开（区分处理的，只计这一情形，不计其他情形） / 总计之和为 251；请核对文字或表格。"
    );
    assert!(
        outcomes[1]
            .message
            .contains("但三、收到和处理政府信息公开申请情况 / （四）无法提供 各项总计之和为 134"),
        "{}",
        outcomes[1].message
    );
    // The warning depends on every row it sums.
    assert!(
        outcomes[1]
            .depends
            .iter()
            .any(|(p, v)| p == "applications.unable_still_unclear.total" && v == "9")
    );
    // 答复 is （七）总计.
    set_text(
        &mut r,
        "overview.on_request",
        "共答复政府信息公开申请510件。",
    );
    assert_eq!(
        review(&r).iter().map(|p| p.rule).collect::<Vec<_>>(),
        [Some(ids::TEXT_HANDLED)]
    );
}

#[test]
fn outcomes_claimed_in_words() {
    let mut r = read(BUSY);
    // 四: 行政复议 9 维持, 2 纠正, 1 其他, 3 尚未审结; lawsuits 5+2 维持, 1 纠正, …
    let claim = "因政府信息公开被申请行政复议15件，被提起行政诉讼15件，均获维持。";
    set_text(&mut r, "overview.on_request", claim);
    let found = review(&r);
    let claims = with_rule(&found, ids::TEXT_APPEAL_OUTCOME);
    assert_eq!(claims.len(), 1, "{found:?}");
    assert_eq!(found.len(), 1, "{found:?}");
    let m = &claims[0].message;
    assert!(
        m.starts_with("文中说“因政府信息公开被申请行政复议15件"),
        "{m}"
    );
    assert!(m.contains("行政复议 / 结果纠正为 2"), "{m}");
    assert!(m.contains("行政复议 / 尚未审结为 3"), "{m}");
    assert!(m.contains("未经复议直接起诉 / 结果纠正为 1"), "{m}");
    // 无一被纠错 is about 纠正 alone; 全部胜诉 about lawsuits alone.
    set_text(
        &mut r,
        "overview.on_request",
        "被申请行政复议15件，无一被纠错。",
    );
    let found = review(&r);
    assert_eq!(with_rule(&found, ids::TEXT_APPEAL_OUTCOME).len(), 1);
    for (row, upheld) in [("review", "11"), ("direct_suit", "6")] {
        set_cell(&mut r, &format!("appeals.{row}.corrected"), "0");
        set_cell(&mut r, &format!("appeals.{row}.upheld"), upheld);
    }
    assert_eq!(review(&r), []);
    set_text(&mut r, "overview.on_request", "行政诉讼案件全部胜诉。");
    let found = review(&r);
    let claims = with_rule(&found, ids::TEXT_APPEAL_OUTCOME);
    assert_eq!(claims.len(), 1, "{found:?}");
    assert!(
        !claims[0].message.contains("行政复议 /"),
        "{}",
        claims[0].message
    );
    // Nothing pending, nothing else: the claim is true.
    for row in ["direct_suit", "suit_after_review"] {
        for col in ["other", "pending"] {
            set_cell(&mut r, &format!("appeals.{row}.{col}"), "0");
        }
    }
    assert_eq!(review(&r), []);
    // A plan says nothing.
    set_text(
        &mut r,
        "problems.text",
        "下一步，力争行政复议案件均获维持。",
    );
    assert_eq!(review(&r), []);
}

#[test]
fn a_lawsuit_figure_that_matches_only_a_part_is_a_note() {
    let mut r = read(BUSY);
    // 直接起诉 12, 复议后起诉 3.
    set_text(&mut r, "overview.on_request", "被提起行政诉讼15件。");
    assert_eq!(review(&r), []);
    set_text(&mut r, "overview.on_request", "被提起行政诉讼12件。");
    let found = review(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    let p = &found[0];
    assert_eq!(p.rule, Some(ids::TEXT_SUITS_PART));
    assert!(p.note && !p.counts(), "{p:?}");
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(
        p.message,
        "提示：文中“行政诉讼12件”的 12 只是四、政府信息公开行政复议、行政诉讼情况 / 行政诉讼 / 未经复议直接起诉 / 总计；四、政府信息公开行政复议、行政诉讼情况 / 行政诉讼 / 复议后起诉 / 总计另有 3，行政诉讼共 15。如指全部行政诉讼，请写 15。"
    );
    // Neither reading: the warning of text-suits, no note.
    set_text(&mut r, "overview.on_request", "被提起行政诉讼11件。");
    assert_eq!(
        review(&r).iter().map(|p| p.rule).collect::<Vec<_>>(),
        [Some(ids::TEXT_SUITS)]
    );
}

/// A next year's copy of the real report that keeps two of its sentences,
/// in two texts, and rewrites the rest.
fn next_year_of_real() -> Report {
    let mut next = read(REAL);
    next.set_year(2024);
    for f in schema::all_fields() {
        if f.field().kind == schema::FieldKind::Paragraphs && !next.text(f).is_empty() {
            next.set_text(f, "");
        }
    }
    set_text(
        &mut next,
        "problems.text",
        "2024年，我区政务公开工作仍有不足。一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合，全面提升政府信息依申请公开规范化、专业化水平。二是加强政策解读，提高解读质量。",
    );
    set_text(
        &mut next,
        "overview.management",
        "今年新建信息发布台账，逐条登记审核人和发布时间。严格执行“分级审核、先审后发”程序，落实“三审三校”制度，从严从实把好政治关、法律关、政策关、保密关、文字关，未经审核的信息一律不准发布。",
    );
    next
}

#[test]
fn sentences_reused_from_last_year_are_quoted() {
    let last = read(REAL);
    let next = next_year_of_real();
    let found = validate::cross_year(&next, &last, "hzq-2023.toml", Lang::Zh);
    let reused = with_rule(&found, ids::TEXT_REUSED);
    assert_eq!(reused.len(), 2, "{found:?}");
    // In field order: 一's management, then 五.
    assert_eq!(reused[0].path, "overview.management");
    assert_eq!(
        reused[0].message,
        "有 1 句（共 68 字）与上年报告 hzq-2023.toml（2023 年度）中的句子相同（只有数字不同也算），如“严格执行“分级审核、先审后发”程序，落实…”；审核中“与往年雷同”会被扣分，请按本年度情况改写。"
    );
    assert_eq!(reused[1].path, "problems.text");
    assert!(
        reused[1]
            .message
            .starts_with("有 1 句（共 64 字）与上年报告 hzq-2023.toml（2023 年度）中的句子相同（只有数字不同也算），如“一是扎实推进依申请公开工作，全面梳理和优…”"),
        "{}",
        reused[1].message
    );
    // Neither text is nearly identical as a whole: text-copied says nothing.
    assert!(with_rule(&found, ids::TEXT_COPIED).is_empty(), "{found:?}");
}

#[test]
fn a_text_copied_whole_is_one_warning_not_two() {
    let last = read(REAL);
    let mut next = read(REAL);
    next.set_year(2024);
    let found = validate::cross_year(&next, &last, "hzq-2023.toml", Lang::Zh);
    let on_problems: Vec<_> = found
        .iter()
        .filter(|p| p.path == "problems.text")
        .filter_map(|p| p.rule)
        .collect();
    assert_eq!(on_problems, [ids::TEXT_COPIED]);
    // A short stock text the same every year is neither.
    let mut last = read(BUSY);
    last.set_year(2023);
    let this = read(BUSY);
    let found = validate::cross_year(&this, &last, "2023.toml", Lang::Zh);
    assert!(
        !found.iter().any(|p| p.path == "other.innovation"),
        "{found:?}"
    );
}

#[test]
fn the_real_report_keeps_its_true_findings_and_gains_no_false_alarm() {
    let r = read(REAL);
    let problems = review(&r);
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.rule.unwrap(), p.path.as_str()))
        .collect();
    // A county government that never mentions 考核, 评议 or 追究.
    assert_eq!(
        found,
        [(ids::GOVERNMENT_OVERSIGHT, "overview.supervision")],
        "{problems:?}"
    );
    // 行政复议 总计 printed 0 beside 10 + 1: the reader's finding stays.
    let loaded = toml_read::read(REAL, Lang::Zh).unwrap();
    assert!(
        loaded
            .problems
            .iter()
            .any(|p| p.path == "appeals.review.total" && p.message.contains('0')),
        "{:?}",
        loaded.problems
    );
}
