//! What validation costs per call — the wizard re-runs it on every keystroke
//! (`cargo bench --bench validate`): `validate` of the busy example, with a
//! sentence with numbers in 依申请公开情况, and `cross_year` against the same
//! report a year earlier and against another report (every text differs:
//! each is read sentence by sentence for sentences reused). Prints the median over batches of the thread's
//! CPU time per call (CPU time, so that other processes on the machine do
//! not count).

use nianbao::model::Report;
use nianbao::schema::{self, Lang};
use nianbao::{toml_read, validate};

const BUSY: &str = include_str!("../examples/busy-city-bureau-2024.toml");
const KUNQU: &str = include_str!("../examples/kunqu-commerce-2023.toml");
const BATCHES: usize = 31;
const CALLS: usize = 200;

/// The calling thread's CPU time, in microseconds.
fn cpu_us() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into the pointer it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e6 + t.tv_nsec as f64 / 1e3
}

fn median_per_call(mut f: impl FnMut() -> usize) -> f64 {
    let mut per_call: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = cpu_us();
            let mut found = 0;
            for _ in 0..CALLS {
                found += f();
            }
            std::hint::black_box(found);
            (cpu_us() - start) / CALLS as f64
        })
        .collect();
    per_call.sort_by(f64::total_cmp);
    per_call[BATCHES / 2]
}

fn main() {
    let mut report: Report = toml_read::read(BUSY, Lang::Zh).unwrap().report;
    let on_request = schema::find_field("overview.on_request").unwrap();
    let text = format!(
        "{}其中办结511件，全年收到申请539件，被提起行政诉讼15件，行政复议15件。",
        report.text(on_request)
    );
    report.set_text(on_request, text);
    let mut last = report.clone();
    last.set_year(2023);
    let cx = validate::Context {
        lang: Lang::Zh,
        this_year: 2026,
    };
    let v = median_per_call(|| validate::validate(&report, cx).len());
    let c = median_per_call(|| validate::cross_year(&report, &last, "2023.toml", Lang::Zh).len());
    let other: Report = toml_read::read(KUNQU, Lang::Zh).unwrap().report;
    let o = median_per_call(|| validate::cross_year(&report, &other, "2023.toml", Lang::Zh).len());
    println!("validate (busy example, a text with numbers): {v:.1} µs CPU per call");
    println!("cross_year (against itself a year earlier):    {c:.1} µs CPU per call");
    println!("cross_year (against another report's texts):   {o:.1} µs CPU per call");
    println!("median of {BATCHES} batches of {CALLS} calls");
}
