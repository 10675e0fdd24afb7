//! The command line, parsed the way CPython parses its own: options first, then what to run
//! (`-c cmd`, `-m mod`, a file or `-`), then the arguments the program sees in `sys.argv`.

pub const USAGE: &str = "usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...";

pub const HELP: &str = "\
usage: gilpy [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
-c cmd : program passed in as string (terminates option list)
-h     : print this help message and exit (also -? or --help)
-i     : inspect interactively after running script; forces a prompt even
         if stdin does not appear to be a terminal
-m mod : run library module as a script (terminates option list)
-q     : don't print version and copyright messages on interactive startup
-S     : don't add the site builtins (exit, quit)
-V     : print the gilpy version number and exit (also --version)
--check-interval N : offer the GIL to waiting threads every N bytecodes (default 100)
--gil-seed N : deterministic scheduling: thread switches at seeded, reproducible points
--gil-stats  : print the GIL's statistics per thread to stderr at exit
--gil-trace FILE : write the GIL's timeline at exit: Chrome trace-event JSON (Perfetto,
         chrome://tracing), or a self-contained page if FILE ends in .html
-b, -B, -d, -E, -I, -O, -P, -s, -u, -v, -x, -R, -W arg, -X opt
       : accepted for compatibility with CPython and ignored
file   : program read from script file
-      : program read from stdin (default; interactive mode if a tty)
arg ...: arguments passed to program in sys.argv[1:]
";

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Program {
    Command(String),
    Module(String),
    Script(String),
    /// `-` or nothing: the program is read from stdin, or the REPL runs when stdin is a terminal.
    Stdin {
        dash: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub program: Program,
    /// Arguments after the program, `sys.argv[1:]`.
    pub args: Vec<String>,
    pub inspect: bool,
    pub quiet: bool,
    pub no_site: bool,
    /// `--check-interval N`.
    pub check_interval: Option<u32>,
    /// `--gil-seed N`: deterministic scheduling.
    pub gil_seed: Option<u64>,
    /// `--gil-stats`: print the GIL report at exit.
    pub gil_stats: bool,
    /// `--gil-trace FILE`: write the GIL timeline at exit.
    pub gil_trace: Option<String>,
}

/// What the command line asks for besides running code.
#[derive(Debug, PartialEq, Eq)]
pub enum Parsed {
    Run(Options),
    Help,
    Version,
    /// A usage error: the message before the usage line (exit status 2).
    Error(String),
}

/// Options that CPython accepts and gilpy ignores; `W` and `X` take an argument.
const IGNORED_FLAGS: &str = "bBdEIOPsuvxR";
const IGNORED_WITH_ARGUMENT: &str = "WX";

pub fn parse(args: &[String]) -> Parsed {
    let mut options = Options {
        program: Program::Stdin { dash: false },
        args: vec![],
        inspect: false,
        quiet: false,
        no_site: false,
        check_interval: None,
        gil_seed: None,
        gil_stats: false,
        gil_trace: None,
    };
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        match arg.as_str() {
            "--help" => return Parsed::Help,
            "--version" => return Parsed::Version,
            "--" => {
                if let Some(script) = args.get(i) {
                    options.program = program_for(script);
                    i += 1;
                }
                break;
            }
            "-" => {
                options.program = Program::Stdin { dash: true };
                break;
            }
            "--gil-stats" => options.gil_stats = true,
            long if long.starts_with("--check-interval")
                || long.starts_with("--gil-seed")
                || long.starts_with("--gil-trace") =>
            {
                let (flag, value) = match long.split_once('=') {
                    Some((flag, value)) => (flag, value.to_string()),
                    None => match args.get(i) {
                        Some(next) => {
                            i += 1;
                            (long, next.clone())
                        }
                        None => return Parsed::Error(format!("Argument expected for the {long} option")),
                    },
                };
                match flag {
                    "--gil-trace" => options.gil_trace = Some(value),
                    "--check-interval" => match value.parse::<u32>() {
                        Ok(n) if n > 0 => options.check_interval = Some(n),
                        _ => {
                            return Parsed::Error(format!("--check-interval expects a positive integer, not '{value}'"))
                        }
                    },
                    "--gil-seed" => match value.parse::<u64>() {
                        Ok(n) => options.gil_seed = Some(n),
                        Err(_) => {
                            return Parsed::Error(format!("--gil-seed expects a non-negative integer, not '{value}'"))
                        }
                    },
                    _ => return Parsed::Error(format!("unknown option {long}")),
                }
            }
            long if long.starts_with("--") => return Parsed::Error(format!("unknown option {long}")),
            cluster if cluster.starts_with('-') => {
                let flags: Vec<char> = cluster[1..].chars().collect();
                let mut j = 0;
                while j < flags.len() {
                    let flag = flags[j];
                    j += 1;
                    let takes_argument = flag == 'c' || flag == 'm' || IGNORED_WITH_ARGUMENT.contains(flag);
                    if takes_argument {
                        // The argument is the rest of the cluster (`-cCODE`) or the next word.
                        let rest: String = flags[j..].iter().collect();
                        j = flags.len();
                        let value = if !rest.is_empty() {
                            rest
                        } else if let Some(next) = args.get(i) {
                            i += 1;
                            next.clone()
                        } else {
                            return Parsed::Error(format!("Argument expected for the -{flag} option"));
                        };
                        options.program = match flag {
                            'c' => Program::Command(value),
                            'm' => Program::Module(value),
                            _ => continue,
                        };
                        options.args = args[i..].to_vec();
                        return Parsed::Run(options);
                    }
                    match flag {
                        'i' => options.inspect = true,
                        'q' => options.quiet = true,
                        'S' => options.no_site = true,
                        'h' | '?' => return Parsed::Help,
                        'V' => return Parsed::Version,
                        f if IGNORED_FLAGS.contains(f) => {}
                        f => return Parsed::Error(format!("unknown option -{f}")),
                    }
                }
            }
            script => {
                options.program = program_for(script);
                break;
            }
        }
    }
    options.args = args[i..].to_vec();
    Parsed::Run(options)
}

fn program_for(arg: &str) -> Program {
    if arg == "-" {
        Program::Stdin { dash: true }
    } else {
        Program::Script(arg.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Options {
        match parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>()) {
            Parsed::Run(o) => o,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn program_forms() {
        assert_eq!(run(&["-c", "print(1)", "a", "-i"]).program, Program::Command("print(1)".into()));
        assert_eq!(run(&["-c", "print(1)", "a", "-i"]).args, ["a", "-i"]);
        assert_eq!(run(&["-cprint(2)"]).program, Program::Command("print(2)".into()));
        assert_eq!(run(&["-m", "json.tool", "x"]).program, Program::Module("json.tool".into()));
        let o = run(&["-i", "s.py", "-c", "x"]);
        assert!(o.inspect);
        assert_eq!(o.program, Program::Script("s.py".into()));
        assert_eq!(o.args, ["-c", "x"]);
        assert_eq!(run(&["-", "a"]).program, Program::Stdin { dash: true });
        assert_eq!(run(&[]).program, Program::Stdin { dash: false });
        let o = run(&["-iqu", "-W", "ignore", "-Xdev", "--", "-weird.py"]);
        assert!(o.inspect && o.quiet);
        assert_eq!(o.program, Program::Script("-weird.py".into()));
        assert_eq!(run(&["-ic", "x"]).program, Program::Command("x".into()));
    }

    #[test]
    fn errors_and_info() {
        let p = |a: &[&str]| parse(&a.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(p(&["--foo"]), Parsed::Error("unknown option --foo".into()));
        assert_eq!(p(&["-z"]), Parsed::Error("unknown option -z".into()));
        assert_eq!(p(&["-c"]), Parsed::Error("Argument expected for the -c option".into()));
        assert_eq!(p(&["-m"]), Parsed::Error("Argument expected for the -m option".into()));
        assert_eq!(p(&["-V"]), Parsed::Version);
        assert_eq!(p(&["--version"]), Parsed::Version);
        assert_eq!(p(&["-h"]), Parsed::Help);
        assert_eq!(p(&["-i", "--help"]), Parsed::Help);
    }
}
