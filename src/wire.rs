//! The terminal's character encoding ("the wire"): UTF-8, or GB18030 for
//! the terminals of many Chinese servers and bastion hosts (SecureCRT,
//! Xshell or PuTTY set to GBK, `LANG=zh_CN.GB18030`). Everything inside
//! nianbao is UTF-8; only the bytes to and from a terminal are transcoded
//! here. Report files stay UTF-8 (TOML requires it) and `render` writes
//! UTF-8 whatever the terminal.
//!
//! Chosen once per process by [`set`]: `--encoding`, else the `--confine`
//! account's setting, else the locale ([`Wire::from_locale`]). GBK, GB2312,
//! CP936 and EUC-CN are subsets of GB18030, so one encoder serves them all;
//! GB18030 encodes every Unicode character, so nothing is ever unshowable.
//! Output to a terminal is transcoded by [`std_streams`] for the commands
//! and by the wizard's backend and input relay (`tui::wire_input`) for
//! `edit`.

pub mod std_streams;

use clap::ValueEnum;
use serde::Deserialize;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicU8, Ordering};

/// A terminal's character encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, Deserialize)]
pub enum Wire {
    #[default]
    #[value(name = "utf-8", alias = "utf8")]
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "gb18030", alias = "gbk")]
    #[serde(rename = "gb18030", alias = "gbk")]
    Gb18030,
}

/// Codesets (lower case, without `-` and `_`) that are GB18030 or a subset.
const GB_CODESETS: [&str; 5] = ["gb18030", "gbk", "gb2312", "cp936", "euccn"];

impl Wire {
    /// The encoding the locale names (LC_ALL, else LC_CTYPE, else LANG):
    /// GB18030 for the GB codesets, and for a bare `zh_CN` or `zh_SG`,
    /// whose codeset glibc defines as GB2312; UTF-8 otherwise.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Wire {
        let Some(locale) = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|k| var(k).filter(|v| !v.is_empty()))
        else {
            return Wire::Utf8;
        };
        let without_modifier = locale.split('@').next().unwrap_or_default();
        let gb = match without_modifier.split_once('.') {
            Some((_, codeset)) => {
                let codeset: String = codeset
                    .chars()
                    .filter(|c| !matches!(c, '-' | '_'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                GB_CODESETS.contains(&codeset.as_str())
            }
            None => matches!(without_modifier, "zh_CN" | "zh_SG"),
        };
        if gb { Wire::Gb18030 } else { Wire::Utf8 }
    }

    /// `text` as this terminal's bytes.
    pub fn encode(self, text: &str) -> Cow<'_, [u8]> {
        match self {
            Wire::Utf8 => Cow::Borrowed(text.as_bytes()),
            // GB18030 maps every scalar value: never a replacement.
            Wire::Gb18030 => encoding_rs::GB18030.encode(text).0,
        }
    }

    /// This terminal's bytes as text, or `None` when they are not valid in
    /// its encoding.
    pub fn decode(self, bytes: &[u8]) -> Option<Cow<'_, str>> {
        match self {
            Wire::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Wire::Gb18030 => {
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
            }
        }
    }

    /// The encoding's name as `--encoding` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Wire::Utf8 => "utf-8",
            Wire::Gb18030 => "gb18030",
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets this process's terminal encoding.
pub fn set(wire: Wire) {
    CURRENT.store(wire as u8, Ordering::Relaxed);
}

/// This process's terminal encoding (UTF-8 until [`set`]).
pub fn current() -> Wire {
    if CURRENT.load(Ordering::Relaxed) == Wire::Gb18030 as u8 {
        Wire::Gb18030
    } else {
        Wire::Utf8
    }
}

/// A writer that takes UTF-8 and writes the terminal's encoding; a
/// character split between two writes is held until it is whole.
pub struct Encoded<W: Write> {
    inner: W,
    wire: Wire,
    /// The start of a UTF-8 character the last write cut.
    held: Vec<u8>,
}

impl<W: Write> Encoded<W> {
    pub fn new(inner: W, wire: Wire) -> Self {
        Encoded {
            inner,
            wire,
            held: Vec::new(),
        }
    }
}

impl<W: Write> Write for Encoded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.wire == Wire::Utf8 {
            return self.inner.write(buf);
        }
        self.held.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.held) {
            Ok(_) => self.held.len(),
            // An incomplete character at the end waits; anything else
            // invalid is shown as a replacement rather than dropped.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.held.len(),
        };
        let text = String::from_utf8_lossy(&self.held[..whole]).into_owned();
        self.held.drain(..whole);
        self.inner.write_all(&self.wire.encode(&text))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Decodes a terminal's byte stream piece by piece: a character split
/// between two reads comes out whole with the second.
pub struct StreamDecoder(encoding_rs::Decoder);

impl StreamDecoder {
    pub fn new(wire: Wire) -> Self {
        let encoding = match wire {
            Wire::Utf8 => encoding_rs::UTF_8,
            Wire::Gb18030 => encoding_rs::GB18030,
        };
        StreamDecoder(encoding.new_decoder_without_bom_handling())
    }

    /// Appends the UTF-8 of `bytes` to `out`; bytes that are not valid in
    /// the encoding become U+FFFD.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let start = out.len();
        let room = self
            .0
            .max_utf8_buffer_length(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16);
        out.resize(start + room, 0);
        let (_, _, written, _) = self.0.decode_to_utf8(bytes, &mut out[start..], false);
        out.truncate(start + written);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&'static str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (*k, v.to_string())).collect();
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn the_locale_names_the_encoding() {
        for gb in [
            "zh_CN.GB18030",
            "zh_CN.gbk",
            "zh_CN.GB2312",
            "zh_CN.cp936",
            "zh_CN.EUC-CN",
            "zh_CN.euccn@stroke",
            "zh_CN",
        ] {
            assert_eq!(
                Wire::from_locale(env(&[("LANG", gb)])),
                Wire::Gb18030,
                "{gb}"
            );
        }
        for utf8 in ["zh_CN.UTF-8", "en_US.utf8", "C", "POSIX", "zh_TW.UTF-8"] {
            assert_eq!(
                Wire::from_locale(env(&[("LANG", utf8)])),
                Wire::Utf8,
                "{utf8}"
            );
        }
        assert_eq!(Wire::from_locale(env(&[])), Wire::Utf8);
        // LC_ALL, else LC_CTYPE, else LANG; an empty one does not count.
        let order = env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "zh_CN.GBK"),
            ("LANG", "zh_CN.UTF-8"),
        ]);
        assert_eq!(Wire::from_locale(order), Wire::Gb18030);
        let all = env(&[("LC_ALL", "C.UTF-8"), ("LC_CTYPE", "zh_CN.GBK")]);
        assert_eq!(Wire::from_locale(all), Wire::Utf8);
    }

    #[test]
    fn both_ways_in_gb18030() {
        let text = "报告信息 abc机关甲 “引号” ─│ 𠀀";
        let bytes = Wire::Gb18030.encode(text);
        assert_eq!(&Wire::Gb18030.encode("机关")[..], b"\xbb\xfa\xb9\xd8");
        assert_eq!(Wire::Gb18030.decode(&bytes).unwrap(), text);
        assert_eq!(Wire::Utf8.encode(text), text.as_bytes());
        assert!(Wire::Utf8.decode(&bytes).is_none());
        assert!(Wire::Gb18030.decode(b"\x81").is_none(), "a cut character");
    }

    #[test]
    fn a_character_split_between_reads_or_writes_comes_out_whole() {
        let bytes = Wire::Gb18030.encode("机关甲\x1b[A𠀀");
        for cut in 0..=bytes.len() {
            let mut d = StreamDecoder::new(Wire::Gb18030);
            let mut out = Vec::new();
            d.feed(&bytes[..cut], &mut out);
            d.feed(&bytes[cut..], &mut out);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                "机关甲\x1b[A𠀀",
                "cut at {cut}"
            );
        }
        let text = "机关甲 x";
        for cut in 0..=text.len() {
            let mut w = Encoded::new(Vec::new(), Wire::Gb18030);
            w.write_all(&text.as_bytes()[..cut]).unwrap();
            w.write_all(&text.as_bytes()[cut..]).unwrap();
            assert_eq!(w.inner, Wire::Gb18030.encode(text).as_ref(), "cut at {cut}");
        }
    }
}
