//! The real-valued distributions of `Random`, each the algorithm of CPython 3.11's `random.py`
//! step for step (same draws, same floating-point operations), so seeded results agree.

use std::f64::consts::{E, PI, TAU};

use gilpy_interpreter::builtins::float::float_mod;
use gilpy_interpreter::bytecode::BinaryOp;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::gen::{gen as data, next_float, Gen};
use crate::util;

fn nv_magic() -> f64 {
    4.0 * (-0.5f64).exp() / 2f64.sqrt()
}

/// The arguments after `self`, bound like the Python method `Random.<name>`.
fn bind(vm: &mut Vm, args: &Args<'_>, name: &str, names: &[&str], required: usize) -> PyResult<Vec<Option<Value>>> {
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    util::bind_method(vm, &format!("Random.{name}"), &rest, names, required)
}

/// Float parameters, with defaults for the optional ones.
fn floats(vm: &mut Vm, slots: &[Option<Value>], defaults: &[f64]) -> PyResult<Vec<f64>> {
    let mut out = Vec::with_capacity(slots.len());
    for (i, slot) in slots.iter().enumerate() {
        out.push(match slot {
            Some(v) => vm.to_f64(v)?,
            None => defaults.get(i).copied().unwrap_or(0.0),
        });
    }
    Ok(out)
}

fn float_div(vm: &Vm, a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(a / b)
}

/// `x ** y` for floats, with Python's errors.
fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<f64> {
    let r = gilpy_interpreter::builtins::float::float_pow(vm, x, y)?;
    vm.to_f64(&r)
}

fn log(vm: &Vm, x: f64) -> PyResult<f64> {
    if x <= 0.0 {
        return Err(vm.value_error("math domain error"));
    }
    Ok(x.ln())
}

pub fn uniform(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "uniform", &["a", "b"], 2)?;
    let (low, high) = (a[0].clone().expect("required"), a[1].clone().expect("required"));
    let r = Value::Float(next_float(vm, d)?);
    let width = vm.binary_op(&high, &low, BinaryOp::Sub)?;
    let offset = vm.binary_op(&width, &r, BinaryOp::Mul)?;
    vm.binary_op(&low, &offset, BinaryOp::Add)
}

pub fn triangular(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "triangular", &["low", "high", "mode"], 0)?;
    let low_value = a[0].clone().unwrap_or(Value::Float(0.0));
    let p = floats(vm, &a[..2], &[0.0, 1.0])?;
    let (mut low, mut high) = (p[0], p[1]);
    let mut u = next_float(vm, d)?;
    let mut c = match util::given(&a[2]) {
        None => 0.5,
        Some(mode) => {
            let mode = vm.to_f64(mode)?;
            if high - low == 0.0 {
                return Ok(low_value);
            }
            (mode - low) / (high - low)
        }
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

fn normal(vm: &mut Vm, d: &Gen<'_>, mu: f64, sigma: f64) -> PyResult<f64> {
    loop {
        let u1 = next_float(vm, d)?;
        let u2 = 1.0 - next_float(vm, d)?;
        let z = nv_magic() * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -log(vm, u2)? {
            return Ok(mu + z * sigma);
        }
    }
}

pub fn normalvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "normalvariate", &["mu", "sigma"], 0)?;
    let p = floats(vm, &a, &[0.0, 1.0])?;
    Ok(Value::Float(normal(vm, d, p[0], p[1])?))
}

pub fn lognormvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "lognormvariate", &["mu", "sigma"], 2)?;
    let p = floats(vm, &a, &[])?;
    Ok(Value::Float(normal(vm, d, p[0], p[1])?.exp()))
}

pub fn gauss(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "gauss", &["mu", "sigma"], 0)?;
    let p = floats(vm, &a, &[0.0, 1.0])?;
    let pending = d.data.state.borrow_mut(vm).gauss_next.take();
    let z = match pending {
        Some(z) => z,
        None => {
            let x2pi = next_float(vm, d)? * TAU;
            let u = next_float(vm, d)?;
            let g2rad = (-2.0 * log(vm, 1.0 - u)?).sqrt();
            d.data.state.borrow_mut(vm).gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(p[0] + z * p[1]))
}

pub fn expovariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "expovariate", &["lambd"], 1)?;
    let lambd = vm.to_f64(a[0].as_ref().expect("required"))?;
    let u = next_float(vm, d)?;
    let x = -log(vm, 1.0 - u)?;
    Ok(Value::Float(float_div(vm, x, lambd)?))
}

pub fn vonmisesvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "vonmisesvariate", &["mu", "kappa"], 2)?;
    let p = floats(vm, &a, &[])?;
    let (mu, kappa) = (p[0], p[1]);
    if kappa <= 1e-6 {
        return Ok(Value::Float(TAU * next_float(vm, d)?));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = next_float(vm, d)?;
        let z = (PI * u1).cos();
        let dd = z / (r + z);
        let u2 = next_float(vm, d)?;
        if u2 < 1.0 - dd * dd || u2 <= (1.0 - dd) * dd.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = next_float(vm, d)?;
    let theta = if u3 > 0.5 { float_mod(mu + f.acos(), TAU) } else { float_mod(mu - f.acos(), TAU) };
    Ok(Value::Float(theta))
}

fn gamma(vm: &mut Vm, d: &Gen<'_>, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.value_error("gammavariate: alpha and beta must be > 0.0"));
    }
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4f64.ln();
        let ccc = alpha + ainv;
        let sg_magic = 1.0 + 4.5f64.ln();
        loop {
            let u1 = next_float(vm, d)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - next_float(vm, d)?;
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magic - 4.5 * z >= 0.0 || r >= log(vm, z)? {
                return Ok(x * beta);
            }
        }
    }
    if alpha == 1.0 {
        let u = next_float(vm, d)?;
        return Ok(-log(vm, 1.0 - u)? * beta);
    }
    let x = loop {
        let u = next_float(vm, d)?;
        let b = (E + alpha) / E;
        let p = b * u;
        let x = if p <= 1.0 { float_pow(vm, p, 1.0 / alpha)? } else { -log(vm, (b - p) / alpha)? };
        let u1 = next_float(vm, d)?;
        if p > 1.0 {
            if u1 <= float_pow(vm, x, alpha - 1.0)? {
                break x;
            }
        } else if u1 <= (-x).exp() {
            break x;
        }
    };
    Ok(x * beta)
}

pub fn gammavariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "gammavariate", &["alpha", "beta"], 2)?;
    let p = floats(vm, &a, &[])?;
    Ok(Value::Float(gamma(vm, d, p[0], p[1])?))
}

pub fn betavariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "betavariate", &["alpha", "beta"], 2)?;
    let p = floats(vm, &a, &[])?;
    let y = gamma(vm, d, p[0], 1.0)?;
    if y != 0.0 {
        let other = gamma(vm, d, p[1], 1.0)?;
        return Ok(Value::Float(float_div(vm, y, y + other)?));
    }
    Ok(Value::Float(0.0))
}

pub fn paretovariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "paretovariate", &["alpha"], 1)?;
    let alpha = vm.to_f64(a[0].as_ref().expect("required"))?;
    let u = 1.0 - next_float(vm, d)?;
    let exponent = float_div(vm, -1.0, alpha)?;
    Ok(Value::Float(float_pow(vm, u, exponent)?))
}

pub fn weibullvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let a = bind(vm, &args, "weibullvariate", &["alpha", "beta"], 2)?;
    let p = floats(vm, &a, &[])?;
    let u = 1.0 - next_float(vm, d)?;
    let exponent = float_div(vm, 1.0, p[1])?;
    let base = -log(vm, u)?;
    Ok(Value::Float(p[0] * float_pow(vm, base, exponent)?))
}
