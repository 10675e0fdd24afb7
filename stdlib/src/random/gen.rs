//! Where a `Random` method gets its randomness: the native generator, or, for a Python subclass
//! that overrides `random()`, `getrandbits()` or `_randbelow()`, those methods, chosen the way
//! CPython's `Random.__init_subclass__` chooses (the first class in the MRO defining one of
//! `_randbelow`, `getrandbits`, `random` decides how integers are drawn).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use gilpy_interpreter::builtins::int::as_int;
use gilpy_interpreter::object::Payload;
use gilpy_interpreter::vm::attr::mro_of;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::{native_bits, native_float, RandomData};
use crate::util;

/// How `_randbelow(n)` draws.
enum Below {
    Native,
    /// A Python `getrandbits` override, used with rejection sampling.
    GetrandbitsMethod(Value),
    /// Only `random()` is overridden: CPython's `_randbelow_without_getrandbits`.
    FromRandom,
    /// A Python `_randbelow` override.
    Method(Value),
}

pub struct Gen<'a> {
    pub data: &'a RandomData,
    this: Value,
    /// A Python override of `random()`.
    random: Option<Value>,
    below: Below,
}

/// The generator behind the method call `args` (whose first item is `self`).
pub fn gen<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<Gen<'a>> {
    let Some(this) = args.positional().first() else {
        return Err(vm.type_error("descriptor of 'Random' object needs an argument"));
    };
    let data = util::native_data::<RandomData>(vm, this, "Random")?;
    let mut g = Gen { data, this: this.clone(), random: None, below: Below::Native };
    if matches!(this.payload(), Some(Payload::Native(_))) {
        return Ok(g);
    }
    // An instance of a Python subclass: look for overrides.
    let class = vm.class_of(this);
    let mut below_decided = false;
    for c in mro_of(&class) {
        let Payload::Class(k) = c.payload() else { continue };
        let (below_override, bits_override, random_override) = {
            let dict = k.dict.borrow(vm);
            (dict.get_str("_randbelow").cloned(), dict.get_str("getrandbits").cloned(), dict.get_str("random").cloned())
        };
        if k.is_builtin {
            break;
        }
        if g.random.is_none() {
            g.random = random_override.clone();
        }
        if below_decided {
            continue;
        }
        below_decided = true;
        g.below = if let Some(f) = below_override {
            Below::Method(f)
        } else if let Some(f) = bits_override {
            Below::GetrandbitsMethod(f)
        } else if random_override.is_some() {
            Below::FromRandom
        } else {
            below_decided = false;
            Below::Native
        };
    }
    Ok(g)
}

fn call_int(vm: &mut Vm, f: &Value, this: &Value, arg: Value) -> PyResult<BigInt> {
    let r = vm.call(f, Args::new(&[this.clone(), arg]))?;
    match as_int(&r) {
        Some(i) => Ok(i.to_big()),
        None => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&r)))),
    }
}

/// `self.random()`.
pub fn next_float(vm: &mut Vm, g: &Gen<'_>) -> PyResult<f64> {
    match &g.random {
        Some(f) => {
            let r = vm.call(f, Args::new(std::slice::from_ref(&g.this)))?;
            vm.to_f64(&r)
        }
        None => native_float(vm, g.data),
    }
}

/// `self._randbelow(n)` for any `n > 0`.
pub fn below_big(vm: &mut Vm, g: &Gen<'_>, n: &BigInt) -> PyResult<BigInt> {
    match &g.below {
        Below::Native => {
            if let Some(small) = n.to_u64() {
                if !g.data.system {
                    return Ok(BigInt::from(g.data.state.borrow_mut(vm).mt.below_u64(small)));
                }
            }
            let k = n.bits();
            loop {
                let r = native_bits(vm, g.data, k)?;
                if &r < n {
                    return Ok(r);
                }
            }
        }
        Below::GetrandbitsMethod(f) => {
            let k = Value::Int(n.bits() as i64);
            loop {
                let r = call_int(vm, f, &g.this, k.clone())?;
                if &r < n {
                    return Ok(r);
                }
            }
        }
        Below::Method(f) => call_int(vm, f, &g.this, Value::int_from_big(n.clone())),
        Below::FromRandom => below_from_random(vm, g, n),
    }
}

/// CPython's `_randbelow_without_getrandbits`: scales `random()`, rejecting the top sliver so
/// every result is equally likely.
fn below_from_random(vm: &mut Vm, g: &Gen<'_>, n: &BigInt) -> PyResult<BigInt> {
    const MAXSIZE: u64 = 1 << 53;
    let Some(small) = n.to_u64().filter(|&m| m < MAXSIZE) else {
        let r = next_float(vm, g)?;
        let scaled = r * n.to_f64().unwrap_or(f64::INFINITY);
        return Ok(BigInt::from(scaled.floor() as i64));
    };
    let rem = MAXSIZE % small;
    let limit = (MAXSIZE - rem) as f64 / MAXSIZE as f64;
    let mut r = next_float(vm, g)?;
    while r >= limit {
        r = next_float(vm, g)?;
    }
    let scaled = (r * MAXSIZE as f64).floor() as u64;
    Ok(BigInt::from(scaled % small))
}

/// `self._randbelow(n)` for `n > 0` that fits a u64.
pub fn below_u64(vm: &mut Vm, g: &Gen<'_>, n: u64) -> PyResult<u64> {
    if matches!(g.below, Below::Native) && !g.data.system {
        return Ok(g.data.state.borrow_mut(vm).mt.below_u64(n));
    }
    let r = below_big(vm, g, &BigInt::from(n))?;
    Ok(r.to_u64().unwrap_or(0))
}

/// `self._randbelow(n)` for a length (`n > 0`).
pub fn below_index(vm: &mut Vm, g: &Gen<'_>, n: usize) -> PyResult<usize> {
    Ok(below_u64(vm, g, n as u64)? as usize)
}
