//! `int` and `bool`: arithmetic with CPython semantics (i64 fast paths promoting to BigInt),
//! exact int/float comparison, CPython's numeric hash, the `int` methods, `int()` and `bool()`.
//!
//! `numeric_binary`, `numeric_compare`, `numeric_hash` and `unary` are the VM's entry points for
//! every built-in number (int, bool, BigInt, float, complex); the float and complex halves live
//! in `float.rs`.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Pow, Signed, ToPrimitive, Zero};

use crate::builtins::receiver;
use crate::bytecode::{BinaryOp, CompareOp};
use crate::object::{NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::{Args, Vm};
use crate::PyResult;

use super::float as fl;

// ---------------------------------------------------------------------------------------------
// Number views
// ---------------------------------------------------------------------------------------------

/// A built-in number seen without its boxing: bools are ints 0/1.
#[derive(Clone, Copy, Debug)]
pub enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
    Complex(f64, f64),
}

/// The number `v` is, if it is an exact built-in number (not a subclass instance).
#[inline]
pub fn num_of(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::Float(f) => Some(Num::Float(*f)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(Num::Big(b)),
            Payload::Complex(r, i) => Some(Num::Complex(*r, *i)),
            _ => None,
        },
        _ => None,
    }
}

/// An integer view (int, bool or BigInt).
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }

    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(_) => false,
        }
    }

    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }
}

/// The integer `v` is (int, bool, BigInt), without looking through subclasses.
#[inline]
pub fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(IntRef::Big(b)),
            _ => None,
        },
        _ => None,
    }
}

/// The integer `v` is, looking through `int` subclass instances.
pub fn as_int(v: &Value) -> Option<IntRef<'_>> {
    int_ref(receiver(v))
}

/// The value of an int-like `v` (int/bool/BigInt or int subclass instance) as a BigInt.
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    as_int(v).map(|i| i.to_big())
}

/// Is `v` an int (or bool, or a subclass instance of either)?
pub fn is_int(v: &Value) -> bool {
    as_int(v).is_some()
}

/// A normalised int value from an i128.
pub fn int_from_i128(v: i128) -> Value {
    match i64::try_from(v) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::int_from_big(BigInt::from(v)),
    }
}

fn big(b: BigInt) -> Value {
    Value::int_from_big(b)
}

/// BigInt → f64, correctly rounded; None when it overflows.
pub fn big_to_f64(b: &BigInt) -> Option<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Some(f),
        _ => None,
    }
}

pub fn int_ref_to_f64(i: IntRef<'_>) -> Option<f64> {
    match i {
        IntRef::Small(i) => Some(i as f64),
        IntRef::Big(b) => big_to_f64(b),
    }
}

pub(crate) fn overflow_to_float(vm: &Vm) -> crate::PyErr {
    vm.overflow_error("int too large to convert to float")
}

// ---------------------------------------------------------------------------------------------
// Binary operators
// ---------------------------------------------------------------------------------------------

/// Every binary operator between built-in numbers; None when an operand is not one (or the
/// operator does not apply, like `1.5 & 1`), so the VM goes on to the dunders.
pub fn numeric_binary(vm: &mut Vm, a: &Value, b: &Value, op: BinaryOp) -> Option<PyResult<Value>> {
    let x = num_of(a)?;
    let y = num_of(b)?;
    if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
        match op {
            BinaryOp::And => return Some(Ok(Value::Bool(p & q))),
            BinaryOp::Or => return Some(Ok(Value::Bool(p | q))),
            BinaryOp::Xor => return Some(Ok(Value::Bool(p ^ q))),
            _ => {}
        }
    }
    match (x, y) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => fl::complex_binary(vm, x, y, op),
        (Num::Float(_), _) | (_, Num::Float(_)) => fl::float_binary(vm, x, y, op),
        (Num::Int(i), Num::Int(j)) => int_binary_small(vm, i, j, op),
        _ => {
            let xi = match x {
                Num::Int(i) => IntRef::Small(i),
                Num::Big(b) => IntRef::Big(b),
                _ => return None,
            };
            let yi = match y {
                Num::Int(i) => IntRef::Small(i),
                Num::Big(b) => IntRef::Big(b),
                _ => return None,
            };
            int_binary_big(vm, xi, yi, op)
        }
    }
}

/// Binary operation on two ints in any form.
pub fn int_binary(vm: &mut Vm, x: IntRef<'_>, y: IntRef<'_>, op: BinaryOp) -> Option<PyResult<Value>> {
    match (x, y) {
        (IntRef::Small(i), IntRef::Small(j)) => int_binary_small(vm, i, j, op),
        _ => int_binary_big(vm, x, y, op),
    }
}

fn int_binary_small(vm: &mut Vm, i: i64, j: i64, op: BinaryOp) -> Option<PyResult<Value>> {
    let r = match op {
        BinaryOp::Add => int_from_i128(i as i128 + j as i128),
        BinaryOp::Sub => int_from_i128(i as i128 - j as i128),
        BinaryOp::Mul => int_from_i128(i as i128 * j as i128),
        BinaryOp::FloorDiv => {
            if j == 0 {
                return Some(Err(vm.zero_division("integer division or modulo by zero")));
            }
            int_from_i128(Integer::div_floor(&(i as i128), &(j as i128)))
        }
        BinaryOp::Mod => {
            if j == 0 {
                return Some(Err(vm.zero_division("integer modulo by zero")));
            }
            int_from_i128(Integer::mod_floor(&(i as i128), &(j as i128)))
        }
        BinaryOp::TrueDiv => {
            if j == 0 {
                return Some(Err(vm.zero_division("division by zero")));
            }
            const EXACT: i64 = 1 << 53;
            if (-EXACT..=EXACT).contains(&i) && (-EXACT..=EXACT).contains(&j) {
                Value::Float(i as f64 / j as f64)
            } else {
                return Some(true_div_big(vm, &BigInt::from(i), &BigInt::from(j)));
            }
        }
        BinaryOp::Pow => {
            if j < 0 {
                return Some(fl::float_pow(vm, i as f64, j as f64));
            }
            if let Ok(e) = u32::try_from(j) {
                if let Some(r) = i.checked_pow(e) {
                    return Some(Ok(Value::Int(r)));
                }
            }
            return int_binary_big(vm, IntRef::Small(i), IntRef::Small(j), op);
        }
        BinaryOp::LShift => {
            if j < 0 {
                return Some(Err(vm.value_error("negative shift count")));
            }
            if i == 0 {
                return Some(Ok(Value::Int(0)));
            }
            if j < 64 {
                let r = (i as i128) << j;
                if (r >> j) == i as i128 {
                    return Some(Ok(int_from_i128(r)));
                }
            }
            return int_binary_big(vm, IntRef::Small(i), IntRef::Small(j), op);
        }
        BinaryOp::RShift => {
            if j < 0 {
                return Some(Err(vm.value_error("negative shift count")));
            }
            Value::Int(if j >= 64 {
                if i < 0 {
                    -1
                } else {
                    0
                }
            } else {
                i >> j
            })
        }
        BinaryOp::And => Value::Int(i & j),
        BinaryOp::Or => Value::Int(i | j),
        BinaryOp::Xor => Value::Int(i ^ j),
        BinaryOp::MatMul => return None,
    };
    Some(Ok(r))
}

/// Largest bit count we agree to build (shifts and powers beyond it raise MemoryError).
const MAX_BITS: u64 = 1 << 32;

fn int_binary_big(vm: &mut Vm, x: IntRef<'_>, y: IntRef<'_>, op: BinaryOp) -> Option<PyResult<Value>> {
    let a = x.to_big();
    let b = y.to_big();
    let r = match op {
        BinaryOp::Add => big(a + b),
        BinaryOp::Sub => big(a - b),
        BinaryOp::Mul => big(a * b),
        BinaryOp::FloorDiv => {
            if b.is_zero() {
                return Some(Err(vm.zero_division("integer division or modulo by zero")));
            }
            big(a.div_floor(&b))
        }
        BinaryOp::Mod => {
            if b.is_zero() {
                return Some(Err(vm.zero_division("integer modulo by zero")));
            }
            big(a.mod_floor(&b))
        }
        BinaryOp::TrueDiv => return Some(true_div_big(vm, &a, &b)),
        BinaryOp::Pow => {
            if b.is_negative() {
                let fa = match big_to_f64(&a) {
                    Some(f) => f,
                    None => return Some(Err(overflow_to_float(vm))),
                };
                let fb = match big_to_f64(&b) {
                    Some(f) => f,
                    None => return Some(Err(overflow_to_float(vm))),
                };
                return Some(fl::float_pow(vm, fa, fb));
            }
            return Some(big_pow(vm, &a, &b));
        }
        BinaryOp::LShift => {
            if b.is_negative() {
                return Some(Err(vm.value_error("negative shift count")));
            }
            if a.is_zero() {
                return Some(Ok(Value::Int(0)));
            }
            let n = match b.to_u64() {
                Some(n) if n <= i64::MAX as u64 => n,
                _ => return Some(Err(vm.overflow_error("too many digits in integer"))),
            };
            if n.saturating_add(a.bits()) > MAX_BITS {
                return Some(Err(vm.new_exception_msg("MemoryError", "")));
            }
            big(a << n as usize)
        }
        BinaryOp::RShift => {
            if b.is_negative() {
                return Some(Err(vm.value_error("negative shift count")));
            }
            match b.to_u64() {
                Some(n) if n < a.bits() + 1 => big(a >> n as usize),
                _ => Value::Int(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinaryOp::And => big(a & b),
        BinaryOp::Or => big(a | b),
        BinaryOp::Xor => big(a ^ b),
        BinaryOp::MatMul => return None,
    };
    Some(Ok(r))
}

fn big_pow(vm: &mut Vm, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if b.is_zero() || a.is_one() {
        return Ok(Value::Int(1));
    }
    if a.is_zero() {
        return Ok(Value::Int(0));
    }
    if *a == BigInt::from(-1) {
        return Ok(Value::Int(if b.is_odd() { -1 } else { 1 }));
    }
    let e = match b.to_u64() {
        Some(e) if e.saturating_mul(a.bits()) <= MAX_BITS => e,
        _ => return Err(vm.new_exception_msg("MemoryError", "")),
    };
    Ok(big(Pow::pow(a, e)))
}

/// `a / b` for ints of any size, correctly rounded like CPython's `long_true_divide`.
pub fn true_div_big(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    match int_true_divide(a, b) {
        Ok(f) => Ok(Value::Float(f)),
        Err(DivError::Zero) => Err(vm.zero_division("division by zero")),
        Err(DivError::Overflow) => Err(vm.overflow_error("integer division result too large for a float")),
    }
}

pub enum DivError {
    Zero,
    Overflow,
}

/// Correctly rounded `a / b` as an f64.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> Result<f64, DivError> {
    if b.is_zero() {
        return Err(DivError::Zero);
    }
    let negative = a.is_negative() != b.is_negative();
    let sign = if negative { -1.0 } else { 1.0 };
    if a.is_zero() {
        return Ok(0.0 * sign);
    }
    let na = a.magnitude();
    let nb = b.magnitude();
    // Small enough for exact conversion: one correctly rounded float division.
    if na.bits() <= 53 && nb.bits() <= 53 {
        return Ok(sign * (na.to_f64().unwrap_or(0.0) / nb.to_f64().unwrap_or(1.0)));
    }
    let diff = na.bits() as i64 - nb.bits() as i64;
    // a/b is in [2**(diff-1), 2**(diff+1)).
    if diff > 1025 {
        return Err(DivError::Overflow);
    }
    if diff < -1076 {
        return Ok(0.0 * sign);
    }
    // q = floor(a * 2**s / b) has at least 55 bits.
    let s = 56 - diff;
    let (q, sticky) = if s >= 0 {
        let num = na << (s as usize);
        let (q, r) = num.div_rem(nb);
        (q, !r.is_zero())
    } else {
        let den = nb << ((-s) as usize);
        let (q, r) = na.div_rem(&den);
        (q, !r.is_zero())
    };
    let nq = q.bits() as i64;
    let e = nq - 1 - s; // value in [2**e, 2**(e+1))
    if e > 1023 {
        return Err(DivError::Overflow);
    }
    let lsb = (e - 52).max(-1074);
    let drop = lsb + s; // bits of q below the kept mantissa (>= 2)
    let drop = drop.max(0) as usize;
    let q64 = |v: &num_bigint::BigUint| v.to_u64().unwrap_or(0);
    let mut m = q64(&(&q >> drop));
    if drop > 0 {
        let rest = &q - ((&q >> drop) << drop);
        let half = num_bigint::BigUint::one() << (drop - 1);
        let round_up = match rest.cmp(&half) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => sticky || (m & 1) == 1,
            std::cmp::Ordering::Less => false,
        };
        if round_up {
            m += 1;
        }
    }
    let r = ldexp_exact(m as f64, lsb as i32);
    if r.is_infinite() {
        return Err(DivError::Overflow);
    }
    Ok(sign * r)
}

/// `x * 2**e` for an `x` with at most 53 significant bits whose result is representable
/// (or overflows to infinity), without double rounding.
pub fn ldexp_exact(x: f64, e: i32) -> f64 {
    if x == 0.0 {
        return x;
    }
    if e >= -1022 {
        let mut x = x;
        let mut e = e;
        while e > 1023 {
            x *= pow2(1023);
            e -= 1023;
        }
        x * pow2(e)
    } else {
        // Bring into range with an exact scaling, then one final (exact) step.
        let mut x = x;
        let mut e = e;
        while e < -1022 - 52 {
            // x has an integer-like mantissa; dividing by 2**52 first keeps it exact as long
            // as the final result is representable.
            x *= pow2(-52);
            e += 52;
            if x == 0.0 {
                return x;
            }
        }
        x * pow2(e + 1074) * f64::from_bits(1)
    }
}

fn pow2(e: i32) -> f64 {
    debug_assert!((-1022..=1023).contains(&e));
    f64::from_bits(((e + 1023) as u64) << 52)
}

// ---------------------------------------------------------------------------------------------
// divmod and three-argument pow
// ---------------------------------------------------------------------------------------------

/// `divmod(a, b)` for built-in numbers; None when either is not one.
pub fn numeric_divmod(vm: &mut Vm, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    let x = num_of(a)?;
    let y = num_of(b)?;
    match (x, y) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => None,
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            let fx = match fl::num_to_f64(vm, x) {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            let fy = match fl::num_to_f64(vm, y) {
                Ok(f) => f,
                Err(e) => return Some(Err(e)),
            };
            if fy == 0.0 {
                return Some(Err(vm.zero_division("float divmod()")));
            }
            let (q, r) = fl::float_divmod(fx, fy);
            Some(Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)])))
        }
        _ => {
            let xi = to_int_ref(x)?;
            let yi = to_int_ref(y)?;
            if yi.is_zero() {
                return Some(Err(vm.zero_division("integer division or modulo by zero")));
            }
            let (q, r) = match (xi, yi) {
                (IntRef::Small(i), IntRef::Small(j)) => {
                    let (i, j) = (i as i128, j as i128);
                    (int_from_i128(Integer::div_floor(&i, &j)), int_from_i128(Integer::mod_floor(&i, &j)))
                }
                _ => {
                    let (q, r) = xi.to_big().div_mod_floor(&yi.to_big());
                    (big(q), big(r))
                }
            };
            Some(Ok(Value::tuple(vec![q, r])))
        }
    }
}

fn to_int_ref(n: Num<'_>) -> Option<IntRef<'_>> {
    match n {
        Num::Int(i) => Some(IntRef::Small(i)),
        Num::Big(b) => Some(IntRef::Big(b)),
        _ => None,
    }
}

/// `pow(a, b, m)`. Only ints take a modulus.
pub fn pow3(vm: &mut Vm, a: &Value, b: &Value, m: &Value) -> PyResult<Value> {
    let (x, y, z) = match (as_int(a), as_int(b), as_int(m)) {
        (Some(x), Some(y), Some(z)) => (x.to_big(), y.to_big(), z.to_big()),
        _ => return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")),
    };
    if z.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let (base, exp) = if y.is_negative() {
        let inv = match x.mod_floor(&z).modinv(&z) {
            Some(inv) => inv,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        };
        (inv, -y)
    } else {
        (x, y)
    };
    if z.is_one() || z == BigInt::from(-1) {
        return Ok(Value::Int(0));
    }
    Ok(big(base.modpow(&exp, &z)))
}

// ---------------------------------------------------------------------------------------------
// Comparison and hashing
// ---------------------------------------------------------------------------------------------

#[inline]
fn cmp_result(op: CompareOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    }
}

/// Exact comparison between built-in numbers (int, bool, BigInt, float; complex only for
/// `==`/`!=`). None when either operand is not a built-in number or the comparison is not
/// defined (ordering complex numbers).
pub fn numeric_compare(a: &Value, b: &Value, op: CompareOp) -> Option<bool> {
    let x = num_of(a)?;
    let y = num_of(b)?;
    match (x, y) {
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
                return None;
            }
            let (ar, ai) = complex_parts(x);
            let (br, bi) = complex_parts(y);
            // Compare real parts exactly (ints against floats) when one side is an int.
            let re_eq = match (x, y) {
                (Num::Complex(..), Num::Complex(..)) => ar == br,
                (Num::Complex(r, _), Num::Float(g)) | (Num::Float(g), Num::Complex(r, _)) => r == g,
                (Num::Complex(r, _), other) | (other, Num::Complex(r, _)) => {
                    compare_num_float(other, r) == Some(std::cmp::Ordering::Equal)
                }
                _ => ar == br,
            };
            let eq = re_eq && ai == bi;
            Some(if op == CompareOp::Eq { eq } else { !eq })
        }
        (Num::Float(f), Num::Float(g)) => Some(match op {
            CompareOp::Lt => f < g,
            CompareOp::Le => f <= g,
            CompareOp::Eq => f == g,
            CompareOp::Ne => f != g,
            CompareOp::Gt => f > g,
            CompareOp::Ge => f >= g,
        }),
        (Num::Float(f), other) => match compare_num_float(other, f) {
            Some(ord) => Some(cmp_result(op, ord.reverse())),
            None => Some(op == CompareOp::Ne),
        },
        (other, Num::Float(f)) => match compare_num_float(other, f) {
            Some(ord) => Some(cmp_result(op, ord)),
            None => Some(op == CompareOp::Ne),
        },
        (Num::Int(i), Num::Int(j)) => Some(cmp_result(op, i.cmp(&j))),
        _ => {
            let xi = to_int_ref(x)?;
            let yi = to_int_ref(y)?;
            Some(cmp_result(op, cmp_ints(xi, yi)))
        }
    }
}

fn complex_parts(n: Num<'_>) -> (f64, f64) {
    match n {
        Num::Complex(r, i) => (r, i),
        Num::Float(f) => (f, 0.0),
        Num::Int(i) => (i as f64, 0.0),
        Num::Big(b) => (b.to_f64().unwrap_or(f64::INFINITY), 0.0),
    }
}

pub fn cmp_ints(x: IntRef<'_>, y: IntRef<'_>) -> std::cmp::Ordering {
    match (x, y) {
        (IntRef::Small(i), IntRef::Small(j)) => i.cmp(&j),
        (IntRef::Big(a), IntRef::Big(b)) => a.cmp(b),
        (IntRef::Small(i), IntRef::Big(b)) => BigInt::from(i).cmp(b),
        (IntRef::Big(a), IntRef::Small(j)) => a.cmp(&BigInt::from(j)),
    }
}

/// Exact ordering of an int (as `Num::Int`/`Num::Big`) against a float; None for NaN.
pub fn compare_num_float(n: Num<'_>, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    match n {
        Num::Int(i) if i.unsigned_abs() <= (1u64 << 53) => (i as f64).partial_cmp(&f),
        Num::Float(g) => g.partial_cmp(&f),
        _ => {
            let v = match n {
                Num::Int(i) => BigInt::from(i),
                Num::Big(b) => b.clone(),
                _ => return None,
            };
            let fl = f.floor();
            let fi = BigInt::from_f64(fl)?;
            match v.cmp(&fi) {
                Ordering::Equal => Some(if f > fl { Ordering::Less } else { Ordering::Equal }),
                o => Some(o),
            }
        }
    }
}

pub const HASH_MODULUS: u64 = (1 << 61) - 1;
pub const HASH_INF: i64 = 314159;

/// CPython's hash of an int.
pub fn hash_int(i: IntRef<'_>) -> i64 {
    let h = match i {
        IntRef::Small(i) => {
            let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
            if i < 0 {
                -m
            } else {
                m
            }
        }
        IntRef::Big(b) => {
            let m = (b.magnitude() % HASH_MODULUS).to_i64().unwrap_or(0);
            if b.is_negative() {
                -m
            } else {
                m
            }
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `_Py_HashDouble` (NaN hashes to 0).
pub fn hash_float(x: f64) -> i64 {
    if !x.is_finite() {
        if x.is_infinite() {
            return if x > 0.0 { HASH_INF } else { -HASH_INF };
        }
        return 0;
    }
    if x == x.trunc() && x.abs() < 9.2e18 {
        return hash_int(IntRef::Small(x as i64));
    }
    let (mut m, mut e) = frexp(x);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & HASH_MODULUS) | (h >> (61 - 28));
        m *= 268435456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= HASH_MODULUS {
            h -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 60 - ((-1 - e) % 61) };
    let e = e as u32;
    h = ((h << e) & HASH_MODULUS) | (h >> (61 - e));
    let r = (h as i64) * sign;
    if r == -1 {
        -2
    } else {
        r
    }
}

/// C's `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1`.
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(x * 18014398509481984.0); // 2**54
        return (m, e - 54);
    }
    let e = exp - 1022;
    let m_bits = (bits & !(0x7ffu64 << 52)) | (1022u64 << 52);
    (f64::from_bits(m_bits), e)
}

/// CPython's numeric hash for int, bool, BigInt, float and complex; None for anything else.
pub fn numeric_hash(v: &Value) -> Option<i64> {
    match num_of(v)? {
        Num::Int(i) => Some(hash_int(IntRef::Small(i))),
        Num::Big(b) => Some(hash_int(IntRef::Big(b))),
        Num::Float(f) => Some(hash_float(f)),
        Num::Complex(r, i) => {
            let hr = hash_float(r) as u64;
            let hi = hash_float(i) as u64;
            let h = hr.wrapping_add(1000003u64.wrapping_mul(hi)) as i64;
            Some(if h == -1 { -2 } else { h })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unary operators
// ---------------------------------------------------------------------------------------------

/// `-x`, `+x`, `~x`, `abs(x)` for built-in numbers.
pub fn unary(vm: &mut Vm, v: &Value, op: &str) -> Option<PyResult<Value>> {
    let n = num_of(v)?;
    let r = match n {
        Num::Int(i) => match op {
            "__neg__" => int_from_i128(-(i as i128)),
            "__pos__" => Value::Int(i),
            "__invert__" => Value::Int(!i),
            "__abs__" => int_from_i128((i as i128).abs()),
            _ => return None,
        },
        Num::Big(b) => match op {
            "__neg__" => big(-b),
            "__pos__" => v.clone(),
            "__invert__" => big(!b),
            "__abs__" => big(b.abs()),
            _ => return None,
        },
        Num::Float(f) => match op {
            "__neg__" => Value::Float(-f),
            "__pos__" => Value::Float(f),
            "__abs__" => Value::Float(f.abs()),
            _ => return None,
        },
        Num::Complex(r, i) => match op {
            "__neg__" => fl::new_complex(-r, -i),
            "__pos__" => fl::new_complex(r, i),
            "__abs__" => {
                let h = r.hypot(i);
                if h.is_infinite() && r.is_finite() && i.is_finite() {
                    return Some(Err(vm.overflow_error("absolute value too large")));
                }
                Value::Float(h)
            }
            _ => return None,
        },
    };
    Some(Ok(r))
}

// ---------------------------------------------------------------------------------------------
// str / repr
// ---------------------------------------------------------------------------------------------

/// CPython 3.11's default limit on int <-> decimal str conversion.
pub const MAX_STR_DIGITS: usize = 4300;

/// `str()` of an int or bool (no digit limit check; see `int_to_str_checked`).
pub fn int_to_str(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(b.to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// Decimal digits of an int, enforcing the 4300-digit limit.
pub fn int_decimal(vm: &Vm, i: IntRef<'_>) -> PyResult<String> {
    match i {
        IntRef::Small(i) => Ok(i.to_string()),
        IntRef::Big(b) => {
            // 4300 digits need at most 14285 bits; anything wider is certainly over.
            if b.bits() > 14300 {
                return Err(str_digits_error(vm));
            }
            let s = b.to_string();
            let digits = s.len() - b.is_negative() as usize;
            if digits > MAX_STR_DIGITS {
                return Err(str_digits_error(vm));
            }
            Ok(s)
        }
    }
}

fn str_digits_error(vm: &Vm) -> crate::PyErr {
    vm.value_error(format!(
        "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// `str(v)` for an int/bool with the digit limit enforced; None for non-ints.
pub fn int_to_str_checked(vm: &Vm, v: &Value) -> Option<PyResult<String>> {
    match v {
        Value::Bool(b) => Some(Ok(if *b { "True" } else { "False" }.to_string())),
        _ => int_ref(v).map(|i| int_decimal(vm, i)),
    }
}

/// `repr()` of a built-in number: ints, bools (`True`), floats and complex numbers.
pub fn repr_number(v: &Value) -> Option<String> {
    match v {
        Value::Int(i) => Some(i.to_string()),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Float(f) => Some(fl::repr_float(*f)),
        Value::Obj(o) => match o.payload() {
            // Ints near or over the 4300-digit limit go through `int.__repr__`, which raises.
            Payload::BigInt(b) if b.bits() > 14000 => None,
            Payload::BigInt(b) => Some(b.to_string()),
            Payload::Complex(r, i) => Some(fl::repr_complex(*r, *i)),
            _ => None,
        },
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Attributes
// ---------------------------------------------------------------------------------------------

/// `real`, `imag`, `numerator`, `denominator` of an int (or bool, or int subclass instance).
pub fn int_attr(v: &Value, name: &str) -> Option<Value> {
    let i = as_int(v)?;
    let plain = match i {
        IntRef::Small(i) => Value::Int(i),
        IntRef::Big(b) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
    };
    match name {
        "real" | "numerator" => Some(plain),
        "imag" => Some(Value::Int(0)),
        "denominator" => Some(Value::Int(1)),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Argument helpers shared by the scalar files
// ---------------------------------------------------------------------------------------------

/// Checks positional count (excluding self) and that every keyword is one of `allowed`.
pub(crate) fn check_args(
    vm: &Vm,
    name: &str,
    args: &Args<'_>,
    min: usize,
    max: usize,
    allowed_kw: &[&str],
) -> PyResult<()> {
    let npos = args.positional().len().saturating_sub(1);
    for (k, _) in args.keywords() {
        if !allowed_kw.contains(&k) {
            return Err(if allowed_kw.is_empty() {
                vm.type_error(format!("{name}() takes no keyword arguments"))
            } else {
                vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'"))
            });
        }
    }
    if npos < min || npos > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({npos} given)"),
                1 => format!("{name}() takes exactly one argument ({npos} given)"),
                _ => format!("{name} expected {min} arguments, got {npos}"),
            }
        } else if npos < min {
            format!("{name} expected at least {min} argument{}, got {npos}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {npos}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// Argument `i` (counting from 0 after self), positional or by keyword.
pub(crate) fn arg<'a>(args: &Args<'a>, i: usize, name: &str) -> Option<&'a Value> {
    args.positional().get(i + 1).or_else(|| args.kw(name))
}

/// An index-like argument (`__index__` semantics) as i64, clamped to the i64 range for
/// BigInts (used for `start`/`end`-style arguments).
pub(crate) fn index_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if let Some(i) = as_int(v) {
        return Ok(match i {
            IntRef::Small(i) => i,
            IntRef::Big(b) => {
                if b.is_negative() {
                    i64::MIN
                } else {
                    i64::MAX
                }
            }
        });
    }
    vm.to_index(v)
}

/// `operator.index(v)` returning the full int value (BigInts included).
pub fn index_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Some(i) = as_int(v) {
        return Ok(match i {
            IntRef::Small(i) => Value::Int(i),
            IntRef::Big(b) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
        });
    }
    if let Some(f) = crate::vm::attr::lookup_special(vm, v, "__index__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
        if is_int(&r) {
            return Ok(plain_int(&r));
        }
        return Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r))));
    }
    Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))))
}

/// The exact int behind an int-like value (bools become 0/1, subclass instances unwrap).
pub fn plain_int(v: &Value) -> Value {
    match as_int(v) {
        Some(IntRef::Small(i)) => Value::Int(i),
        Some(IntRef::Big(b)) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
        None => v.clone(),
    }
}

fn self_int<'a>(vm: &Vm, args: &Args<'a>, name: &str) -> PyResult<IntRef<'a>> {
    match args.items.first().map(receiver) {
        Some(v) => match int_ref(v) {
            Some(i) => Ok(i),
            None => Err(vm.type_error(format!(
                "descriptor '{name}' requires a 'int' object but received a '{}'",
                v.payload().map(|p| p.kind_name()).unwrap_or("object")
            ))),
        },
        None => Err(vm.type_error(format!("descriptor '{name}' of 'int' object needs an argument"))),
    }
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

pub const METHODS: &[(&str, NativeFn)] = &[
    ("bit_length", int_bit_length),
    ("bit_count", int_bit_count),
    ("to_bytes", int_to_bytes),
    ("from_bytes", int_from_bytes),
    ("conjugate", int_conjugate),
    ("as_integer_ratio", int_as_integer_ratio),
    ("is_integer", int_is_integer),
    ("__index__", int_plain),
    ("__int__", int_plain),
    ("__trunc__", int_plain),
    ("__floor__", int_plain),
    ("__ceil__", int_plain),
    ("__float__", int_float),
    ("__abs__", int_abs),
    ("__neg__", int_neg),
    ("__pos__", int_plain),
    ("__invert__", int_invert),
    ("__bool__", int_bool),
    ("__round__", int_round),
    ("__repr__", int_repr),
    ("__format__", int_format),
    ("__hash__", int_hash),
    ("__getnewargs__", int_getnewargs),
    ("__eq__", int_eq),
    ("__ne__", int_ne),
    ("__lt__", int_lt),
    ("__le__", int_le),
    ("__gt__", int_gt),
    ("__ge__", int_ge),
    ("__add__", int_add),
    ("__radd__", int_radd),
    ("__sub__", int_sub),
    ("__rsub__", int_rsub),
    ("__mul__", int_mul),
    ("__rmul__", int_rmul),
    ("__truediv__", int_truediv),
    ("__rtruediv__", int_rtruediv),
    ("__floordiv__", int_floordiv),
    ("__rfloordiv__", int_rfloordiv),
    ("__mod__", int_mod),
    ("__rmod__", int_rmod),
    ("__pow__", int_pow),
    ("__rpow__", int_rpow),
    ("__lshift__", int_lshift),
    ("__rlshift__", int_rlshift),
    ("__rshift__", int_rshift),
    ("__rrshift__", int_rrshift),
    ("__and__", int_and),
    ("__rand__", int_rand),
    ("__or__", int_or),
    ("__ror__", int_ror),
    ("__xor__", int_xor),
    ("__rxor__", int_rxor),
    ("__divmod__", int_divmod),
    ("__rdivmod__", int_rdivmod),
];

fn int_plain(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__int__")?;
    Ok(match i {
        IntRef::Small(i) => Value::Int(i),
        IntRef::Big(b) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
    })
}

fn int_conjugate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "conjugate", &args, 0, 0, &[])?;
    int_plain(vm, args)
}

fn int_is_integer(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    self_int(vm, &args, "is_integer")?;
    Ok(Value::Bool(true))
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = int_plain(vm, args)?;
    Ok(Value::tuple(vec![v, Value::Int(1)]))
}

fn int_getnewargs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = int_plain(vm, args)?;
    Ok(Value::tuple(vec![v]))
}

fn int_float(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__float__")?;
    match int_ref_to_f64(i) {
        Some(f) => Ok(Value::Float(f)),
        None => Err(overflow_to_float(vm)),
    }
}

fn int_bool(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__bool__")?;
    Ok(Value::Bool(!i.is_zero()))
}

fn unary_method(vm: &mut Vm, args: Args<'_>, op: &str) -> PyResult<Value> {
    let i = self_int(vm, &args, op)?;
    let plain = match i {
        IntRef::Small(i) => Value::Int(i),
        IntRef::Big(b) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
    };
    match unary(vm, &plain, op) {
        Some(r) => r,
        None => Ok(Value::NotImplemented),
    }
}

fn int_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    unary_method(vm, args, "__abs__")
}

fn int_neg(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    unary_method(vm, args, "__neg__")
}

fn int_invert(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    unary_method(vm, args, "__invert__")
}

fn int_bit_length(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "bit_length", &args, 0, 0, &[])?;
    let i = self_int(vm, &args, "bit_length")?;
    Ok(Value::Int(match i {
        IntRef::Small(i) => 64 - i.unsigned_abs().leading_zeros() as i64,
        IntRef::Big(b) => b.bits() as i64,
    }))
}

fn int_bit_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "bit_count", &args, 0, 0, &[])?;
    let i = self_int(vm, &args, "bit_count")?;
    Ok(Value::Int(match i {
        IntRef::Small(i) => i.unsigned_abs().count_ones() as i64,
        IntRef::Big(b) => b.magnitude().count_ones() as i64,
    }))
}

fn byteorder_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => match receiver(v).as_str() {
            Some("big") => Ok(false),
            Some("little") => Ok(true),
            Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
            None => Err(vm.type_error(format!("to_bytes() argument 'byteorder' must be str, not {}", vm.type_name(v)))),
        },
    }
}

fn int_to_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "to_bytes", &args, 0, 2, &["length", "byteorder", "signed"])?;
    let n = self_int(vm, &args, "to_bytes")?.to_big();
    let length = match arg(&args, 0, "length") {
        Some(v) => {
            let l = vm.to_index(v)?;
            if l < 0 {
                return Err(vm.value_error("length argument must be non-negative"));
            }
            l as usize
        }
        None => 1,
    };
    let little = byteorder_arg(vm, arg(&args, 1, "byteorder"))?;
    let signed = match args.kw("signed") {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    if !signed && n.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        if n.is_zero() {
            vec![]
        } else {
            n.to_signed_bytes_be()
        }
    } else if n.is_zero() {
        vec![]
    } else {
        n.to_bytes_be().1
    };
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && n.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length - bytes.len()];
    out.append(&mut bytes);
    if little {
        out.reverse();
    }
    Ok(Value::bytes(out))
}

fn int_from_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    // Called as `int.from_bytes(b, ...)`: the class comes first.
    let skip_class = matches!(args.items.first().and_then(|v| v.payload()), Some(Payload::Class(_)));
    let items_args = if skip_class { args } else { Args { items: args.items, kwnames: args.kwnames } };
    let (data_v, order_v) = if skip_class {
        (arg(&items_args, 0, "bytes"), arg(&items_args, 1, "byteorder"))
    } else {
        (items_args.get(0, "bytes"), items_args.get(1, "byteorder"))
    };
    let data_v = match data_v {
        Some(v) => v.clone(),
        None => return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)")),
    };
    let little = byteorder_arg(vm, order_v)?;
    let signed = match args.kw("signed") {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let mut data = match super::bytes::bytes_like(vm, &data_v) {
        Some(b) => b,
        None => {
            if data_v.as_str().is_some() {
                return Err(vm.type_error("cannot convert 'str' object to bytes"));
            }
            let items = vm.iterate(&data_v)?;
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                out.push(super::bytes::byte_value(vm, it)?);
            }
            out
        }
    };
    if little {
        data.reverse();
    }
    let n = if signed { BigInt::from_signed_bytes_be(&data) } else { BigInt::from_bytes_be(Sign::Plus, &data) };
    let result = big(n);
    // A subclass receives its own instance via its constructor.
    if skip_class {
        if let Some(cls) = args.items.first() {
            let is_int = cls.as_obj().map(|c| c.ptr_eq(vm.types().get(super::types::TypeId::Int))).unwrap_or(true);
            if !is_int {
                return vm.call(cls, Args::new(&[result]));
            }
        }
    }
    Ok(result)
}

/// `round(int, ndigits)`: half to even at the given negative number of digits.
pub fn round_int(vm: &mut Vm, i: IntRef<'_>, ndigits: Option<&Value>) -> PyResult<Value> {
    let plain = match i {
        IntRef::Small(i) => Value::Int(i),
        IntRef::Big(b) => Value::Obj(ObjRef::new(Payload::BigInt(b.clone()))),
    };
    let nd = match ndigits {
        None => return Ok(plain),
        Some(v) if v.is_none() => return Ok(plain),
        Some(v) => index_value(vm, v)?,
    };
    let nd = match as_int(&nd) {
        Some(n) => n.to_big(),
        None => return Ok(plain),
    };
    if !nd.is_negative() {
        return Ok(plain);
    }
    let digits = -nd;
    let digits = match digits.to_u32() {
        Some(d) if d < 100_000 => d,
        _ => return Ok(Value::Int(0)),
    };
    let pow10 = Pow::pow(BigInt::from(10), digits);
    let x = i.to_big();
    let (q, r) = x.div_mod_floor(&pow10);
    let twice: BigInt = &r * 2;
    let round_up = match twice.cmp(&pow10) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => q.is_odd(),
        std::cmp::Ordering::Less => false,
    };
    let q = if round_up { q + 1 } else { q };
    Ok(big(q * pow10))
}

fn int_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "__round__", &args, 0, 1, &["ndigits"])?;
    let i = self_int(vm, &args, "__round__")?;
    round_int(vm, i, arg(&args, 0, "ndigits"))
}

/// `int.__repr__`: decimal digits (also for bools: `int.__repr__(True) == '1'`).
fn int_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__repr__")?;
    Ok(Value::string(int_decimal(vm, i)?))
}

/// The methods `bool` defines over `int`'s: `True.__repr__() == 'True'`, `True & True is True`.
pub const BOOL_METHODS: &[(&str, NativeFn)] = &[
    ("__repr__", bool_repr),
    ("__and__", int_and),
    ("__rand__", int_rand),
    ("__or__", int_or),
    ("__ror__", int_ror),
    ("__xor__", int_xor),
    ("__rxor__", int_rxor),
];

fn bool_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.items.first().map(receiver) {
        Some(Value::Bool(b)) => Ok(Value::str(if *b { "True" } else { "False" })),
        _ => int_repr(vm, args),
    }
}

fn int_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    check_args(vm, "__format__", &args, 1, 1, &[])?;
    self_int(vm, &args, "__format__")?;
    let spec = match receiver(&args.items[1]).as_str() {
        Some(s) => s.to_string(),
        None => {
            return Err(
                vm.type_error(format!("__format__() argument must be str, not {}", vm.type_name(&args.items[1])))
            )
        }
    };
    if spec.is_empty() {
        // `format(x, '')` is `str(x)` (a subclass's `__str__`/`__repr__` included).
        let me = args.items[0].clone();
        return Ok(Value::string(vm.str_of(&me)?));
    }
    let v = receiver(&args.items[0]).clone();
    Ok(Value::string(super::str::format_value(vm, &v, &spec)?))
}

fn int_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let i = self_int(vm, &args, "__hash__")?;
    Ok(Value::Int(hash_int(i)))
}

fn compare_method(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    check_args(vm, op.dunders().0, &args, 1, 1, &[])?;
    let a = receiver(&args.items[0]).clone();
    let b = receiver(&args.items[1]).clone();
    if int_ref(&a).is_none() || int_ref(&b).is_none() {
        return Ok(Value::NotImplemented);
    }
    match numeric_compare(&a, &b, op) {
        Some(r) => Ok(Value::Bool(r)),
        None => Ok(Value::NotImplemented),
    }
}

fn int_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Eq)
}
fn int_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ne)
}
fn int_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Lt)
}
fn int_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Le)
}
fn int_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Gt)
}
fn int_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    compare_method(vm, args, CompareOp::Ge)
}

/// `int.__op__(self, other)` / `int.__rop__`: NotImplemented unless both are ints.
fn binop_method(vm: &mut Vm, args: Args<'_>, op: BinaryOp, reflected: bool) -> PyResult<Value> {
    let name = if reflected { op.dunders().1 } else { op.dunders().0 };
    if op == BinaryOp::Pow && args.positional().len() == 3 && !reflected {
        let (a, b, m) = (args.items[0].clone(), args.items[1].clone(), args.items[2].clone());
        if m.is_none() {
            return binop_method(vm, Args::new(&args.items[..2]), op, reflected);
        }
        if !is_int(&b) || !is_int(&m) {
            return Ok(Value::NotImplemented);
        }
        return pow3(vm, &a, &b, &m);
    }
    check_args(vm, name, &args, 1, 1, &[])?;
    let a = receiver(&args.items[0]).clone();
    let b = receiver(&args.items[1]).clone();
    if int_ref(&a).is_none() || int_ref(&b).is_none() {
        return Ok(Value::NotImplemented);
    }
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    // Plain ints, so bool & bool stays bool only for real bools.
    match numeric_binary(vm, x, y, op) {
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
    int_add, int_radd, BinaryOp::Add;
    int_sub, int_rsub, BinaryOp::Sub;
    int_mul, int_rmul, BinaryOp::Mul;
    int_truediv, int_rtruediv, BinaryOp::TrueDiv;
    int_floordiv, int_rfloordiv, BinaryOp::FloorDiv;
    int_mod, int_rmod, BinaryOp::Mod;
    int_pow, int_rpow, BinaryOp::Pow;
    int_lshift, int_rlshift, BinaryOp::LShift;
    int_rshift, int_rrshift, BinaryOp::RShift;
    int_and, int_rand, BinaryOp::And;
    int_or, int_ror, BinaryOp::Or;
    int_xor, int_rxor, BinaryOp::Xor;
}

fn divmod_method(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult<Value> {
    check_args(vm, if reflected { "__rdivmod__" } else { "__divmod__" }, &args, 1, 1, &[])?;
    let a = receiver(&args.items[0]).clone();
    let b = receiver(&args.items[1]).clone();
    if int_ref(&a).is_none() || int_ref(&b).is_none() {
        return Ok(Value::NotImplemented);
    }
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    numeric_divmod(vm, x, y).unwrap_or(Ok(Value::NotImplemented))
}

fn int_divmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    divmod_method(vm, args, false)
}

fn int_rdivmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    divmod_method(vm, args, true)
}

// ---------------------------------------------------------------------------------------------
// int() and bool()
// ---------------------------------------------------------------------------------------------

/// `ValueError: invalid literal for int() with base 10: 'abc'` (repr cut at 200 chars).
fn invalid_literal(vm: &Vm, base: u32, shown: &str) -> crate::PyErr {
    let shown: String = shown.chars().take(200).collect();
    vm.value_error(format!("invalid literal for int() with base {base}: {shown}"))
}

/// Parses an int literal like `int(s, base)` does (whitespace, sign, underscores, prefixes for
/// base 0 or the matching base, Unicode decimal digits), enforcing the 4300-digit limit.
/// `shown` is the repr used in the error message.
pub fn parse_int_str(vm: &Vm, s: &str, base: u32, shown: &str) -> PyResult<Value> {
    // The digit limit applies to the run of digits (for bases that are not powers of two),
    // before anything else is validated, as in CPython.
    let radix = if base == 0 { 10 } else { base };
    if !radix.is_power_of_two() && s.len() > MAX_STR_DIGITS {
        let t = s.trim_start_matches(|c: char| super::format_spec::py_isspace(c));
        let t = t.strip_prefix(['+', '-']).unwrap_or(t);
        let mut digits = 0usize;
        for c in t.chars() {
            if c == '_' {
                continue;
            }
            let ok = match super::format_spec::unicode_decimal_value(c) {
                Some(_) => true,
                None => c.is_ascii_alphanumeric() && c.to_digit(36).is_some_and(|d| d < radix),
            };
            if !ok {
                break;
            }
            digits += 1;
        }
        if digits > MAX_STR_DIGITS {
            return Err(vm.value_error(format!(
                "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
    }
    match super::format_spec::parse_int_literal(s, base) {
        Ok(n) => Ok(big(n)),
        Err(()) => Err(invalid_literal(vm, base, shown)),
    }
}

/// `int(...)`, `int(x)`, `int(s, base)`.
pub fn construct(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    for (k, _) in args.keywords() {
        if k != "base" {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for int()")));
        }
    }
    if pos.len() > 2 {
        return Err(
            vm.type_error(format!("int() takes at most 2 arguments ({} given)", pos.len() + args.kwnames.len()))
        );
    }
    let base_v = match (pos.get(1), args.kw("base")) {
        (Some(_), Some(_)) => return Err(vm.type_error("argument for int() given by name ('base') and position (2)")),
        (Some(b), None) | (None, Some(b)) => Some(b.clone()),
        (None, None) => None,
    };
    let x = match pos.first() {
        Some(x) => x.clone(),
        None => {
            if base_v.is_some() {
                return Err(vm.type_error("int() missing string argument"));
            }
            return Ok(Value::Int(0));
        }
    };
    if let Some(bv) = base_v {
        let b = index_value(vm, &bv)?;
        let b = as_int(&b).and_then(|i| i.to_i64()).unwrap_or(i64::MAX);
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return int_from_string_like(vm, &x, b as u32, true);
    }
    int_of(vm, &x)
}

fn int_from_string_like(vm: &mut Vm, x: &Value, base: u32, explicit: bool) -> PyResult<Value> {
    let r = receiver(x);
    if let Some(s) = r.as_str() {
        let shown = super::str::repr_str(s);
        return parse_int_str(vm, s, base, &shown);
    }
    if let Some(b) = super::bytes::bytes_like(vm, r) {
        let shown = super::bytes::repr_bytes(&b, "b");
        return match std::str::from_utf8(&b) {
            Ok(s) => parse_int_str(vm, s, base, &shown),
            Err(_) => Err(invalid_literal(vm, base, &shown)),
        };
    }
    if explicit {
        return Err(vm.type_error("int() can't convert non-string with explicit base"));
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    )))
}

/// `int(x)` for one argument: ints, floats, `__int__`, `__index__`, `__trunc__`, str, bytes.
pub fn int_of(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        Value::Float(f) => return float_to_int(vm, *f),
        _ => {}
    }
    match x.payload() {
        Some(Payload::BigInt(_)) => return Ok(x.clone()),
        Some(Payload::Str(s)) => {
            let shown = super::str::repr_str(s.as_str());
            return parse_int_str(vm, s.as_str(), 10, &shown);
        }
        Some(Payload::Instance(_)) | Some(Payload::Native(_)) => {}
        Some(Payload::Bytes(_)) | Some(Payload::ByteArray(_)) => return int_from_string_like(vm, x, 10, false),
        Some(Payload::Complex(..)) => {
            return Err(
                vm.type_error("int() argument must be a string, a bytes-like object or a real number, not 'complex'")
            )
        }
        _ => {}
    }
    use crate::vm::attr::lookup_special;
    if let Some(f) = lookup_special(vm, x, "__int__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
        if int_ref(&r).is_some() {
            return Ok(plain_int(&r));
        }
        if is_int(&r) {
            return Ok(plain_int(&r));
        }
        return Err(vm.type_error(format!("__int__ returned non-int (type {})", vm.type_name(&r))));
    }
    if let Some(f) = lookup_special(vm, x, "__index__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
        if is_int(&r) {
            return Ok(plain_int(&r));
        }
        return Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r))));
    }
    if let Some(f) = lookup_special(vm, x, "__trunc__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
        if is_int(&r) {
            return Ok(plain_int(&r));
        }
        return match lookup_special(vm, &r, "__index__") {
            Some(_) => index_value(vm, &r),
            None => Err(vm.type_error(format!("__trunc__ returned non-Integral (type {})", vm.type_name(&r)))),
        };
    }
    // Subclass instances of str/bytes/float without the dunders above.
    let inner = receiver(x).clone();
    if !inner.is(x) {
        if let Value::Float(f) = inner {
            return float_to_int(vm, f);
        }
        return int_from_string_like(vm, &inner, 10, false).map_err(|e| {
            if vm.err_matches(&e, "TypeError") {
                vm.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                    vm.type_name(x)
                ))
            } else {
                e
            }
        });
    }
    int_from_string_like(vm, x, 10, false)
}

/// Truncates a float to an int (`int(3.9) == 3`).
pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(big(BigInt::from_f64(t).unwrap_or_default()))
}

/// `bool(x)`.
pub fn construct_bool(vm: &mut Vm, _cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("bool() takes no keyword arguments"));
    }
    match args.items {
        [] => Ok(Value::Bool(false)),
        [x] => Ok(Value::Bool(vm.is_true(x)?)),
        _ => Err(vm.type_error(format!("bool expected at most 1 argument, got {}", args.items.len()))),
    }
}
