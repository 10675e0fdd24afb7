//! `float` (and the arithmetic of `complex`): CPython's float semantics for `//`, `%`, `**`,
//! rounding, hashing helpers, `float()`, and the float methods.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Pow, Signed, Zero};

use crate::builtins::int::{self as int_mod, arg, check_args, IntRef, Num};
use crate::builtins::receiver;
use crate::bytecode::{BinaryOp, CompareOp};
use crate::object::{NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// `repr(float)`.
pub fn repr_float(f: f64) -> String {
    super::format_spec::float_repr(f)
}

/// repr of a float part of a complex: 'r' format without the added ".0".
fn complex_part(f: f64) -> String {
    let s = repr_float(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// `repr(complex)`: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
pub fn repr_complex(re: f64, im: f64) -> String {
    let ims = complex_part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{ims}j");
    }
    let res = complex_part(re);
    let sign = if ims.starts_with('-') { "" } else { "+" };
    format!("({res}{sign}{ims}j)")
}

pub fn new_complex(re: f64, im: f64) -> Value {
    Value::Obj(ObjRef::new(Payload::Complex(re, im)))
}

/// The float `v` is, looking through float subclass instances.
pub fn as_float(v: &Value) -> Option<f64> {
    match receiver(v) {
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// A built-in real number as f64 (OverflowError for huge ints).
pub fn num_to_f64(vm: &Vm, n: Num<'_>) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(i as f64),
        Num::Big(b) => int_mod::big_to_f64(b).ok_or_else(|| int_mod::overflow_to_float(vm)),
        Num::Float(f) => Ok(f),
        Num::Complex(r, _) => Ok(r),
    }
}

fn num_to_complex(vm: &Vm, n: Num<'_>) -> PyResult<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Ok((r, i)),
        other => Ok((num_to_f64(vm, other)?, 0.0)),
    }
}

/// CPython's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `x % y` for floats (y != 0).
pub fn float_mod(vx: f64, wx: f64) -> f64 {
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    m
}

fn range_error(vm: &Vm) -> crate::PyErr {
    vm.new_exception(vm.exc_class("OverflowError"), vec![Value::Int(34), Value::str("Numerical result out of range")])
}

/// `iv ** iw` for floats with CPython's special cases (complex result for a negative base and
/// a fractional exponent).
pub fn float_pow(vm: &mut Vm, iv: f64, iw: f64) -> PyResult<Value> {
    if iw == 0.0 {
        return Ok(Value::Float(1.0));
    }
    if iv.is_nan() {
        return Ok(Value::Float(if iv == 1.0 { 1.0 } else { iv }));
    }
    if iw.is_nan() {
        return Ok(Value::Float(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(Value::Float(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            iw.abs()
        } else {
            0.0
        }));
    }
    let iw_is_odd = (iw.abs() % 2.0) == 1.0;
    if iv.is_infinite() {
        return Ok(Value::Float(if iw > 0.0 {
            if iw_is_odd {
                iv
            } else {
                iv.abs()
            }
        } else if iw_is_odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float(if iw_is_odd { iv } else { 0.0 }));
    }
    let mut negate = false;
    let mut base = iv;
    if iv < 0.0 {
        if iw != iw.floor() {
            return complex_pow(vm, (iv, 0.0), (iw, 0.0));
        }
        base = -iv;
        negate = iw_is_odd;
    }
    if base == 1.0 {
        return Ok(Value::Float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(if negate { -r } else { r }))
}

/// Binary operators with at least one float operand (and no complex).
pub fn float_binary(vm: &mut Vm, x: Num<'_>, y: Num<'_>, op: BinaryOp) -> Option<PyResult<Value>> {
    if !matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::TrueDiv
            | BinaryOp::FloorDiv
            | BinaryOp::Mod
            | BinaryOp::Pow
    ) {
        return None;
    }
    let a = match num_to_f64(vm, x) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    let b = match num_to_f64(vm, y) {
        Ok(f) => f,
        Err(e) => return Some(Err(e)),
    };
    Some(float_op(vm, a, b, op))
}

pub fn float_op(vm: &mut Vm, a: f64, b: f64, op: BinaryOp) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::TrueDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            a / b
        }
        BinaryOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinaryOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_mod(a, b)
        }
        BinaryOp::Pow => return float_pow(vm, a, b),
        _ => return Err(vm.type_error(format!("unsupported operand type(s) for {}: 'float' and 'float'", op.symbol()))),
    }))
}

// ----- complex -----

fn c_mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// CPython's `_Py_c_quot`; None for division by zero.
fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let abs_breal = b.0.abs();
    let abs_bimag = b.1.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bimag >= abs_breal {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn c_powu(x: (f64, f64), n: i64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// `a ** b` for complex numbers, as CPython's `complex_pow`.
pub fn complex_pow(vm: &mut Vm, a: (f64, f64), b: (f64, f64)) -> PyResult<Value> {
    let zero_err = |vm: &Vm| vm.zero_division("0.0 to a negative or complex power");
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            match c_quot((1.0, 0.0), c_powu(a, -n)) {
                Some(r) => r,
                None => return Err(zero_err(vm)),
            }
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(zero_err(vm));
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(vm.overflow_error("complex exponentiation"));
    }
    Ok(new_complex(r.0, r.1))
}

/// Binary operators with a complex operand.
pub fn complex_binary(vm: &mut Vm, x: Num<'_>, y: Num<'_>, op: BinaryOp) -> Option<PyResult<Value>> {
    if !matches!(op, BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::TrueDiv | BinaryOp::Pow) {
        return None;
    }
    let a = match num_to_complex(vm, x) {
        Ok(c) => c,
        Err(e) => return Some(Err(e)),
    };
    let b = match num_to_complex(vm, y) {
        Ok(c) => c,
        Err(e) => return Some(Err(e)),
    };
    let r = match op {
        BinaryOp::Add => (a.0 + b.0, a.1 + b.1),
        BinaryOp::Sub => (a.0 - b.0, a.1 - b.1),
        BinaryOp::Mul => c_mul(a, b),
        BinaryOp::TrueDiv => match c_quot(a, b) {
            Some(r) => r,
            None => return Some(Err(vm.zero_division("complex division by zero"))),
        },
        BinaryOp::Pow => return Some(complex_pow(vm, a, b)),
        _ => return None,
    };
    Some(Ok(new_complex(r.0, r.1)))
}

// ---------------------------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------------------------

/// `real`, `imag` of a float (or float subclass instance).
pub fn float_attr(v: &Value, name: &str) -> Option<Value> {
    let f = as_float(v)?;
    match name {
        "real" => Some(Value::Float(f)),
        "imag" => Some(Value::Float(0.0)),
        _ => None,
    }
}

/// `real`, `imag` of a complex.
pub fn complex_attr(v: &Value, name: &str) -> Option<Value> {
    match receiver(v).payload() {
        Some(Payload::Complex(r, i)) => match name {
            "real" => Some(Value::Float(*r)),
            "imag" => Some(Value::Float(*i)),
            _ => None,
        },
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Rounding and ratios
// ---------------------------------------------------------------------------------------------

/// The exact value of a finite float as `(numerator, exponent)`: `x == n * 2**e`.
fn float_parts(x: f64) -> (BigInt, i32) {
    if x == 0.0 {
        return (BigInt::zero(), 0);
    }
    let bits = x.to_bits();
    let neg = bits >> 63 != 0;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (m, e) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    let tz = m.trailing_zeros() as i32;
    let (m, e) = (m >> tz, e + tz);
    let n = BigInt::from(m);
    (if neg { -n } else { n }, e)
}

/// `float.as_integer_ratio()` for a finite float.
pub fn float_ratio(x: f64) -> (BigInt, BigInt) {
    let (n, e) = float_parts(x);
    if e >= 0 {
        (n << e as usize, BigInt::from(1))
    } else {
        (n, BigInt::from(1) << (-e) as usize)
    }
}

/// `round(x, ndigits)` with CPython's correctly rounded semantics (half to even on the exact
/// binary value).
pub fn round_float_digits(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    round_digits(x, ndigits).ok_or_else(|| vm.overflow_error("rounded value too large to represent"))
}

/// The pure core of [`round_float_digits`]: None when the result overflows.
pub fn round_digits(x: f64, ndigits: i64) -> Option<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 {
        return Some(x);
    }
    if ndigits > NDIGITS_MAX {
        return Some(x);
    }
    if ndigits < NDIGITS_MIN {
        return Some(0.0 * x);
    }
    let (num, den) = float_ratio(x);
    // y = x * 10**ndigits exactly, as a fraction.
    let (ynum, yden) = if ndigits >= 0 {
        (num * Pow::pow(BigInt::from(10), ndigits as u32), den)
    } else {
        (num, den * Pow::pow(BigInt::from(10), (-ndigits) as u32))
    };
    let (q, r) = ynum.div_mod_floor(&yden);
    let twice: BigInt = r * 2;
    let round_up = match twice.cmp(&yden) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q.is_odd(),
        std::cmp::Ordering::Less => false,
    };
    let q = if round_up { q + 1 } else { q };
    let result = if ndigits >= 0 {
        int_mod::int_true_divide(&q, &Pow::pow(BigInt::from(10), ndigits as u32)).ok()?
    } else {
        let v = q * Pow::pow(BigInt::from(10), (-ndigits) as u32);
        int_mod::big_to_f64(&v)?
    };
    if result == 0.0 {
        return Some(0.0f64.copysign(x));
    }
    Some(result)
}

/// `round(x)` / `round(x, ndigits)` for a float.
pub fn round_float(vm: &mut Vm, x: f64, ndigits: Option<&Value>) -> PyResult<Value> {
    match ndigits {
        None => int_mod::float_to_int(vm, x.round_ties_even()),
        Some(v) if v.is_none() => int_mod::float_to_int(vm, x.round_ties_even()),
        Some(v) => {
            let nd = int_mod::index_value(vm, v)?;
            let nd = match int_mod::as_int(&nd) {
                Some(IntRef::Small(i)) => i,
                Some(IntRef::Big(b)) => {
                    if b.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
                None => 0,
            };
            Ok(Value::Float(round_float_digits(vm, x, nd)?))
        }
    }
}

/// `float.hex()`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp_bits == 0 { (0, -1022) } else { (1, exp_bits - 1023) };
    format!("{sign}0x{lead}.{frac:013x}p{e:+}")
}

/// `float.fromhex(s)`.
pub fn float_fromhex(vm: &Vm, s: &str) -> PyResult<f64> {
    match parse_hex_float(s) {
        Ok(f) => Ok(f),
        Err(HexError::Invalid) => Err(vm.value_error("invalid hexadecimal floating-point string")),
        Err(HexError::Overflow) => Err(vm.overflow_error("hexadecimal value too large to represent as a float")),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum HexError {
    Invalid,
    Overflow,
}

/// Parses `float.hex()`-style text, correctly rounded.
pub fn parse_hex_float(s: &str) -> Result<f64, HexError> {
    let t = s.trim_matches(|c: char| super::format_spec::py_isspace(c));
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let sign = if neg { -1.0 } else { 1.0 };
    if lower == "inf" || lower == "infinity" {
        return Ok(sign * f64::INFINITY);
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let b = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match b.find('p') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err(HexError::Invalid);
    }
    if !ip.chars().chain(fp.chars()).all(|c| c.is_ascii_hexdigit()) {
        return Err(HexError::Invalid);
    }
    let mut e: i64 = match exp {
        None => 0,
        Some(x) => {
            let digits = x.strip_prefix(['+', '-']).unwrap_or(x);
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(HexError::Invalid);
            }
            // Clamp huge exponents; the result is 0 or overflow either way.
            let v: i64 = digits.parse().unwrap_or(i64::MAX / 4).min(1 << 40);
            if x.starts_with('-') {
                -v
            } else {
                v
            }
        }
    };
    let all: String = format!("{ip}{fp}");
    let all = all.trim_start_matches('0');
    e -= 4 * fp.len() as i64;
    if all.is_empty() {
        return Ok(sign * 0.0);
    }
    let m = BigInt::parse_bytes(all.as_bytes(), 16).unwrap_or_default();
    let top = m.bits() as i64 + e; // value < 2**top
    if top > 1025 {
        return Err(HexError::Overflow);
    }
    if top < -1080 {
        return Ok(sign * 0.0);
    }
    let v = if e >= 0 {
        int_mod::big_to_f64(&(m << e as usize))
    } else {
        int_mod::int_true_divide(&m, &(BigInt::from(1) << (-e) as usize)).ok()
    };
    match v {
        Some(v) => Ok(sign * v),
        None => Err(HexError::Overflow),
    }
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

fn self_float(vm: &Vm, args: &Args<'_>, name: &str) -> PyResult<f64> {
    match args.items.first() {
        Some(v) => match as_float(v) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!(
                "descriptor '{name}' for 'float' objects doesn't apply to a '{}' object",
                vm.type_name(v)
            ))),
        },
        None => Err(vm.type_error(format!("descriptor '{name}' of 'float' object needs an argument"))),
    }
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("is_integer", float_is_integer),
    ("as_integer_ratio", float_as_integer_ratio),
    ("hex", float_hex_m),
    ("fromhex", float_fromhex_m),
    ("conjugate", float_plain),
    ("__float__", float_plain),
    ("__pos__", float_plain),
    ("__neg__", float_neg),
    ("__abs__", float_abs),
    ("__bool__", float_bool),
    ("__int__", float_int),
    ("__trunc__", float_int),
    ("__floor__", float_floor),
    ("__ceil__", float_ceil),
    ("__round__", float_round),
    ("__repr__", float_repr_m),
    ("__format__", float_format),
    ("__hash__", float_hash),
    ("__getnewargs__", float_getnewargs),
    ("__eq__", float_eq),
    ("__ne__", float_ne),
    ("__lt__", float_lt),
    ("__le__", float_le),
    ("__gt__", float_gt),
    ("__ge__", float_ge),
    ("__add__", float_add),
    ("__radd__", float_radd),
    ("__sub__", float_sub),
    ("__rsub__", float_rsub),
    ("__mul__", float_mul),
    ("__rmul__", float_rmul),
    ("__truediv__", float_truediv),
    ("__rtruediv__", float_rtruediv),
    ("__floordiv__", float_floordiv),
    ("__rfloordiv__", float_rfloordiv),
    ("__mod__", float_modm),
    ("__rmod__", float_rmod),
    ("__pow__", float_powm),
    ("__rpow__", float_rpow),
    ("__divmod__", float_divmodm),
    ("__rdivmod__", float_rdivmod),
];

fn float_plain(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(self_float(vm, &args, "__float__")?))
}

fn float_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::tuple(vec![Value::Float(self_float(vm, &args, "__getnewargs__")?)]))
}

fn float_neg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(-self_float(vm, &args, "__neg__")?))
}

fn float_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Float(self_float(vm, &args, "__abs__")?.abs()))
}

fn float_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(self_float(vm, &args, "__bool__")? != 0.0))
}

fn float_int(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__int__")?;
    int_mod::float_to_int(vm, f)
}

fn float_floor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__floor__")?;
    int_mod::float_to_int(vm, f.floor())
}

fn float_ceil(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__ceil__")?;
    int_mod::float_to_int(vm, f.ceil())
}

fn float_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "__round__", &args, 0, 1, &["ndigits"])?;
    let f = self_float(vm, &args, "__round__")?;
    round_float(vm, f, arg(&args, 0, "ndigits"))
}

fn float_is_integer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "is_integer", &args, 0, 0, &[])?;
    let f = self_float(vm, &args, "is_integer")?;
    Ok(Value::Bool(f.is_finite() && f == f.trunc()))
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "as_integer_ratio", &args, 0, 0, &[])?;
    let f = self_float(vm, &args, "as_integer_ratio")?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let (n, d) = float_ratio(f);
    Ok(Value::tuple(vec![Value::int_from_big(n), Value::int_from_big(d)]))
}

fn float_hex_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "hex", &args, 0, 0, &[])?;
    let f = self_float(vm, &args, "hex")?;
    Ok(Value::string(float_hex(f)))
}

/// `float.fromhex(s)`: the class may come first.
fn float_fromhex_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let (cls, s) = match pos {
        [c, s] if matches!(c.payload(), Some(Payload::Class(_))) => (Some(c.clone()), s.clone()),
        [s] => (None, s.clone()),
        _ => return Err(vm.type_error(format!("fromhex() takes exactly one argument ({} given)", pos.len()))),
    };
    let text = match receiver(&s).as_str() {
        Some(t) => t.to_string(),
        None => return Err(vm.type_error(format!("fromhex() argument must be str, not {}", vm.type_name(&s)))),
    };
    let f = Value::Float(float_fromhex(vm, &text)?);
    if let Some(c) = cls {
        let is_float = c.as_obj().map(|o| o.ptr_eq(vm.types().get(super::types::TypeId::Float))).unwrap_or(true);
        if !is_float {
            return vm.call(&c, Args::new(&[f]));
        }
    }
    Ok(f)
}

fn float_repr_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__repr__")?;
    Ok(Value::string(repr_float(f)))
}

fn float_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "__format__", &args, 1, 1, &[])?;
    let f = self_float(vm, &args, "__format__")?;
    let spec = match receiver(&args.items[1]).as_str() {
        Some(s) => s.to_string(),
        None => {
            return Err(
                vm.type_error(format!("__format__() argument must be str, not {}", vm.type_name(&args.items[1])))
            )
        }
    };
    if spec.is_empty() {
        let me = args.items[0].clone();
        return Ok(Value::string(vm.str_of(&me)?));
    }
    Ok(Value::string(super::str::format_value(vm, &Value::Float(f), &spec)?))
}

fn float_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = self_float(vm, &args, "__hash__")?;
    Ok(Value::Int(int_mod::hash_float(f)))
}

/// A float-method operand: floats and ints (not complex).
fn real_operand(v: &Value) -> Option<Value> {
    let r = receiver(v);
    match r {
        Value::Float(_) => Some(r.clone()),
        _ if int_mod::int_ref(r).is_some() => Some(r.clone()),
        _ => None,
    }
}

fn compare_method(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    check_args(vm, op.dunders().0, &args, 1, 1, &[])?;
    let a = Value::Float(self_float(vm, &args, op.dunders().0)?);
    let b = match real_operand(&args.items[1]) {
        Some(b) => b,
        None => return Ok(Value::NotImplemented),
    };
    match int_mod::numeric_compare(&a, &b, op) {
        Some(r) => Ok(Value::Bool(r)),
        None => Ok(Value::NotImplemented),
    }
}

fn float_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Eq)
}
fn float_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ne)
}
fn float_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Lt)
}
fn float_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Le)
}
fn float_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Gt)
}
fn float_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ge)
}

fn binop_method(vm: &mut Vm, args: Args<'_>, op: BinaryOp, reflected: bool) -> PyResult<Value> {
    let name = if reflected { op.dunders().1 } else { op.dunders().0 };
    if op == BinaryOp::Pow && args.positional().len() == 3 {
        if !args.items[2].is_none() {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        }
        return binop_method(vm, Args::new(&args.items[..2]), op, reflected);
    }
    check_args(vm, name, &args, 1, 1, &[])?;
    let a = Value::Float(self_float(vm, &args, name)?);
    let b = match real_operand(&args.items[1]) {
        Some(b) => b,
        None => return Ok(Value::NotImplemented),
    };
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    match int_mod::numeric_binary(vm, x, y, op) {
        Some(r) => r,
        None => Ok(Value::NotImplemented),
    }
}

macro_rules! binops {
    ($($f:ident, $rf:ident, $op:expr;)*) => {$(
        fn $f(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> { binop_method(vm, args, $op, false) }
        fn $rf(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> { binop_method(vm, args, $op, true) }
    )*};
}

binops! {
    float_add, float_radd, BinaryOp::Add;
    float_sub, float_rsub, BinaryOp::Sub;
    float_mul, float_rmul, BinaryOp::Mul;
    float_truediv, float_rtruediv, BinaryOp::TrueDiv;
    float_floordiv, float_rfloordiv, BinaryOp::FloorDiv;
    float_modm, float_rmod, BinaryOp::Mod;
    float_powm, float_rpow, BinaryOp::Pow;
}

fn divmod_method(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult<Value> {
    let name = if reflected { "__rdivmod__" } else { "__divmod__" };
    check_args(vm, name, &args, 1, 1, &[])?;
    let a = Value::Float(self_float(vm, &args, name)?);
    let b = match real_operand(&args.items[1]) {
        Some(b) => b,
        None => return Ok(Value::NotImplemented),
    };
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    int_mod::numeric_divmod(vm, x, y).unwrap_or(Ok(Value::NotImplemented))
}

fn float_divmodm(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    divmod_method(vm, args, false)
}

fn float_rdivmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    divmod_method(vm, args, true)
}

// ---------------------------------------------------------------------------------------------
// float()
// ---------------------------------------------------------------------------------------------

/// Parses `float(s)` text; `shown` is the repr for the error message.
pub fn parse_float_str(vm: &Vm, s: &str, shown: &str) -> PyResult<f64> {
    match super::format_spec::parse_float_literal(s) {
        Some(f) => Ok(f),
        None => Err(vm.value_error(format!("could not convert string to float: {shown}"))),
    }
}

/// `float(x)` for one argument.
pub fn float_of(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => return Ok(*f),
        Value::Int(i) => return Ok(*i as f64),
        Value::Bool(b) => return Ok(*b as i64 as f64),
        _ => {}
    }
    match x.payload() {
        Some(Payload::BigInt(b)) => {
            return int_mod::big_to_f64(b).ok_or_else(|| int_mod::overflow_to_float(vm));
        }
        Some(Payload::Str(s)) => return parse_float_str(vm, s.as_str(), &super::str::repr_str(s.as_str())),
        Some(Payload::Bytes(_)) | Some(Payload::ByteArray(_)) => {
            let b = super::bytes::bytes_like(vm, x).unwrap_or_default();
            let shown = super::bytes::repr_bytes(&b, "b");
            return match std::str::from_utf8(&b) {
                Ok(s) => parse_float_str(vm, s, &shown),
                Err(_) => Err(vm.value_error(format!("could not convert string to float: {shown}"))),
            };
        }
        Some(Payload::Instance(_)) | Some(Payload::Native(_)) => {}
        _ => {
            return Err(
                vm.type_error(format!("float() argument must be a string or a real number, not '{}'", vm.type_name(x)))
            )
        }
    }
    use crate::vm::attr::lookup_special;
    if let Some(f) = lookup_special(vm, x, "__float__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
        return match as_float(&r) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(x),
                vm.type_name(&r)
            ))),
        };
    }
    if lookup_special(vm, x, "__index__").is_some() {
        let i = int_mod::index_value(vm, x)?;
        return float_of(vm, &i);
    }
    let inner = receiver(x).clone();
    if !inner.is(x) {
        if let Some(Payload::Str(_) | Payload::Bytes(_) | Payload::ByteArray(_)) = inner.payload() {
            return float_of(vm, &inner);
        }
    }
    Err(vm.type_error(format!("float() argument must be a string or a real number, not '{}'", vm.type_name(x))))
}

/// `float()`, `float(x)`.
pub fn construct(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    match args.items {
        [] => Ok(Value::Float(0.0)),
        [x] => Ok(Value::Float(float_of(vm, x)?)),
        _ => Err(vm.type_error(format!("float expected at most 1 argument, got {}", args.items.len()))),
    }
}

// ---------------------------------------------------------------------------------------------
// complex (methods and constructor, for whoever wires TypeId::Complex)
// ---------------------------------------------------------------------------------------------

fn self_complex(vm: &Vm, args: &Args<'_>) -> PyResult<(f64, f64)> {
    match args.items.first().map(receiver).and_then(|v| v.payload()) {
        Some(Payload::Complex(r, i)) => Ok((*r, *i)),
        _ => Err(vm.type_error("descriptor requires a 'complex' object")),
    }
}

pub const COMPLEX_METHODS: &[(&str, NativeFn)] = &[
    ("conjugate", complex_conjugate),
    ("__repr__", complex_repr),
    ("__hash__", complex_hash),
    ("__abs__", complex_abs),
    ("__bool__", complex_bool),
];

fn complex_conjugate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = self_complex(vm, &args)?;
    Ok(new_complex(r, -i))
}

fn complex_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = self_complex(vm, &args)?;
    Ok(Value::string(repr_complex(r, i)))
}

fn complex_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = self_complex(vm, &args)?;
    Ok(Value::Int(int_mod::numeric_hash(&new_complex(r, i)).unwrap_or(0)))
}

fn complex_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = self_complex(vm, &args)?;
    int_mod::unary(vm, &new_complex(r, i), "__abs__").unwrap_or(Ok(Value::NotImplemented))
}

fn complex_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = self_complex(vm, &args)?;
    Ok(Value::Bool(r != 0.0 || i != 0.0))
}

/// Parses `complex('1+2j')`-style text.
fn parse_complex_str(s: &str) -> Option<(f64, f64)> {
    let t = s.trim_matches(|c: char| super::format_spec::py_isspace(c));
    let t = if t.starts_with('(') && t.ends_with(')') && t.len() >= 2 {
        t[1..t.len() - 1].trim_matches(|c: char| super::format_spec::py_isspace(c))
    } else {
        t
    };
    if t.is_empty() {
        return None;
    }
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Either "<imag>j" or "<real><sign><imag>j".
        let bytes = body.as_bytes();
        let mut split = None;
        for k in (1..bytes.len()).rev() {
            let c = bytes[k];
            if (c == b'+' || c == b'-') && !matches!(bytes[k - 1], b'e' | b'E') {
                split = Some(k);
                break;
            }
        }
        let imag_of = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => {
                    if x.contains(char::is_whitespace) {
                        return None;
                    }
                    super::format_spec::parse_float_literal(x)
                }
            }
        };
        match split {
            Some(k) => {
                let re = &body[..k];
                if re.contains(char::is_whitespace) {
                    return None;
                }
                let re = super::format_spec::parse_float_literal(re)?;
                let im = imag_of(&body[k..])?;
                Some((re, im))
            }
            None => Some((0.0, imag_of(body)?)),
        }
    } else {
        if t.contains(char::is_whitespace) {
            return None;
        }
        Some((super::format_spec::parse_float_literal(t)?, 0.0))
    }
}

/// The value as (real, imag, came from a complex), the flag deciding whether its imaginary part
/// takes part in `complex(a, b)`.
fn complex_of(vm: &mut Vm, x: &Value) -> PyResult<(f64, f64, bool)> {
    if let Some(Payload::Complex(r, i)) = receiver(x).payload() {
        return Ok((*r, *i, true));
    }
    if let Some(f) = crate::vm::attr::lookup_special(vm, x, "__complex__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
        return match receiver(&r).payload() {
            Some(Payload::Complex(a, b)) => Ok((*a, *b, true)),
            _ => Err(vm.type_error(format!("__complex__ returned non-complex (type {})", vm.type_name(&r)))),
        };
    }
    match float_of(vm, x) {
        Ok(f) => Ok((f, 0.0, false)),
        Err(e) if vm.err_matches(&e, "TypeError") => {
            Err(vm.type_error(format!("complex() argument must be a string or a number, not '{}'", vm.type_name(x))))
        }
        Err(e) => Err(e),
    }
}

/// `complex()`, `complex(real, imag)`, `complex('1+2j')`.
pub fn construct_complex(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    let real = pos.first().or_else(|| args.kw("real")).cloned();
    let imag = pos.get(1).or_else(|| args.kw("imag")).cloned();
    if pos.len() > 2 {
        return Err(vm.type_error(format!("complex() takes at most 2 arguments ({} given)", pos.len())));
    }
    if let Some(r) = &real {
        if let Some(s) = receiver(r).as_str() {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            return match parse_complex_str(s) {
                Some((a, b)) => Ok(new_complex(a, b)),
                None => Err(vm.value_error("complex() arg is a malformed string")),
            };
        }
    }
    if let Some(i) = &imag {
        if receiver(i).as_str().is_some() {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
    }
    let (mut re, real_im, real_is_complex) = match &real {
        Some(r) => complex_of(vm, r)?,
        None => (0.0, 0.0, false),
    };
    let (mut im, imag_im, imag_is_complex) = match &imag {
        Some(i) => complex_of(vm, i)?,
        None => (0.0, 0.0, false),
    };
    // As CPython: only complex arguments contribute their cross terms (keeps signed zeros).
    if imag_is_complex {
        re -= imag_im;
    }
    if real_is_complex {
        if imag.is_some() {
            im += real_im;
        } else {
            im = real_im;
        }
    }
    Ok(new_complex(re, im))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    #[test]
    fn int_true_divide_is_correctly_rounded() {
        let cases: &[(&str, &str, &str)] = &[
            ("18446744073709551617", "3", "0x1.5555555555555p+62"),
            ("1267650600228229401496703205376", "3", "0x1.5555555555555p+98"),
            ("9007199254740993", "1", "0x1.0000000000000p+53"),
            ("18014398509481987", "2", "0x1.0000000000001p+53"),
        ];
        for (a, b, want) in cases {
            let got = int_mod::int_true_divide(&big(a), &big(b)).ok().unwrap();
            assert_eq!(float_hex(got), *want, "{a} / {b}");
        }
        let one = BigInt::from(1);
        let p = |e: usize| BigInt::from(1) << e;
        let sub = |a: &BigInt, b: &BigInt| float_hex(int_mod::int_true_divide(a, b).ok().unwrap());
        assert_eq!(sub(&one, &p(1074)), "0x0.0000000000001p-1022");
        assert_eq!(sub(&BigInt::from(3), &p(1075)), "0x0.0000000000002p-1022");
        assert_eq!(sub(&one, &p(1075)), "0x0.0p+0");
        assert_eq!(sub(&(p(1075) + 1u32), &p(2150)), "0x0.0000000000001p-1022");
        let ten = BigInt::from(10);
        let r = int_mod::int_true_divide(&Pow::pow(&ten, 400u32), &Pow::pow(&ten, 399u32)).ok().unwrap();
        assert_eq!(r, 10.0);
        assert!(int_mod::int_true_divide(&Pow::pow(&ten, 400u32), &BigInt::from(1)).is_err());
    }

    #[test]
    fn hashes_match_cpython() {
        let cases: &[(f64, i64)] = &[
            (1.5, 1152921504606846977),
            (-0.5, -1152921504606846976),
            (0.1, 230584300921369408),
            (1e100, 1822893315824342674),
            (1e-300, 482449582752280463),
            (5e-324, 16777216),
            (-1.0, -2),
            (f64::INFINITY, 314159),
        ];
        for (x, h) in cases {
            assert_eq!(int_mod::hash_float(*x), *h, "hash({x})");
        }
        assert_eq!(int_mod::hash_int(IntRef::Small(-1)), -2);
        assert_eq!(int_mod::hash_int(IntRef::Big(&(BigInt::from(1) << 61usize))), 1);
        assert_eq!(int_mod::hash_int(IntRef::Small(i64::MIN)), -4);
    }

    #[test]
    fn rounding_matches_cpython() {
        let cases: &[(f64, i64, f64)] = &[
            (2.675, 2, 2.67),
            (0.125, 2, 0.12),
            (0.375, 2, 0.38),
            (123.456, -1, 120.0),
            (1e300, -305, 0.0),
            (1.5e300, -299, 1.5e300),
            (5e-324, 400, 5e-324),
            (12.5, -1, 10.0),
            (0.1, 20, 0.1),
        ];
        for (x, nd, want) in cases {
            assert_eq!(round_digits(*x, *nd), Some(*want), "round({x}, {nd})");
        }
        assert!(round_digits(-0.4, 0).unwrap().is_sign_negative());
        assert_eq!(round_digits(1.7e308, -308), None);
    }

    #[test]
    fn hex_round_trips() {
        for (x, s) in [(1.5, "0x1.8000000000000p+0"), (5e-324, "0x0.0000000000001p-1022"), (-0.0, "-0x0.0p+0")] {
            assert_eq!(float_hex(x), s);
            assert_eq!(parse_hex_float(s).unwrap().to_bits(), f64::to_bits(x));
        }
        assert_eq!(parse_hex_float("0x3p-1075"), Ok(1e-323));
        assert_eq!(parse_hex_float("0x1p-1075"), Ok(0.0));
        assert_eq!(parse_hex_float("0x1p1024"), Err(HexError::Overflow));
        assert_eq!(parse_hex_float("x"), Err(HexError::Invalid));
    }

    #[test]
    fn float_divmod_follows_the_divisor() {
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        assert_eq!(float_divmod(7.0, -2.5), (-3.0, -0.5));
        assert_eq!(float_mod(7.5, -2.0), -0.5);
        assert!(float_divmod(-0.0, 1.0).0.is_sign_negative());
    }

    #[test]
    fn complex_repr() {
        assert_eq!(repr_complex(1.0, 2.0), "(1+2j)");
        assert_eq!(repr_complex(0.0, -0.0), "-0j");
        assert_eq!(repr_complex(-0.0, 1.0), "(-0+1j)");
        assert_eq!(repr_complex(0.0, 1e20), "1e+20j");
        assert_eq!(repr_complex(1.0, f64::NEG_INFINITY), "(1-infj)");
    }
}
