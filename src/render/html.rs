//! The HTML writer: one standalone file (no external resources) with a
//! print-ready A4 stylesheet and a Chinese font stack, tables with `rowspan`
//! and `colspan`, every text escaped. The optional chart is inline SVG.

use super::{Block, Document, Span, Table, chart};
use std::fmt::Write;

/// The report as a standalone HTML page.
pub fn write(doc: &Document) -> String {
    let title = escape(&doc.title);
    let mut out = String::new();
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    let _ = write!(out, "<title>{title}</title>\n<style>\n{CSS}</style>\n");
    let _ = write!(out, "</head>\n<body>\n<main>\n<h1>{title}</h1>\n");
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let h = level + 1;
                let _ = writeln!(out, "<h{h}>{}</h{h}>", escape(text));
            }
            Block::Paragraph(spans) => {
                let _ = writeln!(out, "<p>{}</p>", inline(spans));
            }
            Block::Table(t) => out += &table(t),
            Block::Chart(c) => {
                let _ = writeln!(out, "<figure class=\"chart\">\n{}</figure>", chart::svg(c));
            }
        }
    }
    out += "</main>\n</body>\n</html>\n";
    out
}

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            let text = breakable(&s.text);
            if s.strong {
                format!("<strong>{text}</strong>")
            } else {
                text
            }
        })
        .collect()
}

/// One table as HTML, without blank lines (so that Markdown keeps it as one
/// HTML block). Header rows go in `<thead>` (repeated on each printed page),
/// a caption as a first header row across the whole table, as the official
/// format prints it.
pub fn table(t: &Table) -> String {
    // A table of numbers only (section 四) gets columns of equal width.
    let mut out = String::from(if t.label_columns == 0 {
        "<table class=\"even\">\n<colgroup>"
    } else {
        "<table>\n<colgroup>"
    });
    for col in 0..t.width {
        let class = if col + 1 < t.label_columns {
            "group"
        } else if col < t.label_columns {
            "label"
        } else {
            "value"
        };
        let _ = write!(out, "<col class=\"{class}\">");
    }
    out += "</colgroup>\n<thead>\n";
    if let Some(caption) = &t.caption {
        let _ = writeln!(
            out,
            "<tr><th class=\"caption\"{}>{}</th></tr>",
            span_attr("colspan", t.width),
            escape(caption)
        );
    }
    for row in &t.head {
        out += &table_row(row, false);
    }
    out += "</thead>\n<tbody>\n";
    for row in &t.body {
        out += &table_row(row, true);
    }
    out += "</tbody>\n</table>\n";
    out
}

fn table_row(cells: &[super::Cell], body: bool) -> String {
    let mut out = String::from("<tr>");
    for c in cells {
        let spans = span_attr("rowspan", c.rowspan) + &span_attr("colspan", c.colspan);
        let text = escape(&c.text);
        // A label over several rows or columns heads a group of them.
        let scope = match (body, c.rowspan > 1, c.colspan > 1) {
            (true, true, _) => "rowgroup",
            (true, false, _) => "row",
            (false, false, true) => "colgroup",
            (false, _, _) => "col",
        };
        if c.header {
            let _ = write!(out, "<th scope=\"{scope}\"{spans}>{text}</th>");
        } else {
            let class = if c.number { " class=\"num\"" } else { "" };
            let _ = write!(out, "<td{class}{spans}>{text}</td>");
        }
    }
    out += "</tr>\n";
    out
}

fn span_attr(name: &str, n: usize) -> String {
    if n > 1 {
        format!(" {name}=\"{n}\"")
    } else {
        String::new()
    }
}

/// Escapes a paragraph's text and lets a long run of ASCII (a web or e-mail
/// address) break after `@ . / - _`: in justified Chinese text, an address
/// that cannot be split would otherwise stretch the line before it.
fn breakable(text: &str) -> String {
    const LONG: usize = 16;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.starts_with(|c: char| c.is_ascii_graphic());
        let end = rest
            .find(|c: char| c.is_ascii_graphic() != ascii)
            .unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        if ascii && chunk.len() > LONG {
            for c in chunk.chars() {
                out += &escape(c.encode_utf8(&mut [0; 4]));
                if matches!(c, '@' | '.' | '/' | '-' | '_') {
                    out += "<wbr>";
                }
            }
        } else {
            out += &escape(chunk);
        }
        rest = tail;
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out += "&amp;",
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '"' => out += "&quot;",
            '\'' => out += "&#39;",
            c => out.push(c),
        }
    }
    out
}

/// A4 for print; the fonts of official documents (仿宋 body, 黑体 section
/// headings, 楷体 sub-headings, 小标宋 title), each followed by what Linux
/// and macOS have instead.
const CSS: &str = r#"@page { size: A4; margin: 25mm 22mm; }
html { background: #e8e8e8; }
body { margin: 0; color: #000;
  font-family: "FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif;
  font-size: 16pt; line-height: 1.75; }
main { background: #fff; max-width: 166mm; margin: 1.5em auto; padding: 20mm 22mm; box-shadow: 0 0 6px rgba(0,0,0,.25); }
h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "STZhongsong", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 22pt; font-weight: bold; text-align: center; line-height: 1.5; margin: 0 0 1em; text-wrap: balance; }
h2 { font-family: "SimHei", "黑体", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  font-size: 16pt; font-weight: normal; margin: .6em 0 .2em; text-indent: 2em; }
h3, strong { font-family: "KaiTi", "楷体", "楷体_GB2312", "STKaiti", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
h3 { font-size: 16pt; font-weight: bold; margin: .2em 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: 10.5pt; line-height: 1.35; }
th, td { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; text-align: center; font-weight: normal; }
thead th { font-weight: bold; }
thead { display: table-header-group; }
tbody th { text-align: left; }
tbody th[rowspan] { text-align: center; }
td.num { white-space: nowrap; }
table.even { table-layout: fixed; }
col.group { width: 4.5em; }
col.label { width: 30%; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure.chart { margin: 1em 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figure.chart text { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", sans-serif; }
@media print {
  html { background: none; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_addresses_may_break() {
        assert_eq!(
            breakable("邮箱gongkai@zrzy.example.gov.cn。"),
            "邮箱gongkai@<wbr>zrzy.<wbr>example.<wbr>gov.<wbr>cn。"
        );
        assert_eq!(breakable("电话010-12345678"), "电话010-12345678");
        assert_eq!(breakable("<a&b>"), "&lt;a&amp;b&gt;");
    }
}
