//! A [`BarChart`] as inline SVG: a title, a note, and one horizontal bar per
//! item with its value and share. Plain shapes and text only, every text
//! escaped, sized in the SVG's own units so it scales with the page.

use super::BarChart;
use super::html::escape;
use rust_decimal::Decimal;
use std::fmt::Write;

const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 190;
const BAR_MAX: u32 = 300;
const ROW: u32 = 30;
const TOP: u32 = 64;

/// The chart as an `<svg>` element.
pub fn svg(chart: &BarChart) -> String {
    let height = TOP + ROW * chart.bars.len() as u32 + 12;
    let max = chart
        .bars
        .iter()
        .map(|b| b.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(&chart.title)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&chart.title));
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"24\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\">{}</text>",
        WIDTH / 2,
        escape(&chart.title)
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"46\" text-anchor=\"middle\" font-size=\"12\" fill=\"#444\">{}</text>",
        WIDTH / 2,
        escape(&chart.note)
    );
    for (i, bar) in chart.bars.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let length = if max.is_zero() {
            0
        } else {
            // Whole pixels are enough for a bar; the exact value is printed.
            (bar.value * Decimal::from(BAR_MAX) / max)
                .round()
                .try_into()
                .unwrap_or(0u32)
        };
        let value = match &bar.share {
            Some(share) => format!("{}（{}）", bar.value, share),
            None => bar.value.to_string(),
        };
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>",
            LABEL_WIDTH - 8,
            y + 15,
            escape(&bar.label)
        );
        let _ = writeln!(
            out,
            "<rect x=\"{LABEL_WIDTH}\" y=\"{}\" width=\"{length}\" height=\"20\" fill=\"#b22222\"/>",
            y
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\">{}</text>",
            LABEL_WIDTH + length + 6,
            y + 15,
            escape(&value)
        );
    }
    out += "</svg>\n";
    out
}
