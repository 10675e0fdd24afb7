//! The `random` module: the `Random` class on CPython's Mersenne Twister (`mt.rs`), with every
//! method written after CPython 3.11's `random.py` so that a seeded generator gives the same
//! numbers, and the module functions bound to one hidden instance, as in CPython.
//! `SystemRandom` draws from the kernel instead.

mod dist;
mod gen;
mod mt;
mod seq;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};

use gilpy_interpreter::builtins::int::{as_int, int_from_i128};
use gilpy_interpreter::builtins::receiver;
use gilpy_interpreter::object::{GilCell, NativeFn, ObjRef, Payload};
use gilpy_interpreter::{Args, PyErr, PyResult, Value, Vm};

use crate::util;
use mt::Mt19937;

struct State {
    mt: Mt19937,
    gauss_next: Option<f64>,
}

pub struct RandomData {
    state: GilCell<State>,
    /// `SystemRandom`: draws from the kernel; seeding and state are not supported.
    system: bool,
}

const METHODS: &[(&str, NativeFn)] = &[
    ("__new__", random_new),
    ("__init__", random_init),
    ("seed", random_seed),
    ("random", random_random),
    ("getrandbits", random_getrandbits),
    ("randbytes", random_randbytes),
    ("getstate", random_getstate),
    ("setstate", random_setstate),
    ("randrange", seq::randrange),
    ("randint", seq::randint),
    ("choice", seq::choice),
    ("shuffle", seq::shuffle),
    ("sample", seq::sample),
    ("choices", seq::choices),
    ("uniform", dist::uniform),
    ("triangular", dist::triangular),
    ("gauss", dist::gauss),
    ("normalvariate", dist::normalvariate),
    ("lognormvariate", dist::lognormvariate),
    ("expovariate", dist::expovariate),
    ("vonmisesvariate", dist::vonmisesvariate),
    ("gammavariate", dist::gammavariate),
    ("betavariate", dist::betavariate),
    ("paretovariate", dist::paretovariate),
    ("weibullvariate", dist::weibullvariate),
];

/// The methods the module exports bound to its hidden instance.
const MODULE_FUNCTIONS: &[&str] = &[
    "seed",
    "random",
    "uniform",
    "triangular",
    "randint",
    "choice",
    "randrange",
    "sample",
    "shuffle",
    "choices",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "gauss",
    "betavariate",
    "paretovariate",
    "weibullvariate",
    "getstate",
    "setstate",
    "getrandbits",
    "randbytes",
];

pub fn init(vm: &mut Vm) -> PyResult<ObjRef> {
    let module = vm.new_module("random");
    let class = util::native_class(vm, "random", "Random", METHODS);
    if let Payload::Class(c) = class.payload() {
        c.dict.borrow_mut(vm).set_str("VERSION", Value::Int(3));
    }
    // SystemRandom derives from Random; only its constructor differs.
    let system = gilpy_interpreter::builtins::types::make_class(
        "SystemRandom",
        Some(class.clone()),
        None,
        true,
        &[("__new__", system_random_new)],
    );
    if let Payload::Class(c) = system.payload() {
        c.dict.borrow_mut(vm).set_str("__module__", Value::str("random"));
    }
    util::set(vm, &module, "Random", Value::Obj(class.clone()));
    util::set(vm, &module, "SystemRandom", Value::Obj(system));
    let inst = vm.call(&Value::Obj(class), Args::new(&[]))?;
    for name in MODULE_FUNCTIONS {
        let (fname, func) = METHODS.iter().find(|(n, _)| n == name).copied().expect("listed method");
        util::set(vm, &module, fname, util::bound_fn(fname, func, inst.clone(), "Random"));
    }
    util::set(vm, &module, "_inst", inst);
    Ok(module)
}

// ----- the generator core -----

fn data<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a RandomData> {
    let Some(this) = args.positional().first() else {
        return Err(vm.type_error("descriptor of 'Random' object needs an argument"));
    };
    util::native_data::<RandomData>(vm, this, "Random")
}

fn urandom(vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut buf = util::zeroed(vm, n)?;
    crate::os::fill_random(&mut buf).map_err(|e| gilpy_interpreter::builtins::file::os_error(vm, &e, None))?;
    Ok(buf)
}

/// The native `random()`: 53 random bits as a float in [0, 1).
pub(crate) fn native_float(vm: &mut Vm, d: &RandomData) -> PyResult<f64> {
    if d.system {
        let bytes = urandom(vm, 7)?;
        let x = bytes.iter().fold(0u64, |acc, &b| (acc << 8) | b as u64) >> 3;
        return Ok(x as f64 * 2f64.powi(-53));
    }
    Ok(d.state.borrow_mut(vm).mt.random())
}

/// The native `getrandbits(k)`.
pub(crate) fn native_bits(vm: &mut Vm, d: &RandomData, k: u64) -> PyResult<BigInt> {
    if d.system {
        if k == 0 {
            return Ok(BigInt::zero());
        }
        let n = usize::try_from(k.div_ceil(8)).map_err(|_| util::memory_error(vm))?;
        let bytes = urandom(vm, n)?;
        let x = BigInt::from_bytes_be(Sign::Plus, &bytes);
        return Ok(x >> (n as u64 * 8 - k));
    }
    let r = d.state.borrow_mut(vm).mt.bits_big(k);
    r.ok_or_else(|| util::memory_error(vm))
}

// ----- construction and seeding -----

fn new_state() -> State {
    State { mt: Mt19937::default(), gauss_next: None }
}

fn new_instance(vm: &Vm, args: &Args<'_>, system: bool) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.positional().first() else {
        return Err(vm.type_error("Random.__new__(X): X is not a type object"));
    };
    let data = RandomData { state: GilCell::new(new_state()), system };
    Ok(util::new_native(vm, cls, data))
}

fn random_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_instance(vm, &args, false)
}

fn system_random_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_instance(vm, &args, true)
}

fn random_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.items[0].clone();
    let a = util::bind(vm, "Random", &Args { items: &args.items[1..], kwnames: args.kwnames }, &["x"], 0)?;
    let x = a[0].clone().unwrap_or(Value::None);
    vm.call_method(&this, "seed", &[x])?;
    Ok(Value::None)
}

fn seed_type_error(vm: &Vm) -> PyErr {
    vm.type_error("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
}

/// The bytes of a str, bytes or bytearray seed.
fn seed_bytes(vm: &Vm, a: &Value) -> Option<Vec<u8>> {
    let inner = receiver(a);
    if let Some(s) = inner.as_str() {
        return Some(s.as_bytes().to_vec());
    }
    match inner.payload() {
        Some(Payload::Bytes(b)) => Some(b.to_vec()),
        Some(Payload::ByteArray(b)) => Some(b.borrow(vm).clone()),
        _ => None,
    }
}

/// The integer a seed stands for (CPython's `Random.seed` then `_random.Random.seed`).
fn seed_integer(vm: &mut Vm, a: &Value, version: i64) -> PyResult<Option<BigUint>> {
    if a.is_none() {
        return Ok(None);
    }
    let is_text = receiver(a).as_str().is_some() || matches!(receiver(a).payload(), Some(Payload::Bytes(_)));
    if version == 1 && is_text {
        // The narrow string hash of Python 2's random module.
        let text: Vec<u32> = match receiver(a).as_str() {
            Some(s) => s.chars().map(|c| c as u32).collect(),
            None => seed_bytes(vm, a).unwrap_or_default().into_iter().map(u32::from).collect(),
        };
        let mut x: u64 = text.first().map_or(0, |&c| (c as u64) << 7);
        for &c in &text {
            x = 1_000_003u64.wrapping_mul(x) ^ c as u64;
        }
        x ^= text.len() as u64;
        return Ok(Some(BigUint::from(x)));
    }
    if version == 2 {
        if let Some(bytes) = seed_bytes(vm, a) {
            let mut all = bytes.clone();
            all.extend_from_slice(&Sha512::digest(&bytes));
            return Ok(Some(BigUint::from_bytes_be(&all)));
        }
    }
    if let Some(i) = as_int(a) {
        return Ok(Some(i.to_big().abs().to_biguint().unwrap_or_default()));
    }
    let allowed = matches!(receiver(a), Value::Float(_)) || seed_bytes(vm, a).is_some();
    if !allowed {
        return Err(seed_type_error(vm));
    }
    // Other seeds go through their hash, taken as an unsigned machine word.
    let h = vm.hash(a)?;
    Ok(Some(BigUint::from(h as u64)))
}

fn random_seed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    if d.system {
        return Ok(Value::None);
    }
    let a = util::bind(vm, "seed", &Args { items: &args.items[1..], kwnames: args.kwnames }, &["a", "version"], 0)?;
    let seed = a[0].clone().unwrap_or(Value::None);
    let version = match &a[1] {
        Some(v) => vm.to_index(v)?,
        None => 2,
    };
    let n = seed_integer(vm, &seed, version)?;
    let mut mt = Mt19937::default();
    match n {
        Some(n) => mt.seed_from_int(&n),
        None => {
            let bytes = urandom(vm, mt::N * 4)?;
            let key: Vec<u32> = bytes.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
            mt.init_by_array(&key);
        }
    }
    let mut st = d.state.borrow_mut(vm);
    st.mt = mt;
    st.gauss_next = None;
    Ok(Value::None)
}

fn random_random(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    util::no_kwargs(vm, "random", &args)?;
    if args.items.len() != 1 {
        return Err(vm.type_error(format!("Random.random() takes no arguments ({} given)", args.items.len() - 1)));
    }
    Ok(Value::Float(native_float(vm, d)?))
}

fn bit_count_arg(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    if let Value::Float(_) = v {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let k = vm.to_index(v)?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    Ok(k as u64)
}

fn random_getrandbits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    let a =
        util::bind_posonly(vm, "getrandbits", &Args { items: &args.items[1..], kwnames: args.kwnames }, &["k"], 1, 1)?;
    let k = bit_count_arg(vm, a[0].as_ref().expect("required"))?;
    if k <= 63 && !d.system {
        return Ok(Value::Int(d.state.borrow_mut(vm).mt.bits_u64(k as u32) as i64));
    }
    Ok(Value::int_from_big(native_bits(vm, d, k)?))
}

fn random_randbytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    let a = util::bind(vm, "randbytes", &Args { items: &args.items[1..], kwnames: args.kwnames }, &["n"], 1)?;
    let n = vm.to_index(a[0].as_ref().expect("required"))?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    if d.system {
        return Ok(Value::bytes(urandom(vm, n as usize)?));
    }
    if n.saturating_mul(8) > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if n == 0 {
        return Ok(Value::bytes(Vec::new()));
    }
    let words = d.state.borrow_mut(vm).mt.random_words((n as u64).saturating_mul(8));
    let words = words.ok_or_else(|| util::memory_error(vm))?;
    let mut out = util::try_vec(vm, words.len() * 4)?;
    out.extend(words.iter().flat_map(|w| w.to_le_bytes()));
    out.truncate(n as usize);
    Ok(Value::bytes(out))
}

fn not_implemented_state(vm: &Vm) -> PyErr {
    vm.new_exception_msg("NotImplementedError", "System entropy source does not have state.")
}

fn random_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    if d.system {
        return Err(not_implemented_state(vm));
    }
    let st = d.state.borrow(vm);
    let mut words: Vec<Value> = st.mt.state.iter().map(|&w| Value::Int(w as i64)).collect();
    words.push(Value::Int(st.mt.index as i64));
    let gauss = st.gauss_next.map_or(Value::None, Value::Float);
    Ok(Value::tuple(vec![Value::Int(3), Value::tuple(words), gauss]))
}

fn random_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = data(vm, &args)?;
    if d.system {
        return Err(not_implemented_state(vm));
    }
    let Some(state) = args.positional().get(1) else {
        return Err(vm.type_error("setstate() missing 1 required positional argument: 'state'"));
    };
    let version = vm.get_item(state, &Value::Int(0))?;
    let version_num = as_int(&version).and_then(|i| i.to_i64());
    if version_num != Some(3) && version_num != Some(2) {
        let r = vm.repr_of(&version)?;
        return Err(vm.value_error(format!("state with version {r} passed to Random.setstate() of version 3")));
    }
    let parts = vm.unpack(state, 3)?;
    let Some(Payload::Tuple(internal)) = parts[1].payload() else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if internal.len() != mt::N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; mt::N];
    for (slot, v) in words.iter_mut().zip(internal.iter()) {
        let Some(i) = as_int(v) else {
            return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))));
        };
        let big = i.to_big();
        let word = if version_num == Some(2) {
            big.mod_floor_u32()
        } else {
            match big.to_u64() {
                Some(w) => w as u32,
                None => return Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
            }
        };
        *slot = word;
    }
    let index = as_int(&internal[mt::N]).and_then(|i| i.to_i64()).unwrap_or(-1);
    if !(0..=mt::N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let gauss_next = match &parts[2] {
        Value::None => None,
        v => Some(vm.to_f64(v)?),
    };
    let mut st = d.state.borrow_mut(vm);
    st.mt.state = words;
    st.mt.index = index as usize;
    st.gauss_next = gauss_next;
    Ok(Value::None)
}

trait ModFloorU32 {
    fn mod_floor_u32(&self) -> u32;
}

impl ModFloorU32 for BigInt {
    fn mod_floor_u32(&self) -> u32 {
        let m = BigInt::from(1u64 << 32);
        let r = ((self % &m) + &m) % &m;
        r.to_u32().unwrap_or(0)
    }
}

/// An int result from an i128.
pub(crate) fn int_value(v: i128) -> Value {
    int_from_i128(v)
}
