//! The one description of the annual report (2021 national format).
//!
//! Every other part of the crate — the TOML reader and writer, validation, the
//! wizard's steps and grids, the renderers, merge and import — walks the
//! [`SECTIONS`] tree defined here. Nothing else keeps its own list of fields,
//! rows or columns. Labels are the official simplified-Chinese forms with
//! full-width punctuation (see `docs/FORMAT.md`), each with an English gloss.

use std::sync::LazyLock;

/// A user-visible label in both languages the tool speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub zh: &'static str,
    pub en: &'static str,
    /// A shorter English form for where room is short (section 三's column
    /// headers at 80 columns); empty: there is none. The Chinese labels are
    /// short already.
    pub en_short: &'static str,
}

impl Label {
    /// The label in the given language.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    /// The short form in the given language, or the label when it has none.
    pub fn short(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En if !self.en_short.is_empty() => self.en_short,
            _ => self.get(lang),
        }
    }

    /// Whether the short form differs from the label in this language.
    pub fn has_short(&self, lang: Lang) -> bool {
        self.short(lang) != self.get(lang)
    }
}

pub(crate) const fn l(zh: &'static str, en: &'static str) -> Label {
    Label {
        zh,
        en,
        en_short: "",
    }
}

/// A label with a short English form (see [`Label::en_short`]).
pub(crate) const fn l_short(zh: &'static str, en: &'static str, en_short: &'static str) -> Label {
    Label { zh, en, en_short }
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

/// A figure `compare` shows on top ([`KEY_FIGURES`]): the sum of `cells`,
/// and, with `share_of`, its share of that cell.
#[derive(Debug)]
pub struct KeyFigure {
    pub label: Label,
    /// Cell paths (`table.row.column`), summed.
    pub cells: &'static [&'static str],
    pub share_of: Option<&'static str>,
}

/// The version marker every report file starts with.
pub const FORMAT_MARKER: &str = "nianbao/1";

mod format2021;
pub use format2021::{
    AGENCY_LEVELS, KEY_FIGURES, REVIEW_ROLES, ROLES, SECTIONS, TRIAL_2019_MARKERS,
};

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
    static BY_INDEX: LazyLock<Vec<&'static FieldSet>> =
        LazyLock::new(|| field_sets().map(|(_, fs)| fs).collect());
    BY_INDEX[index]
}

/// The table with this index.
pub fn table(index: usize) -> &'static Table {
    // Looked up for every cell access: index a list built once.
    static BY_INDEX: LazyLock<Vec<&'static Table>> =
        LazyLock::new(|| tables().map(|(_, t)| t).collect());
    BY_INDEX[index]
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
        // Every problem found names its place: written out once.
        static PATHS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
            field_sets()
                .map(|(_, fs)| {
                    fs.fields
                        .iter()
                        .map(|f| format!("{}.{}", fs.key, f.key))
                        .collect()
                })
                .collect()
        });
        PATHS[self.set][self.field].clone()
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
        // Every problem found names its place: written out once.
        static PATHS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
            tables()
                .map(|(_, t)| {
                    t.rows
                        .iter()
                        .flat_map(|r| t.columns.iter().map(move |c| (r, c)))
                        .map(|(r, c)| format!("{}.{}.{}", t.key, r.key, c.key))
                        .collect()
                })
                .collect()
        });
        let cols = self.table_def().columns.len();
        PATHS[self.table][self.row * cols + self.col].clone()
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
    let (set_key, field_key) = path.split_once('.')?;
    let (set, (_, fs)) = field_sets()
        .enumerate()
        .find(|(_, (_, fs))| fs.key == set_key)?;
    let field = fs.fields.iter().position(|f| f.key == field_key)?;
    Some(FieldId { set, field })
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

/// Paths of the fields, rows and columns that rules and commands refer to by
/// role, declared with the content ([`ROLES`]) so no other file spells them.
/// Fields are `set.field`; rows `table.row`; columns `table.column`.
#[derive(Debug)]
pub struct Roles {
    /// 机关名称.
    pub agency: &'static str,
    /// 报告年度.
    pub year: &'static str,
    /// 机关层级 (decides whether 规章 may be non-zero).
    pub level: &'static str,
    /// 二、上年结转: per column, continues last year's `carried_forward`.
    pub carried_over: &'static str,
    /// 四、结转下年度继续办理.
    pub carried_forward: &'static str,
    /// The 规章 row, zero for agencies that cannot make 规章.
    pub rules: &'static str,
    /// 本年制发件数, 本年废止件数 and 现行有效件数: this year's count in force is
    /// last year's plus issued minus repealed (a plausibility warning).
    pub issued: &'static str,
    pub repealed: &'static str,
    pub in_force: &'static str,
}

impl Roles {
    pub fn agency(&self) -> FieldId {
        Self::field(self.agency)
    }

    pub fn year(&self) -> FieldId {
        Self::field(self.year)
    }

    pub fn level(&self) -> FieldId {
        Self::field(self.level)
    }

    /// `(table, row)` of 二、上年结转.
    pub fn carried_over(&self) -> (usize, usize) {
        Self::row(self.carried_over)
    }

    /// `(table, row)` of 四、结转下年度继续办理.
    pub fn carried_forward(&self) -> (usize, usize) {
        Self::row(self.carried_forward)
    }

    /// `(table, row)` of 规章.
    pub fn rules(&self) -> (usize, usize) {
        Self::row(self.rules)
    }

    /// `(table, column)` of 本年制发件数.
    pub fn issued(&self) -> (usize, usize) {
        Self::column(self.issued)
    }

    /// `(table, column)` of 本年废止件数.
    pub fn repealed(&self) -> (usize, usize) {
        Self::column(self.repealed)
    }

    /// `(table, column)` of 现行有效件数.
    pub fn in_force(&self) -> (usize, usize) {
        Self::column(self.in_force)
    }

    fn field(path: &str) -> FieldId {
        find_field(path).unwrap_or_else(|| panic!("ROLES names no field {path}"))
    }

    fn row(path: &str) -> (usize, usize) {
        let (t, r) = path.split_once('.').expect("a role row is table.row");
        let table_index = find_table(t).unwrap_or_else(|| panic!("ROLES names no table {t}"));
        let row = table(table_index)
            .row_index(r)
            .unwrap_or_else(|| panic!("ROLES names no row {path}"));
        (table_index, row)
    }

    fn column(path: &str) -> (usize, usize) {
        let (t, c) = path.split_once('.').expect("a role column is table.column");
        let table_index = find_table(t).unwrap_or_else(|| panic!("ROLES names no table {t}"));
        let col = table(table_index)
            .column_index(c)
            .unwrap_or_else(|| panic!("ROLES names no column {path}"));
        (table_index, col)
    }
}

/// What the review rules (`src/review`) name by role, declared with the
/// content ([`REVIEW_ROLES`]). Cells are `table.row.column`, rows
/// `table.row`, fields `set.field`, levels the keys of [`AGENCY_LEVELS`].
#[derive(Debug)]
pub struct ReviewRoles {
    /// 一、本年新收 / 总计.
    pub new_received: &'static str,
    /// 二、上年结转 / 总计.
    pub carried_over: &'static str,
    /// （七）总计 / 总计: the applications handled (办结).
    pub handled: &'static str,
    /// 四、结转下年度继续办理 / 总计.
    pub carried_forward: &'static str,
    /// （六）2. 逾期未按收费通知要求缴纳费用 / 总计.
    pub fee_unpaid: &'static str,
    /// （一）予以公开 / 总计 and （二）部分公开 / 总计.
    pub granted: &'static str,
    pub partly_granted: &'static str,
    /// The rows of （三）不予公开, （四）无法提供, （五）不予处理 and
    /// （六）其他处理 (`table.row`): a text's 不予公开N件 is the sum of their
    /// 总计 cells.
    pub denied_rows: &'static [&'static str],
    pub unable_rows: &'static [&'static str],
    pub not_processed_rows: &'static [&'static str],
    pub other_handling_rows: &'static [&'static str],
    /// The columns of 四 that are not 结果维持: 结果纠正, 其他结果, 尚未审结
    /// (a text's 均获维持 says they are 0), and 结果纠正 alone (无一被纠错).
    pub appeal_not_upheld: &'static [&'static str],
    pub appeal_corrected: &'static str,
    /// 四、行政复议 / 总计, 未经复议直接起诉 / 总计, 复议后起诉 / 总计.
    pub reviews: &'static str,
    pub direct_suits: &'static str,
    pub suits_after_review: &'static str,
    /// The 规章 and 行政规范性文件 rows of 第二十条第（一）项.
    pub rules_row: &'static str,
    pub normative_row: &'static str,
    /// 行政许可, 行政处罚, 行政强制 处理决定数量.
    pub licensing: &'static str,
    pub penalties: &'static str,
    pub enforcement: &'static str,
    /// 行政事业性收费 (万元).
    pub fees: &'static str,
    /// 编制依据.
    pub basis: &'static str,
    /// 一、总体情况 / 监督保障情况.
    pub supervision: &'static str,
    /// 六、收取信息处理费的情况.
    pub fee_text: &'static str,
    /// 依申请公开情况 and 主动公开情况: the texts a sentence can be drafted for.
    pub on_request: &'static str,
    pub proactive: &'static str,
    /// The field sets whose texts state numbers and plans (一, 五, 六).
    pub narrative_sets: &'static [&'static str],
    /// 一、总体情况.
    pub overview_set: &'static str,
    /// The field sets whose texts open with the year they tell of (一, 六).
    pub opening_sets: &'static [&'static str],
    /// Levels that are governments (人民政府, 乡镇、街道): 《条例》第五十条(四).
    pub governments: &'static [&'static str],
    /// Departments of governments at county level and above: publish by 1月31日.
    pub departments: &'static [&'static str],
    /// Below provincial level: 10,000 万元 of 收费 is implausible there.
    pub below_provincial: &'static [&'static str],
    /// 乡镇、街道: the law sets no publication deadline.
    pub township: &'static str,
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
    fn every_role_names_something_of_the_right_kind() {
        assert_eq!(ROLES.year().field().kind, FieldKind::Year);
        assert!(matches!(ROLES.level().field().kind, FieldKind::Choice(_)));
        assert!(matches!(ROLES.agency().field().kind, FieldKind::Line(_)));
        let (t1, _) = ROLES.carried_over();
        let (t2, _) = ROLES.carried_forward();
        assert_eq!(t1, t2, "carry-over rows are in one table");
        let (rt, _) = ROLES.rules();
        for (t, _) in [ROLES.issued(), ROLES.repealed(), ROLES.in_force()] {
            assert_eq!(t, rt, "the 规章 row and its columns are in one table");
        }
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
