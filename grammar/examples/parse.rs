//! Parses a file (or `-e EXPR`) and prints the AST, or the syntax error as CPython renders it.
//! `cargo run -p gilpy-grammar --example parse -- FILE`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (name, src, expr) = match args.as_slice() {
        [flag, e] if flag == "-e" => ("<string>".to_string(), e.clone(), true),
        [f] => (f.clone(), std::fs::read_to_string(f).expect("read"), false),
        _ => {
            eprintln!("usage: parse FILE | parse -e EXPR");
            std::process::exit(2);
        }
    };
    let res = if expr {
        gilpy_grammar::parse_expression(&src).map(|e| format!("{e:#?}"))
    } else {
        gilpy_grammar::parse_module(&src).map(|m| format!("{m:#?}"))
    };
    match res {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprint!("{}", e.render(&name));
            std::process::exit(1);
        }
    }
}
