//! Built-in functions and the methods of built-in types.
pub mod bytes;
pub mod dict;
pub mod exceptions;
pub mod file;
pub mod float;
pub mod format_spec;
pub mod functions;
pub mod generic_alias;
pub mod int;
pub mod iterators;
pub mod list;
pub mod object;
pub mod set;
pub mod str;
pub mod structseq;
pub mod traceback;
pub mod tuple;
pub mod types;

use crate::object::{BaseState, Instance, Payload};

/// The built-in value a method works on: `v` itself, or for an instance of a subclass of a
/// built-in type (`class L(list)`), the built-in value it wraps.
#[inline]
pub fn receiver(v: &Value) -> &Value {
    match v.payload() {
        Some(Payload::Instance(Instance { base: BaseState::Builtin(inner), .. })) => inner,
        _ => v,
    }
}

use crate::value::Value;

/// A `repr` that needs no VM, for the disassembler and debugging.
pub fn repr_for_debug(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Ellipsis => "Ellipsis".into(),
        Value::NotImplemented => "NotImplemented".into(),
        Value::Undefined => "<undefined>".into(),
        Value::Obj(o) => match o.payload() {
            crate::object::Payload::Str(s) => format!("{:?}", s.as_str()),
            crate::object::Payload::Code(c) => format!("<code object {}>", c.name),
            crate::object::Payload::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(repr_for_debug).collect();
                format!("({})", parts.join(", "))
            }
            p => format!("<{}>", p.kind_name()),
        },
    }
}
