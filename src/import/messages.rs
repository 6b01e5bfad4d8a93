//! The sentences `nianbao import` says about files it cannot read, and the
//! lines of its summary when it imports many files: each message whole, in
//! Chinese and in English.

use crate::schema::Lang;

/// What can be read, for the messages that refuse a file.
fn readable(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => {
            "能导入的有：网页（HTML）、纯文本（包括 pdftotext -layout、w3m -dump、lynx -dump 的输出）、DOCX、带文字的 PDF，装有 LibreOffice 时还有 DOC、WPS、RTF"
        }
        Lang::En => {
            "what can be imported: web pages (HTML), plain text (including what pdftotext -layout, w3m -dump and lynx -dump print), DOCX, PDF with a text layer, and, with LibreOffice installed, DOC, WPS and RTF"
        }
    }
}

/// Bytes that are no document `import` reads.
pub fn not_a_document(lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("这不是可以导入的报告文件。{}。", readable(lang)),
        Lang::En => format!(
            "this is not a report file that can be imported; {}.",
            readable(lang)
        ),
    }
}

/// A zip archive without `word/document.xml`.
pub fn zip_not_word(lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "这是一个压缩包（zip），但不是 Word 文档（其中没有 word/document.xml）。{}。",
            readable(lang)
        ),
        Lang::En => format!(
            "this is a zip archive but not a Word document (it has no word/document.xml); {}.",
            readable(lang)
        ),
    }
}

/// A DOCX whose zip or XML is broken.
pub fn docx_damaged(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "DOCX 文件已损坏，无法读取（{detail}）。请用 Word 或 WPS 打开它，另存为 DOCX 后再导入。"
        ),
        Lang::En => format!(
            "the DOCX file is damaged and cannot be read ({detail}); open it in Word or WPS, save it again as DOCX and import that."
        ),
    }
}

/// A DOCX whose text part is beyond the size limit.
pub fn docx_too_large(lang: Lang) -> String {
    match lang {
        Lang::Zh => "DOCX 文件的正文超过 64 MB，不像是年度报告，没有读取。".to_string(),
        Lang::En => {
            "the DOCX file's text is larger than 64 MB, which no annual report is; it was not read."
                .to_string()
        }
    }
}

/// A PDF without a text layer.
pub fn pdf_scanned(pages: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "这个 PDF（{pages} 页）没有文字层，是扫描件或图片，无法读出其中的文字；本工具不做文字识别（OCR）。请找到报告的网页、DOCX 或可以选中文字的 PDF 再导入。"
        ),
        Lang::En => format!(
            "this PDF ({pages} page(s)) has no text layer: it is a scan or a picture, and its text cannot be read (there is no OCR here); import the report's web page, DOCX or a PDF whose text can be selected instead."
        ),
    }
}

/// A PDF nothing could read, with why.
pub fn pdf_unreadable(detail: &str, have_pdftotext: bool, lang: Lang) -> String {
    match (have_pdftotext, lang) {
        (false, Lang::Zh) => format!(
            "无法读取这个 PDF（{detail}）。安装 poppler-utils（apt-get install poppler-utils）后，nianbao 会改用其中的 pdftotext 读取它。"
        ),
        (false, Lang::En) => format!(
            "this PDF cannot be read ({detail}); install poppler-utils (apt-get install poppler-utils) and nianbao will read it with its pdftotext."
        ),
        (true, Lang::Zh) => format!(
            "无法读取这个 PDF（{detail}），pdftotext 也读不出。请用 PDF 阅读器打开它，确认它没有损坏或加密。"
        ),
        (true, Lang::En) => format!(
            "this PDF cannot be read ({detail}), and pdftotext could not read it either; open it in a PDF reader to see whether it is damaged or encrypted."
        ),
    }
}

/// A .doc, .wps or .rtf without LibreOffice to convert it.
pub fn legacy_needs_soffice(lang: Lang) -> String {
    match lang {
        Lang::Zh => "这是 DOC、WPS 或 RTF 文件，需要 LibreOffice 转换后才能导入：请安装 LibreOffice（apt-get install libreoffice-writer-nogui）后再试，或在 Word、WPS 中另存为 DOCX。".to_string(),
        Lang::En => "this is a DOC, WPS or RTF file, which LibreOffice must convert before it can be imported: install LibreOffice (apt-get install libreoffice-writer-nogui) and try again, or save it as DOCX in Word or WPS.".to_string(),
    }
}

/// LibreOffice ran but gave no DOCX.
pub fn legacy_conversion_failed(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "LibreOffice 未能把这个文件转换为 DOCX（{detail}）。请在 Word 或 WPS 中打开它，另存为 DOCX 后再导入。"
        ),
        Lang::En => format!(
            "LibreOffice could not convert this file to DOCX ({detail}); open it in Word or WPS, save it as DOCX and import that."
        ),
    }
}

/// The output of a single import exists.
pub fn output_exists(lang: Lang) -> String {
    match lang {
        Lang::Zh => "文件已存在；要替换它请加 --force".to_string(),
        Lang::En => "already exists; add --force to replace it".to_string(),
    }
}

/// A written file could not be written.
pub fn cannot_write(detail: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法写入：{detail}"),
        Lang::En => format!("cannot write: {detail}"),
    }
}

/// The columns of the summary table.
pub fn summary_header(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => ["文件", "机关", "年度", "已放置", "未放置", "错误", "写入"],
        Lang::En => [
            "file",
            "agency",
            "year",
            "placed",
            "unplaced",
            "errors",
            "written to",
        ],
    }
}

/// What the summary table's last column says of a file not written.
pub fn not_written(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（未写入）",
        Lang::En => "(not written)",
    }
}

/// The sentence after the summary table.
pub fn summary_end(files: usize, written: usize, attention: usize, lang: Lang) -> String {
    match (attention, lang) {
        (0, Lang::Zh) => format!("{files} 个文件全部导入，均无未放置的数字和错误。"),
        (0, Lang::En) => {
            format!("All {files} file(s) imported, with no value left unplaced and no errors.")
        }
        (_, Lang::Zh) => format!(
            "{files} 个文件中写入了 {written} 个；{attention} 个需要核对（有未放置的数字、错误，或未能读取，见上），请用 nianbao edit 逐个补正。"
        ),
        (_, Lang::En) => format!(
            "{written} of {files} file(s) written; {attention} need attention (values not placed, errors, or not readable: see above); complete them with nianbao edit."
        ),
    }
}

/// The progress bar's caption.
pub fn progress(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "导入",
        Lang::En => "importing",
    }
}

/// What an import left to check, counted by cause.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Causes {
    /// Published totals that do not add up, kept as printed.
    pub kept_totals: usize,
    pub unplaced: usize,
    /// Other faults of the document (a table not found, a table repeated
    /// with other numbers).
    pub document: usize,
    /// Errors of the imported report besides the kept totals.
    pub result: usize,
}

/// The closing sentence of one import: the causes first, named, then where
/// the report was written.
pub fn import_end(causes: Causes, output: &str, lang: Lang) -> String {
    let Causes {
        kept_totals,
        unplaced,
        document,
        result,
    } = causes;
    let mut named: Vec<String> = Vec::new();
    let mut name = |n: usize, zh: String, en: String| {
        if n > 0 {
            named.push(lang.pick(&zh, &en).to_string());
        }
    };
    name(
        kept_totals,
        format!("发布的报告中有 {kept_totals} 个合计与其各项之和不符，已按发布的数字保存"),
        format!(
            "{kept_totals} published total(s) do not add up to their parts and are kept as published"
        ),
    );
    name(
        unplaced,
        format!("{unplaced} 个数字未能放置"),
        format!("{unplaced} value(s) could not be placed"),
    );
    name(
        document,
        format!("发布的报告另有 {document} 处错误"),
        format!("{document} other fault(s) in the published report"),
    );
    name(
        result,
        format!("导入的报告有 {result} 个错误"),
        format!("{result} error(s) in the imported report"),
    );
    if named.is_empty() {
        return match lang {
            Lang::Zh => format!("已导入到 {output}。"),
            Lang::En => format!("Imported into {output}."),
        };
    }
    match lang {
        Lang::Zh => format!(
            "需要核对：{}（见上）。已导入到 {output}，请用 nianbao edit {output} 核对补正。",
            named.join("；")
        ),
        Lang::En => format!(
            "To check: {} (above). Imported into {output}: check and complete it with nianbao edit {output}.",
            named.join("; ")
        ),
    }
}
