//! The `gilpy` command: run a script, `-c CODE`, or read a program from stdin. Thin by design:
//! everything else lives in the interpreter and stdlib crates.

use std::io::Read;
use std::process::ExitCode;

use gilpy_interpreter::Interpreter;

const USAGE: &str = "usage: gilpy [--version] [--help] [-c cmd | file | -] [arg] ...";

/// Scripts run on a thread with a large, known stack so deep recursion ends in RecursionError.
const MAIN_STACK: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let handle = std::thread::Builder::new()
        .name("gilpy-main".into())
        .stack_size(MAIN_STACK)
        .spawn(move || {
            gilpy_interpreter::vm::register_thread_stack(MAIN_STACK);
            run(args)
        });
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code as u8),
        _ => ExitCode::from(70),
    }
}

fn run(args: Vec<String>) -> i32 {
    if args.get(1).map(String::as_str) == Some(gilpy_stdlib::multiprocessing::CHILD_FLAG) {
        let builder = gilpy_stdlib::install(Interpreter::builder().argv(vec![String::new()]));
        return gilpy_stdlib::multiprocessing::run_child_if_requested(builder).unwrap_or(0);
    }
    let (filename, source, argv) = match args.get(1).map(String::as_str) {
        Some("--version" | "-V") => {
            println!("gilpy {} (Python 3.11 compatible)", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            return 0;
        }
        Some("-c") => match args.get(2) {
            Some(code) => {
                let mut argv = vec!["-c".to_string()];
                argv.extend(args[3..].iter().cloned());
                ("<string>".to_string(), code.clone(), argv)
            }
            None => {
                eprintln!("Argument expected for the -c option\n{USAGE}");
                return 2;
            }
        },
        Some(path) if path != "-" => match std::fs::read_to_string(path) {
            Ok(text) => (path.to_string(), text, args[1..].to_vec()),
            Err(e) => {
                eprintln!("gilpy: can't open file '{path}': [Errno {}] {e}", e.raw_os_error().unwrap_or(0));
                return 2;
            }
        },
        _ => {
            let mut text = String::new();
            if std::io::stdin().read_to_string(&mut text).is_err() {
                eprintln!("gilpy: could not read the program from stdin");
                return 2;
            }
            ("<stdin>".to_string(), text, vec![String::new()])
        }
    };
    let script_dir = match filename.as_str() {
        "<string>" | "<stdin>" => String::new(),
        f => std::path::Path::new(f).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let interp = gilpy_stdlib::install(Interpreter::builder().argv(argv).path(vec![script_dir])).build();
    match interp.run_main(&filename, &source) {
        Ok(()) => 0,
        Err((message, code)) => {
            eprint!("{message}");
            code
        }
    }
}
