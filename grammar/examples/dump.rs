//! Prints `gilpy_grammar::dump` of a file (add `--positions` for locations); compare with
//! `python3 tests/cpython_ast.py FILE`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let src = std::fs::read_to_string(&args[0]).expect("read");
    match gilpy_grammar::parse_module(&src) {
        Ok(m) => println!("{}", gilpy_grammar::dump::dump_module(&m, &src, args.iter().any(|a| a == "--positions"))),
        Err(e) => {
            eprint!("{}", e.render(&args[0]));
            std::process::exit(1);
        }
    }
}
