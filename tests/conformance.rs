//! Runs `../shared/conformance/run` (CPython 3.11's recorded outputs) against the gilpy binary.
//!
//! Cases that still fail are listed in `tests/conformance_failing.txt`, and the list is strict:
//! a listed case that passes fails this test too, so the list only ever shrinks.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn shared_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    root.join("..").join("shared")
}

#[test]
fn conformance_matches_the_failing_list() {
    let runner = shared_dir().join("conformance").join("run");
    assert!(runner.exists(), "conformance runner not found at {}", runner.display());
    let output = Command::new("python3")
        .arg(&runner)
        .arg("--timeout")
        .arg("10")
        .arg(env!("CARGO_BIN_EXE_gilpy"))
        .output()
        .expect("run the conformance runner");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let failing: BTreeSet<String> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("FAIL "))
        .map(|l| l.split(':').next().unwrap_or(l).trim().to_string())
        .collect();
    let passed = stdout.lines().filter(|l| l.starts_with("PASS ")).count();
    assert!(passed + failing.len() > 0, "the runner ran no case:\n{stdout}");
    let listed_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("conformance_failing.txt");
    let listed: BTreeSet<String> = std::fs::read_to_string(&listed_path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    let newly_failing: Vec<_> = failing.difference(&listed).collect();
    let now_passing: Vec<_> = listed.difference(&failing).collect();
    println!("conformance: {passed} passed, {} failed (listed as known failures: {})", failing.len(), listed.len());
    assert!(
        newly_failing.is_empty() && now_passing.is_empty(),
        "conformance changed.\nnewly failing (fix them): {newly_failing:?}\nnow passing (remove them from tests/conformance_failing.txt): {now_passing:?}\n\n{stdout}"
    );
}
