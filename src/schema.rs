//! The one description of the annual report (2021 national format).
//!
//! Every other part of the crate — the TOML reader and writer, validation, the
//! wizard's steps and grids, the renderers, merge and import — walks the
//! [`SECTIONS`] tree defined here. Nothing else keeps its own list of fields,
//! rows or columns. Labels are the official simplified-Chinese forms with
//! full-width punctuation (see `docs/FORMAT.md`), each with an English gloss.

/// A user-visible label in both languages the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Label {
    /// The label in the given language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

/// The language of messages and of the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks `zh` or `en`.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// One wizard step and, except for the front matter, one numbered section of
/// the published report.
#[derive(Debug)]
pub struct Section {
    /// Stable identifier, e.g. `"applications"`.
    pub key: &'static str,
    /// The Chinese ordinal of the published section (`"三"`); empty for the front matter.
    pub number: &'static str,
    pub title: Label,
    pub parts: &'static [Part],
}

impl Section {
    /// The heading as printed, e.g. `三、收到和处理政府信息公开申请情况`.
    pub fn heading(&self, lang: Lang) -> String {
        match (self.number, lang) {
            ("", _) => self.title.get(lang).to_string(),
            (n, Lang::Zh) => format!("{n}、{}", self.title.zh),
            (n, Lang::En) => format!("{} {}", roman(n), self.title.en),
        }
    }
}

fn roman(chinese_ordinal: &str) -> &'static str {
    match chinese_ordinal {
        "一" => "I.",
        "二" => "II.",
        "三" => "III.",
        "四" => "IV.",
        "五" => "V.",
        "六" => "VI.",
        _ => "",
    }
}

/// What a section is made of: a set of text fields or a table.
#[derive(Debug)]
pub enum Part {
    Fields(&'static FieldSet),
    Table(&'static Table),
}

/// Text fields stored together under one TOML table, e.g. `[contact]`.
#[derive(Debug)]
pub struct FieldSet {
    /// The TOML table name.
    pub key: &'static str,
    pub fields: &'static [Field],
}

/// One text (or year, or choice) field.
#[derive(Debug)]
pub struct Field {
    pub key: &'static str,
    pub label: Label,
    pub kind: FieldKind,
    /// An empty required field is a warning, never a block.
    pub required: bool,
    /// A numbered sub-part of its section: printed as `（一）label` with the
    /// number counted among the non-empty sub-parts.
    pub subpart: bool,
    /// A short help line for the wizard.
    pub hint: Label,
}

/// How a field is entered, stored and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, with the shape it should have.
    Line(Shape),
    /// Free text in paragraphs (newlines allowed).
    Paragraphs,
    /// The report year, stored as a TOML integer.
    Year,
    /// One of a fixed list, stored as the choice's key.
    Choice(&'static [Choice]),
}

/// The expected shape of a one-line field (a plausibility warning when off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Any,
    Phone,
    Email,
    Postcode,
    Url,
}

/// One option of a [`FieldKind::Choice`] field.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    pub key: &'static str,
    pub label: Label,
    /// Whether an agency of this level may make 规章 (rules); a non-zero 规章
    /// count is a warning otherwise.
    pub makes_rules: bool,
}

/// A table of numbers.
#[derive(Debug)]
pub struct Table {
    /// The TOML table name, e.g. `"applications"`.
    pub key: &'static str,
    /// The caption printed above it (`第二十条第（一）项`), or empty.
    pub caption: Label,
    /// The header cell above the row labels.
    pub corner: Label,
    pub columns: &'static [Column],
    pub rows: &'static [Row],
    /// Per column: the sum of `lhs` rows must equal the sum of `rhs` rows.
    pub balance: Option<Balance>,
    /// How the published report lays the table out.
    pub layout: Layout,
}

/// Published layout of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Rows down, columns across, as stored.
    Grid,
    /// All rows flattened into one printed row; each row becomes a column
    /// group (section 四).
    OneLine,
}

/// A column; `sum_of` non-empty makes it a computed total of other columns.
#[derive(Debug)]
pub struct Column {
    pub key: &'static str,
    pub label: Label,
    /// Header groups above the label, outermost first.
    pub groups: &'static [Label],
    pub kind: CellKind,
    pub sum_of: &'static [&'static str],
}

/// A row; `sum_of` non-empty makes it a computed total of other rows.
#[derive(Debug)]
pub struct Row {
    pub key: &'static str,
    pub label: Label,
    /// Row-group headings to the left of the label, outermost first.
    pub groups: &'static [Label],
    pub sum_of: &'static [&'static str],
}

/// The kind of number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// A non-negative whole number, at most `u32::MAX`.
    Count,
    /// 万元, a non-negative decimal with at most [`MONEY_DECIMALS`] places.
    Money,
}

/// Places after the decimal point a money cell may have.
pub const MONEY_DECIMALS: u32 = 4;

/// The printed 勾稽关系 of section 三: per column, `lhs` rows sum to `rhs` rows.
#[derive(Debug)]
pub struct Balance {
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
}

/// The version marker every report file starts with.
pub const FORMAT_MARKER: &str = "nianbao/1";

// ---------------------------------------------------------------------------
// The front matter: 报告信息

/// Agency levels, for the 规章 plausibility rule.
pub static AGENCY_LEVELS: &[Choice] = &[
    Choice {
        key: "state_council_department",
        label: l("国务院部门", "State Council department"),
        makes_rules: true,
    },
    Choice {
        key: "provincial_government",
        label: l("省级人民政府", "Provincial government"),
        makes_rules: true,
    },
    Choice {
        key: "provincial_department",
        label: l("省级政府部门", "Provincial department"),
        makes_rules: false,
    },
    Choice {
        key: "city_government",
        label: l("设区的市级人民政府", "City government"),
        makes_rules: true,
    },
    Choice {
        key: "city_department",
        label: l("市级政府部门", "City department"),
        makes_rules: false,
    },
    Choice {
        key: "county_government",
        label: l("县级人民政府", "County government"),
        makes_rules: false,
    },
    Choice {
        key: "county_department",
        label: l("县级政府部门", "County department"),
        makes_rules: false,
    },
    Choice {
        key: "township",
        label: l("乡镇人民政府、街道办事处", "Township or subdistrict"),
        makes_rules: false,
    },
    Choice {
        key: "other",
        label: l("其他", "Other"),
        makes_rules: true,
    },
];

const fn field(
    key: &'static str,
    label: Label,
    kind: FieldKind,
    required: bool,
    hint: Label,
) -> Field {
    Field {
        key,
        label,
        kind,
        required,
        subpart: false,
        hint,
    }
}

const fn subpart(key: &'static str, label: Label, required: bool, hint: Label) -> Field {
    Field {
        key,
        label,
        kind: FieldKind::Paragraphs,
        required,
        subpart: true,
        hint,
    }
}

static REPORT_FIELDS: FieldSet = FieldSet {
    key: "report",
    fields: &[
        field(
            "agency",
            l("机关名称", "Agency"),
            FieldKind::Line(Shape::Any),
            true,
            l(
                "编写本报告的行政机关全称",
                "Full name of the agency that compiles the report",
            ),
        ),
        field(
            "year",
            l("报告年度", "Report year"),
            FieldKind::Year,
            true,
            l(
                "统计期限为该年1月1日至12月31日",
                "Statistics cover 1 January to 31 December of this year",
            ),
        ),
        field(
            "level",
            l("机关层级", "Agency level"),
            FieldKind::Choice(AGENCY_LEVELS),
            false,
            l(
                "←/→ 选择；用于检查规章数",
                "←/→ to choose; used to check the 规章 count",
            ),
        ),
        field(
            "basis",
            l("编制依据（上级通知）", "Basis (forwarding notices)"),
            FieldKind::Line(Shape::Any),
            false,
            l(
                "《条例》之外援引的通知，如《……的通知》",
                "Notices cited besides the Regulations",
            ),
        ),
    ],
};

static CONTACT_FIELDS: FieldSet = FieldSet {
    key: "contact",
    fields: &[
        field(
            "office",
            l("联系部门", "Contact office"),
            FieldKind::Line(Shape::Any),
            true,
            l("如：某某局办公室", "e.g. the agency's general office"),
        ),
        field(
            "address",
            l("地址", "Address"),
            FieldKind::Line(Shape::Any),
            true,
            l("", ""),
        ),
        field(
            "postcode",
            l("邮政编码", "Postcode"),
            FieldKind::Line(Shape::Postcode),
            false,
            l("6 位数字", "6 digits"),
        ),
        field(
            "person",
            l("联系人", "Contact person"),
            FieldKind::Line(Shape::Any),
            true,
            l("", ""),
        ),
        field(
            "phone",
            l("联系电话", "Phone"),
            FieldKind::Line(Shape::Phone),
            true,
            l("如：0472-2836709", "e.g. 0472-2836709"),
        ),
        field(
            "email",
            l("电子邮箱", "E-mail"),
            FieldKind::Line(Shape::Email),
            true,
            l("", ""),
        ),
        field(
            "website",
            l("报告下载网址", "Website"),
            FieldKind::Line(Shape::Url),
            false,
            l(
                "可下载本报告电子版的网址",
                "Where the report can be downloaded",
            ),
        ),
    ],
};

static FRONT: Section = Section {
    key: "front",
    number: "",
    title: l("报告信息", "Report information"),
    parts: &[Part::Fields(&REPORT_FIELDS), Part::Fields(&CONTACT_FIELDS)],
};

// ---------------------------------------------------------------------------
// 一、总体情况

static OVERVIEW_FIELDS: FieldSet = FieldSet {
    key: "overview",
    fields: &[
        field(
            "summary",
            l("概述", "Summary"),
            FieldKind::Paragraphs,
            true,
            l(
                "总体情况的开头段落",
                "The opening paragraph of the overview",
            ),
        ),
        subpart(
            "proactive",
            l("主动公开情况", "Proactive disclosure"),
            true,
            l("", ""),
        ),
        subpart(
            "on_request",
            l("依申请公开情况", "Disclosure on request"),
            true,
            l("", ""),
        ),
        subpart(
            "management",
            l("政府信息管理情况", "Information management"),
            true,
            l("", ""),
        ),
        subpart(
            "platforms",
            l("政府信息公开平台建设情况", "Disclosure platforms"),
            true,
            l("", ""),
        ),
        subpart(
            "supervision",
            l("监督保障情况", "Supervision and safeguards"),
            true,
            l(
                "各级人民政府还应报告工作考核、社会评议和责任追究结果情况",
                "Governments also report assessment, public review and accountability results",
            ),
        ),
    ],
};

static OVERVIEW: Section = Section {
    key: "overview",
    number: "一",
    title: l("总体情况", "Overview"),
    parts: &[Part::Fields(&OVERVIEW_FIELDS)],
};

// ---------------------------------------------------------------------------
// 二、主动公开政府信息情况

const CONTENT: Label = l("信息内容", "Information");

const fn count(key: &'static str, label: Label) -> Column {
    Column {
        key,
        label,
        groups: &[],
        kind: CellKind::Count,
        sum_of: &[],
    }
}

const fn row(key: &'static str, label: Label) -> Row {
    Row {
        key,
        label,
        groups: &[],
        sum_of: &[],
    }
}

const DECISIONS: Column = count("decisions", l("本年处理决定数量", "Decisions this year"));

static ARTICLE20_1: Table = Table {
    key: "article20_1",
    caption: l("第二十条第（一）项", "Article 20 (1)"),
    corner: CONTENT,
    columns: &[
        count("issued", l("本年制发件数", "Issued this year")),
        count("repealed", l("本年废止件数", "Repealed this year")),
        count("in_force", l("现行有效件数", "In force")),
    ],
    rows: &[
        row("rules", l("规章", "Rules (规章)")),
        row(
            "normative_documents",
            l("行政规范性文件", "Normative documents"),
        ),
    ],
    balance: None,
    layout: Layout::Grid,
};

static ARTICLE20_5: Table = Table {
    key: "article20_5",
    caption: l("第二十条第（五）项", "Article 20 (5)"),
    corner: CONTENT,
    columns: &[DECISIONS],
    rows: &[row("licensing", l("行政许可", "Administrative licensing"))],
    balance: None,
    layout: Layout::Grid,
};

static ARTICLE20_6: Table = Table {
    key: "article20_6",
    caption: l("第二十条第（六）项", "Article 20 (6)"),
    corner: CONTENT,
    columns: &[DECISIONS],
    rows: &[
        row("penalties", l("行政处罚", "Administrative penalties")),
        row("enforcement", l("行政强制", "Administrative enforcement")),
    ],
    balance: None,
    layout: Layout::Grid,
};

static ARTICLE20_8: Table = Table {
    key: "article20_8",
    caption: l("第二十条第（八）项", "Article 20 (8)"),
    corner: CONTENT,
    columns: &[Column {
        key: "amount",
        label: l("本年收费金额（单位：万元）", "Fees this year (10,000 yuan)"),
        groups: &[],
        kind: CellKind::Money,
        sum_of: &[],
    }],
    rows: &[row("fees", l("行政事业性收费", "Administrative fees"))],
    balance: None,
    layout: Layout::Grid,
};

static PROACTIVE: Section = Section {
    key: "proactive",
    number: "二",
    title: l("主动公开政府信息情况", "Proactive disclosure"),
    parts: &[
        Part::Table(&ARTICLE20_1),
        Part::Table(&ARTICLE20_5),
        Part::Table(&ARTICLE20_6),
        Part::Table(&ARTICLE20_8),
    ],
};

// ---------------------------------------------------------------------------
// 三、收到和处理政府信息公开申请情况

const APPLICANTS: Label = l("申请人情况", "Applicants");
const LEGAL_PERSONS: Label = l("法人或其他组织", "Legal persons and other organisations");
const APPLICANT_GROUP: &[Label] = &[APPLICANTS];
const LEGAL_PERSON_GROUP: &[Label] = &[APPLICANTS, LEGAL_PERSONS];

const fn applicant(key: &'static str, label: Label, groups: &'static [Label]) -> Column {
    Column {
        key,
        label,
        groups,
        kind: CellKind::Count,
        sum_of: &[],
    }
}

const RESULTS: Label = l("三、本年度办理结果", "III. Results this year");
const IN_RESULTS: &[Label] = &[RESULTS];
const DENIED: &[Label] = &[RESULTS, l("（三）不予公开", "(3) Not disclosed")];
const UNABLE: &[Label] = &[RESULTS, l("（四）无法提供", "(4) Cannot be provided")];
const NOT_PROCESSED: &[Label] = &[RESULTS, l("（五）不予处理", "(5) Not processed")];
const OTHER_HANDLING: &[Label] = &[RESULTS, l("（六）其他处理", "(6) Other handling")];

const fn result(key: &'static str, label: Label, groups: &'static [Label]) -> Row {
    Row {
        key,
        label,
        groups,
        sum_of: &[],
    }
}

/// The rows summed into （七）总计: every handling result.
const HANDLED: &[&str] = &[
    "granted",
    "partly_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party",
    "denied_internal_affairs",
    "denied_process_information",
    "denied_enforcement_files",
    "denied_query_matters",
    "unable_not_held",
    "unable_needs_creation",
    "unable_still_unclear",
    "rejected_petitions",
    "rejected_repeated",
    "rejected_publications",
    "rejected_excessive",
    "rejected_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other_other",
];

static APPLICATIONS: Table = Table {
    key: "applications",
    caption: l("", ""),
    corner: l(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "(In each column: item I plus item II equals item III plus item IV)",
    ),
    columns: &[
        applicant("natural", l("自然人", "Natural persons"), APPLICANT_GROUP),
        applicant(
            "commercial",
            l("商业企业", "Businesses"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "research",
            l("科研机构", "Research institutions"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "public_interest",
            l("社会公益组织", "Public-interest organisations"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "legal_services",
            l("法律服务机构", "Legal service providers"),
            LEGAL_PERSON_GROUP,
        ),
        applicant("other", l("其他", "Other"), LEGAL_PERSON_GROUP),
        Column {
            key: "total",
            label: l("总计", "Total"),
            groups: APPLICANT_GROUP,
            kind: CellKind::Count,
            sum_of: &[
                "natural",
                "commercial",
                "research",
                "public_interest",
                "legal_services",
                "other",
            ],
        },
    ],
    rows: &[
        result(
            "new_received",
            l(
                "一、本年新收政府信息公开申请数量",
                "I. New applications this year",
            ),
            &[],
        ),
        result(
            "carried_over",
            l(
                "二、上年结转政府信息公开申请数量",
                "II. Carried over from last year",
            ),
            &[],
        ),
        result("granted", l("（一）予以公开", "(1) Disclosed"), IN_RESULTS),
        result(
            "partly_granted",
            l(
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "(2) Partly disclosed (count only here when separated)",
            ),
            IN_RESULTS,
        ),
        result(
            "denied_state_secret",
            l("1.属于国家秘密", "1. State secret"),
            DENIED,
        ),
        result(
            "denied_prohibited_by_law",
            l("2.其他法律行政法规禁止公开", "2. Prohibited by other laws"),
            DENIED,
        ),
        result(
            "denied_security_stability",
            l("3.危及“三安全一稳定”", "3. Endangers security or stability"),
            DENIED,
        ),
        result(
            "denied_third_party",
            l("4.保护第三方合法权益", "4. Third-party rights"),
            DENIED,
        ),
        result(
            "denied_internal_affairs",
            l("5.属于三类内部事务信息", "5. Internal affairs"),
            DENIED,
        ),
        result(
            "denied_process_information",
            l("6.属于四类过程性信息", "6. Process information"),
            DENIED,
        ),
        result(
            "denied_enforcement_files",
            l("7.属于行政执法案卷", "7. Enforcement files"),
            DENIED,
        ),
        result(
            "denied_query_matters",
            l("8.属于行政查询事项", "8. Administrative query matters"),
            DENIED,
        ),
        result(
            "unable_not_held",
            l("1.本机关不掌握相关政府信息", "1. Not held by this agency"),
            UNABLE,
        ),
        result(
            "unable_needs_creation",
            l("2.没有现成信息需要另行制作", "2. Would have to be created"),
            UNABLE,
        ),
        result(
            "unable_still_unclear",
            l(
                "3.补正后申请内容仍不明确",
                "3. Still unclear after correction",
            ),
            UNABLE,
        ),
        result(
            "rejected_petitions",
            l("1.信访举报投诉类申请", "1. Petitions and complaints"),
            NOT_PROCESSED,
        ),
        result(
            "rejected_repeated",
            l("2.重复申请", "2. Repeated application"),
            NOT_PROCESSED,
        ),
        result(
            "rejected_publications",
            l("3.要求提供公开出版物", "3. Asks for publications"),
            NOT_PROCESSED,
        ),
        result(
            "rejected_excessive",
            l(
                "4.无正当理由大量反复申请",
                "4. Excessive without good reason",
            ),
            NOT_PROCESSED,
        ),
        result(
            "rejected_confirmation",
            l(
                "5.要求行政机关确认或重新出具已获取信息",
                "5. Asks to confirm or reissue obtained information",
            ),
            NOT_PROCESSED,
        ),
        result(
            "other_no_correction",
            l(
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "1. Applicant did not correct in time; no longer processed",
            ),
            OTHER_HANDLING,
        ),
        result(
            "other_fee_unpaid",
            l(
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                "2. Applicant did not pay the fee in time; no longer processed",
            ),
            OTHER_HANDLING,
        ),
        result("other_other", l("3.其他", "3. Other"), OTHER_HANDLING),
        Row {
            key: "total_handled",
            label: l("（七）总计", "(7) Total"),
            groups: IN_RESULTS,
            sum_of: HANDLED,
        },
        result(
            "carry_forward",
            l("四、结转下年度继续办理", "IV. Carried forward to next year"),
            &[],
        ),
    ],
    balance: Some(Balance {
        lhs: &["new_received", "carried_over"],
        rhs: &["total_handled", "carry_forward"],
    }),
    layout: Layout::Grid,
};

static APPLICATIONS_SECTION: Section = Section {
    key: "applications",
    number: "三",
    title: l(
        "收到和处理政府信息公开申请情况",
        "Applications received and handled",
    ),
    parts: &[Part::Table(&APPLICATIONS)],
};

// ---------------------------------------------------------------------------
// 四、政府信息公开行政复议、行政诉讼情况

const LAWSUITS: &[Label] = &[l("行政诉讼", "Lawsuits")];

static APPEALS: Table = Table {
    key: "appeals",
    caption: l("", ""),
    corner: l("", ""),
    columns: &[
        count("upheld", l("结果维持", "Upheld")),
        count("corrected", l("结果纠正", "Corrected")),
        count("other", l("其他结果", "Other result")),
        count("pending", l("尚未审结", "Pending")),
        Column {
            key: "total",
            label: l("总计", "Total"),
            groups: &[],
            kind: CellKind::Count,
            sum_of: &["upheld", "corrected", "other", "pending"],
        },
    ],
    rows: &[
        row("review", l("行政复议", "Administrative review")),
        Row {
            key: "direct_suit",
            label: l("未经复议直接起诉", "Sued directly"),
            groups: LAWSUITS,
            sum_of: &[],
        },
        Row {
            key: "suit_after_review",
            label: l("复议后起诉", "Sued after review"),
            groups: LAWSUITS,
            sum_of: &[],
        },
    ],
    balance: None,
    layout: Layout::OneLine,
};

static APPEALS_SECTION: Section = Section {
    key: "appeals",
    number: "四",
    title: l(
        "政府信息公开行政复议、行政诉讼情况",
        "Administrative reviews and lawsuits",
    ),
    parts: &[Part::Table(&APPEALS)],
};

// ---------------------------------------------------------------------------
// 五、六

static PROBLEMS_FIELDS: FieldSet = FieldSet {
    key: "problems",
    fields: &[field(
        "text",
        l("存在的主要问题及改进情况", "Problems and improvements"),
        FieldKind::Paragraphs,
        true,
        l(
            "问题、原因和下一年的改进措施",
            "Problems, their causes and next year's measures",
        ),
    )],
};

static PROBLEMS: Section = Section {
    key: "problems",
    number: "五",
    title: l("存在的主要问题及改进情况", "Main problems and improvements"),
    parts: &[Part::Fields(&PROBLEMS_FIELDS)],
};

static OTHER_FIELDS: FieldSet = FieldSet {
    key: "other",
    fields: &[
        subpart(
            "fees",
            l(
                "收取政府信息公开信息处理费的情况",
                "Information processing fees",
            ),
            false,
            l(
                "发出收费通知的件数和总金额，或“本年度未收取……”",
                "Number and amount of fee notices, or that none were charged",
            ),
        ),
        subpart(
            "work_points",
            l(
                "本行政机关落实上级年度政务公开工作要点情况",
                "Implementing this year's key points of open government",
            ),
            false,
            l("", ""),
        ),
        subpart(
            "proposals",
            l(
                "人大代表建议和政协提案办理结果公开情况",
                "Publishing the handling of deputies' suggestions and CPPCC proposals",
            ),
            false,
            l("", ""),
        ),
        subpart(
            "innovation",
            l("政务公开工作创新情况", "Innovation in open government"),
            false,
            l("", ""),
        ),
        subpart(
            "other",
            l("其他需要报告的事项", "Other matters"),
            false,
            l("", ""),
        ),
    ],
};

static OTHER: Section = Section {
    key: "other",
    number: "六",
    title: l("其他需要报告的事项", "Other matters to report"),
    parts: &[Part::Fields(&OTHER_FIELDS)],
};

/// The whole report, in wizard and publishing order.
pub static SECTIONS: &[&Section] = &[
    &FRONT,
    &OVERVIEW,
    &PROACTIVE,
    &APPLICATIONS_SECTION,
    &APPEALS_SECTION,
    &PROBLEMS,
    &OTHER,
];

// ---------------------------------------------------------------------------
// Walking the tree

/// Every field set, in order, with the section it belongs to.
pub fn field_sets() -> impl Iterator<Item = (&'static Section, &'static FieldSet)> {
    SECTIONS.iter().flat_map(|s| {
        s.parts.iter().filter_map(move |p| match p {
            Part::Fields(f) => Some((*s, *f)),
            Part::Table(_) => None,
        })
    })
}

/// Every table, in order, with the section it belongs to.
pub fn tables() -> impl Iterator<Item = (&'static Section, &'static Table)> {
    SECTIONS.iter().flat_map(|s| {
        s.parts.iter().filter_map(move |p| match p {
            Part::Table(t) => Some((*s, *t)),
            Part::Fields(_) => None,
        })
    })
}

/// Identifies one field: index of its field set (in [`field_sets`] order)
/// and of the field inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId {
    pub set: usize,
    pub field: usize,
}

/// Identifies one cell: table index (in [`tables`] order), row, column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// The field set with this index.
pub fn field_set(index: usize) -> &'static FieldSet {
    field_sets().nth(index).expect("field set index in range").1
}

/// The table with this index.
pub fn table(index: usize) -> &'static Table {
    tables().nth(index).expect("table index in range").1
}

/// Number of field sets and tables, for sizing the model.
pub fn counts() -> (usize, usize) {
    (field_sets().count(), tables().count())
}

impl FieldId {
    pub fn field(self) -> &'static Field {
        &field_set(self.set).fields[self.field]
    }

    /// The schema path, e.g. `contact.phone`.
    pub fn path(self) -> String {
        format!("{}.{}", field_set(self.set).key, self.field().key)
    }
}

impl CellId {
    pub fn table_def(self) -> &'static Table {
        table(self.table)
    }

    pub fn row_def(self) -> &'static Row {
        &table(self.table).rows[self.row]
    }

    pub fn column_def(self) -> &'static Column {
        &table(self.table).columns[self.col]
    }

    /// Whether the cell is a total derived from others (read-only).
    pub fn is_computed(self) -> bool {
        !self.row_def().sum_of.is_empty() || !self.column_def().sum_of.is_empty()
    }

    /// The schema path, e.g. `applications.new_received.natural`.
    pub fn path(self) -> String {
        let t = self.table_def();
        format!(
            "{}.{}.{}",
            t.key, t.rows[self.row].key, t.columns[self.col].key
        )
    }

    /// The labels a user sees: `row label / column label`, with groups.
    pub fn label(self, lang: Lang) -> String {
        let row = self.row_def();
        let col = self.column_def();
        let mut parts: Vec<&str> = row.groups.iter().map(|g| g.get(lang)).collect();
        parts.push(row.label.get(lang));
        parts.extend(col.groups.iter().skip(1).map(|g| g.get(lang)));
        parts.push(col.label.get(lang));
        parts.join(" / ")
    }
}

impl Table {
    /// Index of the row with this key.
    pub fn row_index(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.key == key)
    }

    /// Index of the column with this key.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }
}

/// Every field, in order.
pub fn all_fields() -> impl Iterator<Item = FieldId> {
    field_sets()
        .enumerate()
        .flat_map(|(set, (_, fs))| (0..fs.fields.len()).map(move |field| FieldId { set, field }))
}

/// Every cell, in reading order (table by table, row by row).
pub fn all_cells() -> impl Iterator<Item = CellId> {
    tables().enumerate().flat_map(|(table, (_, t))| {
        (0..t.rows.len())
            .flat_map(move |row| (0..t.columns.len()).map(move |col| CellId { table, row, col }))
    })
}

/// Finds a field by its path (`contact.phone`).
pub fn find_field(path: &str) -> Option<FieldId> {
    all_fields().find(|f| f.path() == path)
}

/// Finds a cell by its path (`applications.new_received.natural`).
pub fn find_cell(path: &str) -> Option<CellId> {
    let mut it = path.splitn(3, '.');
    let (t, r, c) = (it.next()?, it.next()?, it.next()?);
    let (table, (_, def)) = tables().enumerate().find(|(_, (_, def))| def.key == t)?;
    Some(CellId {
        table,
        row: def.row_index(r)?,
        col: def.column_index(c)?,
    })
}

/// Finds the table index with this key.
pub fn find_table(key: &str) -> Option<usize> {
    tables().position(|(_, t)| t.key == key)
}

/// Chinese ordinal numbers for numbered sub-parts: 1 → 一, 10 → 十.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn top_level_keys_are_unique_and_snake_case() {
        let mut seen = HashSet::new();
        for (_, fs) in field_sets() {
            assert!(seen.insert(fs.key), "duplicate top-level key {}", fs.key);
        }
        for (_, t) in tables() {
            assert!(seen.insert(t.key), "duplicate top-level key {}", t.key);
        }
        assert!(
            !seen.contains("format") && !seen.contains("meta"),
            "reserved key reused"
        );
        for key in seen {
            assert!(is_snake_case(key), "{key} is not snake_case");
        }
    }

    #[test]
    fn keys_inside_each_table_and_field_set_are_unique() {
        for (_, fs) in field_sets() {
            let keys: HashSet<_> = fs.fields.iter().map(|f| f.key).collect();
            assert_eq!(keys.len(), fs.fields.len(), "duplicate field in {}", fs.key);
            assert!(keys.iter().all(|k| is_snake_case(k)));
        }
        for (_, t) in tables() {
            let rows: HashSet<_> = t.rows.iter().map(|r| r.key).collect();
            let cols: HashSet<_> = t.columns.iter().map(|c| c.key).collect();
            assert_eq!(rows.len(), t.rows.len(), "duplicate row in {}", t.key);
            assert_eq!(cols.len(), t.columns.len(), "duplicate column in {}", t.key);
            assert!(rows.iter().chain(cols.iter()).all(|k| is_snake_case(k)));
        }
    }

    #[test]
    fn every_label_is_non_empty_in_both_languages() {
        for s in SECTIONS {
            assert!(!s.title.zh.is_empty() && !s.title.en.is_empty());
        }
        for f in all_fields() {
            let label = f.field().label;
            assert!(!label.zh.is_empty() && !label.en.is_empty(), "{}", f.path());
        }
        for (_, t) in tables() {
            for r in t.rows {
                assert!(
                    !r.label.zh.is_empty() && !r.label.en.is_empty(),
                    "{}.{}",
                    t.key,
                    r.key
                );
            }
            for c in t.columns {
                assert!(
                    !c.label.zh.is_empty() && !c.label.en.is_empty(),
                    "{}.{}",
                    t.key,
                    c.key
                );
            }
        }
    }

    #[test]
    fn rules_refer_to_existing_input_cells() {
        for (_, t) in tables() {
            for c in t.columns {
                for part in c.sum_of {
                    let i = t
                        .column_index(part)
                        .unwrap_or_else(|| panic!("{}: no column {part}", t.key));
                    assert!(
                        t.columns[i].sum_of.is_empty(),
                        "{}: total {} sums a total",
                        t.key,
                        c.key
                    );
                    assert_eq!(
                        t.columns[i].kind, c.kind,
                        "{}: {} mixes kinds",
                        t.key, c.key
                    );
                }
            }
            for r in t.rows {
                for part in r.sum_of {
                    let i = t
                        .row_index(part)
                        .unwrap_or_else(|| panic!("{}: no row {part}", t.key));
                    assert!(
                        t.rows[i].sum_of.is_empty(),
                        "{}: total {} sums a total",
                        t.key,
                        r.key
                    );
                }
            }
            if let Some(b) = &t.balance {
                for key in b.lhs.iter().chain(b.rhs) {
                    assert!(
                        t.row_index(key).is_some(),
                        "{}: balance names missing row {key}",
                        t.key
                    );
                }
            }
        }
    }

    #[test]
    fn the_official_shape() {
        let (sets, n_tables) = counts();
        assert_eq!((sets, n_tables), (5, 6));
        let apps = table(find_table("applications").unwrap());
        assert_eq!((apps.rows.len(), apps.columns.len()), (25, 7));
        let appeals = table(find_table("appeals").unwrap());
        assert_eq!(appeals.rows.len() * appeals.columns.len(), 15);
        let proactive_cells: usize = tables()
            .filter(|(s, _)| s.key == "proactive")
            .map(|(_, t)| t.rows.len() * t.columns.len())
            .sum();
        assert_eq!(proactive_cells, 10);
        let money: Vec<String> = all_cells()
            .filter(|c| c.column_def().kind == CellKind::Money)
            .map(|c| c.path())
            .collect();
        assert_eq!(money, ["article20_8.fees.amount"]);
        let numbered: Vec<&str> = SECTIONS
            .iter()
            .filter(|s| !s.number.is_empty())
            .map(|s| s.number)
            .collect();
        assert_eq!(numbered, ["一", "二", "三", "四", "五", "六"]);
    }

    #[test]
    fn paths_find_their_cells_and_fields() {
        for c in all_cells() {
            assert_eq!(find_cell(&c.path()), Some(c));
        }
        for f in all_fields() {
            assert_eq!(find_field(&f.path()), Some(f));
        }
        assert_eq!(find_cell("applications.nope.natural"), None);
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
    }

    fn is_snake_case(s: &str) -> bool {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && s.starts_with(|c: char| c.is_ascii_lowercase())
    }
}
