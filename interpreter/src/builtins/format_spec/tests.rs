//! Unit tests for `format_spec`; every expected string was produced by
//! CPython 3.11 (see the case tables: `python3 -c "print(repr(format(v, s)))"`).
#![allow(clippy::approx_constant, clippy::excessive_precision)]

use super::*;
use num_bigint::BigInt;
use std::str::FromStr;

fn big(s: &str) -> BigInt {
    BigInt::from_str(s).unwrap()
}

fn bits(x: Option<f64>) -> Option<u64> {
    x.map(f64::to_bits)
}

fn ff(x: f64, spec: &str) -> Result<String, String> {
    apply_float(x, spec, "float")
}

fn fi(v: &str, spec: &str) -> Result<String, String> {
    apply_int(&big(v), spec, "int")
}

fn fs(v: &str, spec: &str) -> Result<String, String> {
    apply_str(v, spec, "str")
}

/// A `%` argument for the mini `str.__mod__` used by the tests.
#[derive(Clone)]
enum A {
    I(&'static str),
    F(f64),
    S(&'static str),
}

fn arg_str(a: &A) -> String {
    match a {
        A::I(s) => big(s).to_string(),
        A::F(x) => float_repr(*x),
        A::S(s) => s.to_string(),
    }
}

/// Minimal `fmt % args` (tuple or mapping) driving the module's helpers the
/// way the VM does.
fn run_pct(fmt: &str, args: &[A], map: Option<Vec<(&str, A)>>) -> Result<String, String> {
    let mut out = String::new();
    let mut idx = 0;
    let next = |idx: &mut usize| -> Result<A, String> {
        let a = args.get(*idx).cloned().ok_or_else(|| "not enough arguments for format string".to_string())?;
        *idx += 1;
        Ok(a)
    };
    let star = |a: A| -> i64 {
        match a {
            A::I(s) => s.parse().unwrap(),
            _ => panic!("* wants int"),
        }
    };
    for piece in parse_percent(fmt) {
        match piece {
            PercentPiece::Literal(s) => out.push_str(&s),
            PercentPiece::Error { message, partial } => {
                if partial.needs_mapping && map.is_none() {
                    return Err("format requires a mapping".into());
                }
                if partial.width == Some(PercentWidth::Star) {
                    next(&mut idx)?;
                }
                if partial.precision == Some(PercentWidth::Star) {
                    next(&mut idx)?;
                }
                return Err(message);
            }
            PercentPiece::Spec(spec) => {
                let sw = if spec.width == Some(PercentWidth::Star) { Some(star(next(&mut idx)?)) } else { None };
                let sp = if spec.precision == Some(PercentWidth::Star) { Some(star(next(&mut idx)?)) } else { None };
                let spec = spec.with_stars(sw, sp);
                let arg = match (&spec.key, &map) {
                    (Some(k), Some(m)) => {
                        m.iter().find(|(kk, _)| kk == k).map(|(_, a)| a.clone()).ok_or_else(|| format!("'{}'", k))?
                    }
                    _ => next(&mut idx)?,
                };
                let s = match (spec.conversion, &arg) {
                    ('s' | 'r' | 'a', a) => percent_pad_str(&arg_str(a), &spec),
                    ('d' | 'i' | 'u' | 'o' | 'x' | 'X' | 'c', A::I(s)) => percent_format_int(&big(s), &spec)?,
                    ('e' | 'E' | 'f' | 'F' | 'g' | 'G', A::F(x)) => percent_format_float(*x, &spec)?,
                    ('e' | 'E' | 'f' | 'F' | 'g' | 'G', A::I(s)) => {
                        percent_format_float(bigint_to_f64(&big(s))?, &spec)?
                    }
                    _ => return Err(spec.unsupported_error()),
                };
                out.push_str(&s);
            }
        }
    }
    if map.is_none() && idx < args.len() {
        return Err("not all arguments converted during string formatting".to_string());
    }
    Ok(out)
}

#[test]
fn parse_percent_pieces() {
    let pieces = parse_percent("a%%b%(k(x))-#5.*lf|%*d%c");
    let flags = PercentFlags { minus: true, alt: true, ..Default::default() };
    assert_eq!(
        pieces,
        vec![
            PercentPiece::Literal("a%b".to_string()),
            PercentPiece::Spec(PercentSpec {
                key: Some("k(x)".to_string()),
                needs_mapping: true,
                flags,
                width: Some(PercentWidth::Num(5)),
                precision: Some(PercentWidth::Star),
                conversion: 'f',
                index: 17,
            }),
            PercentPiece::Literal("|".to_string()),
            PercentPiece::Spec(PercentSpec {
                key: None,
                needs_mapping: false,
                flags: PercentFlags::default(),
                width: Some(PercentWidth::Star),
                precision: None,
                conversion: 'd',
                index: 21,
            }),
            PercentPiece::Spec(PercentSpec {
                key: None,
                needs_mapping: false,
                flags: PercentFlags::default(),
                width: None,
                precision: None,
                conversion: 'c',
                index: 23,
            }),
        ]
    );
    match parse_percent("x%(a)*").pop().unwrap() {
        PercentPiece::Error { message, partial } => {
            assert_eq!(message, "incomplete format");
            assert_eq!(partial.key.as_deref(), Some("a"));
            assert_eq!(partial.width, Some(PercentWidth::Star));
            assert!(partial.needs_mapping);
        }
        p => panic!("{:?}", p),
    }
    match parse_percent("%(a").pop().unwrap() {
        PercentPiece::Error { message, partial } => {
            assert_eq!(message, "incomplete format key");
            assert_eq!(partial.key, None);
            assert!(partial.needs_mapping);
        }
        p => panic!("{:?}", p),
    }
    let spec = match parse_percent("%*.*f").pop().unwrap() {
        PercentPiece::Spec(s) => s,
        p => panic!("{:?}", p),
    };
    let r = spec.with_stars(Some(-7), Some(-3));
    assert!(r.flags.minus);
    assert_eq!(r.width, Some(PercentWidth::Num(7)));
    assert_eq!(r.precision, Some(PercentWidth::Num(0)));
    assert!(error_is_overflow("%c arg not in range(0x110000)"));
    assert!(!error_is_overflow("incomplete format"));
}

fn pct(fmt: &str, args: &[A]) -> Result<String, String> {
    run_pct(fmt, args, None)
}

fn pct_map(fmt: &str, map: Option<Vec<(&str, A)>>) -> Result<String, String> {
    run_pct(fmt, &[], map)
}

#[test]
fn float_repr_cases() {
    assert_eq!(float_repr(0.0), "0.0");
    assert_eq!(float_repr(-0.0), "-0.0");
    assert_eq!(float_repr(1.0), "1.0");
    assert_eq!(float_repr(-1.0), "-1.0");
    assert_eq!(float_repr(0.1), "0.1");
    assert_eq!(float_repr(0.30000000000000004), "0.30000000000000004");
    assert_eq!(float_repr(0.3333333333333333), "0.3333333333333333");
    assert_eq!(float_repr(0.6666666666666666), "0.6666666666666666");
    assert_eq!(float_repr(100.0), "100.0");
    assert_eq!(float_repr(123456789012345.0), "123456789012345.0");
    assert_eq!(float_repr(1000000000000000.0), "1000000000000000.0");
    assert_eq!(float_repr(1e+16), "1e+16");
    assert_eq!(float_repr(9999999999999998.0), "9999999999999998.0");
    assert_eq!(float_repr(2.000000000000001e+16), "2.000000000000001e+16");
    assert_eq!(float_repr(0.0001), "0.0001");
    assert_eq!(float_repr(1e-05), "1e-05");
    assert_eq!(float_repr(1e-07), "1e-07");
    assert_eq!(float_repr(1.5e-05), "1.5e-05");
    assert_eq!(float_repr(1.2345678901234567e+19), "1.2345678901234567e+19");
    assert_eq!(float_repr(5e-324), "5e-324");
    assert_eq!(float_repr(1.7976931348623157e+308), "1.7976931348623157e+308");
    assert_eq!(float_repr(2.2250738585072014e-308), "2.2250738585072014e-308");
    assert_eq!(float_repr(123456789.12345679), "123456789.12345679");
    assert_eq!(float_repr(f64::INFINITY), "inf");
    assert_eq!(float_repr(f64::NEG_INFINITY), "-inf");
    assert_eq!(float_repr(f64::NAN), "nan");
    assert_eq!(float_repr(2.5), "2.5");
    assert_eq!(float_repr(1e+22), "1e+22");
    assert_eq!(float_repr(1e+100), "1e+100");
    assert_eq!(float_repr(-1.5), "-1.5");
    assert_eq!(float_repr(0.001), "0.001");
    assert_eq!(float_repr(12345.678), "12345.678");
    assert_eq!(float_repr(9007199254740992.0), "9007199254740992.0");
    assert_eq!(float_repr(9.223372036854776e+18), "9.223372036854776e+18");
    assert_eq!(float_repr(1e-300), "1e-300");
    assert_eq!(float_repr(4.35), "4.35");
    assert_eq!(float_repr(0.3), "0.3");
    assert_eq!(float_repr(1.1), "1.1");
    assert_eq!(float_repr(-1.23456e-08), "-1.23456e-08");
    assert_eq!(float_repr(1e+23), "1e+23");
    assert_eq!(float_repr(1e+23), "1e+23");
}

#[test]
fn format_float_cases() {
    assert_eq!(ff(0.0, ""), Ok("0.0".to_string()));
    assert_eq!(ff(0.0, "f"), Ok("0.000000".to_string()));
    assert_eq!(ff(0.0, ".2f"), Ok("0.00".to_string()));
    assert_eq!(ff(0.0, ".0f"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "#.0f"), Ok("0.".to_string()));
    assert_eq!(ff(0.0, "e"), Ok("0.000000e+00".to_string()));
    assert_eq!(ff(0.0, ".3e"), Ok("0.000e+00".to_string()));
    assert_eq!(ff(0.0, "E"), Ok("0.000000E+00".to_string()));
    assert_eq!(ff(0.0, "g"), Ok("0".to_string()));
    assert_eq!(ff(0.0, ".3g"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "G"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "#g"), Ok("0.00000".to_string()));
    assert_eq!(ff(0.0, ".0g"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "%"), Ok("0.000000%".to_string()));
    assert_eq!(ff(0.0, ".1%"), Ok("0.0%".to_string()));
    assert_eq!(ff(0.0, ","), Ok("0.0".to_string()));
    assert_eq!(ff(0.0, ",.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(0.0, "020,.2f"), Ok("0,000,000,000,000.00".to_string()));
    assert_eq!(ff(0.0, "_.3f"), Ok("0.000".to_string()));
    assert_eq!(ff(0.0, "+"), Ok("+0.0".to_string()));
    assert_eq!(ff(0.0, " "), Ok(" 0.0".to_string()));
    assert_eq!(ff(0.0, "010.3f"), Ok("000000.000".to_string()));
    assert_eq!(ff(0.0, "^12.3f"), Ok("   0.000    ".to_string()));
    assert_eq!(ff(0.0, "*<12g"), Ok("0***********".to_string()));
    assert_eq!(ff(0.0, "=+12.2f"), Ok("+       0.00".to_string()));
    assert_eq!(ff(0.0, ".3"), Ok("0.0".to_string()));
    assert_eq!(ff(0.0, "#.3"), Ok("0.00".to_string()));
    assert_eq!(ff(0.0, "z.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(0.0, "n"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "0=15,.1f"), Ok("0,000,000,000.0".to_string()));
    assert_eq!(ff(0.0, ".20g"), Ok("0".to_string()));
    assert_eq!(ff(0.0, "#.0e"), Ok("0.e+00".to_string()));
    assert_eq!(ff(0.0, "F"), Ok("0.000000".to_string()));
    assert_eq!(ff(0.0, "-^11.1f"), Ok("----0.0----".to_string()));
    assert_eq!(ff(0.0, "+012_.1f"), Ok("+0_000_000.0".to_string()));
    assert_eq!(ff(-0.0, ""), Ok("-0.0".to_string()));
    assert_eq!(ff(-0.0, "f"), Ok("-0.000000".to_string()));
    assert_eq!(ff(-0.0, ".2f"), Ok("-0.00".to_string()));
    assert_eq!(ff(-0.0, ".0f"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "#.0f"), Ok("-0.".to_string()));
    assert_eq!(ff(-0.0, "e"), Ok("-0.000000e+00".to_string()));
    assert_eq!(ff(-0.0, ".3e"), Ok("-0.000e+00".to_string()));
    assert_eq!(ff(-0.0, "E"), Ok("-0.000000E+00".to_string()));
    assert_eq!(ff(-0.0, "g"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, ".3g"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "G"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "#g"), Ok("-0.00000".to_string()));
    assert_eq!(ff(-0.0, ".0g"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "%"), Ok("-0.000000%".to_string()));
    assert_eq!(ff(-0.0, ".1%"), Ok("-0.0%".to_string()));
    assert_eq!(ff(-0.0, ","), Ok("-0.0".to_string()));
    assert_eq!(ff(-0.0, ",.2f"), Ok("-0.00".to_string()));
    assert_eq!(ff(-0.0, "020,.2f"), Ok("-0,000,000,000,000.00".to_string()));
    assert_eq!(ff(-0.0, "_.3f"), Ok("-0.000".to_string()));
    assert_eq!(ff(-0.0, "+"), Ok("-0.0".to_string()));
    assert_eq!(ff(-0.0, " "), Ok("-0.0".to_string()));
    assert_eq!(ff(-0.0, "010.3f"), Ok("-00000.000".to_string()));
    assert_eq!(ff(-0.0, "^12.3f"), Ok("   -0.000   ".to_string()));
    assert_eq!(ff(-0.0, "*<12g"), Ok("-0**********".to_string()));
    assert_eq!(ff(-0.0, "=+12.2f"), Ok("-       0.00".to_string()));
    assert_eq!(ff(-0.0, ".3"), Ok("-0.0".to_string()));
    assert_eq!(ff(-0.0, "#.3"), Ok("-0.00".to_string()));
    assert_eq!(ff(-0.0, "z.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(-0.0, "n"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "0=15,.1f"), Ok("-0,000,000,000.0".to_string()));
    assert_eq!(ff(-0.0, ".20g"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0, "#.0e"), Ok("-0.e+00".to_string()));
    assert_eq!(ff(-0.0, "F"), Ok("-0.000000".to_string()));
    assert_eq!(ff(-0.0, "-^11.1f"), Ok("----0.0----".to_string()));
    assert_eq!(ff(-0.0, "+012_.1f"), Ok("-0_000_000.0".to_string()));
    assert_eq!(ff(1.0, ""), Ok("1.0".to_string()));
    assert_eq!(ff(1.0, "f"), Ok("1.000000".to_string()));
    assert_eq!(ff(1.0, ".2f"), Ok("1.00".to_string()));
    assert_eq!(ff(1.0, ".0f"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "#.0f"), Ok("1.".to_string()));
    assert_eq!(ff(1.0, "e"), Ok("1.000000e+00".to_string()));
    assert_eq!(ff(1.0, ".3e"), Ok("1.000e+00".to_string()));
    assert_eq!(ff(1.0, "E"), Ok("1.000000E+00".to_string()));
    assert_eq!(ff(1.0, "g"), Ok("1".to_string()));
    assert_eq!(ff(1.0, ".3g"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "G"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "#g"), Ok("1.00000".to_string()));
    assert_eq!(ff(1.0, ".0g"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "%"), Ok("100.000000%".to_string()));
    assert_eq!(ff(1.0, ".1%"), Ok("100.0%".to_string()));
    assert_eq!(ff(1.0, ","), Ok("1.0".to_string()));
    assert_eq!(ff(1.0, ",.2f"), Ok("1.00".to_string()));
    assert_eq!(ff(1.0, "020,.2f"), Ok("0,000,000,000,001.00".to_string()));
    assert_eq!(ff(1.0, "_.3f"), Ok("1.000".to_string()));
    assert_eq!(ff(1.0, "+"), Ok("+1.0".to_string()));
    assert_eq!(ff(1.0, " "), Ok(" 1.0".to_string()));
    assert_eq!(ff(1.0, "010.3f"), Ok("000001.000".to_string()));
    assert_eq!(ff(1.0, "^12.3f"), Ok("   1.000    ".to_string()));
    assert_eq!(ff(1.0, "*<12g"), Ok("1***********".to_string()));
    assert_eq!(ff(1.0, "=+12.2f"), Ok("+       1.00".to_string()));
    assert_eq!(ff(1.0, ".3"), Ok("1.0".to_string()));
    assert_eq!(ff(1.0, "#.3"), Ok("1.00".to_string()));
    assert_eq!(ff(1.0, "z.2f"), Ok("1.00".to_string()));
    assert_eq!(ff(1.0, "n"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "0=15,.1f"), Ok("0,000,000,001.0".to_string()));
    assert_eq!(ff(1.0, ".20g"), Ok("1".to_string()));
    assert_eq!(ff(1.0, "#.0e"), Ok("1.e+00".to_string()));
    assert_eq!(ff(1.0, "F"), Ok("1.000000".to_string()));
    assert_eq!(ff(1.0, "-^11.1f"), Ok("----1.0----".to_string()));
    assert_eq!(ff(1.0, "+012_.1f"), Ok("+0_000_001.0".to_string()));
    assert_eq!(ff(-1.5, ""), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "f"), Ok("-1.500000".to_string()));
    assert_eq!(ff(-1.5, ".2f"), Ok("-1.50".to_string()));
    assert_eq!(ff(-1.5, ".0f"), Ok("-2".to_string()));
    assert_eq!(ff(-1.5, "#.0f"), Ok("-2.".to_string()));
    assert_eq!(ff(-1.5, "e"), Ok("-1.500000e+00".to_string()));
    assert_eq!(ff(-1.5, ".3e"), Ok("-1.500e+00".to_string()));
    assert_eq!(ff(-1.5, "E"), Ok("-1.500000E+00".to_string()));
    assert_eq!(ff(-1.5, "g"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, ".3g"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "G"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "#g"), Ok("-1.50000".to_string()));
    assert_eq!(ff(-1.5, ".0g"), Ok("-2".to_string()));
    assert_eq!(ff(-1.5, "%"), Ok("-150.000000%".to_string()));
    assert_eq!(ff(-1.5, ".1%"), Ok("-150.0%".to_string()));
    assert_eq!(ff(-1.5, ","), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, ",.2f"), Ok("-1.50".to_string()));
    assert_eq!(ff(-1.5, "020,.2f"), Ok("-0,000,000,000,001.50".to_string()));
    assert_eq!(ff(-1.5, "_.3f"), Ok("-1.500".to_string()));
    assert_eq!(ff(-1.5, "+"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, " "), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "010.3f"), Ok("-00001.500".to_string()));
    assert_eq!(ff(-1.5, "^12.3f"), Ok("   -1.500   ".to_string()));
    assert_eq!(ff(-1.5, "*<12g"), Ok("-1.5********".to_string()));
    assert_eq!(ff(-1.5, "=+12.2f"), Ok("-       1.50".to_string()));
    assert_eq!(ff(-1.5, ".3"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "#.3"), Ok("-1.50".to_string()));
    assert_eq!(ff(-1.5, "z.2f"), Ok("-1.50".to_string()));
    assert_eq!(ff(-1.5, "n"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "0=15,.1f"), Ok("-0,000,000,001.5".to_string()));
    assert_eq!(ff(-1.5, ".20g"), Ok("-1.5".to_string()));
    assert_eq!(ff(-1.5, "#.0e"), Ok("-2.e+00".to_string()));
    assert_eq!(ff(-1.5, "F"), Ok("-1.500000".to_string()));
    assert_eq!(ff(-1.5, "-^11.1f"), Ok("----1.5----".to_string()));
    assert_eq!(ff(-1.5, "+012_.1f"), Ok("-0_000_001.5".to_string()));
    assert_eq!(ff(2.675, ""), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, "f"), Ok("2.675000".to_string()));
    assert_eq!(ff(2.675, ".2f"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, ".0f"), Ok("3".to_string()));
    assert_eq!(ff(2.675, "#.0f"), Ok("3.".to_string()));
    assert_eq!(ff(2.675, "e"), Ok("2.675000e+00".to_string()));
    assert_eq!(ff(2.675, ".3e"), Ok("2.675e+00".to_string()));
    assert_eq!(ff(2.675, "E"), Ok("2.675000E+00".to_string()));
    assert_eq!(ff(2.675, "g"), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, ".3g"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, "G"), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, "#g"), Ok("2.67500".to_string()));
    assert_eq!(ff(2.675, ".0g"), Ok("3".to_string()));
    assert_eq!(ff(2.675, "%"), Ok("267.500000%".to_string()));
    assert_eq!(ff(2.675, ".1%"), Ok("267.5%".to_string()));
    assert_eq!(ff(2.675, ","), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, ",.2f"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, "020,.2f"), Ok("0,000,000,000,002.67".to_string()));
    assert_eq!(ff(2.675, "_.3f"), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, "+"), Ok("+2.675".to_string()));
    assert_eq!(ff(2.675, " "), Ok(" 2.675".to_string()));
    assert_eq!(ff(2.675, "010.3f"), Ok("000002.675".to_string()));
    assert_eq!(ff(2.675, "^12.3f"), Ok("   2.675    ".to_string()));
    assert_eq!(ff(2.675, "*<12g"), Ok("2.675*******".to_string()));
    assert_eq!(ff(2.675, "=+12.2f"), Ok("+       2.67".to_string()));
    assert_eq!(ff(2.675, ".3"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, "#.3"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, "z.2f"), Ok("2.67".to_string()));
    assert_eq!(ff(2.675, "n"), Ok("2.675".to_string()));
    assert_eq!(ff(2.675, "0=15,.1f"), Ok("0,000,000,002.7".to_string()));
    assert_eq!(ff(2.675, ".20g"), Ok("2.6749999999999998224".to_string()));
    assert_eq!(ff(2.675, "#.0e"), Ok("3.e+00".to_string()));
    assert_eq!(ff(2.675, "F"), Ok("2.675000".to_string()));
    assert_eq!(ff(2.675, "-^11.1f"), Ok("----2.7----".to_string()));
    assert_eq!(ff(2.675, "+012_.1f"), Ok("+0_000_002.7".to_string()));
    assert_eq!(ff(0.125, ""), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "f"), Ok("0.125000".to_string()));
    assert_eq!(ff(0.125, ".2f"), Ok("0.12".to_string()));
    assert_eq!(ff(0.125, ".0f"), Ok("0".to_string()));
    assert_eq!(ff(0.125, "#.0f"), Ok("0.".to_string()));
    assert_eq!(ff(0.125, "e"), Ok("1.250000e-01".to_string()));
    assert_eq!(ff(0.125, ".3e"), Ok("1.250e-01".to_string()));
    assert_eq!(ff(0.125, "E"), Ok("1.250000E-01".to_string()));
    assert_eq!(ff(0.125, "g"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, ".3g"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "G"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "#g"), Ok("0.125000".to_string()));
    assert_eq!(ff(0.125, ".0g"), Ok("0.1".to_string()));
    assert_eq!(ff(0.125, "%"), Ok("12.500000%".to_string()));
    assert_eq!(ff(0.125, ".1%"), Ok("12.5%".to_string()));
    assert_eq!(ff(0.125, ","), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, ",.2f"), Ok("0.12".to_string()));
    assert_eq!(ff(0.125, "020,.2f"), Ok("0,000,000,000,000.12".to_string()));
    assert_eq!(ff(0.125, "_.3f"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "+"), Ok("+0.125".to_string()));
    assert_eq!(ff(0.125, " "), Ok(" 0.125".to_string()));
    assert_eq!(ff(0.125, "010.3f"), Ok("000000.125".to_string()));
    assert_eq!(ff(0.125, "^12.3f"), Ok("   0.125    ".to_string()));
    assert_eq!(ff(0.125, "*<12g"), Ok("0.125*******".to_string()));
    assert_eq!(ff(0.125, "=+12.2f"), Ok("+       0.12".to_string()));
    assert_eq!(ff(0.125, ".3"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "#.3"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "z.2f"), Ok("0.12".to_string()));
    assert_eq!(ff(0.125, "n"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "0=15,.1f"), Ok("0,000,000,000.1".to_string()));
    assert_eq!(ff(0.125, ".20g"), Ok("0.125".to_string()));
    assert_eq!(ff(0.125, "#.0e"), Ok("1.e-01".to_string()));
    assert_eq!(ff(0.125, "F"), Ok("0.125000".to_string()));
    assert_eq!(ff(0.125, "-^11.1f"), Ok("----0.1----".to_string()));
    assert_eq!(ff(0.125, "+012_.1f"), Ok("+0_000_000.1".to_string()));
    assert_eq!(ff(2.5, ""), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "f"), Ok("2.500000".to_string()));
    assert_eq!(ff(2.5, ".2f"), Ok("2.50".to_string()));
    assert_eq!(ff(2.5, ".0f"), Ok("2".to_string()));
    assert_eq!(ff(2.5, "#.0f"), Ok("2.".to_string()));
    assert_eq!(ff(2.5, "e"), Ok("2.500000e+00".to_string()));
    assert_eq!(ff(2.5, ".3e"), Ok("2.500e+00".to_string()));
    assert_eq!(ff(2.5, "E"), Ok("2.500000E+00".to_string()));
    assert_eq!(ff(2.5, "g"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, ".3g"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "G"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "#g"), Ok("2.50000".to_string()));
    assert_eq!(ff(2.5, ".0g"), Ok("2".to_string()));
    assert_eq!(ff(2.5, "%"), Ok("250.000000%".to_string()));
    assert_eq!(ff(2.5, ".1%"), Ok("250.0%".to_string()));
    assert_eq!(ff(2.5, ","), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, ",.2f"), Ok("2.50".to_string()));
    assert_eq!(ff(2.5, "020,.2f"), Ok("0,000,000,000,002.50".to_string()));
    assert_eq!(ff(2.5, "_.3f"), Ok("2.500".to_string()));
    assert_eq!(ff(2.5, "+"), Ok("+2.5".to_string()));
    assert_eq!(ff(2.5, " "), Ok(" 2.5".to_string()));
    assert_eq!(ff(2.5, "010.3f"), Ok("000002.500".to_string()));
    assert_eq!(ff(2.5, "^12.3f"), Ok("   2.500    ".to_string()));
    assert_eq!(ff(2.5, "*<12g"), Ok("2.5*********".to_string()));
    assert_eq!(ff(2.5, "=+12.2f"), Ok("+       2.50".to_string()));
    assert_eq!(ff(2.5, ".3"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "#.3"), Ok("2.50".to_string()));
    assert_eq!(ff(2.5, "z.2f"), Ok("2.50".to_string()));
    assert_eq!(ff(2.5, "n"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "0=15,.1f"), Ok("0,000,000,002.5".to_string()));
    assert_eq!(ff(2.5, ".20g"), Ok("2.5".to_string()));
    assert_eq!(ff(2.5, "#.0e"), Ok("2.e+00".to_string()));
    assert_eq!(ff(2.5, "F"), Ok("2.500000".to_string()));
    assert_eq!(ff(2.5, "-^11.1f"), Ok("----2.5----".to_string()));
    assert_eq!(ff(2.5, "+012_.1f"), Ok("+0_000_002.5".to_string()));
    assert_eq!(ff(1234567.891, ""), Ok("1234567.891".to_string()));
    assert_eq!(ff(1234567.891, "f"), Ok("1234567.891000".to_string()));
    assert_eq!(ff(1234567.891, ".2f"), Ok("1234567.89".to_string()));
    assert_eq!(ff(1234567.891, ".0f"), Ok("1234568".to_string()));
    assert_eq!(ff(1234567.891, "#.0f"), Ok("1234568.".to_string()));
    assert_eq!(ff(1234567.891, "e"), Ok("1.234568e+06".to_string()));
    assert_eq!(ff(1234567.891, ".3e"), Ok("1.235e+06".to_string()));
    assert_eq!(ff(1234567.891, "E"), Ok("1.234568E+06".to_string()));
    assert_eq!(ff(1234567.891, "g"), Ok("1.23457e+06".to_string()));
    assert_eq!(ff(1234567.891, ".3g"), Ok("1.23e+06".to_string()));
    assert_eq!(ff(1234567.891, "G"), Ok("1.23457E+06".to_string()));
    assert_eq!(ff(1234567.891, "#g"), Ok("1.23457e+06".to_string()));
    assert_eq!(ff(1234567.891, ".0g"), Ok("1e+06".to_string()));
    assert_eq!(ff(1234567.891, "%"), Ok("123456789.100000%".to_string()));
    assert_eq!(ff(1234567.891, ".1%"), Ok("123456789.1%".to_string()));
    assert_eq!(ff(1234567.891, ","), Ok("1,234,567.891".to_string()));
    assert_eq!(ff(1234567.891, ",.2f"), Ok("1,234,567.89".to_string()));
    assert_eq!(ff(1234567.891, "020,.2f"), Ok("0,000,001,234,567.89".to_string()));
    assert_eq!(ff(1234567.891, "_.3f"), Ok("1_234_567.891".to_string()));
    assert_eq!(ff(1234567.891, "+"), Ok("+1234567.891".to_string()));
    assert_eq!(ff(1234567.891, " "), Ok(" 1234567.891".to_string()));
    assert_eq!(ff(1234567.891, "010.3f"), Ok("1234567.891".to_string()));
    assert_eq!(ff(1234567.891, "^12.3f"), Ok("1234567.891 ".to_string()));
    assert_eq!(ff(1234567.891, "*<12g"), Ok("1.23457e+06*".to_string()));
    assert_eq!(ff(1234567.891, "=+12.2f"), Ok("+ 1234567.89".to_string()));
    assert_eq!(ff(1234567.891, ".3"), Ok("1.23e+06".to_string()));
    assert_eq!(ff(1234567.891, "#.3"), Ok("1.23e+06".to_string()));
    assert_eq!(ff(1234567.891, "z.2f"), Ok("1234567.89".to_string()));
    assert_eq!(ff(1234567.891, "n"), Ok("1.23457e+06".to_string()));
    assert_eq!(ff(1234567.891, "0=15,.1f"), Ok("0,001,234,567.9".to_string()));
    assert_eq!(ff(1234567.891, ".20g"), Ok("1234567.8910000000615".to_string()));
    assert_eq!(ff(1234567.891, "#.0e"), Ok("1.e+06".to_string()));
    assert_eq!(ff(1234567.891, "F"), Ok("1234567.891000".to_string()));
    assert_eq!(ff(1234567.891, "-^11.1f"), Ok("-1234567.9-".to_string()));
    assert_eq!(ff(1234567.891, "+012_.1f"), Ok("+1_234_567.9".to_string()));
    assert_eq!(ff(-1234567.891, ""), Ok("-1234567.891".to_string()));
    assert_eq!(ff(-1234567.891, "f"), Ok("-1234567.891000".to_string()));
    assert_eq!(ff(-1234567.891, ".2f"), Ok("-1234567.89".to_string()));
    assert_eq!(ff(-1234567.891, ".0f"), Ok("-1234568".to_string()));
    assert_eq!(ff(-1234567.891, "#.0f"), Ok("-1234568.".to_string()));
    assert_eq!(ff(-1234567.891, "e"), Ok("-1.234568e+06".to_string()));
    assert_eq!(ff(-1234567.891, ".3e"), Ok("-1.235e+06".to_string()));
    assert_eq!(ff(-1234567.891, "E"), Ok("-1.234568E+06".to_string()));
    assert_eq!(ff(-1234567.891, "g"), Ok("-1.23457e+06".to_string()));
    assert_eq!(ff(-1234567.891, ".3g"), Ok("-1.23e+06".to_string()));
    assert_eq!(ff(-1234567.891, "G"), Ok("-1.23457E+06".to_string()));
    assert_eq!(ff(-1234567.891, "#g"), Ok("-1.23457e+06".to_string()));
    assert_eq!(ff(-1234567.891, ".0g"), Ok("-1e+06".to_string()));
    assert_eq!(ff(-1234567.891, "%"), Ok("-123456789.100000%".to_string()));
    assert_eq!(ff(-1234567.891, ".1%"), Ok("-123456789.1%".to_string()));
    assert_eq!(ff(-1234567.891, ","), Ok("-1,234,567.891".to_string()));
    assert_eq!(ff(-1234567.891, ",.2f"), Ok("-1,234,567.89".to_string()));
    assert_eq!(ff(-1234567.891, "020,.2f"), Ok("-0,000,001,234,567.89".to_string()));
    assert_eq!(ff(-1234567.891, "_.3f"), Ok("-1_234_567.891".to_string()));
    assert_eq!(ff(-1234567.891, "+"), Ok("-1234567.891".to_string()));
    assert_eq!(ff(-1234567.891, " "), Ok("-1234567.891".to_string()));
    assert_eq!(ff(-1234567.891, "010.3f"), Ok("-1234567.891".to_string()));
    assert_eq!(ff(-1234567.891, "^12.3f"), Ok("-1234567.891".to_string()));
    assert_eq!(ff(-1234567.891, "*<12g"), Ok("-1.23457e+06".to_string()));
    assert_eq!(ff(-1234567.891, "=+12.2f"), Ok("- 1234567.89".to_string()));
    assert_eq!(ff(-1234567.891, ".3"), Ok("-1.23e+06".to_string()));
    assert_eq!(ff(-1234567.891, "#.3"), Ok("-1.23e+06".to_string()));
    assert_eq!(ff(-1234567.891, "z.2f"), Ok("-1234567.89".to_string()));
    assert_eq!(ff(-1234567.891, "n"), Ok("-1.23457e+06".to_string()));
    assert_eq!(ff(-1234567.891, "0=15,.1f"), Ok("-0,001,234,567.9".to_string()));
    assert_eq!(ff(-1234567.891, ".20g"), Ok("-1234567.8910000000615".to_string()));
    assert_eq!(ff(-1234567.891, "#.0e"), Ok("-1.e+06".to_string()));
    assert_eq!(ff(-1234567.891, "F"), Ok("-1234567.891000".to_string()));
    assert_eq!(ff(-1234567.891, "-^11.1f"), Ok("-1234567.9-".to_string()));
    assert_eq!(ff(-1234567.891, "+012_.1f"), Ok("-1_234_567.9".to_string()));
    assert_eq!(ff(1e-05, ""), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, "f"), Ok("0.000010".to_string()));
    assert_eq!(ff(1e-05, ".2f"), Ok("0.00".to_string()));
    assert_eq!(ff(1e-05, ".0f"), Ok("0".to_string()));
    assert_eq!(ff(1e-05, "#.0f"), Ok("0.".to_string()));
    assert_eq!(ff(1e-05, "e"), Ok("1.000000e-05".to_string()));
    assert_eq!(ff(1e-05, ".3e"), Ok("1.000e-05".to_string()));
    assert_eq!(ff(1e-05, "E"), Ok("1.000000E-05".to_string()));
    assert_eq!(ff(1e-05, "g"), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, ".3g"), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, "G"), Ok("1E-05".to_string()));
    assert_eq!(ff(1e-05, "#g"), Ok("1.00000e-05".to_string()));
    assert_eq!(ff(1e-05, ".0g"), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, "%"), Ok("0.001000%".to_string()));
    assert_eq!(ff(1e-05, ".1%"), Ok("0.0%".to_string()));
    assert_eq!(ff(1e-05, ","), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, ",.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(1e-05, "020,.2f"), Ok("0,000,000,000,000.00".to_string()));
    assert_eq!(ff(1e-05, "_.3f"), Ok("0.000".to_string()));
    assert_eq!(ff(1e-05, "+"), Ok("+1e-05".to_string()));
    assert_eq!(ff(1e-05, " "), Ok(" 1e-05".to_string()));
    assert_eq!(ff(1e-05, "010.3f"), Ok("000000.000".to_string()));
    assert_eq!(ff(1e-05, "^12.3f"), Ok("   0.000    ".to_string()));
    assert_eq!(ff(1e-05, "*<12g"), Ok("1e-05*******".to_string()));
    assert_eq!(ff(1e-05, "=+12.2f"), Ok("+       0.00".to_string()));
    assert_eq!(ff(1e-05, ".3"), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, "#.3"), Ok("1.00e-05".to_string()));
    assert_eq!(ff(1e-05, "z.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(1e-05, "n"), Ok("1e-05".to_string()));
    assert_eq!(ff(1e-05, "0=15,.1f"), Ok("0,000,000,000.0".to_string()));
    assert_eq!(ff(1e-05, ".20g"), Ok("1.0000000000000000818e-05".to_string()));
    assert_eq!(ff(1e-05, "#.0e"), Ok("1.e-05".to_string()));
    assert_eq!(ff(1e-05, "F"), Ok("0.000010".to_string()));
    assert_eq!(ff(1e-05, "-^11.1f"), Ok("----0.0----".to_string()));
    assert_eq!(ff(1e-05, "+012_.1f"), Ok("+0_000_000.0".to_string()));
    assert_eq!(ff(1e+16, ""), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, "f"), Ok("10000000000000000.000000".to_string()));
    assert_eq!(ff(1e+16, ".2f"), Ok("10000000000000000.00".to_string()));
    assert_eq!(ff(1e+16, ".0f"), Ok("10000000000000000".to_string()));
    assert_eq!(ff(1e+16, "#.0f"), Ok("10000000000000000.".to_string()));
    assert_eq!(ff(1e+16, "e"), Ok("1.000000e+16".to_string()));
    assert_eq!(ff(1e+16, ".3e"), Ok("1.000e+16".to_string()));
    assert_eq!(ff(1e+16, "E"), Ok("1.000000E+16".to_string()));
    assert_eq!(ff(1e+16, "g"), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, ".3g"), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, "G"), Ok("1E+16".to_string()));
    assert_eq!(ff(1e+16, "#g"), Ok("1.00000e+16".to_string()));
    assert_eq!(ff(1e+16, ".0g"), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, "%"), Ok("1000000000000000000.000000%".to_string()));
    assert_eq!(ff(1e+16, ".1%"), Ok("1000000000000000000.0%".to_string()));
    assert_eq!(ff(1e+16, ","), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, ",.2f"), Ok("10,000,000,000,000,000.00".to_string()));
    assert_eq!(ff(1e+16, "020,.2f"), Ok("10,000,000,000,000,000.00".to_string()));
    assert_eq!(ff(1e+16, "_.3f"), Ok("10_000_000_000_000_000.000".to_string()));
    assert_eq!(ff(1e+16, "+"), Ok("+1e+16".to_string()));
    assert_eq!(ff(1e+16, " "), Ok(" 1e+16".to_string()));
    assert_eq!(ff(1e+16, "010.3f"), Ok("10000000000000000.000".to_string()));
    assert_eq!(ff(1e+16, "^12.3f"), Ok("10000000000000000.000".to_string()));
    assert_eq!(ff(1e+16, "*<12g"), Ok("1e+16*******".to_string()));
    assert_eq!(ff(1e+16, "=+12.2f"), Ok("+10000000000000000.00".to_string()));
    assert_eq!(ff(1e+16, ".3"), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, "#.3"), Ok("1.00e+16".to_string()));
    assert_eq!(ff(1e+16, "z.2f"), Ok("10000000000000000.00".to_string()));
    assert_eq!(ff(1e+16, "n"), Ok("1e+16".to_string()));
    assert_eq!(ff(1e+16, "0=15,.1f"), Ok("10,000,000,000,000,000.0".to_string()));
    assert_eq!(ff(1e+16, ".20g"), Ok("10000000000000000".to_string()));
    assert_eq!(ff(1e+16, "#.0e"), Ok("1.e+16".to_string()));
    assert_eq!(ff(1e+16, "F"), Ok("10000000000000000.000000".to_string()));
    assert_eq!(ff(1e+16, "-^11.1f"), Ok("10000000000000000.0".to_string()));
    assert_eq!(ff(1e+16, "+012_.1f"), Ok("+10_000_000_000_000_000.0".to_string()));
    assert_eq!(ff(123456789.0, ""), Ok("123456789.0".to_string()));
    assert_eq!(ff(123456789.0, "f"), Ok("123456789.000000".to_string()));
    assert_eq!(ff(123456789.0, ".2f"), Ok("123456789.00".to_string()));
    assert_eq!(ff(123456789.0, ".0f"), Ok("123456789".to_string()));
    assert_eq!(ff(123456789.0, "#.0f"), Ok("123456789.".to_string()));
    assert_eq!(ff(123456789.0, "e"), Ok("1.234568e+08".to_string()));
    assert_eq!(ff(123456789.0, ".3e"), Ok("1.235e+08".to_string()));
    assert_eq!(ff(123456789.0, "E"), Ok("1.234568E+08".to_string()));
    assert_eq!(ff(123456789.0, "g"), Ok("1.23457e+08".to_string()));
    assert_eq!(ff(123456789.0, ".3g"), Ok("1.23e+08".to_string()));
    assert_eq!(ff(123456789.0, "G"), Ok("1.23457E+08".to_string()));
    assert_eq!(ff(123456789.0, "#g"), Ok("1.23457e+08".to_string()));
    assert_eq!(ff(123456789.0, ".0g"), Ok("1e+08".to_string()));
    assert_eq!(ff(123456789.0, "%"), Ok("12345678900.000000%".to_string()));
    assert_eq!(ff(123456789.0, ".1%"), Ok("12345678900.0%".to_string()));
    assert_eq!(ff(123456789.0, ","), Ok("123,456,789.0".to_string()));
    assert_eq!(ff(123456789.0, ",.2f"), Ok("123,456,789.00".to_string()));
    assert_eq!(ff(123456789.0, "020,.2f"), Ok("0,000,123,456,789.00".to_string()));
    assert_eq!(ff(123456789.0, "_.3f"), Ok("123_456_789.000".to_string()));
    assert_eq!(ff(123456789.0, "+"), Ok("+123456789.0".to_string()));
    assert_eq!(ff(123456789.0, " "), Ok(" 123456789.0".to_string()));
    assert_eq!(ff(123456789.0, "010.3f"), Ok("123456789.000".to_string()));
    assert_eq!(ff(123456789.0, "^12.3f"), Ok("123456789.000".to_string()));
    assert_eq!(ff(123456789.0, "*<12g"), Ok("1.23457e+08*".to_string()));
    assert_eq!(ff(123456789.0, "=+12.2f"), Ok("+123456789.00".to_string()));
    assert_eq!(ff(123456789.0, ".3"), Ok("1.23e+08".to_string()));
    assert_eq!(ff(123456789.0, "#.3"), Ok("1.23e+08".to_string()));
    assert_eq!(ff(123456789.0, "z.2f"), Ok("123456789.00".to_string()));
    assert_eq!(ff(123456789.0, "n"), Ok("1.23457e+08".to_string()));
    assert_eq!(ff(123456789.0, "0=15,.1f"), Ok("0,123,456,789.0".to_string()));
    assert_eq!(ff(123456789.0, ".20g"), Ok("123456789".to_string()));
    assert_eq!(ff(123456789.0, "#.0e"), Ok("1.e+08".to_string()));
    assert_eq!(ff(123456789.0, "F"), Ok("123456789.000000".to_string()));
    assert_eq!(ff(123456789.0, "-^11.1f"), Ok("123456789.0".to_string()));
    assert_eq!(ff(123456789.0, "+012_.1f"), Ok("+123_456_789.0".to_string()));
    assert_eq!(ff(0.3333333333333333, ""), Ok("0.3333333333333333".to_string()));
    assert_eq!(ff(0.3333333333333333, "f"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, ".2f"), Ok("0.33".to_string()));
    assert_eq!(ff(0.3333333333333333, ".0f"), Ok("0".to_string()));
    assert_eq!(ff(0.3333333333333333, "#.0f"), Ok("0.".to_string()));
    assert_eq!(ff(0.3333333333333333, "e"), Ok("3.333333e-01".to_string()));
    assert_eq!(ff(0.3333333333333333, ".3e"), Ok("3.333e-01".to_string()));
    assert_eq!(ff(0.3333333333333333, "E"), Ok("3.333333E-01".to_string()));
    assert_eq!(ff(0.3333333333333333, "g"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, ".3g"), Ok("0.333".to_string()));
    assert_eq!(ff(0.3333333333333333, "G"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, "#g"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, ".0g"), Ok("0.3".to_string()));
    assert_eq!(ff(0.3333333333333333, "%"), Ok("33.333333%".to_string()));
    assert_eq!(ff(0.3333333333333333, ".1%"), Ok("33.3%".to_string()));
    assert_eq!(ff(0.3333333333333333, ","), Ok("0.3333333333333333".to_string()));
    assert_eq!(ff(0.3333333333333333, ",.2f"), Ok("0.33".to_string()));
    assert_eq!(ff(0.3333333333333333, "020,.2f"), Ok("0,000,000,000,000.33".to_string()));
    assert_eq!(ff(0.3333333333333333, "_.3f"), Ok("0.333".to_string()));
    assert_eq!(ff(0.3333333333333333, "+"), Ok("+0.3333333333333333".to_string()));
    assert_eq!(ff(0.3333333333333333, " "), Ok(" 0.3333333333333333".to_string()));
    assert_eq!(ff(0.3333333333333333, "010.3f"), Ok("000000.333".to_string()));
    assert_eq!(ff(0.3333333333333333, "^12.3f"), Ok("   0.333    ".to_string()));
    assert_eq!(ff(0.3333333333333333, "*<12g"), Ok("0.333333****".to_string()));
    assert_eq!(ff(0.3333333333333333, "=+12.2f"), Ok("+       0.33".to_string()));
    assert_eq!(ff(0.3333333333333333, ".3"), Ok("0.333".to_string()));
    assert_eq!(ff(0.3333333333333333, "#.3"), Ok("0.333".to_string()));
    assert_eq!(ff(0.3333333333333333, "z.2f"), Ok("0.33".to_string()));
    assert_eq!(ff(0.3333333333333333, "n"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, "0=15,.1f"), Ok("0,000,000,000.3".to_string()));
    assert_eq!(ff(0.3333333333333333, ".20g"), Ok("0.33333333333333331483".to_string()));
    assert_eq!(ff(0.3333333333333333, "#.0e"), Ok("3.e-01".to_string()));
    assert_eq!(ff(0.3333333333333333, "F"), Ok("0.333333".to_string()));
    assert_eq!(ff(0.3333333333333333, "-^11.1f"), Ok("----0.3----".to_string()));
    assert_eq!(ff(0.3333333333333333, "+012_.1f"), Ok("+0_000_000.3".to_string()));
    assert_eq!(ff(f64::INFINITY, ""), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".2f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".0f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "#.0f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "e"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".3e"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "E"), Ok("INF".to_string()));
    assert_eq!(ff(f64::INFINITY, "g"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".3g"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "G"), Ok("INF".to_string()));
    assert_eq!(ff(f64::INFINITY, "#g"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".0g"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "%"), Ok("inf%".to_string()));
    assert_eq!(ff(f64::INFINITY, ".1%"), Ok("inf%".to_string()));
    assert_eq!(ff(f64::INFINITY, ","), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ",.2f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "020,.2f"), Ok("00000000000000000inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "_.3f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "+"), Ok("+inf".to_string()));
    assert_eq!(ff(f64::INFINITY, " "), Ok(" inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "010.3f"), Ok("0000000inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "^12.3f"), Ok("    inf     ".to_string()));
    assert_eq!(ff(f64::INFINITY, "*<12g"), Ok("inf*********".to_string()));
    assert_eq!(ff(f64::INFINITY, "=+12.2f"), Ok("+        inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".3"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "#.3"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "z.2f"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "n"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "0=15,.1f"), Ok("000000000000inf".to_string()));
    assert_eq!(ff(f64::INFINITY, ".20g"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "#.0e"), Ok("inf".to_string()));
    assert_eq!(ff(f64::INFINITY, "F"), Ok("INF".to_string()));
    assert_eq!(ff(f64::INFINITY, "-^11.1f"), Ok("----inf----".to_string()));
    assert_eq!(ff(f64::INFINITY, "+012_.1f"), Ok("+00000000inf".to_string()));
    assert_eq!(ff(f64::NAN, ""), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ".2f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ".0f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "#.0f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "e"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ".3e"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "E"), Ok("NAN".to_string()));
    assert_eq!(ff(f64::NAN, "g"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ".3g"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "G"), Ok("NAN".to_string()));
    assert_eq!(ff(f64::NAN, "#g"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ".0g"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "%"), Ok("nan%".to_string()));
    assert_eq!(ff(f64::NAN, ".1%"), Ok("nan%".to_string()));
    assert_eq!(ff(f64::NAN, ","), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, ",.2f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "020,.2f"), Ok("00000000000000000nan".to_string()));
    assert_eq!(ff(f64::NAN, "_.3f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "+"), Ok("+nan".to_string()));
    assert_eq!(ff(f64::NAN, " "), Ok(" nan".to_string()));
    assert_eq!(ff(f64::NAN, "010.3f"), Ok("0000000nan".to_string()));
    assert_eq!(ff(f64::NAN, "^12.3f"), Ok("    nan     ".to_string()));
    assert_eq!(ff(f64::NAN, "*<12g"), Ok("nan*********".to_string()));
    assert_eq!(ff(f64::NAN, "=+12.2f"), Ok("+        nan".to_string()));
    assert_eq!(ff(f64::NAN, ".3"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "#.3"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "z.2f"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "n"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "0=15,.1f"), Ok("000000000000nan".to_string()));
    assert_eq!(ff(f64::NAN, ".20g"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "#.0e"), Ok("nan".to_string()));
    assert_eq!(ff(f64::NAN, "F"), Ok("NAN".to_string()));
    assert_eq!(ff(f64::NAN, "-^11.1f"), Ok("----nan----".to_string()));
    assert_eq!(ff(f64::NAN, "+012_.1f"), Ok("+00000000nan".to_string()));
    assert_eq!(ff(5e-324, ""), Ok("5e-324".to_string()));
    assert_eq!(ff(5e-324, "f"), Ok("0.000000".to_string()));
    assert_eq!(ff(5e-324, ".2f"), Ok("0.00".to_string()));
    assert_eq!(ff(5e-324, ".0f"), Ok("0".to_string()));
    assert_eq!(ff(5e-324, "#.0f"), Ok("0.".to_string()));
    assert_eq!(ff(5e-324, "e"), Ok("4.940656e-324".to_string()));
    assert_eq!(ff(5e-324, ".3e"), Ok("4.941e-324".to_string()));
    assert_eq!(ff(5e-324, "E"), Ok("4.940656E-324".to_string()));
    assert_eq!(ff(5e-324, "g"), Ok("4.94066e-324".to_string()));
    assert_eq!(ff(5e-324, ".3g"), Ok("4.94e-324".to_string()));
    assert_eq!(ff(5e-324, "G"), Ok("4.94066E-324".to_string()));
    assert_eq!(ff(5e-324, "#g"), Ok("4.94066e-324".to_string()));
    assert_eq!(ff(5e-324, ".0g"), Ok("5e-324".to_string()));
    assert_eq!(ff(5e-324, "%"), Ok("0.000000%".to_string()));
    assert_eq!(ff(5e-324, ".1%"), Ok("0.0%".to_string()));
    assert_eq!(ff(5e-324, ","), Ok("5e-324".to_string()));
    assert_eq!(ff(5e-324, ",.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(5e-324, "020,.2f"), Ok("0,000,000,000,000.00".to_string()));
    assert_eq!(ff(5e-324, "_.3f"), Ok("0.000".to_string()));
    assert_eq!(ff(5e-324, "+"), Ok("+5e-324".to_string()));
    assert_eq!(ff(5e-324, " "), Ok(" 5e-324".to_string()));
    assert_eq!(ff(5e-324, "010.3f"), Ok("000000.000".to_string()));
    assert_eq!(ff(5e-324, "^12.3f"), Ok("   0.000    ".to_string()));
    assert_eq!(ff(5e-324, "*<12g"), Ok("4.94066e-324".to_string()));
    assert_eq!(ff(5e-324, "=+12.2f"), Ok("+       0.00".to_string()));
    assert_eq!(ff(5e-324, ".3"), Ok("4.94e-324".to_string()));
    assert_eq!(ff(5e-324, "#.3"), Ok("4.94e-324".to_string()));
    assert_eq!(ff(5e-324, "z.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(5e-324, "n"), Ok("4.94066e-324".to_string()));
    assert_eq!(ff(5e-324, "0=15,.1f"), Ok("0,000,000,000.0".to_string()));
    assert_eq!(ff(5e-324, ".20g"), Ok("4.9406564584124654418e-324".to_string()));
    assert_eq!(ff(5e-324, "#.0e"), Ok("5.e-324".to_string()));
    assert_eq!(ff(5e-324, "F"), Ok("0.000000".to_string()));
    assert_eq!(ff(5e-324, "-^11.1f"), Ok("----0.0----".to_string()));
    assert_eq!(ff(5e-324, "+012_.1f"), Ok("+0_000_000.0".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ""), Ok("1.7976931348623157e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".2f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".0f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "#.0f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "e"), Ok("1.797693e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".3e"), Ok("1.798e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "E"), Ok("1.797693E+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "g"), Ok("1.79769e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".3g"), Ok("1.8e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "G"), Ok("1.79769E+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "#g"), Ok("1.79769e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".0g"), Ok("2e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "%"), Ok("inf%".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".1%"), Ok("inf%".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ","), Ok("1.7976931348623157e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ",.2f"), Ok("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368.00".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "020,.2f"), Ok("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368.00".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "_.3f"), Ok("179_769_313_486_231_570_814_527_423_731_704_356_798_070_567_525_844_996_598_917_476_803_157_260_780_028_538_760_589_558_632_766_878_171_540_458_953_514_382_464_234_321_326_889_464_182_768_467_546_703_537_516_986_049_910_576_551_282_076_245_490_090_389_328_944_075_868_508_455_133_942_304_583_236_903_222_948_165_808_559_332_123_348_274_797_826_204_144_723_168_738_177_180_919_299_881_250_404_026_184_124_858_368.000".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "+"), Ok("+1.7976931348623157e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, " "), Ok(" 1.7976931348623157e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "010.3f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "^12.3f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "*<12g"), Ok("1.79769e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "=+12.2f"), Ok("+179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".3"), Ok("1.8e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "#.3"), Ok("1.80e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "z.2f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.00".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "n"), Ok("1.79769e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "0=15,.1f"), Ok("179,769,313,486,231,570,814,527,423,731,704,356,798,070,567,525,844,996,598,917,476,803,157,260,780,028,538,760,589,558,632,766,878,171,540,458,953,514,382,464,234,321,326,889,464,182,768,467,546,703,537,516,986,049,910,576,551,282,076,245,490,090,389,328,944,075,868,508,455,133,942,304,583,236,903,222,948,165,808,559,332,123,348,274,797,826,204,144,723,168,738,177,180,919,299,881,250,404,026,184,124,858,368.0".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, ".20g"), Ok("1.7976931348623157081e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "#.0e"), Ok("2.e+308".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "F"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.000000".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "-^11.1f"), Ok("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368.0".to_string()));
    assert_eq!(ff(1.7976931348623157e+308, "+012_.1f"), Ok("+179_769_313_486_231_570_814_527_423_731_704_356_798_070_567_525_844_996_598_917_476_803_157_260_780_028_538_760_589_558_632_766_878_171_540_458_953_514_382_464_234_321_326_889_464_182_768_467_546_703_537_516_986_049_910_576_551_282_076_245_490_090_389_328_944_075_868_508_455_133_942_304_583_236_903_222_948_165_808_559_332_123_348_274_797_826_204_144_723_168_738_177_180_919_299_881_250_404_026_184_124_858_368.0".to_string()));
    assert_eq!(ff(999.9999, ""), Ok("999.9999".to_string()));
    assert_eq!(ff(999.9999, "f"), Ok("999.999900".to_string()));
    assert_eq!(ff(999.9999, ".2f"), Ok("1000.00".to_string()));
    assert_eq!(ff(999.9999, ".0f"), Ok("1000".to_string()));
    assert_eq!(ff(999.9999, "#.0f"), Ok("1000.".to_string()));
    assert_eq!(ff(999.9999, "e"), Ok("9.999999e+02".to_string()));
    assert_eq!(ff(999.9999, ".3e"), Ok("1.000e+03".to_string()));
    assert_eq!(ff(999.9999, "E"), Ok("9.999999E+02".to_string()));
    assert_eq!(ff(999.9999, "g"), Ok("1000".to_string()));
    assert_eq!(ff(999.9999, ".3g"), Ok("1e+03".to_string()));
    assert_eq!(ff(999.9999, "G"), Ok("1000".to_string()));
    assert_eq!(ff(999.9999, "#g"), Ok("1000.00".to_string()));
    assert_eq!(ff(999.9999, ".0g"), Ok("1e+03".to_string()));
    assert_eq!(ff(999.9999, "%"), Ok("99999.990000%".to_string()));
    assert_eq!(ff(999.9999, ".1%"), Ok("100000.0%".to_string()));
    assert_eq!(ff(999.9999, ","), Ok("999.9999".to_string()));
    assert_eq!(ff(999.9999, ",.2f"), Ok("1,000.00".to_string()));
    assert_eq!(ff(999.9999, "020,.2f"), Ok("0,000,000,001,000.00".to_string()));
    assert_eq!(ff(999.9999, "_.3f"), Ok("1_000.000".to_string()));
    assert_eq!(ff(999.9999, "+"), Ok("+999.9999".to_string()));
    assert_eq!(ff(999.9999, " "), Ok(" 999.9999".to_string()));
    assert_eq!(ff(999.9999, "010.3f"), Ok("001000.000".to_string()));
    assert_eq!(ff(999.9999, "^12.3f"), Ok("  1000.000  ".to_string()));
    assert_eq!(ff(999.9999, "*<12g"), Ok("1000********".to_string()));
    assert_eq!(ff(999.9999, "=+12.2f"), Ok("+    1000.00".to_string()));
    assert_eq!(ff(999.9999, ".3"), Ok("1e+03".to_string()));
    assert_eq!(ff(999.9999, "#.3"), Ok("1.00e+03".to_string()));
    assert_eq!(ff(999.9999, "z.2f"), Ok("1000.00".to_string()));
    assert_eq!(ff(999.9999, "n"), Ok("1000".to_string()));
    assert_eq!(ff(999.9999, "0=15,.1f"), Ok("0,000,001,000.0".to_string()));
    assert_eq!(ff(999.9999, ".20g"), Ok("999.9999000000000251".to_string()));
    assert_eq!(ff(999.9999, "#.0e"), Ok("1.e+03".to_string()));
    assert_eq!(ff(999.9999, "F"), Ok("999.999900".to_string()));
    assert_eq!(ff(999.9999, "-^11.1f"), Ok("--1000.0---".to_string()));
    assert_eq!(ff(999.9999, "+012_.1f"), Ok("+0_001_000.0".to_string()));
    assert_eq!(ff(-0.0004, ""), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "f"), Ok("-0.000400".to_string()));
    assert_eq!(ff(-0.0004, ".2f"), Ok("-0.00".to_string()));
    assert_eq!(ff(-0.0004, ".0f"), Ok("-0".to_string()));
    assert_eq!(ff(-0.0004, "#.0f"), Ok("-0.".to_string()));
    assert_eq!(ff(-0.0004, "e"), Ok("-4.000000e-04".to_string()));
    assert_eq!(ff(-0.0004, ".3e"), Ok("-4.000e-04".to_string()));
    assert_eq!(ff(-0.0004, "E"), Ok("-4.000000E-04".to_string()));
    assert_eq!(ff(-0.0004, "g"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, ".3g"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "G"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "#g"), Ok("-0.000400000".to_string()));
    assert_eq!(ff(-0.0004, ".0g"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "%"), Ok("-0.040000%".to_string()));
    assert_eq!(ff(-0.0004, ".1%"), Ok("-0.0%".to_string()));
    assert_eq!(ff(-0.0004, ","), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, ",.2f"), Ok("-0.00".to_string()));
    assert_eq!(ff(-0.0004, "020,.2f"), Ok("-0,000,000,000,000.00".to_string()));
    assert_eq!(ff(-0.0004, "_.3f"), Ok("-0.000".to_string()));
    assert_eq!(ff(-0.0004, "+"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, " "), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "010.3f"), Ok("-00000.000".to_string()));
    assert_eq!(ff(-0.0004, "^12.3f"), Ok("   -0.000   ".to_string()));
    assert_eq!(ff(-0.0004, "*<12g"), Ok("-0.0004*****".to_string()));
    assert_eq!(ff(-0.0004, "=+12.2f"), Ok("-       0.00".to_string()));
    assert_eq!(ff(-0.0004, ".3"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "#.3"), Ok("-0.000400".to_string()));
    assert_eq!(ff(-0.0004, "z.2f"), Ok("0.00".to_string()));
    assert_eq!(ff(-0.0004, "n"), Ok("-0.0004".to_string()));
    assert_eq!(ff(-0.0004, "0=15,.1f"), Ok("-0,000,000,000.0".to_string()));
    assert_eq!(ff(-0.0004, ".20g"), Ok("-0.00040000000000000001917".to_string()));
    assert_eq!(ff(-0.0004, "#.0e"), Ok("-4.e-04".to_string()));
    assert_eq!(ff(-0.0004, "F"), Ok("-0.000400".to_string()));
    assert_eq!(ff(-0.0004, "-^11.1f"), Ok("----0.0----".to_string()));
    assert_eq!(ff(-0.0004, "+012_.1f"), Ok("-0_000_000.0".to_string()));
}

#[test]
fn format_int_cases() {
    assert_eq!(fi("0", ""), Ok("0".to_string()));
    assert_eq!(fi("0", "d"), Ok("0".to_string()));
    assert_eq!(fi("0", "b"), Ok("0".to_string()));
    assert_eq!(fi("0", "o"), Ok("0".to_string()));
    assert_eq!(fi("0", "x"), Ok("0".to_string()));
    assert_eq!(fi("0", "X"), Ok("0".to_string()));
    assert_eq!(fi("0", "#b"), Ok("0b0".to_string()));
    assert_eq!(fi("0", "#o"), Ok("0o0".to_string()));
    assert_eq!(fi("0", "#x"), Ok("0x0".to_string()));
    assert_eq!(fi("0", "#X"), Ok("0X0".to_string()));
    assert_eq!(fi("0", ","), Ok("0".to_string()));
    assert_eq!(fi("0", "_"), Ok("0".to_string()));
    assert_eq!(fi("0", "_b"), Ok("0".to_string()));
    assert_eq!(fi("0", "_x"), Ok("0".to_string()));
    assert_eq!(fi("0", "#_x"), Ok("0x0".to_string()));
    assert_eq!(fi("0", "08"), Ok("00000000".to_string()));
    assert_eq!(fi("0", "+05d"), Ok("+0000".to_string()));
    assert_eq!(fi("0", " d"), Ok(" 0".to_string()));
    assert_eq!(fi("0", "^10"), Ok("    0     ".to_string()));
    assert_eq!(fi("0", "*>8"), Ok("*******0".to_string()));
    assert_eq!(fi("0", "<6"), Ok("0     ".to_string()));
    assert_eq!(fi("0", "=10"), Ok("         0".to_string()));
    assert_eq!(fi("0", "0=10,"), Ok("00,000,000".to_string()));
    assert_eq!(fi("0", "012,"), Ok("0,000,000,000".to_string()));
    assert_eq!(fi("0", "#012x"), Ok("0x0000000000".to_string()));
    assert_eq!(fi("0", "-#10b"), Ok("       0b0".to_string()));
    assert_eq!(fi("0", "n"), Ok("0".to_string()));
    assert_eq!(fi("0", "e"), Ok("0.000000e+00".to_string()));
    assert_eq!(fi("0", ".2f"), Ok("0.00".to_string()));
    assert_eq!(fi("0", "%"), Ok("0.000000%".to_string()));
    assert_eq!(fi("0", "g"), Ok("0".to_string()));
    assert_eq!(fi("0", ",.2f"), Ok("0.00".to_string()));
    assert_eq!(fi("0", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(fi("0", "z"), Err("Negative zero coercion (z) not allowed in integer format specifier".to_string()));
    assert_eq!(fi("0", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("0", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("0", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("0", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("0", "#c"), Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("0", "c"), Ok("\u{0}".to_string()));
    assert_eq!(fi("0", "*^7c"), Ok("***\u{0}***".to_string()));
    assert_eq!(fi("0", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("0", "x^+#12_X"), Ok("xxxx+0X0xxxx".to_string()));
    assert_eq!(fi("-1", ""), Ok("-1".to_string()));
    assert_eq!(fi("-1", "d"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "b"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "o"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "x"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "X"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "#b"), Ok("-0b1".to_string()));
    assert_eq!(fi("-1", "#o"), Ok("-0o1".to_string()));
    assert_eq!(fi("-1", "#x"), Ok("-0x1".to_string()));
    assert_eq!(fi("-1", "#X"), Ok("-0X1".to_string()));
    assert_eq!(fi("-1", ","), Ok("-1".to_string()));
    assert_eq!(fi("-1", "_"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "_b"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "_x"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "#_x"), Ok("-0x1".to_string()));
    assert_eq!(fi("-1", "08"), Ok("-0000001".to_string()));
    assert_eq!(fi("-1", "+05d"), Ok("-0001".to_string()));
    assert_eq!(fi("-1", " d"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "^10"), Ok("    -1    ".to_string()));
    assert_eq!(fi("-1", "*>8"), Ok("******-1".to_string()));
    assert_eq!(fi("-1", "<6"), Ok("-1    ".to_string()));
    assert_eq!(fi("-1", "=10"), Ok("-        1".to_string()));
    assert_eq!(fi("-1", "0=10,"), Ok("-0,000,001".to_string()));
    assert_eq!(fi("-1", "012,"), Ok("-000,000,001".to_string()));
    assert_eq!(fi("-1", "#012x"), Ok("-0x000000001".to_string()));
    assert_eq!(fi("-1", "-#10b"), Ok("      -0b1".to_string()));
    assert_eq!(fi("-1", "n"), Ok("-1".to_string()));
    assert_eq!(fi("-1", "e"), Ok("-1.000000e+00".to_string()));
    assert_eq!(fi("-1", ".2f"), Ok("-1.00".to_string()));
    assert_eq!(fi("-1", "%"), Ok("-100.000000%".to_string()));
    assert_eq!(fi("-1", "g"), Ok("-1".to_string()));
    assert_eq!(fi("-1", ",.2f"), Ok("-1.00".to_string()));
    assert_eq!(fi("-1", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(fi("-1", "z"), Err("Negative zero coercion (z) not allowed in integer format specifier".to_string()));
    assert_eq!(fi("-1", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("-1", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("-1", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("-1", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("-1", "#c"), Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("-1", "c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("-1", "*^7c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("-1", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("-1", "x^+#12_X"), Ok("xxxx-0X1xxxx".to_string()));
    assert_eq!(fi("42", ""), Ok("42".to_string()));
    assert_eq!(fi("42", "d"), Ok("42".to_string()));
    assert_eq!(fi("42", "b"), Ok("101010".to_string()));
    assert_eq!(fi("42", "o"), Ok("52".to_string()));
    assert_eq!(fi("42", "x"), Ok("2a".to_string()));
    assert_eq!(fi("42", "X"), Ok("2A".to_string()));
    assert_eq!(fi("42", "#b"), Ok("0b101010".to_string()));
    assert_eq!(fi("42", "#o"), Ok("0o52".to_string()));
    assert_eq!(fi("42", "#x"), Ok("0x2a".to_string()));
    assert_eq!(fi("42", "#X"), Ok("0X2A".to_string()));
    assert_eq!(fi("42", ","), Ok("42".to_string()));
    assert_eq!(fi("42", "_"), Ok("42".to_string()));
    assert_eq!(fi("42", "_b"), Ok("10_1010".to_string()));
    assert_eq!(fi("42", "_x"), Ok("2a".to_string()));
    assert_eq!(fi("42", "#_x"), Ok("0x2a".to_string()));
    assert_eq!(fi("42", "08"), Ok("00000042".to_string()));
    assert_eq!(fi("42", "+05d"), Ok("+0042".to_string()));
    assert_eq!(fi("42", " d"), Ok(" 42".to_string()));
    assert_eq!(fi("42", "^10"), Ok("    42    ".to_string()));
    assert_eq!(fi("42", "*>8"), Ok("******42".to_string()));
    assert_eq!(fi("42", "<6"), Ok("42    ".to_string()));
    assert_eq!(fi("42", "=10"), Ok("        42".to_string()));
    assert_eq!(fi("42", "0=10,"), Ok("00,000,042".to_string()));
    assert_eq!(fi("42", "012,"), Ok("0,000,000,042".to_string()));
    assert_eq!(fi("42", "#012x"), Ok("0x000000002a".to_string()));
    assert_eq!(fi("42", "-#10b"), Ok("  0b101010".to_string()));
    assert_eq!(fi("42", "n"), Ok("42".to_string()));
    assert_eq!(fi("42", "e"), Ok("4.200000e+01".to_string()));
    assert_eq!(fi("42", ".2f"), Ok("42.00".to_string()));
    assert_eq!(fi("42", "%"), Ok("4200.000000%".to_string()));
    assert_eq!(fi("42", "g"), Ok("42".to_string()));
    assert_eq!(fi("42", ",.2f"), Ok("42.00".to_string()));
    assert_eq!(fi("42", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(fi("42", "z"), Err("Negative zero coercion (z) not allowed in integer format specifier".to_string()));
    assert_eq!(fi("42", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("42", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("42", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("42", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("42", "#c"), Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("42", "c"), Ok("*".to_string()));
    assert_eq!(fi("42", "*^7c"), Ok("*******".to_string()));
    assert_eq!(fi("42", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("42", "x^+#12_X"), Ok("xxx+0X2Axxxx".to_string()));
    assert_eq!(fi("255", ""), Ok("255".to_string()));
    assert_eq!(fi("255", "d"), Ok("255".to_string()));
    assert_eq!(fi("255", "b"), Ok("11111111".to_string()));
    assert_eq!(fi("255", "o"), Ok("377".to_string()));
    assert_eq!(fi("255", "x"), Ok("ff".to_string()));
    assert_eq!(fi("255", "X"), Ok("FF".to_string()));
    assert_eq!(fi("255", "#b"), Ok("0b11111111".to_string()));
    assert_eq!(fi("255", "#o"), Ok("0o377".to_string()));
    assert_eq!(fi("255", "#x"), Ok("0xff".to_string()));
    assert_eq!(fi("255", "#X"), Ok("0XFF".to_string()));
    assert_eq!(fi("255", ","), Ok("255".to_string()));
    assert_eq!(fi("255", "_"), Ok("255".to_string()));
    assert_eq!(fi("255", "_b"), Ok("1111_1111".to_string()));
    assert_eq!(fi("255", "_x"), Ok("ff".to_string()));
    assert_eq!(fi("255", "#_x"), Ok("0xff".to_string()));
    assert_eq!(fi("255", "08"), Ok("00000255".to_string()));
    assert_eq!(fi("255", "+05d"), Ok("+0255".to_string()));
    assert_eq!(fi("255", " d"), Ok(" 255".to_string()));
    assert_eq!(fi("255", "^10"), Ok("   255    ".to_string()));
    assert_eq!(fi("255", "*>8"), Ok("*****255".to_string()));
    assert_eq!(fi("255", "<6"), Ok("255   ".to_string()));
    assert_eq!(fi("255", "=10"), Ok("       255".to_string()));
    assert_eq!(fi("255", "0=10,"), Ok("00,000,255".to_string()));
    assert_eq!(fi("255", "012,"), Ok("0,000,000,255".to_string()));
    assert_eq!(fi("255", "#012x"), Ok("0x00000000ff".to_string()));
    assert_eq!(fi("255", "-#10b"), Ok("0b11111111".to_string()));
    assert_eq!(fi("255", "n"), Ok("255".to_string()));
    assert_eq!(fi("255", "e"), Ok("2.550000e+02".to_string()));
    assert_eq!(fi("255", ".2f"), Ok("255.00".to_string()));
    assert_eq!(fi("255", "%"), Ok("25500.000000%".to_string()));
    assert_eq!(fi("255", "g"), Ok("255".to_string()));
    assert_eq!(fi("255", ",.2f"), Ok("255.00".to_string()));
    assert_eq!(fi("255", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(fi("255", "z"), Err("Negative zero coercion (z) not allowed in integer format specifier".to_string()));
    assert_eq!(fi("255", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("255", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("255", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("255", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("255", "#c"), Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("255", "c"), Ok("ÿ".to_string()));
    assert_eq!(fi("255", "*^7c"), Ok("***ÿ***".to_string()));
    assert_eq!(fi("255", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("255", "x^+#12_X"), Ok("xxx+0XFFxxxx".to_string()));
    assert_eq!(fi("-1234567", ""), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "d"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "b"), Ok("-100101101011010000111".to_string()));
    assert_eq!(fi("-1234567", "o"), Ok("-4553207".to_string()));
    assert_eq!(fi("-1234567", "x"), Ok("-12d687".to_string()));
    assert_eq!(fi("-1234567", "X"), Ok("-12D687".to_string()));
    assert_eq!(fi("-1234567", "#b"), Ok("-0b100101101011010000111".to_string()));
    assert_eq!(fi("-1234567", "#o"), Ok("-0o4553207".to_string()));
    assert_eq!(fi("-1234567", "#x"), Ok("-0x12d687".to_string()));
    assert_eq!(fi("-1234567", "#X"), Ok("-0X12D687".to_string()));
    assert_eq!(fi("-1234567", ","), Ok("-1,234,567".to_string()));
    assert_eq!(fi("-1234567", "_"), Ok("-1_234_567".to_string()));
    assert_eq!(fi("-1234567", "_b"), Ok("-1_0010_1101_0110_1000_0111".to_string()));
    assert_eq!(fi("-1234567", "_x"), Ok("-12_d687".to_string()));
    assert_eq!(fi("-1234567", "#_x"), Ok("-0x12_d687".to_string()));
    assert_eq!(fi("-1234567", "08"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "+05d"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", " d"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "^10"), Ok(" -1234567 ".to_string()));
    assert_eq!(fi("-1234567", "*>8"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "<6"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "=10"), Ok("-  1234567".to_string()));
    assert_eq!(fi("-1234567", "0=10,"), Ok("-1,234,567".to_string()));
    assert_eq!(fi("-1234567", "012,"), Ok("-001,234,567".to_string()));
    assert_eq!(fi("-1234567", "#012x"), Ok("-0x00012d687".to_string()));
    assert_eq!(fi("-1234567", "-#10b"), Ok("-0b100101101011010000111".to_string()));
    assert_eq!(fi("-1234567", "n"), Ok("-1234567".to_string()));
    assert_eq!(fi("-1234567", "e"), Ok("-1.234567e+06".to_string()));
    assert_eq!(fi("-1234567", ".2f"), Ok("-1234567.00".to_string()));
    assert_eq!(fi("-1234567", "%"), Ok("-123456700.000000%".to_string()));
    assert_eq!(fi("-1234567", "g"), Ok("-1.23457e+06".to_string()));
    assert_eq!(fi("-1234567", ",.2f"), Ok("-1,234,567.00".to_string()));
    assert_eq!(fi("-1234567", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(
        fi("-1234567", "z"),
        Err("Negative zero coercion (z) not allowed in integer format specifier".to_string())
    );
    assert_eq!(fi("-1234567", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("-1234567", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("-1234567", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("-1234567", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(
        fi("-1234567", "#c"),
        Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string())
    );
    assert_eq!(fi("-1234567", "c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("-1234567", "*^7c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("-1234567", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("-1234567", "x^+#12_X"), Ok("x-0X12_D687x".to_string()));
    assert_eq!(fi("18446744073709551616", ""), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "d"), Ok("18446744073709551616".to_string()));
    assert_eq!(
        fi("18446744073709551616", "b"),
        Ok("10000000000000000000000000000000000000000000000000000000000000000".to_string())
    );
    assert_eq!(fi("18446744073709551616", "o"), Ok("2000000000000000000000".to_string()));
    assert_eq!(fi("18446744073709551616", "x"), Ok("10000000000000000".to_string()));
    assert_eq!(fi("18446744073709551616", "X"), Ok("10000000000000000".to_string()));
    assert_eq!(
        fi("18446744073709551616", "#b"),
        Ok("0b10000000000000000000000000000000000000000000000000000000000000000".to_string())
    );
    assert_eq!(fi("18446744073709551616", "#o"), Ok("0o2000000000000000000000".to_string()));
    assert_eq!(fi("18446744073709551616", "#x"), Ok("0x10000000000000000".to_string()));
    assert_eq!(fi("18446744073709551616", "#X"), Ok("0X10000000000000000".to_string()));
    assert_eq!(fi("18446744073709551616", ","), Ok("18,446,744,073,709,551,616".to_string()));
    assert_eq!(fi("18446744073709551616", "_"), Ok("18_446_744_073_709_551_616".to_string()));
    assert_eq!(
        fi("18446744073709551616", "_b"),
        Ok("1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000".to_string())
    );
    assert_eq!(fi("18446744073709551616", "_x"), Ok("1_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("18446744073709551616", "#_x"), Ok("0x1_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("18446744073709551616", "08"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "+05d"), Ok("+18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", " d"), Ok(" 18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "^10"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "*>8"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "<6"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "=10"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "0=10,"), Ok("18,446,744,073,709,551,616".to_string()));
    assert_eq!(fi("18446744073709551616", "012,"), Ok("18,446,744,073,709,551,616".to_string()));
    assert_eq!(fi("18446744073709551616", "#012x"), Ok("0x10000000000000000".to_string()));
    assert_eq!(
        fi("18446744073709551616", "-#10b"),
        Ok("0b10000000000000000000000000000000000000000000000000000000000000000".to_string())
    );
    assert_eq!(fi("18446744073709551616", "n"), Ok("18446744073709551616".to_string()));
    assert_eq!(fi("18446744073709551616", "e"), Ok("1.844674e+19".to_string()));
    assert_eq!(fi("18446744073709551616", ".2f"), Ok("18446744073709551616.00".to_string()));
    assert_eq!(fi("18446744073709551616", "%"), Ok("1844674407370955161600.000000%".to_string()));
    assert_eq!(fi("18446744073709551616", "g"), Ok("1.84467e+19".to_string()));
    assert_eq!(fi("18446744073709551616", ",.2f"), Ok("18,446,744,073,709,551,616.00".to_string()));
    assert_eq!(fi("18446744073709551616", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(
        fi("18446744073709551616", "z"),
        Err("Negative zero coercion (z) not allowed in integer format specifier".to_string())
    );
    assert_eq!(fi("18446744073709551616", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("18446744073709551616", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("18446744073709551616", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("18446744073709551616", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(
        fi("18446744073709551616", "#c"),
        Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string())
    );
    assert_eq!(fi("18446744073709551616", "c"), Err("Python int too large to convert to C long".to_string()));
    assert_eq!(fi("18446744073709551616", "*^7c"), Err("Python int too large to convert to C long".to_string()));
    assert_eq!(fi("18446744073709551616", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("18446744073709551616", "x^+#12_X"), Ok("+0X1_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", ""), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "d"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "b"),
        Ok("-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            .to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "o"), Ok("-2000000000000000000000000000000000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "x"), Ok("-10000000000000000000000000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "X"), Ok("-10000000000000000000000000".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "#b"),
        Ok("-0b10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            .to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "#o"), Ok("-0o2000000000000000000000000000000000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "#x"), Ok("-0x10000000000000000000000000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "#X"), Ok("-0X10000000000000000000000000".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", ","),
        Ok("-1,267,650,600,228,229,401,496,703,205,376".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "_"),
        Ok("-1_267_650_600_228_229_401_496_703_205_376".to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "_b"), Ok("-1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "_x"), Ok("-10_0000_0000_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "#_x"), Ok("-0x10_0000_0000_0000_0000_0000_0000".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "08"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "+05d"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", " d"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "^10"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "*>8"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "<6"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "=10"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "0=10,"),
        Ok("-1,267,650,600,228,229,401,496,703,205,376".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "012,"),
        Ok("-1,267,650,600,228,229,401,496,703,205,376".to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "#012x"), Ok("-0x10000000000000000000000000".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "-#10b"),
        Ok("-0b10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            .to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "n"), Ok("-1267650600228229401496703205376".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", "e"), Ok("-1.267651e+30".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", ".2f"), Ok("-1267650600228229401496703205376.00".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "%"),
        Ok("-126765060022822940149670320537600.000000%".to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "g"), Ok("-1.26765e+30".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", ",.2f"),
        Ok("-1,267,650,600,228,229,401,496,703,205,376.00".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", ".2"),
        Err("Precision not allowed in integer format specifier".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "z"),
        Err("Negative zero coercion (z) not allowed in integer format specifier".to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("-1267650600228229401496703205376", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "q"),
        Err("Unknown format code 'q' for object of type 'int'".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "+c"),
        Err("Sign not allowed with integer format specifier 'c'".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "#c"),
        Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "c"),
        Err("Python int too large to convert to C long".to_string())
    );
    assert_eq!(
        fi("-1267650600228229401496703205376", "*^7c"),
        Err("Python int too large to convert to C long".to_string())
    );
    assert_eq!(fi("-1267650600228229401496703205376", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(
        fi("-1267650600228229401496703205376", "x^+#12_X"),
        Ok("-0X10_0000_0000_0000_0000_0000_0000".to_string())
    );
    assert_eq!(fi("65", ""), Ok("65".to_string()));
    assert_eq!(fi("65", "d"), Ok("65".to_string()));
    assert_eq!(fi("65", "b"), Ok("1000001".to_string()));
    assert_eq!(fi("65", "o"), Ok("101".to_string()));
    assert_eq!(fi("65", "x"), Ok("41".to_string()));
    assert_eq!(fi("65", "X"), Ok("41".to_string()));
    assert_eq!(fi("65", "#b"), Ok("0b1000001".to_string()));
    assert_eq!(fi("65", "#o"), Ok("0o101".to_string()));
    assert_eq!(fi("65", "#x"), Ok("0x41".to_string()));
    assert_eq!(fi("65", "#X"), Ok("0X41".to_string()));
    assert_eq!(fi("65", ","), Ok("65".to_string()));
    assert_eq!(fi("65", "_"), Ok("65".to_string()));
    assert_eq!(fi("65", "_b"), Ok("100_0001".to_string()));
    assert_eq!(fi("65", "_x"), Ok("41".to_string()));
    assert_eq!(fi("65", "#_x"), Ok("0x41".to_string()));
    assert_eq!(fi("65", "08"), Ok("00000065".to_string()));
    assert_eq!(fi("65", "+05d"), Ok("+0065".to_string()));
    assert_eq!(fi("65", " d"), Ok(" 65".to_string()));
    assert_eq!(fi("65", "^10"), Ok("    65    ".to_string()));
    assert_eq!(fi("65", "*>8"), Ok("******65".to_string()));
    assert_eq!(fi("65", "<6"), Ok("65    ".to_string()));
    assert_eq!(fi("65", "=10"), Ok("        65".to_string()));
    assert_eq!(fi("65", "0=10,"), Ok("00,000,065".to_string()));
    assert_eq!(fi("65", "012,"), Ok("0,000,000,065".to_string()));
    assert_eq!(fi("65", "#012x"), Ok("0x0000000041".to_string()));
    assert_eq!(fi("65", "-#10b"), Ok(" 0b1000001".to_string()));
    assert_eq!(fi("65", "n"), Ok("65".to_string()));
    assert_eq!(fi("65", "e"), Ok("6.500000e+01".to_string()));
    assert_eq!(fi("65", ".2f"), Ok("65.00".to_string()));
    assert_eq!(fi("65", "%"), Ok("6500.000000%".to_string()));
    assert_eq!(fi("65", "g"), Ok("65".to_string()));
    assert_eq!(fi("65", ",.2f"), Ok("65.00".to_string()));
    assert_eq!(fi("65", ".2"), Err("Precision not allowed in integer format specifier".to_string()));
    assert_eq!(fi("65", "z"), Err("Negative zero coercion (z) not allowed in integer format specifier".to_string()));
    assert_eq!(fi("65", ",x"), Err("Cannot specify ',' with 'x'.".to_string()));
    assert_eq!(fi("65", ",c"), Err("Cannot specify ',' with 'c'.".to_string()));
    assert_eq!(fi("65", "q"), Err("Unknown format code 'q' for object of type 'int'".to_string()));
    assert_eq!(fi("65", "+c"), Err("Sign not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("65", "#c"), Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string()));
    assert_eq!(fi("65", "c"), Ok("A".to_string()));
    assert_eq!(fi("65", "*^7c"), Ok("***A***".to_string()));
    assert_eq!(fi("65", "_n"), Err("Cannot specify '_' with 'n'.".to_string()));
    assert_eq!(fi("65", "x^+#12_X"), Ok("xxx+0X41xxxx".to_string()));
    assert_eq!(fi("1114111", "c"), Ok("􏿿".to_string()));
    assert_eq!(fi("1114111", ">3c"), Ok("  􏿿".to_string()));
    assert_eq!(fi("1114111", "<3c"), Ok("􏿿  ".to_string()));
    assert_eq!(fi("9786", "c"), Ok("☺".to_string()));
    assert_eq!(fi("9786", ">3c"), Ok("  ☺".to_string()));
    assert_eq!(fi("9786", "<3c"), Ok("☺  ".to_string()));
    assert_eq!(fi("1114112", "c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("1114112", ">3c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("1114112", "<3c"), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(fi("1180591620717411303424", "c"), Err("Python int too large to convert to C long".to_string()));
    assert_eq!(fi("1180591620717411303424", ">3c"), Err("Python int too large to convert to C long".to_string()));
    assert_eq!(fi("1180591620717411303424", "<3c"), Err("Python int too large to convert to C long".to_string()));
    assert_eq!(fi("65", "c"), Ok("A".to_string()));
    assert_eq!(fi("65", ">3c"), Ok("  A".to_string()));
    assert_eq!(fi("65", "<3c"), Ok("A  ".to_string()));
}

#[test]
fn format_str_cases() {
    assert_eq!(fs("abc", ""), Ok("abc".to_string()));
    assert_eq!(fs("abc", "s"), Ok("abc".to_string()));
    assert_eq!(fs("abc", "10"), Ok("abc       ".to_string()));
    assert_eq!(fs("abc", "<10"), Ok("abc       ".to_string()));
    assert_eq!(fs("abc", ">10"), Ok("       abc".to_string()));
    assert_eq!(fs("abc", "^10"), Ok("   abc    ".to_string()));
    assert_eq!(fs("abc", "*^9"), Ok("***abc***".to_string()));
    assert_eq!(fs("abc", ".2"), Ok("ab".to_string()));
    assert_eq!(fs("abc", "10.2"), Ok("ab        ".to_string()));
    assert_eq!(fs("abc", "05"), Ok("abc00".to_string()));
    assert_eq!(fs("abc", "+"), Err("Sign not allowed in string format specifier".to_string()));
    assert_eq!(fs("abc", " "), Err("Space not allowed in string format specifier".to_string()));
    assert_eq!(fs("abc", "#"), Err("Alternate form (#) not allowed in string format specifier".to_string()));
    assert_eq!(fs("abc", "=5"), Err("'=' alignment not allowed in string format specifier".to_string()));
    assert_eq!(fs("abc", ","), Err("Cannot specify ',' with 's'.".to_string()));
    assert_eq!(fs("abc", "_"), Err("Cannot specify '_' with 's'.".to_string()));
    assert_eq!(fs("abc", "d"), Err("Unknown format code 'd' for object of type 'str'".to_string()));
    assert_eq!(fs("abc", "z"), Err("Negative zero coercion (z) not allowed in string format specifier".to_string()));
    assert_eq!(fs("abc", "x<5"), Ok("abcxx".to_string()));
    assert_eq!(fs("abc", "^"), Ok("abc".to_string()));
    assert_eq!(fs("abc", ".0"), Ok("".to_string()));
    assert_eq!(fs("abc", "é>6"), Ok("éééabc".to_string()));
    assert_eq!(fs("abc", "٥"), Ok("abc  ".to_string()));
    assert_eq!(fs("", ""), Ok("".to_string()));
    assert_eq!(fs("", "s"), Ok("".to_string()));
    assert_eq!(fs("", "10"), Ok("          ".to_string()));
    assert_eq!(fs("", "<10"), Ok("          ".to_string()));
    assert_eq!(fs("", ">10"), Ok("          ".to_string()));
    assert_eq!(fs("", "^10"), Ok("          ".to_string()));
    assert_eq!(fs("", "*^9"), Ok("*********".to_string()));
    assert_eq!(fs("", ".2"), Ok("".to_string()));
    assert_eq!(fs("", "10.2"), Ok("          ".to_string()));
    assert_eq!(fs("", "05"), Ok("00000".to_string()));
    assert_eq!(fs("", "+"), Err("Sign not allowed in string format specifier".to_string()));
    assert_eq!(fs("", " "), Err("Space not allowed in string format specifier".to_string()));
    assert_eq!(fs("", "#"), Err("Alternate form (#) not allowed in string format specifier".to_string()));
    assert_eq!(fs("", "=5"), Err("'=' alignment not allowed in string format specifier".to_string()));
    assert_eq!(fs("", ","), Err("Cannot specify ',' with 's'.".to_string()));
    assert_eq!(fs("", "_"), Err("Cannot specify '_' with 's'.".to_string()));
    assert_eq!(fs("", "d"), Err("Unknown format code 'd' for object of type 'str'".to_string()));
    assert_eq!(fs("", "z"), Err("Negative zero coercion (z) not allowed in string format specifier".to_string()));
    assert_eq!(fs("", "x<5"), Ok("xxxxx".to_string()));
    assert_eq!(fs("", "^"), Ok("".to_string()));
    assert_eq!(fs("", ".0"), Ok("".to_string()));
    assert_eq!(fs("", "é>6"), Ok("éééééé".to_string()));
    assert_eq!(fs("", "٥"), Ok("     ".to_string()));
    assert_eq!(fs("héllo", ""), Ok("héllo".to_string()));
    assert_eq!(fs("héllo", "s"), Ok("héllo".to_string()));
    assert_eq!(fs("héllo", "10"), Ok("héllo     ".to_string()));
    assert_eq!(fs("héllo", "<10"), Ok("héllo     ".to_string()));
    assert_eq!(fs("héllo", ">10"), Ok("     héllo".to_string()));
    assert_eq!(fs("héllo", "^10"), Ok("  héllo   ".to_string()));
    assert_eq!(fs("héllo", "*^9"), Ok("**héllo**".to_string()));
    assert_eq!(fs("héllo", ".2"), Ok("hé".to_string()));
    assert_eq!(fs("héllo", "10.2"), Ok("hé        ".to_string()));
    assert_eq!(fs("héllo", "05"), Ok("héllo".to_string()));
    assert_eq!(fs("héllo", "+"), Err("Sign not allowed in string format specifier".to_string()));
    assert_eq!(fs("héllo", " "), Err("Space not allowed in string format specifier".to_string()));
    assert_eq!(fs("héllo", "#"), Err("Alternate form (#) not allowed in string format specifier".to_string()));
    assert_eq!(fs("héllo", "=5"), Err("'=' alignment not allowed in string format specifier".to_string()));
    assert_eq!(fs("héllo", ","), Err("Cannot specify ',' with 's'.".to_string()));
    assert_eq!(fs("héllo", "_"), Err("Cannot specify '_' with 's'.".to_string()));
    assert_eq!(fs("héllo", "d"), Err("Unknown format code 'd' for object of type 'str'".to_string()));
    assert_eq!(fs("héllo", "z"), Err("Negative zero coercion (z) not allowed in string format specifier".to_string()));
    assert_eq!(fs("héllo", "x<5"), Ok("héllo".to_string()));
    assert_eq!(fs("héllo", "^"), Ok("héllo".to_string()));
    assert_eq!(fs("héllo", ".0"), Ok("".to_string()));
    assert_eq!(fs("héllo", "é>6"), Ok("éhéllo".to_string()));
    assert_eq!(fs("héllo", "٥"), Ok("héllo".to_string()));
    assert_eq!(fs("日本語", ""), Ok("日本語".to_string()));
    assert_eq!(fs("日本語", "s"), Ok("日本語".to_string()));
    assert_eq!(fs("日本語", "10"), Ok("日本語       ".to_string()));
    assert_eq!(fs("日本語", "<10"), Ok("日本語       ".to_string()));
    assert_eq!(fs("日本語", ">10"), Ok("       日本語".to_string()));
    assert_eq!(fs("日本語", "^10"), Ok("   日本語    ".to_string()));
    assert_eq!(fs("日本語", "*^9"), Ok("***日本語***".to_string()));
    assert_eq!(fs("日本語", ".2"), Ok("日本".to_string()));
    assert_eq!(fs("日本語", "10.2"), Ok("日本        ".to_string()));
    assert_eq!(fs("日本語", "05"), Ok("日本語00".to_string()));
    assert_eq!(fs("日本語", "+"), Err("Sign not allowed in string format specifier".to_string()));
    assert_eq!(fs("日本語", " "), Err("Space not allowed in string format specifier".to_string()));
    assert_eq!(fs("日本語", "#"), Err("Alternate form (#) not allowed in string format specifier".to_string()));
    assert_eq!(fs("日本語", "=5"), Err("'=' alignment not allowed in string format specifier".to_string()));
    assert_eq!(fs("日本語", ","), Err("Cannot specify ',' with 's'.".to_string()));
    assert_eq!(fs("日本語", "_"), Err("Cannot specify '_' with 's'.".to_string()));
    assert_eq!(fs("日本語", "d"), Err("Unknown format code 'd' for object of type 'str'".to_string()));
    assert_eq!(fs("日本語", "z"), Err("Negative zero coercion (z) not allowed in string format specifier".to_string()));
    assert_eq!(fs("日本語", "x<5"), Ok("日本語xx".to_string()));
    assert_eq!(fs("日本語", "^"), Ok("日本語".to_string()));
    assert_eq!(fs("日本語", ".0"), Ok("".to_string()));
    assert_eq!(fs("日本語", "é>6"), Ok("ééé日本語".to_string()));
    assert_eq!(fs("日本語", "٥"), Ok("日本語  ".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", ""), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "s"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "10"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "<10"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", ">10"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "^10"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "*^9"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", ".2"), Ok("aa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "10.2"), Ok("aa        ".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "05"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "+"), Err("Sign not allowed in string format specifier".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", " "), Err("Space not allowed in string format specifier".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "#"), Err("Alternate form (#) not allowed in string format specifier".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "=5"), Err("'=' alignment not allowed in string format specifier".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", ","), Err("Cannot specify ',' with 's'.".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "_"), Err("Cannot specify '_' with 's'.".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "d"), Err("Unknown format code 'd' for object of type 'str'".to_string()));
    assert_eq!(
        fs("aaaaaaaaaaaa", "z"),
        Err("Negative zero coercion (z) not allowed in string format specifier".to_string())
    );
    assert_eq!(fs("aaaaaaaaaaaa", "x<5"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "^"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", ".0"), Ok("".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "é>6"), Ok("aaaaaaaaaaaa".to_string()));
    assert_eq!(fs("aaaaaaaaaaaa", "٥"), Ok("aaaaaaaaaaaa".to_string()));
}

#[test]
fn format_spec_errors() {
    assert_eq!(fi("7", "xx"), Err("Invalid format specifier 'xx' for object of type 'int'".to_string()));
    assert_eq!(ff(7.5, "xx"), Err("Invalid format specifier 'xx' for object of type 'float'".to_string()));
    assert_eq!(fs("s", "xx"), Err("Invalid format specifier 'xx' for object of type 'str'".to_string()));
    assert_eq!(fi("7", "."), Err("Format specifier missing precision".to_string()));
    assert_eq!(ff(7.5, "."), Err("Format specifier missing precision".to_string()));
    assert_eq!(fs("s", "."), Err("Format specifier missing precision".to_string()));
    assert_eq!(fi("7", "1."), Err("Format specifier missing precision".to_string()));
    assert_eq!(ff(7.5, "1."), Err("Format specifier missing precision".to_string()));
    assert_eq!(fs("s", "1."), Err("Format specifier missing precision".to_string()));
    assert_eq!(fi("7", "1,_"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(ff(7.5, "1,_"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(fs("s", "1,_"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(fi("7", "1_,"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(ff(7.5, "1_,"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(fs("s", "1_,"), Err("Cannot specify both ',' and '_'.".to_string()));
    assert_eq!(fi("7", "10.2.3"), Err("Invalid format specifier '10.2.3' for object of type 'int'".to_string()));
    assert_eq!(ff(7.5, "10.2.3"), Err("Invalid format specifier '10.2.3' for object of type 'float'".to_string()));
    assert_eq!(fs("s", "10.2.3"), Err("Invalid format specifier '10.2.3' for object of type 'str'".to_string()));
    assert_eq!(fi("7", ",,"), Err("Cannot specify ',' with ','.".to_string()));
    assert_eq!(ff(7.5, ",,"), Err("Cannot specify ',' with ','.".to_string()));
    assert_eq!(fs("s", ",,"), Err("Cannot specify ',' with ','.".to_string()));
    assert_eq!(fi("7", "99999999999999999999"), Err("Too many decimal digits in format string".to_string()));
    assert_eq!(ff(7.5, "99999999999999999999"), Err("Too many decimal digits in format string".to_string()));
    assert_eq!(fs("s", "99999999999999999999"), Err("Too many decimal digits in format string".to_string()));
    assert_eq!(fi("7", "<<<"), Err("Unknown format code '<' for object of type 'int'".to_string()));
    assert_eq!(ff(7.5, "<<<"), Err("Unknown format code '<' for object of type 'float'".to_string()));
    assert_eq!(fs("s", "<<<"), Err("Unknown format code '<' for object of type 'str'".to_string()));
    assert_eq!(fi("7", "0<<"), Err("Unknown format code '<' for object of type 'int'".to_string()));
    assert_eq!(ff(7.5, "0<<"), Err("Unknown format code '<' for object of type 'float'".to_string()));
    assert_eq!(fs("s", "0<<"), Err("Unknown format code '<' for object of type 'str'".to_string()));
    assert_eq!(fi("7", "٥٠"), Ok("                                                 7".to_string()));
    assert_eq!(ff(7.5, "٥٠"), Ok("                                               7.5".to_string()));
    assert_eq!(fs("s", "٥٠"), Ok("s                                                 ".to_string()));
    assert_eq!(
        apply_int(&BigInt::from(1), "xx", "bool"),
        Err("Invalid format specifier 'xx' for object of type 'bool'".to_string())
    );
    assert_eq!(
        apply_int(&BigInt::from(1), "q", "bool"),
        Err("Unknown format code 'q' for object of type 'bool'".to_string())
    );
}

#[test]
fn percent_cases() {
    assert_eq!(pct("%5.2f", &[A::F(3.14159)]), Ok(" 3.14".to_string()));
    assert_eq!(pct("%-5d|", &[A::I("42")]), Ok("42   |".to_string()));
    assert_eq!(pct("%05d", &[A::I("-42")]), Ok("-0042".to_string()));
    assert_eq!(pct("%x", &[A::I("255")]), Ok("ff".to_string()));
    assert_eq!(pct("%#x", &[A::I("255")]), Ok("0xff".to_string()));
    assert_eq!(pct("%#X", &[A::I("255")]), Ok("0XFF".to_string()));
    assert_eq!(pct("%#o", &[A::I("8")]), Ok("0o10".to_string()));
    assert_eq!(pct("%o", &[A::I("8")]), Ok("10".to_string()));
    assert_eq!(pct("%e", &[A::F(12345.678)]), Ok("1.234568e+04".to_string()));
    assert_eq!(pct("%g", &[A::F(12345.678)]), Ok("12345.7".to_string()));
    assert_eq!(pct("%g", &[A::F(1e-05)]), Ok("1e-05".to_string()));
    assert_eq!(pct("%g", &[A::F(1e+16)]), Ok("1e+16".to_string()));
    assert_eq!(pct("%g", &[A::F(123456789.0)]), Ok("1.23457e+08".to_string()));
    assert_eq!(pct("%c", &[A::I("65")]), Ok("A".to_string()));
    assert_eq!(pct("%c", &[A::I("9786")]), Ok("☺".to_string()));
    assert_eq!(pct("%s", &[A::S("abc")]), Ok("abc".to_string()));
    assert_eq!(pct("%10s|", &[A::S("abc")]), Ok("       abc|".to_string()));
    assert_eq!(pct("%-10s|", &[A::S("abc")]), Ok("abc       |".to_string()));
    assert_eq!(pct("%.2s", &[A::S("abc")]), Ok("ab".to_string()));
    assert_eq!(pct("%5.1s|", &[A::S("abc")]), Ok("    a|".to_string()));
    assert_eq!(pct("%+d", &[A::I("5")]), Ok("+5".to_string()));
    assert_eq!(pct("% d", &[A::I("5")]), Ok(" 5".to_string()));
    assert_eq!(pct("% d", &[A::I("-5")]), Ok("-5".to_string()));
    assert_eq!(pct("%+.3e", &[A::F(12345.678)]), Ok("+1.235e+04".to_string()));
    assert_eq!(pct("%.0f", &[A::F(2.5)]), Ok("2".to_string()));
    assert_eq!(pct("%.0f", &[A::F(3.5)]), Ok("4".to_string()));
    assert_eq!(pct("%#.0f", &[A::F(2.0)]), Ok("2.".to_string()));
    assert_eq!(pct("%#g", &[A::F(1.0)]), Ok("1.00000".to_string()));
    assert_eq!(pct("%.3d", &[A::I("5")]), Ok("005".to_string()));
    assert_eq!(pct("%.3d", &[A::I("-5")]), Ok("-005".to_string()));
    assert_eq!(pct("%#.5x", &[A::I("42")]), Ok("0x0002a".to_string()));
    assert_eq!(pct("%-#8x|", &[A::I("42")]), Ok("0x2a    |".to_string()));
    assert_eq!(pct("%#08x", &[A::I("42")]), Ok("0x00002a".to_string()));
    assert_eq!(pct("%#08x", &[A::I("-42")]), Ok("-0x0002a".to_string()));
    assert_eq!(pct("%# 8x|", &[A::I("42")]), Ok("    0x2a|".to_string()));
    assert_eq!(pct("%#-08o|", &[A::I("8")]), Ok("0o10    |".to_string()));
    assert_eq!(pct("%+08.2f", &[A::F(-3.14159)]), Ok("-0003.14".to_string()));
    assert_eq!(pct("%08.2f", &[A::F(3.14159)]), Ok("00003.14".to_string()));
    assert_eq!(pct("%-08.2f|", &[A::F(3.14159)]), Ok("3.14    |".to_string()));
    assert_eq!(pct("%*d", &[A::I("5"), A::I("42")]), Ok("   42".to_string()));
    assert_eq!(pct("%-*d|", &[A::I("5"), A::I("42")]), Ok("42   |".to_string()));
    assert_eq!(pct("%*d|", &[A::I("-5"), A::I("42")]), Ok("42   |".to_string()));
    assert_eq!(pct("%.*f", &[A::I("2"), A::F(3.14159)]), Ok("3.14".to_string()));
    assert_eq!(pct("%.*f", &[A::I("-2"), A::F(3.14159)]), Ok("3".to_string()));
    assert_eq!(pct("%*.*f", &[A::I("8"), A::I("3"), A::F(3.14159)]), Ok("   3.142".to_string()));
    assert_eq!(pct("%%", &[]), Ok("%".to_string()));
    assert_eq!(pct("100%% %d", &[A::I("5")]), Ok("100% 5".to_string()));
    assert_eq!(pct("%i %u", &[A::I("3"), A::I("4")]), Ok("3 4".to_string()));
    assert_eq!(pct("%ld %hd %Lf", &[A::I("5"), A::I("6"), A::F(1.5)]), Ok("5 6 1.500000".to_string()));
    assert_eq!(pct("%05s", &[A::S("ab")]), Ok("   ab".to_string()));
    assert_eq!(pct("%5c|", &[A::I("65")]), Ok("    A|".to_string()));
    assert_eq!(pct("%-5c|", &[A::I("65")]), Ok("A    |".to_string()));
    assert_eq!(pct("%.0c", &[A::I("65")]), Ok("A".to_string()));
    assert_eq!(pct("%E", &[A::F(1e+300)]), Ok("1.000000E+300".to_string()));
    assert_eq!(pct("%G", &[A::F(1e-10)]), Ok("1E-10".to_string()));
    assert_eq!(pct("%F", &[A::F(f64::INFINITY)]), Ok("INF".to_string()));
    assert_eq!(pct("%f", &[A::F(f64::NAN)]), Ok("nan".to_string()));
    assert_eq!(pct("%05f", &[A::F(f64::INFINITY)]), Ok("00inf".to_string()));
    assert_eq!(pct("%+f", &[A::F(f64::NEG_INFINITY)]), Ok("-inf".to_string()));
    assert_eq!(pct("%x", &[A::I("-255")]), Ok("-ff".to_string()));
    assert_eq!(pct("%X", &[A::I("-255")]), Ok("-FF".to_string()));
    assert_eq!(pct("%o", &[A::I("-8")]), Ok("-10".to_string()));
    assert_eq!(
        pct("%d", &[A::I("1000000000000000000000000000000")]),
        Ok("1000000000000000000000000000000".to_string())
    );
    assert_eq!(pct("%f", &[A::F(1e+20)]), Ok("100000000000000000000.000000".to_string()));
    assert_eq!(pct("%.15g", &[A::F(0.1)]), Ok("0.1".to_string()));
    assert_eq!(pct("%10.4e|", &[A::F(-0.00123)]), Ok("-1.2300e-03|".to_string()));
    assert_eq!(pct("%s", &[A::F(1.5)]), Ok("1.5".to_string()));
    assert_eq!(
        pct("%s %s", &[A::F(1e+16), A::I("100000000000000000000")]),
        Ok("1e+16 100000000000000000000".to_string())
    );
    assert_eq!(pct("%.3s", &[A::F(0.3333333333333333)]), Ok("0.3".to_string()));
    assert_eq!(pct("%5d%%", &[A::I("7")]), Ok("    7%".to_string()));
    assert_eq!(pct_map("%(a)s-%(b)05d", Some(vec![("a", A::S("x")), ("b", A::I("3"))])), Ok("x-00003".to_string()));
    assert_eq!(pct_map("%(a(b))s", Some(vec![("a(b)", A::S("nested"))])), Ok("nested".to_string()));
    assert_eq!(pct("%", &[]), Err("incomplete format".to_string()));
    assert_eq!(pct("abc%", &[A::I("1")]), Err("incomplete format".to_string()));
    assert_eq!(pct_map("%(a", Some(vec![])), Err("incomplete format key".to_string()));
    assert_eq!(pct("%5%", &[A::I("1")]), Err("unsupported format character '%' (0x25) at index 2".to_string()));
    assert_eq!(pct("%z", &[A::I("1")]), Err("unsupported format character 'z' (0x7a) at index 1".to_string()));
    assert_eq!(pct("%é", &[A::I("1")]), Err("unsupported format character '?' (0xe9) at index 1".to_string()));
    assert_eq!(pct("%\u{1}", &[A::I("1")]), Err("unsupported format character '?' (0x1) at index 1".to_string()));
    assert_eq!(pct("%d %", &[A::I("1")]), Err("incomplete format".to_string()));
    assert_eq!(pct("%c", &[A::I("1114112")]), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(pct("%c", &[A::I("-1")]), Err("%c arg not in range(0x110000)".to_string()));
    assert_eq!(pct("%.2147483648f", &[A::F(1.0)]), Err("precision too big".to_string()));
    assert_eq!(
        pct("%.100f", &[A::F(1.0)]),
        Ok("1.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            .to_string())
    );
    assert_eq!(
        pct("%.70000f", &[A::F(0.1)]),
        Ok(format!("0.1000000000000000055511151231257827021181583404541015625{}", "0".repeat(70000 - 55)))
    );
    assert_eq!(pct("%-+6d|", &[A::I("3")]), Ok("+3    |".to_string()));
    assert_eq!(pct("%+ d", &[A::I("3")]), Ok("+3".to_string()));
    assert_eq!(pct("%0-5d|", &[A::I("3")]), Ok("3    |".to_string()));
    assert_eq!(pct("%#x", &[A::I("0")]), Ok("0x0".to_string()));
    assert_eq!(pct("%#o", &[A::I("0")]), Ok("0o0".to_string()));
    assert_eq!(pct("%#5.3o|", &[A::I("8")]), Ok("0o010|".to_string()));
    assert_eq!(pct("%e", &[A::F(0.0)]), Ok("0.000000e+00".to_string()));
    assert_eq!(pct("%g", &[A::F(-0.0)]), Ok("-0".to_string()));
    assert_eq!(pct("%.0e", &[A::F(12345.0)]), Ok("1e+04".to_string()));
    assert_eq!(pct("%#.0e", &[A::F(12345.0)]), Ok("1.e+04".to_string()));
    assert_eq!(pct("%g", &[A::F(100000.0)]), Ok("100000".to_string()));
    assert_eq!(pct("%g", &[A::F(1000000.0)]), Ok("1e+06".to_string()));
    assert_eq!(pct("%.2g", &[A::F(0.000123456)]), Ok("0.00012".to_string()));
    assert_eq!(pct("%#.3g", &[A::F(1e-07)]), Ok("1.00e-07".to_string()));
}

#[test]
fn int_to_base_cases() {
    assert_eq!(int_to_base(&big("0"), 2), "0b0");
    assert_eq!(int_to_base(&big("0"), 8), "0o0");
    assert_eq!(int_to_base(&big("0"), 16), "0x0");
    assert_eq!(int_to_base(&big("0"), 10), "0");
    assert_eq!(int_to_base(&big("5"), 2), "0b101");
    assert_eq!(int_to_base(&big("5"), 8), "0o5");
    assert_eq!(int_to_base(&big("5"), 16), "0x5");
    assert_eq!(int_to_base(&big("5"), 10), "5");
    assert_eq!(int_to_base(&big("-42"), 2), "-0b101010");
    assert_eq!(int_to_base(&big("-42"), 8), "-0o52");
    assert_eq!(int_to_base(&big("-42"), 16), "-0x2a");
    assert_eq!(int_to_base(&big("-42"), 10), "-42");
    assert_eq!(int_to_base(&big("255"), 2), "0b11111111");
    assert_eq!(int_to_base(&big("255"), 8), "0o377");
    assert_eq!(int_to_base(&big("255"), 16), "0xff");
    assert_eq!(int_to_base(&big("255"), 10), "255");
    assert_eq!(
        int_to_base(&big("1180591620717411303424"), 2),
        "0b10000000000000000000000000000000000000000000000000000000000000000000000"
    );
    assert_eq!(int_to_base(&big("1180591620717411303424"), 8), "0o200000000000000000000000");
    assert_eq!(int_to_base(&big("1180591620717411303424"), 16), "0x400000000000000000");
    assert_eq!(int_to_base(&big("1180591620717411303424"), 10), "1180591620717411303424");
    assert_eq!(
        int_to_base(&big("-1180591620717411303424"), 2),
        "-0b10000000000000000000000000000000000000000000000000000000000000000000000"
    );
    assert_eq!(int_to_base(&big("-1180591620717411303424"), 8), "-0o200000000000000000000000");
    assert_eq!(int_to_base(&big("-1180591620717411303424"), 16), "-0x400000000000000000");
    assert_eq!(int_to_base(&big("-1180591620717411303424"), 10), "-1180591620717411303424");
    assert_eq!(int_to_base(&big("1"), 2), "0b1");
    assert_eq!(int_to_base(&big("1"), 8), "0o1");
    assert_eq!(int_to_base(&big("1"), 16), "0x1");
    assert_eq!(int_to_base(&big("1"), 10), "1");
}

#[test]
fn parse_int_literal_cases() {
    assert_eq!(parse_int_literal("0", 10), Ok(big("0")));
    assert_eq!(parse_int_literal("  42  ", 10), Ok(big("42")));
    assert_eq!(parse_int_literal("-42", 10), Ok(big("-42")));
    assert_eq!(parse_int_literal("+42", 10), Ok(big("42")));
    assert_eq!(parse_int_literal("- 42", 10), Err(()));
    assert_eq!(parse_int_literal("1_000", 10), Ok(big("1000")));
    assert_eq!(parse_int_literal("1__000", 10), Err(()));
    assert_eq!(parse_int_literal("_1", 10), Err(()));
    assert_eq!(parse_int_literal("1_", 10), Err(()));
    assert_eq!(parse_int_literal("0x1f", 16), Ok(big("31")));
    assert_eq!(parse_int_literal("0X1F", 16), Ok(big("31")));
    assert_eq!(parse_int_literal("1f", 16), Ok(big("31")));
    assert_eq!(parse_int_literal("0x1f", 0), Ok(big("31")));
    assert_eq!(parse_int_literal("0o17", 0), Ok(big("15")));
    assert_eq!(parse_int_literal("0b101", 0), Ok(big("5")));
    assert_eq!(parse_int_literal("0b101", 2), Ok(big("5")));
    assert_eq!(parse_int_literal("0o17", 8), Ok(big("15")));
    assert_eq!(parse_int_literal("0x_1f", 16), Ok(big("31")));
    assert_eq!(parse_int_literal("0x__1f", 16), Err(()));
    assert_eq!(parse_int_literal("010", 0), Err(()));
    assert_eq!(parse_int_literal("00", 0), Ok(big("0")));
    assert_eq!(parse_int_literal("0_0", 0), Ok(big("0")));
    assert_eq!(parse_int_literal("0", 0), Ok(big("0")));
    assert_eq!(parse_int_literal("-0", 0), Ok(big("0")));
    assert_eq!(parse_int_literal("12", 0), Ok(big("12")));
    assert_eq!(parse_int_literal("0x", 16), Err(()));
    assert_eq!(parse_int_literal("0x", 0), Err(()));
    assert_eq!(parse_int_literal("z", 36), Ok(big("35")));
    assert_eq!(parse_int_literal("Z", 36), Ok(big("35")));
    assert_eq!(parse_int_literal("zz", 35), Err(()));
    assert_eq!(parse_int_literal("12", 3), Ok(big("5")));
    assert_eq!(parse_int_literal("102", 2), Err(()));
    assert_eq!(parse_int_literal("", 10), Err(()));
    assert_eq!(parse_int_literal("  ", 10), Err(()));
    assert_eq!(parse_int_literal("\t\n12\u{b}\u{c}\r", 10), Ok(big("12")));
    assert_eq!(parse_int_literal("\u{1c}5", 10), Err(()));
    assert_eq!(parse_int_literal("\u{2003}5\u{3000}", 10), Ok(big("5")));
    assert_eq!(parse_int_literal("٣٤", 10), Ok(big("34")));
    assert_eq!(parse_int_literal("１２", 10), Ok(big("12")));
    assert_eq!(parse_int_literal("0b_1", 0), Ok(big("1")));
    assert_eq!(parse_int_literal("0_b1", 0), Err(()));
    assert_eq!(parse_int_literal("1 2", 10), Err(()));
    assert_eq!(parse_int_literal("12\u{0}", 10), Err(()));
    assert_eq!(parse_int_literal("99999999999999999999999999999", 10), Ok(big("99999999999999999999999999999")));
    assert_eq!(parse_int_literal("-0x8000000000000000", 0), Ok(big("-9223372036854775808")));
    assert_eq!(parse_int_literal("0xg", 16), Err(()));
    assert_eq!(parse_int_literal("0b2", 0), Err(()));
    assert_eq!(parse_int_literal("0o8", 0), Err(()));
    assert_eq!(parse_int_literal("0b", 2), Err(()));
    assert_eq!(parse_int_literal("1e5", 10), Err(()));
    assert_eq!(parse_int_literal("١_٢", 10), Ok(big("12")));
    assert_eq!(parse_int_literal("0x1F", 0), Ok(big("31")));
    assert_eq!(parse_int_literal("0B11", 0), Ok(big("3")));
    assert_eq!(parse_int_literal("0O7", 0), Ok(big("7")));
    assert_eq!(parse_int_literal("07", 8), Ok(big("7")));
    assert_eq!(parse_int_literal("0b1", 16), Ok(big("177")));
    assert_eq!(parse_int_literal("+-1", 10), Err(()));
    assert_eq!(parse_int_literal("--1", 10), Err(()));
    assert_eq!(parse_int_literal("+", 10), Err(()));
    assert_eq!(parse_int_literal("-", 10), Err(()));
    assert_eq!(parse_int_literal("1.0", 10), Err(()));
    assert_eq!(parse_int_literal("12", 1), Err(()));
    assert_eq!(parse_int_literal("12", 37), Err(()));
}

#[test]
fn parse_float_literal_cases() {
    assert_eq!(bits(parse_float_literal("1.5")), bits(Some(1.5)));
    assert_eq!(bits(parse_float_literal("  -2.5e3 ")), bits(Some(-2500.0)));
    assert_eq!(bits(parse_float_literal("inf")), bits(Some(f64::INFINITY)));
    assert_eq!(bits(parse_float_literal("-inf")), bits(Some(f64::NEG_INFINITY)));
    assert_eq!(bits(parse_float_literal("+inf")), bits(Some(f64::INFINITY)));
    assert_eq!(bits(parse_float_literal("Infinity")), bits(Some(f64::INFINITY)));
    assert_eq!(bits(parse_float_literal("-iNfInItY")), bits(Some(f64::NEG_INFINITY)));
    {
        let v = parse_float_literal("nan").unwrap();
        assert!(v.is_nan());
        assert!(!v.is_sign_negative());
    }
    {
        let v = parse_float_literal("-NaN").unwrap();
        assert!(v.is_nan());
        assert!(v.is_sign_negative());
    }
    {
        let v = parse_float_literal("NAN").unwrap();
        assert!(v.is_nan());
        assert!(!v.is_sign_negative());
    }
    assert_eq!(bits(parse_float_literal("infin")), bits(None));
    assert_eq!(bits(parse_float_literal("in")), bits(None));
    assert_eq!(bits(parse_float_literal("1e")), bits(None));
    assert_eq!(bits(parse_float_literal("1e+")), bits(None));
    assert_eq!(bits(parse_float_literal("1.e5")), bits(Some(100000.0)));
    assert_eq!(bits(parse_float_literal(".5")), bits(Some(0.5)));
    assert_eq!(bits(parse_float_literal("5.")), bits(Some(5.0)));
    assert_eq!(bits(parse_float_literal(".")), bits(None));
    assert_eq!(bits(parse_float_literal("e5")), bits(None));
    assert_eq!(bits(parse_float_literal("1_000.5")), bits(Some(1000.5)));
    assert_eq!(bits(parse_float_literal("1__0")), bits(None));
    assert_eq!(bits(parse_float_literal("1_.5")), bits(None));
    assert_eq!(bits(parse_float_literal("1._5")), bits(None));
    assert_eq!(bits(parse_float_literal("_1")), bits(None));
    assert_eq!(bits(parse_float_literal("1_")), bits(None));
    assert_eq!(bits(parse_float_literal("1e1_0")), bits(Some(10000000000.0)));
    assert_eq!(bits(parse_float_literal("1_e5")), bits(None));
    assert_eq!(bits(parse_float_literal("0x10")), bits(None));
    assert_eq!(bits(parse_float_literal("1e400")), bits(Some(f64::INFINITY)));
    assert_eq!(bits(parse_float_literal("-1e400")), bits(Some(f64::NEG_INFINITY)));
    assert_eq!(bits(parse_float_literal("1e-400")), bits(Some(0.0)));
    assert_eq!(bits(parse_float_literal("5e-324")), bits(Some(5e-324)));
    assert_eq!(bits(parse_float_literal("2.4703282292062328e-324")), bits(Some(5e-324)));
    assert_eq!(bits(parse_float_literal("1.7976931348623157e308")), bits(Some(1.7976931348623157e+308)));
    assert_eq!(bits(parse_float_literal("1.7976931348623159e308")), bits(Some(f64::INFINITY)));
    assert_eq!(bits(parse_float_literal("0.1")), bits(Some(0.1)));
    assert_eq!(bits(parse_float_literal("  \u{3000}1.25\u{2003} ")), bits(Some(1.25)));
    assert_eq!(bits(parse_float_literal("١٫٥")), bits(None));
    assert_eq!(bits(parse_float_literal("１.５")), bits(Some(1.5)));
    assert_eq!(bits(parse_float_literal("\u{1c}1")), bits(None));
    assert_eq!(bits(parse_float_literal("")), bits(None));
    assert_eq!(bits(parse_float_literal("   ")), bits(None));
    assert_eq!(bits(parse_float_literal("+")), bits(None));
    assert_eq!(bits(parse_float_literal("-")), bits(None));
    assert_eq!(bits(parse_float_literal("++1")), bits(None));
    assert_eq!(bits(parse_float_literal("1 2")), bits(None));
    assert_eq!(bits(parse_float_literal("0.30000000000000004")), bits(Some(0.30000000000000004)));
    assert_eq!(bits(parse_float_literal("123456789012345678901234567890")), bits(Some(1.2345678901234568e+29)));
    assert_eq!(bits(parse_float_literal("1E5")), bits(Some(100000.0)));
    assert_eq!(bits(parse_float_literal("1e05")), bits(Some(100000.0)));
    assert_eq!(bits(parse_float_literal("-0")), bits(Some(-0.0)));
    assert_eq!(bits(parse_float_literal("-0.0")), bits(Some(-0.0)));
    assert_eq!(bits(parse_float_literal("00012.5e-0001")), bits(Some(1.25)));
    assert_eq!(bits(parse_float_literal("4.35")), bits(Some(4.35)));
    assert_eq!(bits(parse_float_literal("1.0000000000000002")), bits(Some(1.0000000000000002)));
    assert_eq!(bits(parse_float_literal("9007199254740993")), bits(Some(9007199254740992.0)));
    assert_eq!(bits(parse_float_literal("nan(1)")), bits(None));
    assert_eq!(bits(parse_float_literal("i_nf")), bits(None));
    assert_eq!(bits(parse_float_literal("12\u{0}")), bits(None));
}

#[test]
fn bigint_to_f64_cases() {
    assert_eq!(bigint_to_f64(&big("0")), Ok(0.0));
    assert_eq!(bigint_to_f64(&big("1")), Ok(1.0));
    assert_eq!(bigint_to_f64(&big("-1")), Ok(-1.0));
    assert_eq!(bigint_to_f64(&big("9007199254740993")), Ok(9007199254740992.0));
    assert_eq!(bigint_to_f64(&big("9007199254740995")), Ok(9007199254740996.0));
    assert_eq!(bigint_to_f64(&big("-18446744073709553664")), Ok(-1.8446744073709552e+19));
    assert_eq!(bigint_to_f64(&big("18446744073709553665")), Ok(1.8446744073709556e+19));
    assert_eq!(bigint_to_f64(&big("10000000000000000000000")), Ok(1e+22));
    assert_eq!(
        bigint_to_f64(&big(
            "265613988875874769338781322035779626829233452653394495974574961739092490901302182994384699044001"
        )),
        Ok(2.6561398887587478e+95)
    );
    assert_eq!(bigint_to_f64(&big("179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368")), Ok(1.7976931348623157e+308));
    assert_eq!(bigint_to_f64(&big("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792")), Err("int too large to convert to float".to_string()));
    assert_eq!(bigint_to_f64(&big("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791")), Ok(1.7976931348623157e+308));
    assert_eq!(bigint_to_f64(&big("-179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216")), Err("int too large to convert to float".to_string()));
    assert_eq!(bigint_to_f64(&big("10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")), Err("int too large to convert to float".to_string()));
}
