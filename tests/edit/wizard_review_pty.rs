//! The review keys in the real binary on a pseudo-terminal, as the
//! terminal sends them: F3 (`ESC O R`) marks a warning after the reason
//! prompt, typed in Chinese; Ctrl+T drafts from the tables; the file
//! written on quitting holds both.

use crate::common;

use common::session::Session;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

#[test]
fn f3_marks_a_warning_and_ctrl_t_drafts_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.toml");
    let example = std::fs::read_to_string("examples/busy-city-bureau-2024.toml").unwrap();
    let typed = example.replace("新收政府信息公开申请512件", "新收政府信息公开申请500件");
    assert_ne!(typed, example);
    std::fs::write(&path, typed).unwrap();
    let mut s = Session::wizard(&["edit", "r.toml"], dir.path(), 80, 24, &[]);
    s.wait_for_screen("机关名称", WAIT);
    // 核对 through the step menu; the warning is the only line.
    s.type_keys("<F2>7");
    s.wait_for_screen("错误 0 个，警告 1 个", WAIT);
    s.type_keys("<F3>");
    s.wait_for_screen("确认警告无误", WAIT);
    s.type_keys("含代收申请12件<Enter>");
    s.wait_for_screen("已确认 1 个", WAIT);
    // Enter on it jumps to 依申请公开情况; the text cleared, Ctrl+T drafts.
    s.type_keys("<Enter><BS*200><C-t>");
    s.wait_for_screen("已按表格数字草拟一句", WAIT);
    s.type_keys("<C-q>");
    assert_eq!(s.wait_for_end(WAIT).code, Some(0));
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("[[reviewed]]"), "{written}");
    assert!(written.contains("reason = \"含代收申请12件\""), "{written}");
    assert!(
        written.contains(
            "on_request = \"全年新收政府信息公开申请512件，上年结转27件；办结511件，结转下年度继续办理28件。"
        ),
        "{written}"
    );
}
