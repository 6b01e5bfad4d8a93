//! The Markdown writer: `#` title, `##` section headings, `###` sub-part
//! headings, paragraphs separated by blank lines.
//!
//! Tables: a table without merged cells (the four small tables of section 二)
//! is a pipe table under its caption, which every Markdown viewer renders. A
//! pipe table cannot merge cells, and repeating or blanking the merged ones
//! makes the section 三 and 四 headers unreadable, so a table with spans is
//! written as an HTML table inside the Markdown, with `rowspan`/`colspan`:
//! GitHub, GitLab and VS Code's preview render it (their sanitisers keep
//! both attributes); pandoc keeps it for HTML output only. The HTML block
//! has no blank line inside, so CommonMark keeps it as one block.
//!
//! Texts from the report are escaped so that they print as typed: Markdown
//! punctuation gets a backslash and `<`/`&` cannot start HTML. Charts are
//! left out.

use super::{Block, Document, Span, Table, html};

/// The report as Markdown.
pub fn write(doc: &Document) -> String {
    let mut blocks = vec![format!("# {}", escape(&doc.title))];
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let marks = "#".repeat(usize::from(*level) + 1);
                blocks.push(format!("{marks} {}", escape(text)));
            }
            Block::Paragraph(spans) => blocks.push(inline(spans)),
            Block::Table(t) if t.has_spans() || t.head.len() != 1 => {
                blocks.push(html::table(t).trim_end().to_string());
            }
            Block::Table(t) => blocks.extend(pipe_table(t)),
            Block::Chart(_) => {}
        }
    }
    blocks.join("\n\n") + "\n"
}

fn inline(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            if s.strong {
                // The colon after a run-in heading stays outside the ** so
                // that the closing ** is preceded by a letter, which
                // CommonMark needs to close emphasis before Chinese text.
                format!("**{}**", escape(&s.text))
            } else {
                escape(&s.text)
            }
        })
        .collect()
}

/// `**caption**`, then the pipe table (numbers right-aligned).
fn pipe_table(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(caption) = &t.caption {
        out.push(format!("**{}**", escape(caption)));
    }
    let row = |cells: &[super::Cell]| -> String {
        let texts: Vec<String> = cells.iter().map(|c| escape(&c.text)).collect();
        format!("| {} |", texts.join(" | "))
    };
    let mut lines = vec![row(&t.head[0])];
    let rule: Vec<&str> = (0..t.width)
        .map(|col| if col < t.label_columns { "---" } else { "---:" })
        .collect();
    lines.push(format!("| {} |", rule.join(" | ")));
    lines.extend(t.body.iter().map(|r| row(r)));
    out.push(lines.join("\n"));
    out
}

/// Escapes a text so that Markdown prints it literally: a backslash before
/// Markdown punctuation, entities for `<` and `&`, and line breaks as spaces
/// (a paragraph is one line of the tree already).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out += "&lt;",
            '>' => out += "&gt;",
            '&' => out += "&amp;",
            '\n' => {
                out.push(' ');
                line_start = true;
                continue;
            }
            // List markers and setext underlines only matter at a line start.
            '-' | '+' | '=' | '#' if line_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if ordered_list_marker(&chars[..i], chars.get(i + 1)) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
        line_start = false;
    }
    out
}

/// Whether `.` or `)` after `before` would end an ordered-list marker: the
/// text so far is one to nine digits and a space or the end follows.
fn ordered_list_marker(before: &[char], next: Option<&char>) -> bool {
    (1..=9).contains(&before.len())
        && before.iter().all(char::is_ascii_digit)
        && next.is_none_or(|c| c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_literal() {
        assert_eq!(escape("<script>&"), "&lt;script&gt;&amp;");
        assert_eq!(escape("# 不是标题"), "\\# 不是标题");
        assert_eq!(escape("- 不是列表"), "\\- 不是列表");
        assert_eq!(escape("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(escape("2023年1月1日"), "2023年1月1日");
        assert_eq!(escape("1.属于国家秘密"), "1.属于国家秘密");
        assert_eq!(escape("0472-2836709"), "0472-2836709");
        assert_eq!(escape("a*b_c|d"), "a\\*b\\_c\\|d");
    }
}
