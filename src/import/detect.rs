//! What kind of document a file holds, told by its bytes, never by its name:
//! a zip archive with `word/document.xml` is a DOCX, `%PDF` a PDF, an OLE
//! compound file or `{\rtf` an older word-processor file (.doc, .wps, .rtf)
//! that LibreOffice can convert, text that starts with markup HTML, any other
//! text plain text. Anything else is refused with the list of what can be
//! read.

/// The kinds of document `nianbao import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Pdf,
    /// A .doc, .wps (OLE compound file) or .rtf: converted by LibreOffice.
    Legacy,
    /// A zip archive that is not a Word document (an .xlsx, .odt, a folder
    /// packed by hand).
    OtherZip,
    /// Text: HTML or plain, told apart after decoding.
    Text,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of document in `bytes`.
pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(ZIP) {
        return if zip_has_word_document(bytes) {
            Kind::Docx
        } else {
            Kind::OtherZip
        };
    }
    // A PDF may have a few bytes of junk before its header.
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Kind::Pdf;
    }
    if bytes.starts_with(OLE) || bytes.starts_with(b"{\\rtf") {
        return Kind::Legacy;
    }
    Kind::Text
}

/// Whether a zip archive lists `word/document.xml`. Read from the central
/// directory, so a damaged archive is caught here and reported by the
/// DOCX reader with its own message.
fn zip_has_word_document(bytes: &[u8]) -> bool {
    match zip::ZipArchive::new(std::io::Cursor::new(bytes)) {
        Ok(archive) => archive.file_names().any(|n| n == "word/document.xml"),
        // Unreadable as a zip: a local header naming the part still says
        // what the file meant to be.
        Err(_) => bytes
            .windows(b"word/document.xml".len())
            .any(|w| w == b"word/document.xml"),
    }
}

/// Whether bytes that are no text hold NUL bytes, as binary files do and
/// text (other than UTF-16, which has its own message) does not.
pub fn is_binary(bytes: &[u8]) -> bool {
    // Images a user may pick by mistake, known by their signature even when
    // too short to hold a NUL byte.
    const IMAGES: [&[u8]; 3] = [b"\x89PNG", b"\xff\xd8\xff", b"GIF8"];
    if IMAGES.iter().any(|sig| bytes.starts_with(sig)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul_at = |odd: usize| {
        head.iter()
            .skip(odd)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || (head.len() >= 4
            && (nul_at(0) == 0 || nul_at(1) == 0)
            && nul_at(0) + nul_at(1) >= head.len() / 4);
    !utf16 && head.contains(&0)
}

/// Whether decoded text is HTML rather than plain text.
pub fn is_html(text: &str) -> bool {
    let head: String = text.trim_start().chars().take(512).collect();
    let head = head.to_ascii_lowercase();
    head.starts_with('<') || head.contains("<table") || head.contains("<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(kind(b"%PDF-1.7\n..."), Kind::Pdf);
        assert_eq!(kind(b"\r\n%PDF-1.4"), Kind::Pdf);
        assert_eq!(kind(OLE), Kind::Legacy);
        assert_eq!(kind(b"{\\rtf1\\ansi"), Kind::Legacy);
        assert_eq!(kind(b"PK\x03\x04 not really"), Kind::OtherZip);
        assert_eq!(kind("一、总体情况".as_bytes()), Kind::Text);
        assert!(is_html("  <!DOCTYPE html><html>"));
        assert!(!is_html("一、总体情况\n规章 0 0 0"));
    }

    #[test]
    fn a_short_image_is_binary_not_a_text_in_another_encoding() {
        assert!(is_binary(b"\x89PNG\r\n\x1a\nxxxx"));
        assert!(is_binary(b"\xff\xd8\xff\xe0JFIF"));
        assert!(is_binary(b"GIF89a"));
        assert!(!is_binary("GIF 格式说明".as_bytes()));
        assert!(!is_binary("一、总体情况".as_bytes()));
    }
}
