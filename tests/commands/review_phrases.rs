//! The phrase forms of the review rules on a corpus of realistic report
//! sentences: for each form, texts that tie a number to a quantity
//! (positives) and texts that must tie nothing (negatives: years, dates,
//! phone numbers, 3期, 156人次, percentages, subsets after 其中, other
//! subjects, comparisons, approximations, other years).

use nianbao::review::phrases::{
    Denied, DocumentColumn as Col, DocumentRow as Row, Frame, Quantity as Q, denials, statements,
};
use rust_decimal::Decimal;

const FRAME: Frame = Frame {
    year: Some(2024),
    agency: "示例市自然资源和规划局",
};

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

#[test]
fn new_received() {
    one("全年新收政府信息公开申请512件。", Q::NewReceived, "512");
    one(
        "2024年，我局共新收政府信息公开申请512件",
        Q::NewReceived,
        "512",
    );
    one("本年度新收到信息公开申请５１２件", Q::NewReceived, "512");
    one("2024年度新收申请五百一十二件", Q::NewReceived, "512");
    one("我局新收依申请公开申请1,234件", Q::NewReceived, "1234");
    one("示例市自然资源和规划局新收申请 12 件", Q::NewReceived, "12");
    assert_eq!(
        tied("收到申请539件，其中新收512件"),
        [
            (Q::Received, "539".to_string()),
            (Q::NewReceived, "512".to_string())
        ]
    );
    none("2023年新收政府信息公开申请480件"); // another year
    none("1-6月新收申请200件"); // part of the year
    none("新收申请较上年增加12件"); // a comparison
    none("新收申请512余件"); // approximate
    none("新收申请约500件");
    none("涉及征地的新收申请120件"); // a subset
    none("新收申请中自然人380件");
    none("全市新收政府信息公开申请5000件"); // the territory, not the agency
    none("新收申请512件次");
}

#[test]
fn carried_over_and_received() {
    one("上年结转27件", Q::CarriedOver, "27");
    one("另有上年结转政府信息公开申请27件", Q::CarriedOver, "27");
    one("上年度结转申请二十七件", Q::CarriedOver, "27");
    one("共收到政府信息公开申请539件", Q::Received, "539");
    one("全年收到申请7件", Q::Received, "7");
    one("依法受理政府信息公开申请539件", Q::Received, "539");
    none("收到涉及征地补偿的申请120件");
    none("收到行政许可申请1532件");
    none("收到人大代表建议42件");
    none("累计收到政府信息公开申请3000件"); // over the years
    none("2019年以来共收到申请3000件");
    none("未收到申请0件"); // a denial is read by its own rule
    assert_eq!(
        tied("全年新收政府信息公开申请512件，上年结转27件；办结511件，结转下年度28件。"),
        [
            (Q::NewReceived, "512".to_string()),
            (Q::CarriedOver, "27".to_string()),
            (Q::Handled, "511".to_string()),
            (Q::CarriedForward, "28".to_string()),
        ]
    );
}

#[test]
fn handled_and_carried_forward() {
    one("已办结511件", Q::Handled, "511");
    one("共办结政府信息公开申请511件", Q::Handled, "511");
    one("结转下年度继续办理28件", Q::CarriedForward, "28");
    one("结转至下一年度办理的28件", Q::CarriedForward, "28");
    none("按期办结500件"); // a part
    none("尚未办结3件");
    none("办结率99.8%");
    none("办结人大代表建议42件");
    // The 25 is about the 27 carried over, not the year's handled total.
    one("上年结转的27件申请中，办结25件", Q::CarriedOver, "27");
    // After 其中, only the parts of 收到 are tied; 办结 300 may be a part.
    one(
        "新收申请512件，其中自然人380件，办结300件",
        Q::NewReceived,
        "512",
    );
    none("结转至2025年继续办理28件"); // a year inside the phrase
}

#[test]
fn appeals() {
    one("因政府信息公开被申请行政复议15件", Q::Reviews, "15");
    one("发生政府信息公开行政复议案件15件", Q::Reviews, "15");
    one("被提起行政诉讼15件", Q::Suits, "15");
    one("未经复议直接起诉12件", Q::DirectSuits, "12");
    one("复议后起诉3件", Q::SuitsAfterReview, "3");
    one("被申请行政复议2起", Q::Reviews, "2");
    none("全年行政复议案件150件"); // may be those a review body decided
    none("受理行政复议申请50件"); // as the review body, not the respondent
    none("办理行政复议案件50件");
    none("行政复议纠正2件"); // an outcome
    none("行政复议、行政诉讼各1件");
    none("行政复议和行政诉讼共3件");
}

#[test]
fn documents() {
    let n = |c| Q::Documents(c, Row::Normative);
    one("本年制发行政规范性文件12件", n(Col::Issued), "12");
    one("印发规范性文件12件", n(Col::Issued), "12");
    one("行政规范性文件制发12件，废止3件", n(Col::Issued), "12");
    one("废止行政规范性文件3件", n(Col::Repealed), "3");
    one("现行有效的行政规范性文件86件", n(Col::InForce), "86");
    one("制定规章1件", Q::Documents(Col::Issued, Row::Rules), "1");
    none("清理失效规范性文件3件"); // not 废止
    none("审查规范性文件20件");
    none("制定内部规章制度5件");
    none("印发其他规范性文件3件");
}

#[test]
fn decisions_and_fees() {
    one("作出行政许可决定1,532件", Q::Licensing, "1532");
    one("公开行政处罚决定214件", Q::Penalties, "214");
    one("行政强制决定37件", Q::Enforcement, "37");
    one("行政事业性收费18.8710万元", Q::FeeAmount, "18.871");
    one("收取行政事业性收费188710元", Q::FeeAmount, "18.871");
    one("行政事业性收费金额为18.87万元", Q::FeeAmount, "18.87");
    none("其中行政许可1,234件、行政处罚56件"); // no 决定: items of information
    none("办理行政许可事项1532件");
    none("公示行政许可信息1532条");
    none("收取信息处理费0.0312万元"); // not 行政事业性收费
    none("行政事业性收费约19万元");
    none("行政处罚决定书214份");
    none("累计公开行政处罚决定1200件");
}

#[test]
fn never_years_dates_phones_periods_or_percentages() {
    for text in [
        "2024年，我局坚持以公开为常态。",
        "报告中所列数据的统计期限为2024年1月1日至2024年12月31日。",
        "联系电话：0472-2836709",
        "组织业务培训3期、培训156人次。",
        "按时答复率100%，满意度98.5％。",
        "第3件申请于5月办结。",
        "召开新闻发布会6场，发布政策解读材料31篇。",
        "高效办成一件事。",
        "新增“规划公示”“征地信息”两个专题。",
        "在20个工作日内答复。",
        "B座1206室",
    ] {
        none(text);
    }
}

fn denied(text: &str) -> Vec<Denied> {
    denials(text, FRAME).into_iter().map(|d| d.denied).collect()
}

#[test]
fn denials_read_strictly() {
    assert_eq!(
        denied("2024年未收到相关信息公开申请。"),
        [Denied::Applications]
    );
    assert_eq!(
        denied("本年度未收到公民、法人或其他组织提出的政府信息公开申请"),
        [Denied::Applications]
    );
    assert_eq!(
        denied("全年未发生因政府信息公开引发的行政复议、行政诉讼案件。"),
        [Denied::Reviews, Denied::Suits]
    );
    assert_eq!(denied("本年度未收取行政事业性收费。"), [Denied::Fees]);
    assert_eq!(denied("未发出收费通知。"), [Denied::FeeNotices]);
    for text in [
        "本年度未收到信息公开投诉、举报，未发生政府信息公开需追究责任的情况。",
        "全年未发生因公开不当引发的负面舆情。",
        "全年未发生责任追究情况。",
        "未发生行政诉讼败诉案件。",
        "未发生行政复议纠错情况。",
        "一季度未收到政府信息公开申请。",
        "2023年未收到政府信息公开申请。",
        "本年度未收取信息处理费。",
        "未收到复议申请。",
    ] {
        assert_eq!(denied(text), [], "{text}");
    }
}

#[test]
fn values_are_exact_decimals() {
    let s = statements("行政事业性收费18.87万元", FRAME);
    assert_eq!(s[0].value, "18.87".parse::<Decimal>().unwrap());
    assert_eq!(s[0].places, 2);
    let text = "全年新收政府信息公开申请512件。";
    let s = statements(text, FRAME);
    assert_eq!(&text[s[0].span.clone()], "新收政府信息公开申请512件");
}
