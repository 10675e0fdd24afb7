//! Parses a file (or `-e EXPR`) and prints the AST, or the syntax error as CPython renders it.
//! `cargo run -p gilpy-grammar --example parse -- [-q] FILE` (`-q`: print only errors)
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let quiet = args.first().map(|a| a == "-q").unwrap_or(false);
    if quiet {
        args.remove(0);
    }
    let (name, src, expr) = match args.as_slice() {
        [flag, e] if flag == "-e" => ("<string>".to_string(), e.clone(), true),
        [f] => (f.clone(), std::fs::read_to_string(f).expect("read"), false),
        _ => {
            eprintln!("usage: parse FILE | parse -e EXPR");
            std::process::exit(2);
        }
    };
    let res = if expr {
        gilpy_grammar::parse_expression(&src).map(|e| if quiet { String::new() } else { format!("{e:#?}") })
    } else {
        gilpy_grammar::parse_module(&src).map(|m| if quiet { String::new() } else { format!("{m:#?}") })
    };
    match res {
        Ok(s) if !quiet => println!("{s}"),
        Ok(_) => {}
        Err(e) => {
            eprint!("{}", e.render(&name));
            std::process::exit(1);
        }
    }
}
