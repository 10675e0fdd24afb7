//! The `gilpy` command line against `python3` run live on the same input: every way of naming a
//! program (`-c`, `-m`, a file, `-`, piped stdin, `-i`), `sys.argv` and `sys.path[0]`, exit
//! statuses, Ctrl-C, traceback shapes (`tests/cli/tracebacks`) and imports (`tests/cli/imports`).
//! The interactive REPL is driven on a pseudo-terminal by `tests/support/pty_driver.py`.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};

const GILPY: &str = env!("CARGO_BIN_EXE_gilpy");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures(name: &str) -> PathBuf {
    repo().join("tests/cli").join(name)
}

/// Runs `program args` in `dir` with `stdin` piped in. `python3` gets `-B` so that no
/// `__pycache__` lands in the fixtures.
fn run_in(dir: &Path, program: &str, args: &[&str], stdin: &str) -> Output {
    let mut command = Command::new(program);
    if program == "python3" {
        command.arg("-B");
    }
    let mut child = command
        .args(args)
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let mut input = child.stdin.take().expect("piped stdin");
    // A program that never reads its stdin may close it early; that is not an error here.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().expect("wait for the child")
}

fn status_text(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        _ => "unknown".into(),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The interpreter's own path starts some CPython messages (`/usr/bin/python3: No module named
/// x`); both interpreters' paths become `PROGRAM`.
fn without_program_path(s: &str) -> String {
    static PYTHON: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let python = PYTHON.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .map(|o| text(&o.stdout).trim().to_string())
            .unwrap_or_default()
    });
    let mut s = s.replace(GILPY, "PROGRAM");
    if !python.is_empty() {
        s = s.replace(python.as_str(), "PROGRAM");
    }
    s
}

/// Runs gilpy and python3 the same way and reports any difference in stdout, stderr or status.
fn compare_with_cpython(dir: &Path, args: &[&str], stdin: &str) -> Option<String> {
    let ours = run_in(dir, GILPY, args, stdin);
    let theirs = run_in(dir, "python3", args, stdin);
    let mut problems = Vec::new();
    if ours.stdout != theirs.stdout {
        problems.push(format!(
            "stdout:\n--- gilpy ---\n{}--- python3 ---\n{}",
            text(&ours.stdout),
            text(&theirs.stdout)
        ));
    }
    let (our_err, their_err) = (without_program_path(&text(&ours.stderr)), without_program_path(&text(&theirs.stderr)));
    if our_err != their_err {
        problems.push(format!("stderr:\n--- gilpy ---\n{our_err}--- python3 ---\n{their_err}"));
    }
    if status_text(ours.status) != status_text(theirs.status) {
        problems.push(format!("status: gilpy {} python3 {}", status_text(ours.status), status_text(theirs.status)));
    }
    (!problems.is_empty()).then(|| format!("gilpy {}\n{}", args.join(" "), problems.join("\n")))
}

fn assert_all_match(failures: Vec<String>) {
    assert!(failures.is_empty(), "{} difference(s) from CPython:\n\n{}", failures.len(), failures.join("\n\n"));
}

fn case_scripts(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("case_") && name.ends_with(".py"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    names
}

// ----- information and usage errors -----

#[test]
fn version_and_help() {
    let dir = repo();
    for flag in ["--version", "-V"] {
        let out = run_in(&dir, GILPY, &[flag], "");
        assert!(out.status.success());
        assert_eq!(text(&out.stdout), format!("gilpy {} (Python 3.11 compatible)\n", env!("CARGO_PKG_VERSION")));
    }
    for flag in ["--help", "-h", "-?"] {
        let out = run_in(&dir, GILPY, &[flag], "");
        assert!(out.status.success());
        let help = text(&out.stdout);
        assert!(help.starts_with("usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"), "{help}");
        assert!(help.contains("-m mod :"), "{help}");
    }
}

#[test]
fn usage_errors_exit_with_status_2() {
    let usage =
        "usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `gilpy -h' for more information.\n";
    for (args, first_line) in [
        (&["--frobnicate"][..], "unknown option --frobnicate"),
        (&["-z", "x.py"][..], "unknown option -z"),
        (&["-c"][..], "Argument expected for the -c option"),
        (&["-i", "-m"][..], "Argument expected for the -m option"),
    ] {
        let out = run_in(&repo(), GILPY, args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), format!("{first_line}\n{usage}"), "{args:?}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn missing_script_is_reported_like_cpython() {
    let failures = compare_with_cpython(&fixtures("argv"), &["no_such_script.py", "arg"], "");
    assert_all_match(failures.into_iter().collect());
}

// ----- program forms: sys.argv, sys.path[0], __name__, __file__, __package__ -----

#[test]
fn program_forms_see_cpythons_argv_and_path() {
    let dir = fixtures("argv");
    let show = std::fs::read_to_string(dir.join("show_argv.py")).unwrap();
    let forms: &[(&[&str], &str)] = &[
        (&["-c", "import sys; print(sys.argv, repr(sys.path[0]), __name__, __package__)", "a", "-i"], ""),
        (&["-Bc", "import sys; print(sys.argv)", "b"], ""),
        (&["show_argv.py", "one", "--two"], ""),
        (&["-u", "--", "show_argv.py", "x"], ""),
        (&["-m", "show_argv", "x", "-c"], ""),
        (&["-m", "runnable", "arg"], ""),
        (&["-m", "runnable.tool", "t1", "t2"], ""),
        (&["-", "a1", "a2"], &show),
        (&[], &show),
    ];
    let failures = forms.iter().filter_map(|(args, stdin)| compare_with_cpython(&dir, args, stdin)).collect();
    assert_all_match(failures);
}

#[test]
fn module_errors_match_cpython() {
    let dir = fixtures("imports");
    let forms: &[&[&str]] = &[
        &["-m", "no_such_module"],
        &["-m", "shop"],
        &["-m", "shop.nosuch"],
        &["-m", "no_such_pkg.sub"],
        &["-m", "shop.models.deeper"],
        &["-m", ".relative"],
        &["-m", "loose"],
        &["-m", "loose.inner.mod"],
        &["-m", "counter.sub"],
    ];
    let failures = forms.iter().filter_map(|args| compare_with_cpython(&dir, args, "")).collect();
    assert_all_match(failures);
}

#[test]
fn exit_and_quit_end_the_program_like_cpython() {
    let dir = fixtures("argv");
    let failures = ["exit3", "quit", "message", "true", "none", "other"]
        .iter()
        .filter_map(|how| compare_with_cpython(&dir, &["exits.py", how], ""))
        .collect();
    assert_all_match(failures);
}

#[test]
fn piped_interactive_session_matches_cpython() {
    let session = "x = 6 * 7\nx\n_ + 1\nNone\nprint('printed')\ndef greet(name):\n    return 'hi ' + name\n\n\
                   greet('bob')\nfor i in range(2):\n    print(i)\n\n1/0\nx = )\ngreet(5)\n\
                   import sys; sys.ps1 = 'in> '\n[1, 2]\n_\nexit(4)\nprint('not reached')\n";
    let dir = fixtures("argv");
    let failures =
        [&["-qi"][..], &["-i", "show_argv.py", "a"], &["-i", "-c", "y = 5; 1/0"], &["-i", "exits.py", "exit3"]]
            .iter()
            .filter_map(|args| compare_with_cpython(&dir, args, session))
            .collect();
    assert_all_match(failures);
}

#[test]
fn interactive_banner_without_a_script() {
    let out = run_in(&repo(), GILPY, &["-i"], "1 + 2\n");
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "3\n");
    let err = text(&out.stderr);
    assert!(err.starts_with(&format!("gilpy {} (Python 3.11 compatible) on ", env!("CARGO_PKG_VERSION"))), "{err}");
    assert!(err.ends_with(">>> >>> \n"), "{err:?}");
}

// ----- tracebacks and imports, compared with python3 -----

#[test]
fn tracebacks_match_cpython() {
    let dir = fixtures("tracebacks");
    let failures = case_scripts(&dir).iter().filter_map(|script| compare_with_cpython(&dir, &[script], "")).collect();
    assert_all_match(failures);
}

#[test]
fn imports_match_cpython() {
    let dir = fixtures("imports");
    let failures = case_scripts(&dir).iter().filter_map(|script| compare_with_cpython(&dir, &[script], "")).collect();
    assert_all_match(failures);
}

// ----- Ctrl-C in a script -----

/// Starts `code` as a script, waits for its first line of output, sends SIGINT, and returns
/// (stdout after the first line, stderr, status).
fn interrupt_script(code: &str) -> (String, String, ExitStatus) {
    let dir = std::env::temp_dir().join(format!("gilpy-cli-sigint-{}-{}", std::process::id(), code.len()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("spin.py");
    std::fs::write(&script, code).unwrap();
    let mut child = Command::new(GILPY)
        .arg(&script)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "ready\n");
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (rest, text(&output.stderr), output.status)
}

#[test]
fn sigint_raises_keyboard_interrupt_in_a_running_script() {
    let (stdout, stderr, status) = interrupt_script("print('ready', flush=True)\nwhile True:\n    pass\n");
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("Traceback (most recent call last):\n  File \""), "{stderr}");
    assert!(stderr.ends_with("KeyboardInterrupt\n"), "{stderr}");
    // Like CPython, an uncaught KeyboardInterrupt ends the process by SIGINT (status 130 in a shell).
    assert_eq!(status.signal(), Some(2), "{status:?}");
}

/// CPython's output for Ctrl-C during `time.sleep(100)` (checked with python3 3.11): the
/// traceback points at the sleep, and the process dies by SIGINT at once.
#[test]
fn sigint_cuts_short_a_blocking_wait() {
    let blocking = [
        ("import time\nprint('ready', flush=True)\ntime.sleep(100)\n", "    time.sleep(100)\nKeyboardInterrupt\n"),
        ("import threading\nl = threading.Lock()\nl.acquire()\nprint('ready', flush=True)\nl.acquire()\n", "KeyboardInterrupt\n"),
        (
            "import threading, time\nt = threading.Thread(target=time.sleep, args=(100,), daemon=True)\nt.start()\nprint('ready', flush=True)\nt.join()\n",
            "KeyboardInterrupt\n",
        ),
        ("import queue\nprint('ready', flush=True)\nqueue.Queue().get()\n", "KeyboardInterrupt\n"),
        // Waits on a pipe and on a POSIX semaphore, in slices.
        ("import multiprocessing as mp\na, b = mp.Pipe()\nprint('ready', flush=True)\na.recv()\n", "KeyboardInterrupt\n"),
        (
            "import multiprocessing as mp\nl = mp.Lock()\nl.acquire()\nprint('ready', flush=True)\nl.acquire()\n",
            "    l.acquire()\nKeyboardInterrupt\n",
        ),
    ];
    for (code, tail) in blocking {
        let started = std::time::Instant::now();
        let (stdout, stderr, status) = interrupt_script(code);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{code}: took {:?}", started.elapsed());
        assert_eq!(stdout, "");
        assert!(stderr.starts_with("Traceback (most recent call last):\n  File \""), "{stderr}");
        assert!(stderr.ends_with(tail), "{stderr}");
        assert_eq!(status.signal(), Some(2), "{status:?}");
    }
}

#[test]
fn sigint_can_be_caught() {
    let code = "print('ready', flush=True)\ntry:\n    while True:\n        pass\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let (stdout, stderr, status) = interrupt_script(code);
    assert_eq!((stdout.as_str(), stderr.as_str()), ("caught\n", ""));
    assert!(status.success());
}

// ----- the REPL on a pseudo-terminal -----

struct Session {
    status: String,
    transcript: String,
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Plays `steps` (("send" | "expect" | "sleep", text)) against `gilpy args` on a terminal.
fn repl_session(args: &[&str], history: &Path, steps: &[(&str, &str)]) -> Session {
    let steps_json = format!(
        "[{}]",
        steps.iter().map(|(a, t)| format!("[{}, {}]", json_string(a), json_string(t))).collect::<Vec<_>>().join(", ")
    );
    let out = Command::new("python3")
        .arg(repo().join("tests/support/pty_driver.py"))
        .arg(steps_json)
        .arg(GILPY)
        .args(args)
        .env("GILPY_HISTFILE", history)
        .env("TERM", "xterm")
        .output()
        .expect("run python3 tests/support/pty_driver.py");
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "REPL session failed:\n{stdout}\n{}", text(&out.stderr));
    let (status, transcript) = stdout.split_once("\n--- transcript ---\n").expect("driver output");
    Session { status: status.to_string(), transcript: transcript.to_string() }
}

fn history_path(test: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("gilpy-history-{}-{test}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn repl_prompts_echo_and_underscore() {
    let history = history_path("echo");
    let s = repl_session(
        &[],
        &history,
        &[
            ("expect", "Type \"exit()\" or Ctrl-D to leave.\n>>> "),
            ("send", "6 * 7\r"),
            ("expect", "\n42\n>>> "),
            ("send", "_ + 1\r"),
            ("expect", "\n43\n>>> "),
            ("send", "None\r"),
            ("expect", "None\n>>> "),
            ("send", "for i in range(2):\r"),
            ("expect", "... "),
            ("send", "    print('item', i)\r"),
            ("expect", "... "),
            ("send", "\r"),
            ("expect", "item 0\nitem 1\n>>> "),
            ("send", "\x04"),
        ],
    );
    assert_eq!(s.status, "STATUS 0", "{}", s.transcript);
    // `None` is not echoed: the prompt follows the input line directly.
    assert!(s.transcript.contains(">>> None\n>>> "), "{}", s.transcript);
    let _ = std::fs::remove_file(history);
}

#[test]
fn repl_reports_errors_and_goes_on() {
    let history = history_path("errors");
    let s = repl_session(
        &["-q"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "def f():\r"),
            ("expect", "... "),
            ("send", "    return 1 / 0\r"),
            ("expect", "... "),
            ("send", "\r"),
            ("expect", ">>> "),
            ("send", "f()\r"),
            ("expect", "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n  File \"<stdin>\", line 2, in f\nZeroDivisionError: division by zero\n>>> "),
            ("send", "x = )\r"),
            ("expect", "  File \"<stdin>\", line 1\n    x = )\n        ^\nSyntaxError: unmatched ')'\n>>> "),
            ("send", "'still alive'\r"),
            ("expect", "'still alive'\n>>> "),
            ("send", "exit(5)\r"),
        ],
    );
    assert_eq!(s.status, "STATUS 5", "{}", s.transcript);
    assert!(!s.transcript.contains("gilpy 0.1"), "-q hides the banner:\n{}", s.transcript);
    let _ = std::fs::remove_file(history);
}

#[test]
fn repl_ctrl_c_cancels_the_line_and_interrupts_running_code() {
    let history = history_path("ctrl-c");
    let s = repl_session(
        &["-q"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "if True:\r"),
            ("expect", "... "),
            ("send", "    half typed"),
            ("send", "\x03"),
            ("expect", "KeyboardInterrupt\n>>> "),
            ("send", "while True: pass\r"),
            ("expect", "... "),
            ("send", "\r"),
            ("sleep", "0.5"),
            ("send", "\x03"),
            (
                "expect",
                "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt\n>>> ",
            ),
            ("send", "'after'\r"),
            ("expect", "'after'\n>>> "),
            ("send", "\x04"),
        ],
    );
    assert_eq!(s.status, "STATUS 0", "{}", s.transcript);
    let _ = std::fs::remove_file(history);
}

#[test]
fn repl_history_persists_between_sessions() {
    let history = history_path("persist");
    let first = repl_session(
        &["-q"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "remembered = 'from the first session'\r"),
            ("expect", ">>> "),
            ("send", "\x04"),
        ],
    );
    assert_eq!(first.status, "STATUS 0", "{}", first.transcript);
    let saved = std::fs::read_to_string(&history).expect("history file written");
    assert!(saved.contains("remembered = 'from the first session'"), "{saved}");
    // Up arrow recalls the line in a new session.
    let second = repl_session(
        &["-q"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "\x1b[A\r"),
            ("expect", ">>> "),
            ("send", "remembered.upper()\r"),
            ("expect", "'FROM THE FIRST SESSION'\n>>> "),
            ("send", "\x04"),
        ],
    );
    assert_eq!(second.status, "STATUS 0", "{}", second.transcript);
    let _ = std::fs::remove_file(history);
}

#[test]
fn repl_tab_completes_globals_and_attributes() {
    let history = history_path("complete");
    let s = repl_session(
        &["-q"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "unusually_named_total = 99\r"),
            ("expect", ">>> "),
            ("send", "unusually_n\t"),
            ("sleep", "0.3"),
            ("send", "\r"),
            ("expect", "99\n>>> "),
            ("send", "import sys\r"),
            ("expect", ">>> "),
            ("send", "sys.argv[0] == ''; sys.ar\t"),
            ("sleep", "0.3"),
            ("send", "\r"),
            ("expect", "True\n['']\n>>> "),
            ("send", "\x04"),
        ],
    );
    assert_eq!(s.status, "STATUS 0", "{}", s.transcript);
    let _ = std::fs::remove_file(history);
}

#[test]
fn repl_after_script_with_dash_i() {
    let history = history_path("dash-i");
    let script = fixtures("argv").join("show_argv.py");
    let s = repl_session(
        &["-i", script.to_str().unwrap(), "extra"],
        &history,
        &[
            ("expect", ">>> "),
            ("send", "sys.argv[1:], __name__\r"),
            ("expect", "(['extra'], '__main__')\n>>> "),
            ("send", "quit()\r"),
        ],
    );
    assert_eq!(s.status, "STATUS 0", "{}", s.transcript);
    assert!(s.transcript.starts_with("argv ["), "no banner after a script:\n{}", s.transcript);
    let _ = std::fs::remove_file(history);
}
