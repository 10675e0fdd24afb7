//! `Value`: what a Python variable holds. 16 bytes; `None`, bools, machine ints and floats live
//! inline (no allocation, no reference count), everything else is an [`ObjRef`].

use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::bytecode::CodeObject;
use crate::object::{ObjRef, Payload, PyStr};

#[derive(Clone, Debug, Default)]
pub enum Value {
    #[default]
    None,
    Bool(bool),
    /// An `int` that fits in an i64. Larger ints are `Payload::BigInt` objects; the two forms
    /// never overlap (a BigInt is always outside the i64 range).
    Int(i64),
    Float(f64),
    Ellipsis,
    NotImplemented,
    /// Internal marker, never visible to Python code: an unbound local slot, or the "no self"
    /// slot under `LoadMethod`.
    Undefined,
    Obj(ObjRef),
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Obj(ObjRef::new(Payload::Str(PyStr::new(s.into()))))
    }

    pub fn string(s: String) -> Value {
        Value::Obj(ObjRef::new(Payload::Str(PyStr::new(s.into_boxed_str()))))
    }

    /// An int from a BigInt, normalised to the inline form when it fits.
    pub fn int_from_big(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::Obj(ObjRef::new(Payload::BigInt(b))),
        }
    }

    pub fn bytes(b: Vec<u8>) -> Value {
        Value::Obj(ObjRef::new(Payload::Bytes(b.into_boxed_slice())))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Obj(ObjRef::new(Payload::Tuple(items.into_boxed_slice())))
    }

    pub fn code(code: CodeObject) -> Value {
        Value::Obj(ObjRef::new(Payload::Code(Arc::new(code))))
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    #[inline]
    pub fn as_obj(&self) -> Option<&ObjRef> {
        match self {
            Value::Obj(o) => Some(o),
            _ => None,
        }
    }

    #[inline]
    pub fn payload(&self) -> Option<&Payload> {
        match self {
            Value::Obj(o) => Some(o.payload()),
            _ => None,
        }
    }

    /// The `str` contents, if this is an exact str (not a subclass instance).
    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        match self.payload() {
            Some(Payload::Str(s)) => Some(s.as_str()),
            _ => None,
        }
    }

    /// `is` identity.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented)
            | (Value::Undefined, Value::Undefined) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints are cached in CPython; with inline ints every equal int is "the same".
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Obj(a), Value::Obj(b)) => a.ptr_eq(b),
            _ => false,
        }
    }
}
