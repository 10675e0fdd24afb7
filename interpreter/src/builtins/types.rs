//! The built-in type objects (`int`, `str`, `list`, ..., and the exception hierarchy), made once
//! per interpreter. Each type's methods come from its own file (`builtins/list.rs` ...) as a
//! `METHODS` table of `(name, NativeFn)`; its constructor is listed in [`constructor`].

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::object::{Class, ClassFlags, DictData, GilCell, NativeFn, NativeFunction, ObjRef, Payload};
use crate::value::Value;

/// Which built-in type a class is, or wraps (for subclasses of built-ins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeId {
    Object,
    Type,
    NoneType,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    Generator,
    Iterator,
    DictKeys,
    DictValues,
    DictItems,
    Cell,
    Code,
    Ellipsis,
    NotImplementedType,
    BaseException,
}

impl TypeId {
    pub const ALL: [TypeId; 35] = [
        TypeId::Object,
        TypeId::Type,
        TypeId::NoneType,
        TypeId::Int,
        TypeId::Bool,
        TypeId::Float,
        TypeId::Complex,
        TypeId::Str,
        TypeId::Bytes,
        TypeId::ByteArray,
        TypeId::Tuple,
        TypeId::List,
        TypeId::Dict,
        TypeId::Set,
        TypeId::FrozenSet,
        TypeId::Range,
        TypeId::Slice,
        TypeId::Function,
        TypeId::BuiltinFunction,
        TypeId::Method,
        TypeId::Module,
        TypeId::Property,
        TypeId::StaticMethod,
        TypeId::ClassMethod,
        TypeId::Super,
        TypeId::Generator,
        TypeId::Iterator,
        TypeId::DictKeys,
        TypeId::DictValues,
        TypeId::DictItems,
        TypeId::Cell,
        TypeId::Code,
        TypeId::Ellipsis,
        TypeId::NotImplementedType,
        TypeId::BaseException,
    ];

    pub fn name(self) -> &'static str {
        match self {
            TypeId::Object => "object",
            TypeId::Type => "type",
            TypeId::NoneType => "NoneType",
            TypeId::Bool => "bool",
            TypeId::Int => "int",
            TypeId::Float => "float",
            TypeId::Complex => "complex",
            TypeId::Str => "str",
            TypeId::Bytes => "bytes",
            TypeId::ByteArray => "bytearray",
            TypeId::Tuple => "tuple",
            TypeId::List => "list",
            TypeId::Dict => "dict",
            TypeId::Set => "set",
            TypeId::FrozenSet => "frozenset",
            TypeId::Range => "range",
            TypeId::Slice => "slice",
            TypeId::Function => "function",
            TypeId::BuiltinFunction => "builtin_function_or_method",
            TypeId::Method => "method",
            TypeId::Module => "module",
            TypeId::Property => "property",
            TypeId::StaticMethod => "staticmethod",
            TypeId::ClassMethod => "classmethod",
            TypeId::Super => "super",
            TypeId::Generator => "generator",
            TypeId::Iterator => "iterator",
            TypeId::DictKeys => "dict_keys",
            TypeId::DictValues => "dict_values",
            TypeId::DictItems => "dict_items",
            TypeId::Cell => "cell",
            TypeId::Code => "code",
            TypeId::Ellipsis => "ellipsis",
            TypeId::NotImplementedType => "NotImplementedType",
            TypeId::BaseException => "BaseException",
        }
    }

    /// Can user classes derive from it?
    pub fn is_base_type(self) -> bool {
        matches!(
            self,
            TypeId::Object
                | TypeId::Type
                | TypeId::Int
                | TypeId::Float
                | TypeId::Str
                | TypeId::Bytes
                | TypeId::Tuple
                | TypeId::List
                | TypeId::Dict
                | TypeId::Set
                | TypeId::FrozenSet
                | TypeId::BaseException
                | TypeId::Property
        )
    }
}

/// FNV-1a (the str hash's, `object::fnv1a`) for the interpreter's own tables: exception classes
/// by name (`vm.exc_class("KeyError")` on every raised builtin error), the compiler's symbol
/// tables, the pickle memos. Their keys are short names, addresses or memo indices, and none is
/// worse off without SipHash's flood resistance (a pickle stream can do far worse than collide:
/// unpickling untrusted data is unsafe by design).
pub struct NameHash(u64);

impl Default for NameHash {
    fn default() -> NameHash {
        NameHash(crate::object::FNV_OFFSET)
    }
}

impl Hasher for NameHash {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = crate::object::fnv1a(self.0, bytes);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub type NameHasher = BuildHasherDefault<NameHash>;

pub struct BuiltinTypes {
    types: Vec<ObjRef>,
    /// Every built-in exception class by name.
    pub exceptions: HashMap<String, ObjRef, NameHasher>,
    /// The type of each kind of built-in iterator (`list_iterator` ...), all sharing the
    /// `iterator` type's methods.
    iterator_types: HashMap<&'static str, ObjRef, NameHasher>,
    /// The type of built-in methods looked up on their class (`str.upper`).
    pub method_descriptor: ObjRef,
}

impl Default for BuiltinTypes {
    fn default() -> Self {
        Self::new()
    }
}

impl BuiltinTypes {
    #[inline]
    pub fn get(&self, id: TypeId) -> &ObjRef {
        &self.types[id as usize]
    }

    pub fn new() -> BuiltinTypes {
        let mut types: Vec<ObjRef> = Vec::with_capacity(TypeId::ALL.len());
        for id in TypeId::ALL {
            let base = match id {
                TypeId::Object => None,
                TypeId::Bool => Some(types[TypeId::Int as usize].clone()),
                _ => Some(types[TypeId::Object as usize].clone()),
            };
            let class = make_class(id.name(), base, Some(id), true, methods_of(id));
            types.push(class);
        }
        let mut exceptions = HashMap::default();
        exceptions.insert("BaseException".to_string(), types[TypeId::BaseException as usize].clone());
        for (name, base) in crate::builtins::exceptions::HIERARCHY {
            let base_class = exceptions[*base].clone();
            let methods = crate::builtins::exceptions::methods_of(name);
            let class = make_class(name, Some(base_class), Some(TypeId::BaseException), true, methods);
            exceptions.insert(name.to_string(), class);
        }
        let mut iterator_types = HashMap::default();
        for name in crate::builtins::iterators::ITER_TYPE_NAMES {
            let base = types[TypeId::Object as usize].clone();
            let class = make_class(name, Some(base), Some(TypeId::Iterator), true, methods_of(TypeId::Iterator));
            iterator_types.insert(*name, class);
        }
        let base = types[TypeId::Object as usize].clone();
        let method_descriptor = make_class("method_descriptor", Some(base), None, true, &[]);
        BuiltinTypes { types, exceptions, iterator_types, method_descriptor }
    }

    /// The type of a built-in iterator by its name (`iterator` for unknown names).
    pub fn iterator_type(&self, name: &str) -> &ObjRef {
        self.iterator_types.get(name).unwrap_or_else(|| self.get(TypeId::Iterator))
    }
}

const OBJECT_DOC: &str = "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n";

/// Native methods that are class methods (called with the class first).
const CLASS_METHODS: &[&str] = &["fromkeys", "from_bytes", "fromhex", "__subclasshook__"];

/// Makes a class object with one base (built-in types and exceptions have exactly one).
pub fn make_class(
    name: &'static str,
    base: Option<ObjRef>,
    builtin: Option<TypeId>,
    is_builtin: bool,
    methods: &[(&'static str, NativeFn)],
) -> ObjRef {
    let mut dict = DictData::with_capacity(methods.len() + 2);
    for (method_name, func) in methods {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction {
            name: method_name,
            func: *func,
            bound: None,
            owner: Some(name),
        }));
        // Alternate constructors receive the class, as `classmethod`s do.
        let f = if CLASS_METHODS.contains(method_name) { ObjRef::new(Payload::ClassMethod(Value::Obj(f))) } else { f };
        dict.set_str(method_name, Value::Obj(f));
    }
    dict.set_str("__module__", Value::str("builtins"));
    if is_builtin {
        let doc = if builtin == Some(TypeId::Object) { Value::str(OBJECT_DOC) } else { Value::None };
        dict.set_str("__doc__", doc);
    }
    let is_exception = builtin == Some(TypeId::BaseException);
    let mut mro_tail: Vec<ObjRef> = Vec::new();
    if let Some(b) = &base {
        mro_tail.push(b.clone());
        if let Payload::Class(bc) = b.payload() {
            mro_tail.extend(bc.mro_tail.iter().cloned());
        }
    }

    ObjRef::new(Payload::Class(Class {
        id: crate::object::next_class_id(),
        name: GilCell::new(Value::str(name)),
        qualname: GilCell::new(Value::str(name)),
        bases: base.into_iter().collect(),
        mro_tail: mro_tail.into_boxed_slice(),
        dict: GilCell::new(dict),
        builtin,
        is_builtin,
        flags: ClassFlags { is_exception, ..Default::default() },
        metaclass: None,
        subclasses: GilCell::new(Vec::new()),
    }))
}

/// The method table of a built-in type.
fn methods_of(id: TypeId) -> &'static [(&'static str, NativeFn)] {
    use crate::builtins as b;
    match id {
        TypeId::Object => b::object::METHODS,
        TypeId::Type => b::object::TYPE_METHODS,
        TypeId::Int => b::int::METHODS,
        TypeId::Bool => b::int::BOOL_METHODS,
        TypeId::Complex => b::float::COMPLEX_METHODS,
        TypeId::Float => b::float::METHODS,
        TypeId::Str => b::str::METHODS,
        TypeId::Bytes => b::bytes::bytes_methods(),
        TypeId::ByteArray => b::bytes::METHODS,
        TypeId::Tuple => b::tuple::METHODS,
        TypeId::List => b::list::METHODS,
        TypeId::Dict => b::dict::METHODS,
        TypeId::Set => b::set::METHODS,
        TypeId::FrozenSet => b::set::FROZENSET_METHODS,
        TypeId::Iterator => b::iterators::ITER_METHODS,
        TypeId::BaseException => b::exceptions::METHODS,
        TypeId::Generator => crate::vm::generator::METHODS,
        TypeId::DictKeys | TypeId::DictValues | TypeId::DictItems => b::dict::VIEW_METHODS,
        TypeId::Range => b::iterators::RANGE_METHODS,
        TypeId::Property => b::object::PROPERTY_METHODS,
        TypeId::Method | TypeId::BuiltinFunction => b::object::METHOD_METHODS,
        _ => &[],
    }
}
