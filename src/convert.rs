//! Conversions between Rust values and Python values: [`IntoPy`] (Rust to Python) and
//! [`FromPy`] (Python to Rust). Both run with the GIL held, given the interpreter's per-thread
//! state (`&mut Vm`), which is what proves the GIL is held.
//!
//! | Rust | Python |
//! | --- | --- |
//! | `bool` | `bool` (only `bool` converts back) |
//! | `i8`..`i128`, `u8`..`u128`, `isize`, `usize` | `int`; out of range is `OverflowError` |
//! | [`BigInt`] | `int` of any size |
//! | `f64`, `f32` | `float` (an `int` converts to them too) |
//! | `String`, `&str`, `char` | `str` |
//! | `Vec<T>` | `list` (any iterable but `str` converts back) |
//! | [`Bytes`] | `bytes` (and `bytearray` back) |
//! | `HashMap<K, V>`, `BTreeMap<K, V>` | `dict` (any mapping back) |
//! | `HashSet<T>`, `BTreeSet<T>` | `set` (any iterable back) |
//! | `Option<T>` | `None` or the value |
//! | tuples of up to 6 | `tuple` (a tuple or list of the right length back) |
//! | `()` | `None` (and any value converts to `()`) |
//! | [`PyObject`] | any object, kept as a handle |
//! | [`Host<T>`](crate::Host) | an instance of a registered host class |

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

use gilpy_interpreter::object::Payload;
use gilpy_interpreter::{PyResult, Value, Vm};
pub use num_bigint::BigInt;

use crate::object::PyObject;

/// A Rust value that can become a Python value.
///
/// ```
/// use gilpy::Engine;
/// let engine = Engine::new();
/// engine.set_global("scores", vec![("ann", 3), ("bob", 5)]).unwrap();
/// assert_eq!(engine.eval::<i64>("sum(s for _, s in scores)").unwrap(), 8);
/// ```
pub trait IntoPy {
    /// Makes the Python value (with the GIL held: `vm` is the calling thread's state).
    fn into_py(self, vm: &mut Vm) -> PyResult<Value>;
}

/// A Rust value that can be read from a Python value. Failures are Python exceptions
/// (`TypeError` for the wrong type, `OverflowError` for an int out of range).
///
/// ```
/// use gilpy::Engine;
/// let engine = Engine::new();
/// assert_eq!(engine.eval::<u8>("200 + 55").unwrap(), 255);
/// let err = engine.eval::<u8>("256").unwrap_err();
/// assert_eq!(err.type_name(), "OverflowError");
/// ```
pub trait FromPy: Sized {
    /// Reads the Rust value (with the GIL held).
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self>;
}

/// A Python `bytes` object as a Rust byte vector. (`Vec<u8>` converts to a `list` of ints, as any
/// `Vec<T>` does; wrap it in `Bytes` for `bytes`.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub Vec<u8>);

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Bytes {
        Bytes(v)
    }
}

impl From<&[u8]> for Bytes {
    fn from(v: &[u8]) -> Bytes {
        Bytes(v.to_vec())
    }
}

fn type_error<T>(vm: &Vm, expected: &str, value: &Value) -> PyResult<T> {
    Err(vm.type_error(format!("expected {expected}, got '{}'", vm.type_name(value))))
}

// ----- scalars -----

impl IntoPy for Value {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(self)
    }
}

impl FromPy for Value {
    fn from_py(_vm: &mut Vm, value: &Value) -> PyResult<Self> {
        Ok(value.clone())
    }
}

impl IntoPy for () {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::None)
    }
}

/// Any value converts to `()`: "run this and ignore the result".
impl FromPy for () {
    fn from_py(_vm: &mut Vm, _value: &Value) -> PyResult<Self> {
        Ok(())
    }
}

impl IntoPy for bool {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::Bool(self))
    }
}

impl FromPy for bool {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => type_error(vm, "bool", other),
        }
    }
}

/// The int in `value` (bools count, as `bool` is an `int` subclass).
fn big_int_of(vm: &Vm, value: &Value) -> PyResult<BigInt> {
    match value {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        _ => match value.payload() {
            Some(Payload::BigInt(b)) => Ok(b.clone()),
            _ => Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(value)))),
        },
    }
}

macro_rules! int_conversions {
    ($($t:ty),*) => {$(
        impl IntoPy for $t {
            fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
                #[allow(irrefutable_let_patterns)]
                if let Ok(small) = i64::try_from(self) {
                    return Ok(Value::Int(small));
                }
                Ok(Value::int_from_big(BigInt::from(self)))
            }
        }

        impl FromPy for $t {
            #[allow(irrefutable_let_patterns)]
            fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
                if let Value::Int(i) = value {
                    if let Ok(v) = <$t>::try_from(*i) {
                        return Ok(v);
                    }
                }
                let big = big_int_of(vm, value)?;
                <$t>::try_from(&big).map_err(|_| {
                    if big.sign() == num_bigint::Sign::Minus && <$t>::MIN == 0 {
                        vm.overflow_error(format!("can't convert negative int to unsigned {}", stringify!($t)))
                    } else {
                        vm.overflow_error(format!("Python int too large to convert to Rust {}", stringify!($t)))
                    }
                })
            }
        }
    )*};
}

int_conversions!(i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);

impl IntoPy for BigInt {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::int_from_big(self))
    }
}

impl FromPy for BigInt {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        big_int_of(vm, value)
    }
}

impl IntoPy for f64 {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::Float(self))
    }
}

impl FromPy for f64 {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        match value {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(_) | Value::Obj(_) => vm.to_f64(value),
            other => type_error(vm, "float", other),
        }
    }
}

impl IntoPy for f32 {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::Float(self as f64))
    }
}

impl FromPy for f32 {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        f64::from_py(vm, value).map(|f| f as f32)
    }
}

// ----- text and bytes -----

impl IntoPy for String {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::string(self))
    }
}

impl IntoPy for &str {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::str(self))
    }
}

impl IntoPy for &String {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::str(self))
    }
}

impl IntoPy for char {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::string(self.to_string()))
    }
}

impl FromPy for String {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        if let Some(s) = value.as_str() {
            return Ok(s.to_string());
        }
        let str_class = vm.types().get(gilpy_interpreter::builtins::types::TypeId::Str).clone();
        if vm.isinstance(value, &str_class) {
            return vm.str_of(value);
        }
        type_error(vm, "str", value)
    }
}

impl FromPy for char {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        let s = String::from_py(vm, value)?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(c),
            _ => Err(vm.value_error(format!("expected a string of length 1, got one of length {}", s.chars().count()))),
        }
    }
}

impl IntoPy for Bytes {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::bytes(self.0))
    }
}

impl IntoPy for &[u8] {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::bytes(self.to_vec()))
    }
}

impl FromPy for Bytes {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        match value.payload() {
            Some(Payload::Bytes(b)) => Ok(Bytes(b.to_vec())),
            Some(Payload::ByteArray(b)) => Ok(Bytes(b.borrow(vm).clone())),
            _ => type_error(vm, "bytes", value),
        }
    }
}

// ----- containers -----

impl<T: IntoPy> IntoPy for Option<T> {
    fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
        match self {
            Some(v) => v.into_py(vm),
            None => Ok(Value::None),
        }
    }
}

impl<T: FromPy> FromPy for Option<T> {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        match value {
            Value::None => Ok(None),
            v => T::from_py(vm, v).map(Some),
        }
    }
}

fn convert_all<T: IntoPy>(vm: &mut Vm, items: impl IntoIterator<Item = T>) -> PyResult<Vec<Value>> {
    items.into_iter().map(|item| item.into_py(vm)).collect()
}

impl<T: IntoPy> IntoPy for Vec<T> {
    fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
        let items = convert_all(vm, self)?;
        Ok(vm.new_list(items))
    }
}

/// Items of any iterable except a `str` (which would silently become a list of characters).
fn iterable_items(vm: &mut Vm, value: &Value, target: &str) -> PyResult<Vec<Value>> {
    if value.as_str().is_some() {
        return Err(vm.type_error(format!("can't convert 'str' to {target}")));
    }
    vm.iterate(value)
}

impl<T: FromPy> FromPy for Vec<T> {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        let items = iterable_items(vm, value, "Vec")?;
        items.iter().map(|item| T::from_py(vm, item)).collect()
    }
}

fn new_set(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    vm.new_set(items)
}

impl<T: IntoPy> IntoPy for HashSet<T> {
    fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
        let items = convert_all(vm, self)?;
        new_set(vm, items)
    }
}

impl<T: IntoPy> IntoPy for BTreeSet<T> {
    fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
        let items = convert_all(vm, self)?;
        new_set(vm, items)
    }
}

impl<T: FromPy + Eq + Hash> FromPy for HashSet<T> {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        let items = iterable_items(vm, value, "HashSet")?;
        items.iter().map(|item| T::from_py(vm, item)).collect()
    }
}

impl<T: FromPy + Ord> FromPy for BTreeSet<T> {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        let items = iterable_items(vm, value, "BTreeSet")?;
        items.iter().map(|item| T::from_py(vm, item)).collect()
    }
}

fn new_dict(vm: &mut Vm, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
    let dict = vm.new_dict();
    for (k, v) in pairs {
        vm.dict_set(&dict, k, v)?;
    }
    Ok(Value::Obj(dict))
}

/// The (key, value) pairs of a dict, or of any object with an `items()` method.
fn mapping_items(vm: &mut Vm, value: &Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(Payload::Dict(d)) = value.payload() {
        return Ok(d.borrow(vm).items());
    }
    if !matches!(gilpy_interpreter::vm::attr::get_attr_opt(vm, value, "items"), Ok(Some(_))) {
        return type_error(vm, "a mapping", value);
    }
    let items = vm.call_method(value, "items", &[])?;
    let mut pairs = Vec::new();
    for pair in vm.iterate(&items)? {
        let mut kv = vm.unpack(&pair, 2)?.into_iter();
        let (Some(k), Some(v)) = (kv.next(), kv.next()) else { continue };
        pairs.push((k, v));
    }
    Ok(pairs)
}

macro_rules! map_conversions {
    ($map:ident, $($bound:tt)*) => {
        impl<K: IntoPy, V: IntoPy> IntoPy for $map<K, V> {
            fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
                let mut pairs = Vec::new();
                for (k, v) in self {
                    let k = k.into_py(vm)?;
                    let v = v.into_py(vm)?;
                    pairs.push((k, v));
                }
                new_dict(vm, pairs)
            }
        }

        impl<K: FromPy + $($bound)*, V: FromPy> FromPy for $map<K, V> {
            fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
                let pairs = mapping_items(vm, value)?;
                let mut map = $map::new();
                for (k, v) in pairs {
                    map.insert(K::from_py(vm, &k)?, V::from_py(vm, &v)?);
                }
                Ok(map)
            }
        }
    };
}

map_conversions!(HashMap, Eq + Hash);
map_conversions!(BTreeMap, Ord);

macro_rules! tuple_conversions {
    ($len:literal: $($name:ident $index:tt),+) => {
        impl<$($name: IntoPy),+> IntoPy for ($($name,)+) {
            fn into_py(self, vm: &mut Vm) -> PyResult<Value> {
                let items = vec![$(self.$index.into_py(vm)?),+];
                Ok(Value::tuple(items))
            }
        }

        impl<$($name: FromPy),+> FromPy for ($($name,)+) {
            fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
                let Some(items) = vm.sequence_items(value) else {
                    return type_error(vm, "a tuple", value);
                };
                if items.len() != $len {
                    return Err(vm.value_error(format!(
                        "expected a tuple of length {}, got one of length {}", $len, items.len()
                    )));
                }
                Ok(($($name::from_py(vm, &items[$index])?,)+))
            }
        }
    };
}

tuple_conversions!(1: A 0);
tuple_conversions!(2: A 0, B 1);
tuple_conversions!(3: A 0, B 1, C 2);
tuple_conversions!(4: A 0, B 1, C 2, D 3);
tuple_conversions!(5: A 0, B 1, C 2, D 3, E 4);
tuple_conversions!(6: A 0, B 1, C 2, D 3, E 4, F 5);

// ----- object handles -----

impl IntoPy for PyObject {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(self.into_value())
    }
}

impl IntoPy for &PyObject {
    fn into_py(self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(self.value().clone())
    }
}

impl FromPy for PyObject {
    fn from_py(vm: &mut Vm, value: &Value) -> PyResult<Self> {
        Ok(PyObject::new(vm, value.clone()))
    }
}
