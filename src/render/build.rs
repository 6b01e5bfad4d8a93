//! Schema + report → the document tree: the only place that decides what
//! the published report says. It walks [`schema::SECTIONS`]: the front
//! matter becomes the opening paragraph, text fields become paragraphs and
//! numbered sub-parts, tables become printed tables whose merged header
//! cells come from the columns' `groups` and whose row-group cells come
//! from the rows' `groups`. The published report is a Chinese document, so
//! everything here is in Chinese whatever `--lang` says.

use super::{Bar, BarChart, Block, Cell, Document, Span, Table, clean};
use crate::model::Report;
use crate::schema::{
    self, CellId, FieldId, FieldSet, Label, Lang, Layout, Part, Section, chinese_number,
};
use rust_decimal::{Decimal, RoundingStrategy};

const ZH: Lang = Lang::Zh;

/// What to add beyond the official format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A bar chart of how the year's applications were handled, after the
    /// section 三 table (the 图解 many agencies publish beside the report).
    pub chart: bool,
}

/// The published report as a document tree.
pub fn document(report: &Report, options: Options) -> Document {
    let mut blocks = Vec::new();
    let mut set_index = 0;
    let mut table_index = 0;
    for section in schema::SECTIONS {
        let front = section.number.is_empty();
        if front {
            blocks.push(opening(report));
        } else {
            blocks.push(heading(1, &section.heading(ZH)));
        }
        let before = blocks.len();
        for part in section.parts {
            match part {
                Part::Fields(set) => {
                    if !front {
                        field_blocks(section, set_index, set, report, &mut blocks);
                    }
                    set_index += 1;
                }
                Part::Table(def) => {
                    blocks.push(Block::Table(table(table_index, def, report)));
                    if options.chart
                        && def.balance.is_some()
                        && let Some(chart) = chart(table_index, def, report)
                    {
                        blocks.push(Block::Chart(chart));
                    }
                    table_index += 1;
                }
            }
        }
        if !front && blocks.len() == before && all_optional(section) {
            // Say so rather than leave an empty section (六 is all optional).
            blocks.push(plain_paragraph(&format!("本年度无{}。", section.title.zh)));
        }
    }
    Document {
        title: clean(&title(report)),
        blocks,
    }
}

/// `{机关}{年}年政府信息公开工作年度报告`.
fn title(report: &Report) -> String {
    let agency = fact(report, "report.agency");
    match report.year() {
        Some(year) => format!("{agency}{year}年政府信息公开工作年度报告"),
        None => format!("{agency}政府信息公开工作年度报告"),
    }
}

/// The trimmed text of a front-matter field.
fn fact<'a>(report: &'a Report, path: &str) -> &'a str {
    let id = schema::find_field(path)
        .unwrap_or_else(|| panic!("the schema has no field {path}; the opening paragraph uses it"));
    report.text(id).trim()
}

/// The opening paragraph, in the seed's words, built from the contact facts;
/// a sentence or item whose fact is empty is left out.
fn opening(report: &Report) -> Block {
    let agency = fact(report, "report.agency");
    let basis = fact(report, "report.basis");
    let mut s = String::from("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）");
    if !basis.is_empty() {
        s += &format!("及{basis}");
    }
    s += "要求";
    if !agency.is_empty() {
        s += &format!("，由{agency}编写");
    }
    s += "。";
    // The titles contain 、 themselves, so the list is separated by ，as in the seed.
    let parts: Vec<&str> = schema::SECTIONS
        .iter()
        .filter(|sec| !sec.number.is_empty())
        .map(|sec| sec.title.zh)
        .collect();
    s += &format!("全文包括{}。", parts.join("，"));
    if let Some(year) = report.year() {
        s += &format!("报告中所列数据的统计期限为{year}年1月1日到{year}年12月31日止。");
    }
    let website = fact(report, "contact.website");
    if !website.is_empty() {
        s += &format!("本报告电子版可在{website}下载。");
    }
    let items: Vec<String> = [
        ("地址", "contact.address"),
        ("邮编", "contact.postcode"),
        ("联系人", "contact.person"),
        ("电话", "contact.phone"),
        ("电子邮箱", "contact.email"),
    ]
    .iter()
    .map(|(name, path)| (name, fact(report, path)))
    .filter(|(_, value)| !value.is_empty())
    .map(|(name, value)| format!("{name}：{value}"))
    .collect();
    let office = match fact(report, "contact.office") {
        "" => agency,
        office => office,
    };
    if !office.is_empty() || !items.is_empty() {
        s += "如有任何疑问，请";
        if !office.is_empty() {
            s += &format!("与{office}");
        }
        s += "联系";
        if !items.is_empty() {
            s += &format!("（{}）", items.join("，"));
        }
        s += "。";
    }
    plain_paragraph(&s)
}

/// Whether the seed runs this section's sub-part headings into their text
/// (“（一）主动公开情况：通过网站…”, section 一) rather than printing them
/// on a line of their own (section 六).
fn runs_in(section: &Section) -> bool {
    section.key == "overview"
}

/// A section's text fields: unnumbered texts as paragraphs, sub-parts
/// numbered （一）（二）… among the non-empty ones, empty ones left out.
fn field_blocks(
    section: &Section,
    set_index: usize,
    set: &FieldSet,
    report: &Report,
    blocks: &mut Vec<Block>,
) {
    let mut number = 0;
    for (i, field) in set.fields.iter().enumerate() {
        let paragraphs = paragraphs(report.text(FieldId {
            set: set_index,
            field: i,
        }));
        if !field.subpart {
            blocks.extend(paragraphs.iter().map(|p| plain_paragraph(p)));
            continue;
        }
        if paragraphs.is_empty() {
            continue;
        }
        number += 1;
        let subheading = format!("（{}）{}", chinese_number(number), field.label.zh);
        if runs_in(section) {
            blocks.push(Block::Paragraph(vec![
                span(&subheading, true),
                span(&format!("：{}", paragraphs[0]), false),
            ]));
            blocks.extend(paragraphs[1..].iter().map(|p| plain_paragraph(p)));
        } else {
            blocks.push(heading(2, &subheading));
            blocks.extend(paragraphs.iter().map(|p| plain_paragraph(p)));
        }
    }
}

/// The non-empty lines of a text, trimmed (a pasted Word paragraph often
/// starts with two ideographic spaces; the writers indent by themselves).
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

fn all_optional(section: &Section) -> bool {
    section.parts.iter().all(|part| match part {
        Part::Fields(set) => set.fields.iter().all(|f| !f.required),
        Part::Table(_) => false,
    })
}

fn heading(level: u8, text: &str) -> Block {
    Block::Heading {
        level,
        text: clean(text),
    }
}

fn span(text: &str, strong: bool) -> Span {
    Span {
        text: clean(text),
        strong,
    }
}

fn plain_paragraph(text: &str) -> Block {
    Block::Paragraph(vec![span(text, false)])
}

// ---------------------------------------------------------------------------
// Tables

/// A printed column: its header groups (outermost first) and its label.
struct Printed<'a> {
    groups: Vec<&'a Label>,
    label: &'a Label,
}

fn table(index: usize, def: &schema::Table, report: &Report) -> Table {
    let value = |row: usize, col: usize| {
        Cell::number(
            &report
                .cell(CellId {
                    table: index,
                    row,
                    col,
                })
                .to_string(),
        )
    };
    let caption = Some(def.caption.zh).filter(|c| !c.is_empty()).map(clean);
    match def.layout {
        Layout::Grid => {
            let label_columns = def.rows.iter().map(|r| r.groups.len()).max().unwrap_or(0) + 1;
            let columns: Vec<Printed> = def
                .columns
                .iter()
                .map(|c| Printed {
                    groups: c.groups.iter().collect(),
                    label: &c.label,
                })
                .collect();
            let head = header_rows(&columns, Some((&def.corner, label_columns)));
            let body = (0..def.rows.len())
                .map(|row| {
                    let mut cells = row_labels(def, row, label_columns);
                    cells.extend((0..def.columns.len()).map(|col| value(row, col)));
                    cells
                })
                .collect();
            Table {
                caption,
                width: label_columns + def.columns.len(),
                label_columns,
                head,
                body,
            }
        }
        Layout::OneLine => {
            // Each stored row becomes a group of columns: 行政复议 | 行政诉讼 →
            // 未经复议直接起诉 / 复议后起诉, each over the five result columns.
            let columns: Vec<Printed> = def
                .rows
                .iter()
                .flat_map(|r| {
                    def.columns.iter().map(move |c| Printed {
                        groups: r
                            .groups
                            .iter()
                            .chain([&r.label])
                            .chain(c.groups.iter())
                            .collect(),
                        label: &c.label,
                    })
                })
                .collect();
            let body = (0..def.rows.len())
                .flat_map(|row| (0..def.columns.len()).map(move |col| (row, col)))
                .map(|(row, col)| value(row, col))
                .collect();
            Table {
                caption,
                width: columns.len(),
                label_columns: 0,
                head: header_rows(&columns, None),
                body: vec![body],
            }
        }
    }
}

/// The header rows over `columns`: a group spans the consecutive columns
/// that share it (and all outer groups); a label sits below its groups and
/// reaches down to the last header row. The corner (text, width) spans every
/// header row above the row labels.
fn header_rows(columns: &[Printed], corner: Option<(&Label, usize)>) -> Vec<Vec<Cell>> {
    let depth = columns.iter().map(|c| c.groups.len()).max().unwrap_or(0) + 1;
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); depth];
    if let Some((text, width)) = corner {
        rows[0].push(Cell::label(text.zh, depth, width));
    }
    for (level, row) in rows.iter_mut().enumerate() {
        let mut i = 0;
        while i < columns.len() {
            let c = &columns[i];
            if c.groups.len() > level {
                let prefix = &c.groups[..=level];
                let run = columns[i..]
                    .iter()
                    .take_while(|d| d.groups.len() > level && d.groups[..=level] == *prefix)
                    .count();
                row.push(Cell::label(c.groups[level].zh, 1, run));
                i += run;
            } else {
                if c.groups.len() == level {
                    row.push(Cell::label(c.label.zh, depth - level, 1));
                }
                i += 1;
            }
        }
    }
    rows
}

/// The label cells of one body row: each row group starts (spanning the
/// consecutive rows that share it) on its first row; the row's own label
/// fills the remaining label columns.
fn row_labels(def: &schema::Table, row: usize, label_columns: usize) -> Vec<Cell> {
    let groups = def.rows[row].groups;
    let mut cells = Vec::new();
    for level in 0..groups.len() {
        let prefix = &groups[..=level];
        let shares = |r: &schema::Row| r.groups.len() > level && r.groups[..=level] == *prefix;
        if row > 0 && shares(&def.rows[row - 1]) {
            continue;
        }
        let run = def.rows[row..].iter().take_while(|r| shares(r)).count();
        cells.push(Cell::label(groups[level].zh, run, 1));
    }
    cells.push(Cell::label(
        def.rows[row].label.zh,
        1,
        label_columns - groups.len(),
    ));
    cells
}

// ---------------------------------------------------------------------------
// The chart

/// How the year's applications were handled: one bar per handling result
/// (the parts of the balance's total row, gathered under their group) and
/// one per other right-hand row (carried forward), each with its share of
/// the left-hand side (new plus carried over).
fn chart(index: usize, def: &schema::Table, report: &Report) -> Option<BarChart> {
    let balance = def.balance.as_ref()?;
    let total_col = def.columns.iter().position(|c| !c.sum_of.is_empty())?;
    let value = |row: usize| {
        report.cell(CellId {
            table: index,
            row,
            col: total_col,
        })
    };
    let lhs: Vec<(usize, Decimal)> = balance
        .lhs
        .iter()
        .filter_map(|k| def.row_index(k))
        .map(|r| (r, value(r)))
        .collect();
    let whole: Decimal = lhs.iter().map(|(_, v)| *v).sum();

    let mut bars: Vec<(&str, Decimal)> = Vec::new();
    for key in balance.rhs {
        let Some(r) = def.row_index(key) else {
            continue;
        };
        let row = &def.rows[r];
        if row.sum_of.is_empty() {
            bars.push((short_label(row.label.zh), value(r)));
            continue;
        }
        for part in row.sum_of {
            let Some(p) = def.row_index(part) else {
                continue;
            };
            let part_row = &def.rows[p];
            // Gather sub-rows under the group just below the total row's own.
            let label = part_row
                .groups
                .get(row.groups.len())
                .map_or(part_row.label.zh, |g| g.zh);
            let label = short_label(label);
            match bars.last_mut() {
                Some((last, v)) if *last == label => *v += value(p),
                _ => bars.push((label, value(p))),
            }
        }
    }

    let year = report.year().map(|y| format!("{y}年")).unwrap_or_default();
    let received: Vec<String> = lhs
        .iter()
        .map(|(r, v)| format!("{} {v} 件", def.rows[*r].label.zh))
        .collect();
    Some(BarChart {
        title: clean(&format!("{year}政府信息公开申请办理情况")),
        note: clean(&format!("{}，合计 {whole} 件", received.join("，"))),
        bars: bars
            .into_iter()
            .map(|(label, value)| Bar {
                label: clean(label),
                value,
                share: (!whole.is_zero()).then(|| {
                    let percent = (value * Decimal::ONE_HUNDRED / whole)
                        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
                    format!("{percent:.1}%")
                }),
            })
            .collect(),
    })
}

/// A label without its trailing remark in brackets, for a chart:
/// `（二）部分公开（区分处理的，…）` → `（二）部分公开`.
fn short_label(label: &str) -> &str {
    let first = label.chars().next().map_or(0, char::len_utf8);
    match label[first..].find('（') {
        Some(at) => &label[..first + at],
        None => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effective_widths(t: &Table) -> Vec<usize> {
        // Rows covered from above by a rowspan, per grid column.
        let mut covered = vec![0usize; t.width];
        let mut widths = Vec::new();
        for row in t.head.iter().chain(&t.body) {
            let mut width = covered.iter().filter(|&&c| c > 0).count();
            let mut col = 0;
            let mut next_covered = covered
                .iter()
                .map(|c| c.saturating_sub(1))
                .collect::<Vec<_>>();
            for cell in row {
                while col < t.width && covered[col] > 0 {
                    col += 1;
                }
                for slot in next_covered.iter_mut().skip(col).take(cell.colspan) {
                    *slot = cell.rowspan - 1;
                }
                col += cell.colspan;
                width += cell.colspan;
            }
            covered = next_covered;
            widths.push(width);
        }
        widths
    }

    #[test]
    fn every_row_of_every_table_fills_the_grid() {
        let doc = document(&Report::for_year(2024), Options::default());
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), schema::tables().count());
        for t in tables {
            for w in effective_widths(t) {
                assert_eq!(w, t.width, "{t:?}");
            }
        }
    }

    #[test]
    fn applications_header_and_row_groups_follow_the_official_layout() {
        let doc = document(&Report::for_year(2024), Options::default());
        let t = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.width == 10 => Some(t),
                _ => None,
            })
            .expect("the section 三 table is 3 label columns + 7");
        let head: Vec<Vec<(&str, usize, usize)>> = t
            .head
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.as_str(), c.rowspan, c.colspan))
                    .collect()
            })
            .collect();
        assert_eq!(head[0][0].1, 3);
        assert_eq!(head[0][0].2, 3);
        assert!(head[0][0].0.starts_with("（本列数据的勾稽关系为"));
        assert_eq!(head[0][1], ("申请人情况", 1, 7));
        assert_eq!(
            head[1],
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
        );
        assert_eq!(head[2].len(), 5);
        // 三、本年度办理结果 spans its 22 rows, （三）不予公开 its 8.
        let results = &t.body[2][0];
        assert_eq!(
            (results.text.as_str(), results.rowspan),
            ("三、本年度办理结果", 22)
        );
        assert_eq!(t.body[2][1].colspan, 2);
        let denied = &t.body[4][0];
        assert_eq!(
            (denied.text.as_str(), denied.rowspan),
            ("（三）不予公开", 8)
        );
        assert_eq!(t.body[0][0].colspan, 3);
        assert_eq!(t.body[5].len(), 1 + 7, "a row inside two groups");
    }

    #[test]
    fn appeals_are_one_line_of_fifteen() {
        let doc = document(&Report::for_year(2024), Options::default());
        let t = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.label_columns == 0 => Some(t),
                _ => None,
            })
            .unwrap();
        assert_eq!((t.width, t.body.len(), t.body[0].len()), (15, 1, 15));
        let spans = |r: usize| -> Vec<(&str, usize, usize)> {
            t.head[r]
                .iter()
                .map(|c| (c.text.as_str(), c.rowspan, c.colspan))
                .collect()
        };
        assert_eq!(spans(0), [("行政复议", 1, 5), ("行政诉讼", 1, 10)]);
        assert_eq!(spans(1)[0], ("结果维持", 2, 1));
        assert_eq!(spans(1)[5], ("未经复议直接起诉", 1, 5));
        assert_eq!(spans(1)[6], ("复议后起诉", 1, 5));
        assert_eq!(spans(2).len(), 10);
    }

    #[test]
    fn empty_optional_subparts_are_left_out_and_numbering_closes_up() {
        let mut r = Report::for_year(2024);
        let set = |r: &mut Report, path: &str, text: &str| {
            r.set_text(schema::find_field(path).unwrap(), text);
        };
        set(&mut r, "other.work_points", "要点。\n\n　　第二段。");
        set(&mut r, "other.innovation", "创新。");
        let doc = document(&r, Options::default());
        let texts: Vec<String> = doc.blocks.iter().map(block_text).collect();
        let at = texts
            .iter()
            .position(|t| t == "六、其他需要报告的事项")
            .unwrap();
        assert_eq!(
            texts[at + 1..],
            [
                "（一）本行政机关落实上级年度政务公开工作要点情况",
                "要点。",
                "第二段。",
                "（二）政务公开工作创新情况",
                "创新。"
            ]
        );
        set(&mut r, "overview.management", "管理。");
        let doc = document(&r, Options::default());
        let texts: Vec<String> = doc.blocks.iter().map(block_text).collect();
        assert!(texts.contains(&"（一）政府信息管理情况：管理。".to_string()));
    }

    #[test]
    fn an_empty_optional_section_says_there_is_nothing_to_report() {
        let doc = document(&Report::for_year(2024), Options::default());
        let texts: Vec<String> = doc.blocks.iter().map(block_text).collect();
        assert_eq!(texts.last().unwrap(), "本年度无其他需要报告的事项。");
    }

    #[test]
    fn opening_paragraph_leaves_out_empty_facts() {
        let doc = document(&Report::for_year(2024), Options::default());
        let opening = block_text(&doc.blocks[0]);
        assert_eq!(
            opening,
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求。\
             全文包括总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，\
             政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况，其他需要报告的事项。\
             报告中所列数据的统计期限为2024年1月1日到2024年12月31日止。"
        );
        assert_eq!(doc.title, "2024年政府信息公开工作年度报告");
    }

    #[test]
    fn short_labels_drop_trailing_remarks() {
        assert_eq!(
            short_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            "（二）部分公开"
        );
        assert_eq!(short_label("（一）予以公开"), "（一）予以公开");
        assert_eq!(
            short_label("四、结转下年度继续办理"),
            "四、结转下年度继续办理"
        );
    }

    fn block_text(b: &Block) -> String {
        match b {
            Block::Heading { text, .. } => text.clone(),
            Block::Paragraph(spans) => spans.iter().map(|s| s.text.as_str()).collect(),
            Block::Table(t) => format!("<table {}>", t.width),
            Block::Chart(c) => c.title.clone(),
        }
    }
}
