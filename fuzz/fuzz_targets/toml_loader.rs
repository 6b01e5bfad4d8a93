//! Fuzz target: any bytes given to the report loader must produce a report or
//! a located problem — never a panic — and whatever loads must survive a
//! write/read round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::schema::Lang;
use nianbao::{store, toml_read, toml_write, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = store::decode(data, Lang::En) else { return };
    let Ok(loaded) = toml_read::read(text, Lang::En) else { return };
    let _ = validate::validate(&loaded.report, validate::Context { lang: Lang::Zh, this_year: 2026 });
    if loaded.is_editable() {
        let written = toml_write::write(&loaded.report);
        let again = toml_read::read(&written, Lang::En).expect("our own output must parse");
        assert_eq!(again.report, loaded.report, "round trip changed the report");
    }
});
