//! A published report in PDF → positioned lines for [`super::layout`].
//!
//! The text layer is read with lopdf: each page's content stream is run
//! through the text operators (`BT`…`ET`, `Tf`, `Td`, `Tm`, `TJ`, …, the
//! graphics state's `cm`/`q`/`Q`, and forms drawn with `Do`), every glyph
//! placed by its text rendering matrix and advanced by its font's widths,
//! and decoded through the font's `ToUnicode` map (Chinese text is shown
//! with two-byte codes that only that map turns into characters). Glyphs
//! on one baseline make a line, top to bottom; a gap wider than a third of
//! the font size separates words; positions become text columns of half
//! the usual font size, so [`super::layout`] reads them as it reads a dump.
//! A gap of more than two and a half lines is a blank line.
//!
//! Where this falls short — a font without a `ToUnicode` map, a file lopdf
//! cannot parse — `pdftotext -layout` (poppler-utils) is used when it is
//! installed, and read as space-aligned text; when it is not, the message
//! names the package. A PDF with no text at all is a scan, and is said to
//! be one. Sources are page and line (from the top, 1-based).

use super::convert::{find_program, run_with_limit};
use super::layout::{self, Line, Token};
use super::{Source, messages};
use crate::schema::Lang;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object};
use std::collections::HashMap;
use std::time::Duration;

/// Bounds on what one file may make us do.
const MAX_DECOMPRESSED: usize = 64 * 1024 * 1024;
const MAX_OPERATIONS: usize = 2_000_000;
const MAX_GLYPHS: usize = 1_000_000;
const MAX_FORM_DEPTH: usize = 8;
const PDFTOTEXT_LIMIT: Duration = Duration::from_secs(120);

/// A PDF's lines, and whether their positions are exact (lopdf's) or a
/// dump's columns (pdftotext's).
pub struct Lines {
    pub lines: Vec<Line>,
    pub exact: bool,
}

/// The lines of a PDF: read by lopdf, else by `pdftotext -layout`; `Err`
/// is the message saying why neither could (and what would help).
pub fn lines(bytes: &[u8], lang: Lang) -> Result<Lines, String> {
    let why = match builtin(bytes) {
        Ok(read) if read.falls_short().is_none() => {
            return Ok(Lines {
                lines: read.lines,
                exact: true,
            });
        }
        Ok(read) if read.shown == 0 => return Err(messages::pdf_scanned(read.pages, lang)),
        Ok(read) => read.falls_short().unwrap_or_default(),
        Err(why) => why,
    };
    match pdftotext(bytes) {
        None => Err(messages::pdf_unreadable(&why, false, lang)),
        Some(Ok(lines)) if lines.iter().any(|l| !l.tokens.is_empty()) => Ok(Lines {
            lines,
            exact: false,
        }),
        Some(Ok(_)) => Err(messages::pdf_unreadable(&why, true, lang)),
        Some(Err(e)) => Err(messages::pdf_unreadable(
            &format!("{why}; pdftotext: {e}"),
            true,
            lang,
        )),
    }
}

/// What lopdf read of a PDF.
#[derive(Debug)]
pub struct Builtin {
    pub lines: Vec<Line>,
    pub pages: usize,
    /// Glyphs shown (text operators' codes), with or without a character.
    pub shown: usize,
    /// Glyphs whose character could not be told (no `ToUnicode` map where
    /// one is needed, or a code it lacks).
    pub unknown: usize,
}

impl Builtin {
    /// Why this reading cannot be trusted, if it cannot.
    pub fn falls_short(&self) -> Option<String> {
        if self.shown == 0 {
            return Some("no text".into());
        }
        // A few odd glyphs (a symbol font's bullet) are no reason.
        (self.unknown * 20 > self.shown).then(|| {
            format!(
                "{} of {} characters have no Unicode mapping",
                self.unknown, self.shown
            )
        })
    }
}

/// Reads the text layer with lopdf.
pub fn builtin(bytes: &[u8]) -> Result<Builtin, String> {
    let options = lopdf::LoadOptions::with_max_decompressed_size(MAX_DECOMPRESSED);
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        return Err("encrypted".into());
    }
    let mut reader = Reader::default();
    let pages = doc.get_pages();
    for (n, (_, page_id)) in pages.iter().enumerate() {
        reader.page = n + 1;
        let (own, referenced) = doc
            .get_page_resources(*page_id)
            .map_err(|e| e.to_string())?;
        let mut resources: Vec<&Dictionary> = own.into_iter().collect();
        resources.extend(
            referenced
                .iter()
                .filter_map(|id| doc.get_dictionary(*id).ok()),
        );
        let content = doc
            .get_page_content_with_limit(*page_id, MAX_DECOMPRESSED)
            .map_err(|e| e.to_string())?;
        let content = Content::decode(&content).map_err(|e| e.to_string())?;
        reader.run(&doc, &content, &resources, Matrix::IDENTITY, 0)?;
    }
    Ok(Builtin {
        lines: reader.lines(),
        pages: pages.len(),
        shown: reader.shown,
        unknown: reader.unknown,
    })
}

/// `pdftotext -layout`'s lines, with their page and line; `None` when it
/// is not installed.
pub fn pdftotext(bytes: &[u8]) -> Option<Result<Vec<Line>, String>> {
    let program = find_program(&["pdftotext"])?;
    let run = || -> Result<Vec<Line>, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let input = dir.path().join("report.pdf");
        std::fs::write(&input, bytes).map_err(|e| e.to_string())?;
        let mut command = std::process::Command::new(program);
        command
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&input)
            .arg("-");
        let out = run_with_limit(&mut command, PDFTOTEXT_LIMIT)?;
        let text = String::from_utf8_lossy(&out);
        let mut lines = layout::text_lines(&text);
        // Page and line instead of the dump's line.
        let mut page = 0;
        let mut line = 0;
        for l in &mut lines {
            if l.page != page {
                page = l.page;
                line = 0;
            }
            line += 1;
            l.at = Source::Page { page, line };
        }
        Ok(lines)
    };
    Some(run())
}

/// A 2×3 matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other` (row vectors: self × other).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn of(operands: &[Object]) -> Option<Matrix> {
        let v: Vec<f32> = operands.iter().filter_map(number).collect();
        (v.len() == 6 && v.iter().all(|x| x.is_finite()))
            .then(|| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
    }

    /// How much the matrix scales vertical lengths.
    fn y_scale(&self) -> f32 {
        (self.0[2] * self.0[2] + self.0[3] * self.0[3]).sqrt()
    }
}

fn number(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|x| x.is_finite())
}

/// One glyph placed on a page.
#[derive(Debug, Clone)]
struct Glyph {
    page: usize,
    x: f32,
    y: f32,
    width: f32,
    size: f32,
    text: String,
}

/// A font as the reader needs it: how to decode its codes and how wide
/// each is (in thousandths of the font size).
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    two_bytes: bool,
    first_char: i64,
    widths: Vec<f32>,
    /// CID widths of a composite font: (first, last, width).
    cid_widths: Vec<(u32, u32, f32)>,
    default_width: f32,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f32 {
        if self.two_bytes {
            return self
                .cid_widths
                .iter()
                .find(|(a, b, _)| (*a..=*b).contains(&code))
                .map_or(self.default_width, |w| w.2);
        }
        usize::try_from(code as i64 - self.first_char)
            .ok()
            .and_then(|i| self.widths.get(i).copied())
            .unwrap_or(self.default_width)
    }
}

fn font<'a>(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
    let get = |d: &'a Dictionary, key: &[u8]| {
        d.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .map(|(_, o)| o)
    };
    let composite = dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Type0");
    let has_map = dict.has(b"ToUnicode");
    let encoding = if has_map && !composite {
        // A simple font's map is better than its /Encoding (subset fonts
        // give their glyphs arbitrary codes): read it alone.
        let mut alone = dict.clone();
        alone.remove(b"Encoding");
        match alone.get_font_encoding_with_limit(doc, MAX_DECOMPRESSED) {
            Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
            _ => dict
                .get_font_encoding_with_limit(doc, MAX_DECOMPRESSED)
                .ok(),
        }
    } else {
        dict.get_font_encoding_with_limit(doc, MAX_DECOMPRESSED)
            .ok()
    };
    // A composite font's two-byte codes are glyph numbers: without its map
    // they are no text.
    let encoding = encoding.filter(|e| !composite || matches!(e, Encoding::UnicodeMapEncoding(_)));
    let mut out = Font {
        encoding,
        two_bytes: composite,
        first_char: get(dict, b"FirstChar")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0),
        widths: get(dict, b"Widths")
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().map(|w| number(w).unwrap_or(0.0)).collect())
            .unwrap_or_default(),
        cid_widths: Vec::new(),
        default_width: if composite { 1000.0 } else { 500.0 },
    };
    if composite
        && let Some(descendant) = get(dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
    {
        if let Some(dw) = get(descendant, b"DW").and_then(number) {
            out.default_width = dw;
        }
        if let Some(w) = get(descendant, b"W").and_then(|o| o.as_array().ok()) {
            out.cid_widths = cid_widths(doc, w);
        }
    }
    out
}

/// A composite font's `/W`: `c [w1 w2 …]` (widths from c on) and
/// `first last w` (one width for a range).
fn cid_widths(doc: &Document, w: &[Object]) -> Vec<(u32, u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    let value = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
    while i < w.len() && out.len() < 100_000 {
        let Some(first) = value(&w[i])
            .and_then(|o| o.as_i64().ok())
            .and_then(|c| u32::try_from(c).ok())
        else {
            break;
        };
        match w.get(i + 1).and_then(value) {
            Some(Object::Array(list)) => {
                for (k, width) in list.iter().enumerate() {
                    let c = first.saturating_add(k as u32);
                    out.push((c, c, number(width).unwrap_or(0.0)));
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(width)) = (
                    last.as_i64().ok().and_then(|c| u32::try_from(c).ok()),
                    w.get(i + 2).and_then(value).as_ref().and_then(number),
                ) else {
                    break;
                };
                out.push((first, last, width));
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// The text state of the content being run.
#[derive(Default)]
struct Reader {
    page: usize,
    glyphs: Vec<Glyph>,
    operations: usize,
    shown: usize,
    unknown: usize,
}

/// The text and graphics state inside one content stream.
struct State {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Reader {
    fn run(
        &mut self,
        doc: &Document,
        content: &Content,
        resources: &[&Dictionary],
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), String> {
        let mut fonts: HashMap<Vec<u8>, Font<'_>> = HashMap::new();
        let mut st = State {
            ctm,
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        for op in &content.operations {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.glyphs.len() > MAX_GLYPHS {
                return Err("too much content".into());
            }
            let args = &op.operands;
            let num = |i: usize| args.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if st.stack.len() < 64 => st.stack.push(st.ctm),
                "Q" => st.ctm = st.stack.pop().unwrap_or(st.ctm),
                "cm" => {
                    if let Some(m) = Matrix::of(args) {
                        st.ctm = m.then(st.ctm);
                    }
                }
                "BT" => {
                    st.tm = Matrix::IDENTITY;
                    st.tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    let name = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    if let Some(name) = &name
                        && !fonts.contains_key(name)
                        && let Some(dict) = find_resource(doc, resources, b"Font", name)
                    {
                        fonts.insert(name.clone(), font(doc, dict));
                    }
                    st.font = name;
                    st.size = num(1);
                }
                "Tc" => st.char_spacing = num(0),
                "Tw" => st.word_spacing = num(0),
                "Tz" => st.scale = num(0) / 100.0,
                "TL" => st.leading = num(0),
                "Ts" => st.rise = num(0),
                "Td" => next_line(&mut st, num(0), num(1)),
                "TD" => {
                    st.leading = -num(1);
                    next_line(&mut st, num(0), num(1));
                }
                "Tm" => {
                    if let Some(m) = Matrix::of(args) {
                        st.tm = m;
                        st.tlm = m;
                    }
                }
                "T*" => {
                    let leading = st.leading;
                    next_line(&mut st, 0.0, -leading);
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            st.word_spacing = num(0);
                            st.char_spacing = num(1);
                        }
                        let leading = st.leading;
                        next_line(&mut st, 0.0, -leading);
                    }
                    if let Some(bytes) = args.last().and_then(|o| o.as_str().ok()) {
                        self.show(&mut st, &fonts, bytes);
                    }
                }
                "TJ" => {
                    for item in args
                        .first()
                        .and_then(|o| o.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(bytes, _) => self.show(&mut st, &fonts, bytes),
                            other => {
                                let adjust = number(other).unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * st.size * st.scale;
                                st.tm = Matrix::translate(tx, 0.0).then(st.tm);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let Some(name) = args.first().and_then(|o| o.as_name().ok()) else {
                        continue;
                    };
                    let Some(stream) = find_stream(doc, resources, name) else {
                        continue;
                    };
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()
                        != Some(b"Form".as_slice())
                    {
                        continue;
                    }
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| m.as_array().ok())
                        .and_then(|a| Matrix::of(a))
                        .unwrap_or(Matrix::IDENTITY);
                    let own = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| doc.dereference(r).ok())
                        .and_then(|(_, r)| r.as_dict().ok());
                    let inner: Vec<&Dictionary> =
                        own.into_iter().chain(resources.iter().copied()).collect();
                    let data = stream
                        .get_plain_content_with_limit(MAX_DECOMPRESSED)
                        .map_err(|e| e.to_string())?;
                    let content = Content::decode(&data).map_err(|e| e.to_string())?;
                    self.run(doc, &content, &inner, matrix.then(st.ctm), depth + 1)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Places the glyphs of one string and advances the text matrix.
    fn show(&mut self, st: &mut State, fonts: &HashMap<Vec<u8>, Font<'_>>, bytes: &[u8]) {
        let font = st.font.as_ref().and_then(|f| fonts.get(f));
        let two = font.is_some_and(|f| f.two_bytes);
        let step = if two { 2 } else { 1 };
        for code_bytes in bytes.chunks(step) {
            let code = code_bytes.iter().fold(0u32, |c, b| c << 8 | u32::from(*b));
            let text = font
                .and_then(|f| f.encoding.as_ref())
                .and_then(|e| e.bytes_to_string(code_bytes).ok())
                .unwrap_or_default();
            let text: String = text.chars().filter(|c| !c.is_control()).collect();
            self.shown += 1;
            if text.is_empty() || text.contains(char::REPLACEMENT_CHARACTER) {
                self.unknown += 1;
            }
            let w0 = font.map_or(500.0, |f| f.width(code)) / 1000.0;
            let spacing = st.char_spacing
                + if !two && code == 32 {
                    st.word_spacing
                } else {
                    0.0
                };
            let tx = (w0 * st.size + spacing) * st.scale;
            let trm = Matrix([st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise])
                .then(st.tm)
                .then(st.ctm);
            let end = Matrix::translate(tx, 0.0).then(st.tm).then(st.ctm);
            let size = trm.y_scale();
            let (x, y) = (trm.0[4], trm.0[5]);
            if size > 0.0 && x.is_finite() && y.is_finite() && !text.trim().is_empty() {
                self.glyphs.push(Glyph {
                    page: self.page,
                    x,
                    y,
                    width: (end.0[4] - x).abs(),
                    size,
                    text,
                });
            }
            st.tm = Matrix::translate(tx, 0.0).then(st.tm);
        }
    }

    /// The glyphs as lines of words, page by page, top to bottom.
    fn lines(&self) -> Vec<Line> {
        let mut sizes: Vec<f32> = self.glyphs.iter().map(|g| g.size).collect();
        sizes.sort_by(f32::total_cmp);
        let unit = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0) / 2.0;
        let mut out = Vec::new();
        let mut by_page: Vec<Vec<&Glyph>> = Vec::new();
        for g in &self.glyphs {
            if by_page.len() < g.page {
                by_page.resize_with(g.page, Vec::new);
            }
            by_page[g.page - 1].push(g);
        }
        for (p, mut glyphs) in by_page.into_iter().enumerate() {
            // Top to bottom (PDF's y grows upwards), then left to right.
            glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
            let mut rows: Vec<(f32, f32, Vec<&Glyph>)> = Vec::new();
            for g in glyphs {
                match rows.last_mut() {
                    Some((y, size, row)) if (*y - g.y).abs() <= 0.4 * size.max(g.size) => {
                        row.push(g);
                        *size = size.max(g.size);
                    }
                    _ => rows.push((g.y, g.size, vec![g])),
                }
            }
            let mut previous: Option<(f32, f32)> = None;
            for (index, (y, size, mut row)) in rows.into_iter().enumerate() {
                let number = index + 1;
                if let Some((py, psize)) = previous
                    && py - y > 2.5 * psize.max(size)
                {
                    // Not counted: a reader counts the lines he sees.
                    out.push(Line {
                        tokens: Vec::new(),
                        at: Source::Page {
                            page: p + 1,
                            line: index,
                        },
                        page: p + 1,
                    });
                }
                previous = Some((y, size));
                row.sort_by(|a, b| a.x.total_cmp(&b.x));
                let mut tokens: Vec<Token> = Vec::new();
                let mut end = f32::MIN;
                for g in row {
                    let gap = g.x - end;
                    let word = g.text.trim();
                    let starts_word =
                        gap > size / 3.0 || tokens.is_empty() || g.text.starts_with(' ');
                    if starts_word && !word.is_empty() {
                        tokens.push(Token {
                            text: String::new(),
                            x0: g.x / unit,
                            x1: g.x / unit,
                        });
                    }
                    if let Some(t) = tokens.last_mut() {
                        t.text.push_str(word);
                        t.x1 = (g.x + g.width) / unit;
                    }
                    end = end.max(g.x + g.width);
                    if g.text.ends_with(' ') {
                        end = f32::MIN;
                    }
                }
                tokens.retain(|t| !t.text.is_empty());
                out.push(Line {
                    tokens,
                    at: Source::Page {
                        page: p + 1,
                        line: number,
                    },
                    page: p + 1,
                });
            }
        }
        out
    }
}

fn next_line(st: &mut State, tx: f32, ty: f32) {
    st.tlm = Matrix::translate(tx, ty).then(st.tlm);
    st.tm = st.tlm;
}

/// A named entry of a resource category (`/Font`, `/XObject`), in the
/// first resource dictionary that has it.
fn find_resource<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Dictionary> {
    resources.iter().find_map(|r| {
        let (_, cat) = doc.dereference(r.get(category).ok()?).ok()?;
        let (_, entry) = doc.dereference(cat.as_dict().ok()?.get(name).ok()?).ok()?;
        entry.as_dict().ok()
    })
}

fn find_stream<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    name: &[u8],
) -> Option<&'a lopdf::Stream> {
    resources.iter().find_map(|r| {
        let (_, cat) = doc.dereference(r.get(b"XObject").ok()?).ok()?;
        let (_, entry) = doc.dereference(cat.as_dict().ok()?.get(name).ok()?).ok()?;
        entry.as_stream().ok()
    })
}
