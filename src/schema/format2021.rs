//! The 2021 national format (国办公开办函〔2021〕30号) as data: every section,
//! field, table, row and column with its official label, and the computed
//! cells. The types are in the parent module; this file is only the content.

use super::*;

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
                "用于检查规章数（只有部分层级的机关可以制定规章）",
                "Used to check the 规章 count (only some levels may make 规章)",
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
const LEGAL_PERSONS: Label = l_short(
    "法人或其他组织",
    "Legal persons and other organisations",
    "Legal persons and other orgs",
);
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
    corner: l_short(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "(In each column: item I plus item II equals item III plus item IV)",
        "(Per column: I + II = III + IV)",
    ),
    columns: &[
        applicant(
            "natural",
            l_short("自然人", "Natural persons", "Persons"),
            APPLICANT_GROUP,
        ),
        applicant(
            "commercial",
            l_short("商业企业", "Businesses", "Firms"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "research",
            l_short("科研机构", "Research institutions", "Research"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "public_interest",
            l_short("社会公益组织", "Public-interest organisations", "NGOs"),
            LEGAL_PERSON_GROUP,
        ),
        applicant(
            "legal_services",
            l_short("法律服务机构", "Legal service providers", "Legal"),
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

/// Phrases only the 2019 trial format printed (FORMAT.md §8): its 第二十条第（一）项
/// columns and its 第二十条第（九）项. Importing recognises and refuses them.
pub static TRIAL_2019_MARKERS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "第二十条第（九）项",
];

/// The key figures `compare` puts on top, last year → this year: each the
/// sum of its cells (schema paths `table.row.column`).
pub static KEY_FIGURES: &[KeyFigure] = &[
    kf(
        "新收申请",
        "New applications",
        &["applications.new_received.total"],
    ),
    kf(
        "上年结转",
        "Carried over",
        &["applications.carried_over.total"],
    ),
    kf(
        "办结（（七）总计）",
        "Handled ((7) Total)",
        &["applications.total_handled.total"],
    ),
    KeyFigure {
        label: l("予以公开＋部分公开", "Disclosed + partly disclosed"),
        cells: &[
            "applications.granted.total",
            "applications.partly_granted.total",
        ],
        share_of: Some("applications.total_handled.total"),
    },
    kf(
        "不予公开",
        "Not disclosed",
        &[
            "applications.denied_state_secret.total",
            "applications.denied_prohibited_by_law.total",
            "applications.denied_security_stability.total",
            "applications.denied_third_party.total",
            "applications.denied_internal_affairs.total",
            "applications.denied_process_information.total",
            "applications.denied_enforcement_files.total",
            "applications.denied_query_matters.total",
        ],
    ),
    kf(
        "无法提供",
        "Cannot be provided",
        &[
            "applications.unable_not_held.total",
            "applications.unable_needs_creation.total",
            "applications.unable_still_unclear.total",
        ],
    ),
    kf(
        "不予处理",
        "Not processed",
        &[
            "applications.rejected_petitions.total",
            "applications.rejected_repeated.total",
            "applications.rejected_publications.total",
            "applications.rejected_excessive.total",
            "applications.rejected_confirmation.total",
        ],
    ),
    kf(
        "结转下年度",
        "Carried forward",
        &["applications.carry_forward.total"],
    ),
    kf(
        "行政复议",
        "Administrative reviews",
        &["appeals.review.total"],
    ),
    kf(
        "行政复议：纠正",
        "Reviews: corrected",
        &["appeals.review.corrected"],
    ),
    kf(
        "行政诉讼",
        "Lawsuits",
        &[
            "appeals.direct_suit.total",
            "appeals.suit_after_review.total",
        ],
    ),
    kf(
        "行政诉讼：纠正",
        "Lawsuits: corrected",
        &[
            "appeals.direct_suit.corrected",
            "appeals.suit_after_review.corrected",
        ],
    ),
    kf("规章：制发", "Rules: issued", &["article20_1.rules.issued"]),
    kf(
        "规章：废止",
        "Rules: repealed",
        &["article20_1.rules.repealed"],
    ),
    kf(
        "规章：现行有效",
        "Rules: in force",
        &["article20_1.rules.in_force"],
    ),
    kf(
        "行政规范性文件：制发",
        "Normative documents: issued",
        &["article20_1.normative_documents.issued"],
    ),
    kf(
        "行政规范性文件：废止",
        "Normative documents: repealed",
        &["article20_1.normative_documents.repealed"],
    ),
    kf(
        "行政规范性文件：现行有效",
        "Normative documents: in force",
        &["article20_1.normative_documents.in_force"],
    ),
    kf(
        "行政许可决定",
        "Licensing decisions",
        &["article20_5.licensing.decisions"],
    ),
    kf(
        "行政处罚决定",
        "Penalty decisions",
        &["article20_6.penalties.decisions"],
    ),
    kf(
        "行政强制决定",
        "Enforcement decisions",
        &["article20_6.enforcement.decisions"],
    ),
    kf(
        "行政事业性收费（万元）",
        "Administrative fees (10,000 yuan)",
        &["article20_8.fees.amount"],
    ),
];

const fn kf(zh: &'static str, en: &'static str, cells: &'static [&'static str]) -> KeyFigure {
    KeyFigure {
        label: l(zh, en),
        cells,
        share_of: None,
    }
}

/// The fields and cells that rules and commands name by their role
/// (FORMAT.md §7.7–§7.15), as paths into the sections above.
pub static ROLES: Roles = Roles {
    agency: "report.agency",
    year: "report.year",
    level: "report.level",
    carried_over: "applications.carried_over",
    carried_forward: "applications.carry_forward",
    rules: "article20_1.rules",
    issued: "article20_1.issued",
    repealed: "article20_1.repealed",
    in_force: "article20_1.in_force",
};

/// The cells, fields and agency levels the review rules (`src/review`, the
/// "Review rules" of docs/FORMAT.md) name by their role.
pub static REVIEW_ROLES: ReviewRoles = ReviewRoles {
    new_received: "applications.new_received.total",
    carried_over: "applications.carried_over.total",
    handled: "applications.total_handled.total",
    carried_forward: "applications.carry_forward.total",
    fee_unpaid: "applications.other_fee_unpaid.total",
    granted: "applications.granted.total",
    partly_granted: "applications.partly_granted.total",
    denied_rows: &[
        "applications.denied_state_secret",
        "applications.denied_prohibited_by_law",
        "applications.denied_security_stability",
        "applications.denied_third_party",
        "applications.denied_internal_affairs",
        "applications.denied_process_information",
        "applications.denied_enforcement_files",
        "applications.denied_query_matters",
    ],
    unable_rows: &[
        "applications.unable_not_held",
        "applications.unable_needs_creation",
        "applications.unable_still_unclear",
    ],
    not_processed_rows: &[
        "applications.rejected_petitions",
        "applications.rejected_repeated",
        "applications.rejected_publications",
        "applications.rejected_excessive",
        "applications.rejected_confirmation",
    ],
    other_handling_rows: &[
        "applications.other_no_correction",
        "applications.other_fee_unpaid",
        "applications.other_other",
    ],
    appeal_not_upheld: &["corrected", "other", "pending"],
    appeal_corrected: "corrected",
    reviews: "appeals.review.total",
    direct_suits: "appeals.direct_suit.total",
    suits_after_review: "appeals.suit_after_review.total",
    rules_row: "article20_1.rules",
    normative_row: "article20_1.normative_documents",
    licensing: "article20_5.licensing.decisions",
    penalties: "article20_6.penalties.decisions",
    enforcement: "article20_6.enforcement.decisions",
    fees: "article20_8.fees.amount",
    basis: "report.basis",
    supervision: "overview.supervision",
    fee_text: "other.fees",
    on_request: "overview.on_request",
    proactive: "overview.proactive",
    narrative_sets: &["overview", "problems", "other"],
    overview_set: "overview",
    opening_sets: &["overview", "other"],
    governments: &[
        "provincial_government",
        "city_government",
        "county_government",
        "township",
    ],
    departments: &[
        "state_council_department",
        "provincial_department",
        "city_department",
        "county_department",
    ],
    below_provincial: &[
        "city_government",
        "city_department",
        "county_government",
        "county_department",
        "township",
    ],
    township: "township",
};
