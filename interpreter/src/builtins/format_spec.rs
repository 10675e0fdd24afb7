//! Python-compatible text formatting of numbers and strings (CPython 3.11
//! semantics, byte for byte), self-contained: it depends only on `std` and
//! the `num-*` crates.
//!
//! * [`float_repr`] — `repr(float)` / `str(float)`.
//! * Format-spec mini-language (`format()`, f-strings, `str.format`):
//!   [`parse`] → [`FormatSpec`], then [`format_int`], [`format_float`],
//!   [`format_str`] (and the `*_named` variants that name the value's type
//!   in error messages), or the one-call [`apply_int`], [`apply_float`],
//!   [`apply_str`].
//! * printf-style `str % args`: [`parse_percent`] → [`PercentPiece`]s, then
//!   [`percent_format_int`], [`percent_format_float`], [`percent_pad_str`].
//! * [`int_to_base`] (`hex`/`oct`/`bin`), [`parse_int_literal`]
//!   (`int(str, base)`), [`parse_float_literal`] (`float(str)`).
//!
//! Errors are returned as the message text of the Python exception.  They
//! are `ValueError`s except those for which [`error_is_overflow`] is true
//! (`OverflowError`).

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

// ===========================================================================
// Unicode helpers
// ===========================================================================

/// Code points of the digit zero of every Unicode decimal-digit (Nd) run;
/// each run is ten consecutive code points (Unicode 14, as in CPython 3.11).
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0,
    0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620,
    0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0,
    0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60,
    0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// Value of a Unicode decimal digit (`unicodedata.decimal(c)`), `None` if
/// `c` is not one.
pub fn unicode_decimal_value(c: char) -> Option<u32> {
    let cp = c as u32;
    if cp < 0x80 {
        return if c.is_ascii_digit() { Some(cp - 0x30) } else { None };
    }
    let idx = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
    if idx == 0 {
        return None;
    }
    let d = cp - DECIMAL_ZEROS[idx - 1];
    if d < 10 {
        Some(d)
    } else {
        None
    }
}

/// Python's `str.isspace()` for one character.
pub fn py_isspace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// True for error messages of this module that CPython raises as
/// `OverflowError` (all others are `ValueError`).
pub fn error_is_overflow(msg: &str) -> bool {
    matches!(
        msg,
        "%c arg not in range(0x110000)"
            | "Python int too large to convert to C long"
            | "int too large to convert to float"
            | "precision too large"
    )
}

// ===========================================================================
// Float → decimal digits (the `_Py_dg_dtoa` modes CPython uses)
// ===========================================================================

/// An f64's exact decimal expansion has at most 767 significant digits and
/// at most 1074 digits after the point; Rust's formatter rejects precisions
/// above `u16::MAX`, so requests are clamped to these (exact) bounds.
const MAX_SIG_DIGITS: usize = 800;
const MAX_FRAC_DIGITS: usize = 1100;

/// Parses Rust's `{:e}` output (`"1.2345e-5"`) into (digits without trailing
/// zeros, decpt) where the value is `0.DIGITS × 10^decpt`.  Zero is `("0", 1)`.
fn split_sci(s: &str) -> (Vec<u8>, i64) {
    let (mant, exp) = s.split_once('e').expect("scientific notation");
    let exp: i64 = exp.parse().expect("exponent");
    let mut digits: Vec<u8> = mant.bytes().filter(|b| *b != b'.').collect();
    while digits.len() > 1 && digits[digits.len() - 1] == b'0' {
        digits.pop();
    }
    if digits == b"0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

/// Mode 0: shortest digits that round-trip.  Among shortest candidates
/// CPython takes the one nearest the exact value, ties to even; Rust's
/// shortest formatter rounds such ties up (`82902560296665.125` → `…13`, not
/// `…12`), so when a tie is possible the correctly rounded candidate of the
/// same length is preferred if it round-trips.
fn digits_shortest(x: f64) -> (Vec<u8>, i64) {
    let (d, decpt) = split_sci(&format!("{:e}", x.abs()));
    if d == b"0" || !shortest_tie_possible(x) {
        return (d, decpt);
    }
    let (e, edecpt) = digits_sig(x, d.len() as i64);
    if (&e, edecpt) != (&d, decpt) {
        let text = format!("0.{}e{}", std::str::from_utf8(&e).expect("ascii"), edecpt);
        if text.parse::<f64>() == Ok(x.abs()) {
            return (e, edecpt);
        }
    }
    (d, decpt)
}

/// A tie between two shortest candidates needs an exact decimal expansion
/// of at most ~18 significant digits: impossible for integers below 2^53
/// (printed exactly) and for values with more than 26 fractional bits.
fn shortest_tie_possible(x: f64) -> bool {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let mut m = bits & ((1u64 << 52) - 1);
    let mut e: i64 = if biased == 0 { -1074 } else { biased as i64 - 1075 };
    if biased != 0 {
        m |= 1u64 << 52;
    }
    if m == 0 {
        return false;
    }
    let tz = m.trailing_zeros();
    e += tz as i64;
    if e >= 0 {
        x.abs() >= 9007199254740992.0
    } else {
        -e <= 26
    }
}

/// Mode 2: `n` significant digits, correctly rounded (half-even on the exact
/// binary value).
fn digits_sig(x: f64, n: i64) -> (Vec<u8>, i64) {
    let n = (n.max(1) as usize).min(MAX_SIG_DIGITS);
    split_sci(&format!("{:.*e}", n - 1, x.abs()))
}

/// Mode 3: `n` digits after the decimal point, correctly rounded.
fn digits_fixed(x: f64, n: i64) -> (Vec<u8>, i64) {
    let s = format!("{:.*}", (n.max(0) as usize).min(MAX_FRAC_DIGITS), x.abs());
    let (ip, fp) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s.as_str(), ""),
    };
    let mut decpt = ip.len() as i64;
    let mut digits: Vec<u8> = ip.bytes().chain(fp.bytes()).collect();
    let lead = digits.iter().take_while(|&&b| b == b'0').count();
    if lead == digits.len() {
        return (vec![b'0'], 1);
    }
    digits.drain(..lead);
    decpt -= lead as i64;
    while digits[digits.len() - 1] == b'0' {
        digits.pop();
    }
    (digits, decpt)
}

/// Port of CPython's `format_float_short` (Python/pystrtod.c).  `code` is one
/// of 'e', 'f', 'g', 'r' with `precision` already adjusted as
/// `PyOS_double_to_string` does.
#[allow(clippy::too_many_arguments)]
fn format_float_short(
    d: f64,
    code: char,
    precision: i64,
    always_add_sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
    upper: bool,
) -> String {
    let mut out = String::new();
    if d.is_nan() {
        if always_add_sign {
            out.push('+');
        }
        out.push_str(if upper { "NAN" } else { "nan" });
        return out;
    }
    if d.is_infinite() {
        if d < 0.0 {
            out.push('-');
        } else if always_add_sign {
            out.push('+');
        }
        out.push_str(if upper { "INF" } else { "inf" });
        return out;
    }
    let (digits, mut decpt) = match code {
        'e' | 'g' => digits_sig(d, precision),
        'f' => digits_fixed(d, precision),
        _ => digits_shortest(d),
    };
    let mut neg = d.is_sign_negative();
    if no_neg_0 && neg && digits == b"0" {
        neg = false;
    }
    let digits_len = digits.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if add_dot_0 { precision - 1 } else { precision };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0i64;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }
    out.reserve((vdigits_end - vdigits_start) as usize + 8);
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if neg {
        out.push('-');
    } else if always_add_sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    let dstr = std::str::from_utf8(&digits).expect("ascii digits");
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&dstr[..decpt as usize]);
        out.push('.');
        out.push_str(&dstr[decpt as usize..]);
    } else {
        out.push_str(dstr);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push_str(&format!("{:+03}", exp));
    }
    out
}

/// Port of `PyOS_double_to_string`: `code` in e E f F g G r.
fn double_to_string(
    val: f64,
    code: char,
    precision: i64,
    always_add_sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
) -> String {
    let (code, upper) = match code {
        'E' => ('e', true),
        'F' => ('f', true),
        'G' => ('g', true),
        c => (c, false),
    };
    let precision = match code {
        'e' => precision + 1,
        'g' if precision == 0 => 1,
        'r' => 0,
        _ => precision,
    };
    format_float_short(val, code, precision, always_add_sign, add_dot_0, alt, no_neg_0, upper)
}

/// `repr(x)` / `str(x)` for a Python float: shortest round-tripping digits,
/// exponent notation when the decimal exponent is < -4 or >= 16.
pub fn float_repr(x: f64) -> String {
    double_to_string(x, 'r', 0, false, true, false, false)
}

/// Converts an int to the nearest f64 (round-half-even), like
/// `float(int)`; `Err("int too large to convert to float")` (OverflowError).
pub fn bigint_to_f64(v: &BigInt) -> Result<f64, String> {
    let mag = v.magnitude();
    let bits = mag.bits();
    let f = if bits <= 64 {
        mag.to_u64().expect("fits") as f64
    } else {
        let shift = bits - 64;
        let top = (mag >> shift).to_u64().expect("64 bits");
        let low_nonzero = mag.trailing_zeros().is_some_and(|tz| tz < shift);
        let top = top | low_nonzero as u64;
        let base = top as f64;
        if shift > 2000 {
            f64::INFINITY
        } else {
            base * 2f64.powi(shift as i32)
        }
    };
    if f.is_infinite() {
        return Err("int too large to convert to float".to_string());
    }
    Ok(if v.sign() == Sign::Minus { -f } else { f })
}

// ===========================================================================
// Format-spec mini-language
// ===========================================================================

/// A parsed format specification
/// `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
///
/// Defaults that depend on the value's kind (alignment, fill under the `0`
/// flag, type) are left unresolved (`None` / flags) and applied by the
/// `format_*` functions, as CPython does per type.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// Explicit fill character (only together with an explicit `align`).
    pub fill: Option<char>,
    /// `'<'`, `'>'`, `'^'` or `'='` if given.
    pub align: Option<char>,
    /// `'+'`, `'-'` or `' '` if given.
    pub sign: Option<char>,
    /// `z`: coerce negative zero to positive (floats only).
    pub no_neg_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0` before the width (recorded only when no explicit fill was given):
    /// fill with '0', and for numbers default the alignment to '='.
    pub zero: bool,
    /// Minimum field width in characters.
    pub width: Option<usize>,
    /// Thousands separator: `','` or `'_'`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Presentation type, if given.
    pub type_char: Option<char>,
}

/// CPython's `get_integer`: reads Unicode decimal digits.  Returns
/// (value, digits consumed).
fn spec_get_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), String> {
    let mut acc: u64 = 0;
    let mut n = 0;
    while *pos < chars.len() {
        let Some(d) = unicode_decimal_value(chars[*pos]) else {
            break;
        };
        if acc > (i64::MAX as u64 - d as u64) / 10 {
            return Err("Too many decimal digits in format string".to_string());
        }
        acc = acc * 10 + d as u64;
        *pos += 1;
        n += 1;
    }
    Ok((acc as usize, n))
}

/// Parses a format spec.  `type_name` is the Python type name of the value
/// being formatted, used in the "Invalid format specifier" message
/// (e.g. `Invalid format specifier '10.2.3' for object of type 'float'`).
pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, String> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut fs = FormatSpec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');

    if end >= 2 && is_align(chars[1]) {
        fs.align = Some(chars[1]);
        fs.fill = Some(chars[0]);
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        fs.align = Some(chars[0]);
        pos = 1;
    }
    if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
        fs.sign = Some(chars[pos]);
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        fs.no_neg_zero = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        fs.alternate = true;
        pos += 1;
    }
    if fs.fill.is_none() && pos < end && chars[pos] == '0' {
        fs.zero = true;
        pos += 1;
    }
    let (w, n) = spec_get_integer(&chars, &mut pos)?;
    if n > 0 {
        fs.width = Some(w);
    }
    if pos < end && chars[pos] == ',' {
        fs.grouping = Some(',');
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if fs.grouping.is_some() {
            return Err("Cannot specify both ',' and '_'.".to_string());
        }
        fs.grouping = Some('_');
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && fs.grouping == Some('_') {
        return Err("Cannot specify both ',' and '_'.".to_string());
    }
    if pos < end && chars[pos] == '.' {
        pos += 1;
        let (p, n) = spec_get_integer(&chars, &mut pos)?;
        if n == 0 {
            return Err("Format specifier missing precision".to_string());
        }
        fs.precision = Some(p);
    }
    if end - pos > 1 {
        return Err(format!("Invalid format specifier '{}' for object of type '{}'", spec, type_name));
    }
    if end - pos == 1 {
        fs.type_char = Some(chars[pos]);
    }
    Ok(fs)
}

fn char_for_message(c: char) -> String {
    let cp = c as u32;
    if cp > 32 && cp < 128 {
        format!("'{}'", c)
    } else {
        format!("'\\x{:x}'", cp)
    }
}

fn unknown_presentation_type(ty: char, type_name: &str) -> String {
    format!("Unknown format code {} for object of type '{}'", char_for_message(ty), type_name)
}

/// Validates the thousands separator against the effective type ('\0' = none)
/// and returns (separator, group size).
fn check_grouping(spec: &FormatSpec, ty: char) -> Result<Option<(char, usize)>, String> {
    let Some(g) = spec.grouping else {
        return Ok(None);
    };
    match ty {
        'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => Ok(Some((g, 3))),
        'b' | 'o' | 'x' | 'X' if g == '_' => Ok(Some(('_', 4))),
        _ => Err(format!("Cannot specify '{}' with {}.", g, char_for_message(ty))),
    }
}

/// Resolved layout parameters for numbers.
struct NumLayout {
    fill: char,
    align: char,
    sign: Option<char>,
    width: i64,
}

fn numeric_layout(spec: &FormatSpec) -> NumLayout {
    NumLayout {
        fill: spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' }),
        align: spec.align.unwrap_or(if spec.zero { '=' } else { '>' }),
        sign: spec.sign,
        width: spec.width.map_or(-1, |w| w.min(i64::MAX as usize) as i64),
    }
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` (ASCII), padding
/// with zeros (and separators) up to `min_width` characters.
fn insert_grouping(digits: &[u8], min_width: i64, grouping: Option<(char, usize)>) -> String {
    let mut rev: Vec<char> = Vec::with_capacity(digits.len() * 2);
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width.max(0);
    let mut dpos = digits.len();
    let mut use_sep = false;
    let mut broken = false;
    let emit = |rev: &mut Vec<char>, sep: Option<char>, n_chars: i64, n_zeros: i64, dpos: &mut usize| {
        if let Some(s) = sep {
            rev.push(s);
        }
        for _ in 0..n_chars {
            *dpos -= 1;
            rev.push(digits[*dpos] as char);
        }
        for _ in 0..n_zeros {
            rev.push('0');
        }
    };
    if let Some((sep, group)) = grouping {
        let group = group as i64;
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut rev, if use_sep { Some(sep) } else { None }, n_chars, n_zeros, &mut dpos);
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sep = if use_sep { grouping.map(|g| g.0) } else { None };
        emit(&mut rev, sep, n_chars, n_zeros, &mut dpos);
    }
    rev.into_iter().rev().collect()
}

/// `calc_number_widths` + `fill_number`: lays out
/// `<lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>`.
fn render_number(
    lay: &NumLayout,
    negative: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    grouping: Option<(char, usize)>,
) -> String {
    let sign = match lay.sign {
        Some('+') => Some(if negative { '-' } else { '+' }),
        Some(' ') => Some(if negative { '-' } else { ' ' }),
        _ => {
            if negative {
                Some('-')
            } else {
                None
            }
        }
    };
    let n_non_digit =
        sign.is_some() as i64 + prefix.chars().count() as i64 + has_decimal as i64 + remainder.chars().count() as i64;
    let min_width = if lay.fill == '0' && lay.align == '=' { lay.width - n_non_digit } else { 0 };
    let grouped =
        if digits.is_empty() { String::new() } else { insert_grouping(digits.as_bytes(), min_width, grouping) };
    let n_padding = lay.width - (n_non_digit + grouped.chars().count() as i64);
    let (mut lpad, mut spad, mut rpad) = (0i64, 0i64, 0i64);
    if n_padding > 0 {
        match lay.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out = String::with_capacity((lay.width.max(0) as usize) + grouped.len() + 8);
    let fill = |out: &mut String, n: i64| {
        for _ in 0..n {
            out.push(lay.fill);
        }
    };
    fill(&mut out, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(prefix);
    fill(&mut out, spad);
    out.push_str(&grouped);
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    fill(&mut out, rpad);
    out
}

/// `format(int, spec)` for an `int` (see [`format_int_named`]).
pub fn format_int(value: &BigInt, spec: &FormatSpec) -> Result<String, String> {
    format_int_named(value, spec, "int")
}

/// `format(value, spec)` for an int whose Python type is `type_name`
/// (e.g. "bool"; used in "Unknown format code" messages).  Types d n b o x
/// X c and none, or e E f F g G % after conversion to float.  Note that an
/// empty spec means `str(value)` in Python, which this gives for ints but
/// not for bools.
pub fn format_int_named(value: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.type_char.unwrap_or('d');
    let grouping = check_grouping(spec, ty)?;
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(value, spec, ty, grouping),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = bigint_to_f64(value)?;
            format_float_internal(f, spec, ty, grouping)
        }
        _ => Err(unknown_presentation_type(ty, type_name)),
    }
}

fn format_long_internal(
    value: &BigInt,
    spec: &FormatSpec,
    ty: char,
    grouping: Option<(char, usize)>,
) -> Result<String, String> {
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".to_string());
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".to_string());
    }
    let lay = numeric_layout(spec);
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".to_string());
        }
        if spec.alternate {
            return Err("Alternate form (#) not allowed with integer format specifier 'c'".to_string());
        }
        let ch = int_to_char(value, true)?;
        let mut buf = [0u8; 4];
        return Ok(render_number(&lay, false, "", "", false, ch.encode_utf8(&mut buf), None));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(base);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    let negative = value.sign() == Sign::Minus;
    Ok(render_number(&lay, negative, prefix, &digits, false, "", grouping))
}

/// Int → character for `'c'` presentation / `%c`.  `c_long` selects the
/// error for values beyond a C long (format()) vs. the range error (`%c`).
fn int_to_char(value: &BigInt, c_long: bool) -> Result<char, String> {
    let x = match value.to_i64() {
        Some(x) => x,
        None if c_long => return Err("Python int too large to convert to C long".to_string()),
        None => return Err("%c arg not in range(0x110000)".to_string()),
    };
    if !(0..=0x10ffff).contains(&x) {
        return Err("%c arg not in range(0x110000)".to_string());
    }
    char::from_u32(x as u32).ok_or_else(|| format!("surrogate code point U+{:04X} cannot be represented", x))
}

/// `format(float, spec)` for a `float` (see [`format_float_named`]).
pub fn format_float(value: f64, spec: &FormatSpec) -> Result<String, String> {
    format_float_named(value, spec, "float")
}

/// `format(value, spec)` for a float whose Python type is `type_name`.
/// Types e E f F g G n % and none (none without precision = `repr`).
pub fn format_float_named(value: f64, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.type_char.unwrap_or('\0');
    let grouping = check_grouping(spec, ty)?;
    match ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(value, spec, ty, grouping),
        _ => Err(unknown_presentation_type(ty, type_name)),
    }
}

fn format_float_internal(
    value: f64,
    spec: &FormatSpec,
    ty: char,
    grouping: Option<(char, usize)>,
) -> Result<String, String> {
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err("precision too big".to_string());
    }
    let mut precision: i64 = spec.precision.map_or(-1, |p| p as i64);
    let mut ty = ty;
    let mut add_dot_0 = false;
    let mut default_precision = 6;
    if ty == '\0' {
        add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = value;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        val *= 100.0;
        add_pct = true;
    }
    if precision < 0 {
        precision = default_precision;
    } else if ty == 'r' {
        ty = 'g';
    }
    let mut buf = double_to_string(val, ty, precision, false, add_dot_0, spec.alternate, spec.no_neg_zero);
    if add_pct {
        buf.push('%');
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, buf.as_str()),
    };
    let n_int = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let (digits, rest) = body.split_at(n_int);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let lay = numeric_layout(spec);
    Ok(render_number(&lay, negative, "", digits, has_decimal, remainder, grouping))
}

/// `format(str, spec)` for a `str` (see [`format_str_named`]).
pub fn format_str(value: &str, spec: &FormatSpec) -> Result<String, String> {
    format_str_named(value, spec, "str")
}

/// `format(value, spec)` for a str whose Python type is `type_name`: type s
/// or none; precision truncates; default alignment left; width and
/// precision count characters.
pub fn format_str_named(value: &str, spec: &FormatSpec, type_name: &str) -> Result<String, String> {
    let ty = spec.type_char.unwrap_or('s');
    check_grouping(spec, ty)?;
    if ty != 's' {
        return Err(unknown_presentation_type(ty, type_name));
    }
    match spec.sign {
        Some(' ') => return Err("Space not allowed in string format specifier".to_string()),
        Some(_) => return Err("Sign not allowed in string format specifier".to_string()),
        None => {}
    }
    if spec.no_neg_zero {
        return Err("Negative zero coercion (z) not allowed in string format specifier".to_string());
    }
    if spec.alternate {
        return Err("Alternate form (#) not allowed in string format specifier".to_string());
    }
    let align = spec.align.unwrap_or('<');
    if align == '=' {
        return Err("'=' alignment not allowed in string format specifier".to_string());
    }
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let mut nchars = value.chars().count();
    let mut text = value;
    if let Some(p) = spec.precision.filter(|&p| nchars > p) {
        nchars = p;
        let cut = value.char_indices().nth(p).map_or(value.len(), |(i, _)| i);
        text = &value[..cut];
    }
    let total = spec.width.map_or(nchars, |w| w.max(nchars));
    let lpad = match align {
        '>' => total - nchars,
        '^' => (total - nchars) / 2,
        _ => 0,
    };
    let rpad = total - nchars - lpad;
    let mut out = String::with_capacity(text.len() + lpad + rpad);
    out.extend((0..lpad).map(|_| fill));
    out.push_str(text);
    out.extend((0..rpad).map(|_| fill));
    Ok(out)
}

/// Parse + format an int in one call; an empty spec gives `str(value)`.
pub fn apply_int(value: &BigInt, spec: &str, type_name: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_int_named(value, &parse(spec, type_name)?, type_name)
}

/// Parse + format a float in one call; an empty spec gives `repr(value)`.
pub fn apply_float(value: f64, spec: &str, type_name: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    format_float_named(value, &parse(spec, type_name)?, type_name)
}

/// Parse + format a str in one call; an empty spec gives the value.
pub fn apply_str(value: &str, spec: &str, type_name: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_str_named(value, &parse(spec, type_name)?, type_name)
}

// ===========================================================================
// printf-style formatting (`str % args`)
// ===========================================================================

/// Flags of a `%` conversion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`: left-justify.
    pub minus: bool,
    /// `+`: always a sign.
    pub plus: bool,
    /// ` `: a space for positive numbers.
    pub space: bool,
    /// `0`: zero-pad numbers.
    pub zero: bool,
    /// `#`: alternate form.
    pub alt: bool,
}

/// Width or precision of a `%` conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentWidth {
    /// Literal number.
    Num(usize),
    /// `*`: taken from the next argument (see [`PercentSpec::with_stars`]).
    Star,
}

/// One `%` conversion specifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentSpec {
    /// `%(name)s` mapping key.  CPython raises
    /// `TypeError("format requires a mapping")` for it when the argument is
    /// not a mapping (before looking at the rest of the spec), then looks it
    /// up (`KeyError`) before fetching any `*` argument.
    pub key: Option<String>,
    /// The spec starts with `(`: the arguments must be a mapping.  Same as
    /// `key.is_some()` except in the `incomplete format key` error piece,
    /// where the mapping check still comes first but there is no key.
    pub needs_mapping: bool,
    pub flags: PercentFlags,
    pub width: Option<PercentWidth>,
    pub precision: Option<PercentWidth>,
    /// Conversion character (any char; unsupported ones are reported by the
    /// caller with [`PercentSpec::unsupported_error`] *after* fetching the
    /// argument, as CPython does).
    pub conversion: char,
    /// Character index of the conversion char in the format string.
    pub index: usize,
}

/// A piece of a `%` format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentPiece {
    /// Literal text (`%%` already turned into `%`).
    Literal(String),
    /// A conversion.
    Spec(PercentSpec),
    /// Always the last piece when present: the format string is malformed
    /// here.  CPython first performs what is already parsed — if
    /// `partial.needs_mapping`, `TypeError("format requires a mapping")` when
    /// the arguments are not a mapping; then the lookup of `partial.key` and
    /// the fetching of `*` arguments (width, then precision) — and then
    /// raises `ValueError(message)`.
    Error { message: String, partial: PercentSpec },
}

impl PercentSpec {
    fn empty() -> PercentSpec {
        PercentSpec {
            key: None,
            needs_mapping: false,
            flags: PercentFlags::default(),
            width: None,
            precision: None,
            conversion: '\0',
            index: 0,
        }
    }

    /// Replaces `*` width/precision with the argument values: a negative
    /// width sets the `-` flag and uses its absolute value; a negative
    /// precision becomes 0.  (The caller checks the arguments are ints that
    /// fit: ssize_t for the width, C int for the precision.)
    pub fn with_stars(&self, star_width: Option<i64>, star_precision: Option<i64>) -> PercentSpec {
        let mut s = self.clone();
        if s.width == Some(PercentWidth::Star) {
            let w = star_width.unwrap_or(0);
            if w < 0 {
                s.flags.minus = true;
            }
            s.width = Some(PercentWidth::Num(w.unsigned_abs() as usize));
        }
        if s.precision == Some(PercentWidth::Star) {
            s.precision = Some(PercentWidth::Num(star_precision.unwrap_or(0).max(0) as usize));
        }
        s
    }

    /// `ValueError` text for an unsupported conversion character.
    pub fn unsupported_error(&self) -> String {
        let c = self.conversion;
        let shown = if (31..=126).contains(&(c as u32)) { c } else { '?' };
        format!("unsupported format character '{}' (0x{:x}) at index {}", shown, c as u32, self.index)
    }

    fn width_num(&self) -> i64 {
        match self.width {
            Some(PercentWidth::Num(w)) => w as i64,
            _ => -1,
        }
    }

    fn prec_num(&self) -> i64 {
        match self.precision {
            Some(PercentWidth::Num(p)) => p as i64,
            _ => -1,
        }
    }
}

/// Splits a `%` format string into literals and conversion specs (port of
/// `unicode_format_arg_parse`).  Parsing stops at the first malformed spec
/// with a final [`PercentPiece::Error`] (`incomplete format`, `incomplete
/// format key`, `width too big`, `precision too big`).  Conversion
/// characters are not validated here.
pub fn parse_percent(fmt: &str) -> Vec<PercentPiece> {
    let ch: Vec<char> = fmt.chars().collect();
    let n = ch.len();
    let read = |p: usize| -> char {
        if p < n {
            ch[p]
        } else {
            '\0'
        }
    };
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut pos = 0usize;
    while pos < n {
        if ch[pos] != '%' {
            lit.push(ch[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if read(pos) == '%' && pos < n {
            lit.push('%');
            pos += 1;
            continue;
        }
        if !lit.is_empty() {
            pieces.push(PercentPiece::Literal(std::mem::take(&mut lit)));
        }
        let mut cnt: i64 = (n - pos) as i64;
        let mut spec = PercentSpec::empty();
        let mut c = read(pos);
        macro_rules! fail {
            ($msg:expr) => {{
                pieces.push(PercentPiece::Error { message: $msg.to_string(), partial: spec });
                return pieces;
            }};
        }
        if c == '(' {
            spec.needs_mapping = true;
            pos += 1;
            cnt -= 1;
            let keystart = pos;
            let mut pcount = 1;
            while pcount > 0 {
                cnt -= 1;
                if cnt < 0 {
                    break;
                }
                c = ch[pos];
                if c == ')' {
                    pcount -= 1;
                } else if c == '(' {
                    pcount += 1;
                }
                pos += 1;
            }
            if cnt < 0 || pcount > 0 {
                fail!("incomplete format key");
            }
            spec.key = Some(ch[keystart..pos - 1].iter().collect());
        }
        loop {
            cnt -= 1;
            if cnt < 0 {
                break;
            }
            c = ch[pos];
            pos += 1;
            match c {
                '-' => spec.flags.minus = true,
                '+' => spec.flags.plus = true,
                ' ' => spec.flags.space = true,
                '#' => spec.flags.alt = true,
                '0' => spec.flags.zero = true,
                _ => break,
            }
        }
        if c == '*' {
            spec.width = Some(PercentWidth::Star);
            cnt -= 1;
            if cnt >= 0 {
                c = ch[pos];
                pos += 1;
            }
        } else if c.is_ascii_digit() {
            let mut w: i64 = (c as u8 - b'0') as i64;
            loop {
                cnt -= 1;
                if cnt < 0 {
                    break;
                }
                c = ch[pos];
                pos += 1;
                if !c.is_ascii_digit() {
                    break;
                }
                let d = (c as u8 - b'0') as i64;
                if w > (i64::MAX - d) / 10 {
                    fail!("width too big");
                }
                w = w * 10 + d;
            }
            spec.width = Some(PercentWidth::Num(w as usize));
        }
        if c == '.' {
            let mut p: i64 = 0;
            cnt -= 1;
            if cnt >= 0 {
                c = ch[pos];
                pos += 1;
            }
            if c == '*' {
                spec.precision = Some(PercentWidth::Star);
                cnt -= 1;
                if cnt >= 0 {
                    c = ch[pos];
                    pos += 1;
                }
            } else {
                if c.is_ascii_digit() {
                    p = (c as u8 - b'0') as i64;
                    loop {
                        cnt -= 1;
                        if cnt < 0 {
                            break;
                        }
                        c = ch[pos];
                        pos += 1;
                        if !c.is_ascii_digit() {
                            break;
                        }
                        let d = (c as u8 - b'0') as i64;
                        if p > (i32::MAX as i64 - d) / 10 {
                            fail!("precision too big");
                        }
                        p = p * 10 + d;
                    }
                }
                spec.precision = Some(PercentWidth::Num(p as usize));
            }
        }
        if cnt >= 0 && matches!(c, 'h' | 'l' | 'L') {
            cnt -= 1;
            if cnt >= 0 {
                c = ch[pos];
                pos += 1;
            }
        }
        if cnt < 0 {
            fail!("incomplete format");
        }
        spec.conversion = c;
        spec.index = pos - 1;
        pieces.push(PercentPiece::Spec(spec));
    }
    if !lit.is_empty() {
        pieces.push(PercentPiece::Literal(lit));
    }
    pieces
}

/// Port of `unicode_format_arg_output`: width, sign, `#` prefix, padding.
/// `numeric` is CPython's `arg->sign` (true for d i u o x X e E f F g G).
fn percent_output(s: &str, spec: &PercentSpec, numeric: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let flags = spec.flags;
    let mut width = spec.width_num();
    let prec = spec.prec_num();
    let conv = spec.conversion;
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut len = chars.len() as i64;
    if (width == -1 || width <= len) && (prec == -1 || prec >= len) && !(flags.plus || flags.space) {
        return s.to_string();
    }
    if matches!(conv, 's' | 'r' | 'a') && prec >= 0 && len > prec {
        len = prec;
    }
    let mut pindex = 0usize;
    let mut sign = numeric;
    let mut signchar = '\0';
    if sign {
        let c0 = chars.first().copied().unwrap_or('\0');
        if c0 == '-' || c0 == '+' {
            signchar = c0;
            len -= 1;
            pindex += 1;
        } else if flags.plus {
            signchar = '+';
        } else if flags.space {
            signchar = ' ';
        } else {
            sign = false;
        }
    }
    if width < len {
        width = len;
    }
    let mut out = String::with_capacity(width.max(0) as usize + 2);
    if sign {
        if fill != ' ' {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let alt_prefix = flags.alt && matches!(conv, 'x' | 'X' | 'o');
    if alt_prefix {
        if fill != ' ' {
            out.push('0');
            out.push(conv);
            pindex += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && !flags.minus {
        for _ in 0..(width - len) {
            out.push(fill);
        }
        width = len;
    }
    if fill == ' ' {
        if sign {
            out.push(signchar);
        }
        if alt_prefix {
            out.push('0');
            out.push(conv);
            pindex += 2;
        }
    }
    if len > 0 {
        out.extend(&chars[pindex..pindex + len as usize]);
    }
    if width > len {
        for _ in 0..(width - len) {
            out.push(' ');
        }
    }
    out
}

/// `%d %i %u %o %x %X %c` of an int (`spec` with `*` already resolved by
/// [`PercentSpec::with_stars`]).  Converting non-int arguments (`%d` of a
/// float truncates, `%x` needs `__index__`) and `%c` of a 1-char str are
/// the caller's; an unsupported conversion gives
/// [`PercentSpec::unsupported_error`].
pub fn percent_format_int(v: &BigInt, spec: &PercentSpec) -> Result<String, String> {
    let conv = spec.conversion;
    match conv {
        'c' => {
            let ch = int_to_char(v, false)?;
            let mut buf = [0u8; 4];
            Ok(percent_output(ch.encode_utf8(&mut buf), spec, false))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let prec = spec.prec_num();
            if prec > i32::MAX as i64 - 3 {
                return Err("precision too large".to_string());
            }
            let (base, prefix) = match conv {
                'o' => (8, "0o"),
                'x' | 'X' => (16, "0x"),
                _ => (10, ""),
            };
            let digits = v.magnitude().to_str_radix(base);
            let mut s = String::with_capacity(digits.len().max(prec.max(0) as usize) + 3);
            if v.sign() == Sign::Minus {
                s.push('-');
            }
            if spec.flags.alt {
                s.push_str(prefix);
            }
            for _ in 0..(prec - digits.len() as i64).max(0) {
                s.push('0');
            }
            s.push_str(&digits);
            if conv == 'X' {
                s.make_ascii_uppercase();
            }
            Ok(percent_output(&s, spec, true))
        }
        _ => Err(spec.unsupported_error()),
    }
}

/// `%e %E %f %F %g %G` of a float (default precision 6).  `%s`/`%r` of a
/// float use [`float_repr`] + [`percent_pad_str`] instead.
pub fn percent_format_float(v: f64, spec: &PercentSpec) -> Result<String, String> {
    let conv = spec.conversion;
    if !matches!(conv, 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
        return Err(spec.unsupported_error());
    }
    let prec = spec.prec_num();
    let prec = if prec < 0 { 6 } else { prec };
    let s = double_to_string(v, conv, prec, false, false, spec.flags.alt, false);
    Ok(percent_output(&s, spec, true))
}

/// Pads an already-converted string for `%s %r %a` (precision truncates, in
/// characters) or `%c` of a 1-char str (no truncation): width, `-` flag.
pub fn percent_pad_str(s: &str, spec: &PercentSpec) -> String {
    percent_output(s, spec, false)
}

// ===========================================================================
// int / float literals
// ===========================================================================

/// `bin`/`oct`/`hex` style text: base 2 → `0b…`, 8 → `0o…`, 16 → `0x…`
/// (lowercase), sign first (`-0x2a`); other bases (2..=36) give the plain
/// lowercase digits with sign.
pub fn int_to_base(value: &BigInt, base: u32) -> String {
    let prefix = match base {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let digits = value.magnitude().to_str_radix(base);
    let mut s = String::with_capacity(digits.len() + 3);
    if value.sign() == Sign::Minus {
        s.push('-');
    }
    s.push_str(prefix);
    s.push_str(&digits);
    s
}

/// ASCII whitespace as in CPython's `Py_ISSPACE`.
fn c_isspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII whitespace → ' ',
/// non-ASCII decimal digits → ASCII; `None` for anything else non-ASCII
/// (or NUL, which can't be valid either).
fn to_ascii_number_text(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let cp = c as u32;
        if cp == 0 {
            return None;
        } else if cp < 127 {
            out.push(cp as u8);
        } else if py_isspace(c) {
            out.push(b' ');
        } else if let Some(d) = unicode_decimal_value(c) {
            out.push(b'0' + d as u8);
        } else {
            return None;
        }
    }
    Some(out)
}

/// `int(s, base)` for a str (port of `PyLong_FromString`): surrounding
/// whitespace, sign, one underscore between digits (and after a base
/// prefix), base 0 auto-detects `0x`/`0o`/`0b` and rejects leading zeros of
/// nonzero decimals, a matching prefix is allowed for bases 2/8/16, Unicode
/// decimal digits accepted.  `Err(())` → caller raises
/// `ValueError("invalid literal for int() with base {base}: {s!r}")`.  The
/// base must be 0 or 2..=36 (else `Err`; CPython says
/// "int() arg 2 must be >= 2 and <= 36").  The 4300-digit limit of
/// `sys.set_int_max_str_digits` is not applied here.
#[allow(clippy::result_unit_err)]
pub fn parse_int_literal(s: &str, base: u32) -> Result<BigInt, ()> {
    if base == 1 || base > 36 {
        return Err(());
    }
    let b = to_ascii_number_text(s).ok_or(())?;
    let mut i = 0;
    let n = b.len();
    let at = |i: usize| -> u8 {
        if i < n {
            b[i]
        } else {
            0
        }
    };
    while i < n && c_isspace(b[i]) {
        i += 1;
    }
    let mut negative = false;
    if at(i) == b'+' {
        i += 1;
    } else if at(i) == b'-' {
        negative = true;
        i += 1;
    }
    let mut base = base;
    let mut error_if_nonzero = false;
    if base == 0 {
        base = if at(i) != b'0' {
            10
        } else {
            match at(i + 1) {
                b'x' | b'X' => 16,
                b'o' | b'O' => 8,
                b'b' | b'B' => 2,
                _ => {
                    error_if_nonzero = true;
                    10
                }
            }
        };
    }
    if at(i) == b'0' {
        let p = at(i + 1).to_ascii_lowercase();
        if (base == 16 && p == b'x') || (base == 8 && p == b'o') || (base == 2 && p == b'b') {
            i += 2;
            if at(i) == b'_' {
                i += 1;
            }
        }
    }
    if at(i) == b'_' {
        return Err(());
    }
    let mut digits: Vec<u8> = Vec::with_capacity(n - i);
    let mut prev = 0u8;
    while i < n {
        let c = b[i];
        if c == b'_' {
            if prev == b'_' {
                return Err(());
            }
        } else {
            match (c as char).to_digit(36) {
                Some(d) if d < base => digits.push(c),
                _ => break,
            }
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' || digits.is_empty() {
        return Err(());
    }
    while i < n && c_isspace(b[i]) {
        i += 1;
    }
    if i != n {
        return Err(());
    }
    let mut v = BigInt::parse_bytes(&digits, base).ok_or(())?;
    if error_if_nonzero && !v.is_zero() {
        return Err(());
    }
    if negative {
        v = -v;
    }
    Ok(v)
}

/// `float(s)` for a str: surrounding whitespace, sign, `inf`/`infinity`/
/// `nan` in any case, digits with optional point and exponent, single
/// underscores between digits, Unicode decimal digits.  Overflow gives
/// ±inf.  `None` → caller raises
/// `ValueError("could not convert string to float: {s!r}")`.
pub fn parse_float_literal(s: &str) -> Option<f64> {
    let b = to_ascii_number_text(s)?;
    let mut start = 0;
    let mut end = b.len();
    while start < end && c_isspace(b[start]) {
        start += 1;
    }
    while end > start && c_isspace(b[end - 1]) {
        end -= 1;
    }
    let t = &b[start..end];
    // Underscores: only between two digits.
    let mut clean: Vec<u8> = Vec::with_capacity(t.len());
    for (k, &c) in t.iter().enumerate() {
        if c == b'_' {
            let before = k > 0 && t[k - 1].is_ascii_digit();
            let after = k + 1 < t.len() && t[k + 1].is_ascii_digit();
            if !before || !after {
                return None;
            }
        } else {
            clean.push(c);
        }
    }
    let (negative, body) = match clean.first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, &clean[..]),
    };
    let lower = body.to_ascii_lowercase();
    let v = if lower == b"inf" || lower == b"infinity" {
        f64::INFINITY
    } else if lower == b"nan" {
        f64::NAN
    } else {
        // [digits][.digits][(e|E)[sign]digits], at least one mantissa digit.
        let mut k = 0;
        let int_digits = body.iter().take_while(|c| c.is_ascii_digit()).count();
        k += int_digits;
        let mut frac_digits = 0;
        if k < body.len() && body[k] == b'.' {
            k += 1;
            frac_digits = body[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            k += frac_digits;
        }
        if int_digits + frac_digits == 0 {
            return None;
        }
        if k < body.len() && (body[k] == b'e' || body[k] == b'E') {
            k += 1;
            if k < body.len() && (body[k] == b'+' || body[k] == b'-') {
                k += 1;
            }
            let exp_digits = body[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            if exp_digits == 0 {
                return None;
            }
            k += exp_digits;
        }
        if k != body.len() {
            return None;
        }
        std::str::from_utf8(body).ok()?.parse::<f64>().ok()?
    };
    Some(if negative { -v } else { v })
}

#[cfg(test)]
#[path = "format_spec/tests.rs"]
mod tests;
