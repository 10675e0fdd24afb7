use gilpy_grammar::lexer::Tok;
use logos::Logos;
#[test]
fn probe() {
    for s in ["0o8", "0x", "0b2", "0x1g", "0o17", "1_", "1__0", "0_0", "1e", "1.e5", "1.", ".5j", "1if", "1else"] {
        let mut lex = Tok::lexer(s);
        let mut out = vec![];
        while let Some(t) = lex.next() { out.push(format!("{:?}@{:?}", t, lex.span())); }
        println!("{s:8} {}", out.join(" "));
    }
}
