//! gilpy and CPython (`python3`, 3.11 or later) talk to each other's managers: the authkey
//! handshake (CPython 3.12's, which answers 3.11's HMAC-MD5 challenges too) and the pickles
//! both ways. Each pairing runs `tests/mp_interop/peer.py` as server on one side and client
//! on the other, under watchdogs.

#[path = "support/watchdog.rs"]
mod watchdog;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

fn peer_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mp_interop/peer.py")
}

fn pair(server: &str, client: &str, name: &str) {
    let mut serving = Command::new(server)
        .arg(peer_script())
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {server}: {e}"));
    let mut port = String::new();
    BufReader::new(serving.stdout.take().unwrap()).read_line(&mut port).unwrap();
    let port = port.trim().to_string();
    assert!(port.parse::<u16>().is_ok(), "{server} did not print its port: {port:?}");

    let scratch = watchdog::scratch_dir(&format!("interop-{name}"));
    let mut command = Command::new(client);
    command.arg(peer_script()).arg("use").arg(&port);
    let run = watchdog::run_bounded(command, &scratch, Duration::from_secs(30));
    let server_done = (0..300).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        serving.try_wait().ok().flatten().is_some()
    });
    if !server_done {
        let _ = serving.kill();
    }
    let _ = serving.wait();
    let run = run.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        run.stdout,
        "wrong key: AuthenticationError\n\
         dict: 42 [1, 2.5, 'three', (4,), {5: None}, b'six', 1267650600228229401496703205376]\n\
         ok\n",
        "{name}: {}",
        run.stderr
    );
    assert!(server_done, "{name}: the server did not stop when asked");
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn gilpy_client_of_a_cpython_manager() {
    pair("python3", env!("CARGO_BIN_EXE_gilpy"), "gilpy-client");
}

#[test]
fn cpython_client_of_a_gilpy_manager() {
    pair(env!("CARGO_BIN_EXE_gilpy"), "python3", "cpython-client");
}

#[test]
fn gilpy_with_gilpy() {
    pair(env!("CARGO_BIN_EXE_gilpy"), env!("CARGO_BIN_EXE_gilpy"), "gilpy-gilpy");
}
