//! The functions of the `builtins` module (`len`, `print`, `isinstance`, `sorted`, `exec`, ...).
//! The type objects (`int`, `list`, ...) and `__build_class__` are registered elsewhere.
//!
//! Argument errors follow CPython 3.11's wording (`len() takes exactly one argument (2 given)`,
//! `'foo' is an invalid keyword argument for round()` ...).

use std::collections::HashSet;
use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::receiver;
use crate::builtins::types::{make_class, TypeId};
use crate::bytecode::{BinaryOp, CompareOp};
use crate::object::{GilCell, Native, NativeFn, ObjRef, Payload};
use crate::value::Value;
use crate::vm::attr::{get_attr_opt, is_subclass, lookup_mro, lookup_special};
use crate::vm::generator::SendResult;
use crate::vm::{Args, Vm};
use crate::PyResult;

pub fn builtin_functions() -> Vec<(&'static str, NativeFn)> {
    vec![
        ("abs", builtin_abs),
        ("all", builtin_all),
        ("any", builtin_any),
        ("ascii", builtin_ascii),
        ("bin", builtin_bin),
        ("breakpoint", builtin_breakpoint),
        ("callable", builtin_callable),
        ("chr", builtin_chr),
        ("compile", builtin_compile),
        ("delattr", builtin_delattr),
        ("dir", builtin_dir),
        ("divmod", builtin_divmod),
        ("eval", builtin_eval),
        ("exec", builtin_exec),
        ("format", builtin_format),
        ("getattr", builtin_getattr),
        ("globals", builtin_globals),
        ("hasattr", builtin_hasattr),
        ("hash", builtin_hash),
        ("hex", builtin_hex),
        ("id", builtin_id),
        ("input", builtin_input),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("iter", builtin_iter),
        ("len", builtin_len),
        ("locals", builtin_locals),
        ("max", builtin_max),
        ("min", builtin_min),
        ("next", builtin_next),
        ("oct", builtin_oct),
        ("open", crate::builtins::file::open),
        ("ord", builtin_ord),
        ("pow", builtin_pow),
        ("print", builtin_print),
        ("repr", builtin_repr),
        ("round", builtin_round),
        ("setattr", builtin_setattr),
        ("sorted", builtin_sorted),
        ("sum", builtin_sum),
        ("vars", builtin_vars),
        ("__import__", builtin_import),
    ]
}

// ----- argument helpers -----

/// Binds `args` to the parameters `names` the way CPython's argument clinic does: the first
/// `posonly` are positional-only, the first `required` must be given. Returns one slot per name.
pub(crate) fn bind_args(
    vm: &Vm,
    fname: &str,
    args: &Args<'_>,
    names: &[&str],
    posonly: usize,
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = args.positional();
    let total = args.items.len();
    if total > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} argument{} ({total} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.keywords() {
        match names.iter().position(|n| *n == k) {
            Some(i) if i >= posonly => {
                if out[i].is_some() {
                    return Err(
                        vm.type_error(format!("argument for {fname}() given by name ('{k}') and position ({})", i + 1))
                    );
                }
                out[i] = Some(v.clone());
            }
            _ => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {fname}()"))),
        }
    }
    for i in 0..required {
        if out[i].is_none() {
            if i < posonly {
                return Err(vm.type_error(format!(
                    "{fname}() takes at least {required} positional argument{} ({} given)",
                    if required == 1 { "" } else { "s" },
                    pos.len()
                )));
            }
            return Err(vm.type_error(format!("{fname}() missing required argument '{}' (pos {})", names[i], i + 1)));
        }
    }
    Ok(out)
}

fn no_kwargs(vm: &Vm, fname: &str, args: &Args<'_>) -> PyResult<()> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    Ok(())
}

/// The argument count check of CPython's `METH_VARARGS` builtins (`getattr expected at least 2
/// arguments, got 1`).
fn arg_range(vm: &Vm, fname: &str, args: &Args<'_>, min: usize, max: usize) -> PyResult<()> {
    no_kwargs(vm, fname, args)?;
    let n = args.items.len();
    if n < min && min == max {
        return Err(
            vm.type_error(format!("{fname} expected {min} argument{}, got {n}", if min == 1 { "" } else { "s" }))
        );
    }
    if n < min {
        return Err(vm.type_error(format!(
            "{fname} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )));
    }
    if n > max {
        let msg = if min == max {
            format!("{fname} expected {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        } else {
            format!("{fname} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

fn one_arg<'a>(vm: &Vm, fname: &str, args: &Args<'a>) -> PyResult<&'a Value> {
    no_kwargs(vm, fname, args)?;
    if args.items.len() != 1 {
        return Err(vm.type_error(format!("{fname}() takes exactly one argument ({} given)", args.items.len())));
    }
    Ok(&args.items[0])
}

/// The string an attribute-name argument holds (str or str subclass).
fn attr_name(vm: &Vm, name: &Value) -> PyResult<Value> {
    let inner = receiver(name);
    if inner.as_str().is_some() {
        return Ok(inner.clone());
    }
    Err(vm.type_error(format!("attribute name must be string, not '{}'", vm.type_name(name))))
}

/// The value of an int (int, bool, big int, or instance of an int subclass), if it is one.
fn int_value(v: &Value) -> Option<BigInt> {
    match receiver(v) {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn is_int(v: &Value) -> bool {
    match receiver(v) {
        Value::Int(_) | Value::Bool(_) => true,
        Value::Obj(o) => matches!(o.payload(), Payload::BigInt(_)),
        _ => false,
    }
}

fn is_float(v: &Value) -> bool {
    matches!(receiver(v), Value::Float(_))
}

/// A user-defined (Python-level) special method on the type of `v`, if there is one.
fn user_special(vm: &Vm, v: &Value, name: &str) -> Option<Value> {
    let f = lookup_special(vm, v, name)?;
    match f.payload() {
        Some(Payload::NativeFunction(_)) => None,
        _ if f.is_none() => None,
        _ => Some(f),
    }
}

/// `operator.index(v)` as a big int.
fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = int_value(v) {
        if !matches!(v.payload(), Some(Payload::Instance(_))) || user_special(vm, v, "__index__").is_none() {
            return Ok(b);
        }
    }
    if let Some(f) = lookup_special(vm, v, "__index__") {
        if !f.is_none() {
            let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
            return match int_value(&r) {
                Some(b) if is_int(&r) => Ok(b),
                _ => Err(vm.type_error(format!("__index__ returned non-int (type {})", vm.type_name(&r)))),
            };
        }
    }
    Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(v))))
}

fn sys_attr(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let sys = vm.interp.sys.borrow(vm).clone();
    match sys {
        Some(sys) => get_attr_opt(vm, &Value::Obj(sys), name),
        None => Ok(None),
    }
}

fn dict_keys(vm: &Vm, d: &Value) -> Option<Vec<Value>> {
    match d.payload() {
        Some(Payload::Dict(cell)) => Some(cell.borrow(vm).keys()),
        _ => None,
    }
}

fn type_class(vm: &Vm) -> ObjRef {
    vm.types().get(TypeId::Type).clone()
}

// ----- simple functions -----

fn builtin_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "abs", &args)?;
    match x {
        Value::Int(i) => {
            return Ok(match i.checked_abs() {
                Some(a) => Value::Int(a),
                None => Value::int_from_big(BigInt::from(*i).abs()),
            })
        }
        Value::Float(f) => return Ok(Value::Float(f.abs())),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = x.payload() {
        return Ok(Value::int_from_big(b.abs()));
    }
    vm.unary_op(x, "__abs__")
}

fn builtin_all(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "all", &args)?;
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.next(&it)? {
        if !vm.is_true(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn builtin_any(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "any", &args)?;
    let it = vm.get_iter(x)?;
    while let Some(v) = vm.next(&it)? {
        if vm.is_true(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn builtin_ascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "ascii", &args)?;
    Ok(Value::string(vm.ascii_of(x)?))
}

fn builtin_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "repr", &args)?;
    Ok(Value::string(vm.repr_of(x)?))
}

fn radix_string(vm: &mut Vm, v: &Value, prefix: &str, radix: u32) -> PyResult<Value> {
    let n = index_big(vm, v)?;
    let digits = n.magnitude().to_str_radix(radix);
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{digits}")))
}

fn builtin_bin(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "bin", &args)?;
    radix_string(vm, x, "0b", 2)
}

fn builtin_oct(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "oct", &args)?;
    radix_string(vm, x, "0o", 8)
}

fn builtin_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "hex", &args)?;
    radix_string(vm, x, "0x", 16)
}

fn builtin_breakpoint(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::None)
}

/// `callable(x)`.
pub fn is_callable(vm: &Vm, x: &Value) -> bool {
    match x.payload() {
        Some(
            Payload::Function(_)
            | Payload::NativeFunction(_)
            | Payload::BoundMethod(_)
            | Payload::Class(_)
            | Payload::StaticMethod(_),
        ) => true,
        Some(Payload::Instance(_) | Payload::Native(_)) => {
            matches!(lookup_special(vm, x, "__call__"), Some(f) if !f.is_none())
        }
        _ => false,
    }
}

fn builtin_callable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "callable", &args)?;
    Ok(Value::Bool(is_callable(vm, x)))
}

fn builtin_chr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "chr", &args)?;
    let n = index_big(vm, x)?;
    let Some(n) = n.to_i32() else {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    };
    if !(0..0x110000).contains(&n) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    // Lone surrogates cannot live in a Rust string; they become U+FFFD.
    let c = char::from_u32(n as u32).unwrap_or('\u{FFFD}');
    Ok(Value::string(c.to_string()))
}

fn builtin_ord(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "ord", &args)?;
    let inner = receiver(x);
    let len = match inner.payload() {
        Some(Payload::Str(s)) => {
            let mut chars = s.as_str().chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                return Ok(Value::Int(c as i64));
            }
            s.char_len()
        }
        Some(Payload::Bytes(b)) => {
            if b.len() == 1 {
                return Ok(Value::Int(b[0] as i64));
            }
            b.len()
        }
        Some(Payload::ByteArray(b)) => {
            let b = b.borrow(vm);
            if b.len() == 1 {
                return Ok(Value::Int(b[0] as i64));
            }
            b.len()
        }
        _ => return Err(vm.type_error(format!("ord() expected string of length 1, but {} found", vm.type_name(x)))),
    };
    Err(vm.type_error(format!("ord() expected a character, but string of length {len} found")))
}

fn builtin_id(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "id", &args)?;
    let id: u64 = match x {
        Value::Obj(o) => o.addr() as u64,
        Value::None => 0x10,
        Value::Bool(false) => 0x20,
        Value::Bool(true) => 0x30,
        Value::Ellipsis => 0x40,
        Value::NotImplemented | Value::Undefined => 0x50,
        // Inline values have no address: any stable, distinct-enough number will do (odd, so it
        // never equals a real object's address).
        Value::Int(i) => ((*i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 2) | 1,
        Value::Float(f) => ((f.to_bits().wrapping_mul(0xC2B2_AE3D_27D4_EB4F)) >> 2) | 3,
    };
    Ok(Value::Int((id & (i64::MAX as u64)) as i64))
}

fn builtin_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "hash", &args)?;
    Ok(Value::Int(vm.hash(x)?))
}

fn builtin_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "format", &args, 1, 2)?;
    let value = &args.items[0];
    let spec = match args.items.get(1) {
        None => String::new(),
        Some(s) => match receiver(s).as_str() {
            Some(s) => s.to_string(),
            None => return Err(vm.type_error(format!("format() argument 2 must be str, not {}", vm.type_name(s)))),
        },
    };
    Ok(Value::string(vm.format(value, &spec)?))
}

// ----- attributes -----

fn builtin_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "getattr", &args, 2, 3)?;
    let obj = &args.items[0];
    let name = attr_name(vm, &args.items[1])?;
    match args.items.get(2) {
        None => vm.get_attr(obj, &name),
        Some(default) => match vm.get_attr(obj, &name) {
            Ok(v) => Ok(v),
            Err(e) if vm.err_matches(&e, "AttributeError") => Ok(default.clone()),
            Err(e) => Err(e),
        },
    }
}

fn builtin_hasattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "hasattr", &args, 2, 2)?;
    let obj = &args.items[0];
    let name = attr_name(vm, &args.items[1])?;
    match vm.get_attr(obj, &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if vm.err_matches(&e, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "setattr", &args, 3, 3)?;
    let name = attr_name(vm, &args.items[1])?;
    vm.set_attr(&args.items[0], &name, args.items[2].clone())?;
    Ok(Value::None)
}

fn builtin_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "delattr", &args, 2, 2)?;
    let name = attr_name(vm, &args.items[1])?;
    vm.del_attr(&args.items[0], &name)?;
    Ok(Value::None)
}

// ----- isinstance / issubclass -----

/// The member types of a `types.UnionType` (`int | str`), if `v` is one.
fn union_args(vm: &mut Vm, v: &Value) -> PyResult<Option<Vec<Value>>> {
    if !matches!(v.payload(), Some(Payload::Instance(_) | Payload::Native(_))) {
        return Ok(None);
    }
    let class_name = vm.type_name(v);
    if class_name != "UnionType" && class_name != "Union" {
        return Ok(None);
    }
    match get_attr_opt(vm, v, "__args__")? {
        Some(a) => Ok(Some(vm.iterate(&a)?)),
        None => Ok(None),
    }
}

/// `__instancecheck__`/`__subclasscheck__` of a metaclass other than `type`.
fn meta_check(vm: &Vm, cls: &Value, name: &str) -> Option<Value> {
    let meta = vm.class_of(cls);
    if meta.ptr_eq(&type_class(vm)) {
        return None;
    }
    let f = lookup_mro(vm, &meta, name)?;
    match f.payload() {
        Some(Payload::NativeFunction(_)) => None,
        _ => Some(f),
    }
}

pub fn isinstance_of(vm: &mut Vm, obj: &Value, cls: &Value, depth: usize) -> PyResult<bool> {
    if depth > vm.recursion_limit() {
        return Err(vm.recursion_error());
    }
    match cls.payload() {
        Some(Payload::Class(_)) => {
            let c = cls.as_obj().expect("class");
            if vm.class_of(obj).ptr_eq(c) {
                return Ok(true);
            }
            if let Some(check) = meta_check(vm, cls, "__instancecheck__") {
                let r = vm.call(&check, Args::new(&[cls.clone(), obj.clone()]))?;
                return vm.is_true(&r);
            }
            if vm.isinstance(obj, c) {
                return Ok(true);
            }
            // An object may claim another class through `__class__` (proxies, mocks).
            if let Some(Payload::Instance(_)) = obj.payload() {
                if let Ok(Some(Value::Obj(k))) = get_attr_opt(vm, obj, "__class__") {
                    if matches!(k.payload(), Payload::Class(_)) && !k.ptr_eq(&vm.class_of(obj)) {
                        return Ok(is_subclass(vm, &k, c));
                    }
                }
            }
            Ok(false)
        }
        Some(Payload::Tuple(items)) => {
            for item in items.iter() {
                if isinstance_of(vm, obj, item, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            if let Some(members) = union_args(vm, cls)? {
                for m in &members {
                    if isinstance_of(vm, obj, m, depth + 1)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            if crate::builtins::generic_alias::is_generic_alias(cls) {
                return Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"));
            }
            if let Some(check) = lookup_special(vm, cls, "__instancecheck__") {
                if !check.is_none() {
                    let r = vm.call(&check, Args::new(&[cls.clone(), obj.clone()]))?;
                    return vm.is_true(&r);
                }
            }
            Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

pub fn issubclass_of(vm: &mut Vm, sub: &Value, cls: &Value, depth: usize) -> PyResult<bool> {
    if depth > vm.recursion_limit() {
        return Err(vm.recursion_error());
    }
    match cls.payload() {
        Some(Payload::Class(_)) => {
            if let Some(check) = meta_check(vm, cls, "__subclasscheck__") {
                let r = vm.call(&check, Args::new(&[cls.clone(), sub.clone()]))?;
                return vm.is_true(&r);
            }
            match sub.payload() {
                Some(Payload::Class(_)) => {
                    Ok(is_subclass(vm, sub.as_obj().expect("class"), cls.as_obj().expect("class")))
                }
                _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
            }
        }
        Some(Payload::Tuple(items)) => {
            for item in items.iter() {
                if issubclass_of(vm, sub, item, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            if let Some(members) = union_args(vm, cls)? {
                for m in &members {
                    if issubclass_of(vm, sub, m, depth + 1)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            if let Some(check) = lookup_special(vm, cls, "__subclasscheck__") {
                if !check.is_none() {
                    let r = vm.call(&check, Args::new(&[cls.clone(), sub.clone()]))?;
                    return vm.is_true(&r);
                }
            }
            Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}

fn builtin_isinstance(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "isinstance", &args)?;
    arg_range(vm, "isinstance", &args, 2, 2)?;
    Ok(Value::Bool(isinstance_of(vm, &args.items[0], &args.items[1], 0)?))
}

fn builtin_issubclass(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "issubclass", &args)?;
    arg_range(vm, "issubclass", &args, 2, 2)?;
    Ok(Value::Bool(issubclass_of(vm, &args.items[0], &args.items[1], 0)?))
}

// ----- len, iteration -----

/// `len(x)` for built-in values, without calling Python code.
pub fn builtin_len_of(vm: &Vm, x: &Value) -> Option<usize> {
    Some(match x.payload()? {
        Payload::Str(s) => s.char_len(),
        Payload::Bytes(b) => b.len(),
        Payload::ByteArray(b) => b.borrow(vm).len(),
        Payload::Tuple(t) => t.len(),
        Payload::List(l) => l.borrow(vm).len(),
        Payload::Dict(d) => d.borrow(vm).len(),
        Payload::Set(s) => s.borrow(vm).len(),
        Payload::FrozenSet(s) => s.len(),
        Payload::Range(r) => r.len() as usize,
        Payload::DictView(d, _) => match d.payload() {
            Payload::Dict(d) => d.borrow(vm).len(),
            _ => return None,
        },
        _ => return None,
    })
}

/// `len(x)`.
pub fn len_of(vm: &mut Vm, x: &Value) -> PyResult<usize> {
    if !matches!(x.payload(), Some(Payload::Instance(_))) {
        if let Some(n) = builtin_len_of(vm, x) {
            return Ok(n);
        }
    }
    match lookup_special(vm, x, "__len__") {
        Some(f) if !f.is_none() => {
            let r = vm.call(&f, Args::new(std::slice::from_ref(x)))?;
            let n = match receiver(&r) {
                Value::Int(i) => BigInt::from(*i),
                Value::Bool(b) => BigInt::from(*b as i64),
                other => match other.payload() {
                    Some(Payload::BigInt(b)) => b.clone(),
                    _ => {
                        return Err(
                            vm.type_error(format!("'{}' object cannot be interpreted as an integer", vm.type_name(&r)))
                        )
                    }
                },
            };
            if n.is_negative() {
                return Err(vm.value_error("__len__() should return >= 0"));
            }
            match n.to_i64() {
                Some(i) => Ok(i as usize),
                None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
            }
        }
        _ => {
            if let Some(n) = builtin_len_of(vm, receiver(x)) {
                return Ok(n);
            }
            Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(x))))
        }
    }
}

fn builtin_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = one_arg(vm, "len", &args)?;
    Ok(Value::Int(len_of(vm, x)? as i64))
}

fn builtin_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "iter", &args)?;
    arg_range(vm, "iter", &args, 1, 2)?;
    if args.items.len() == 1 {
        return vm.get_iter(&args.items[0]);
    }
    let callable = &args.items[0];
    if !is_callable(vm, callable) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    Ok(new_callable_iterator(vm, callable.clone(), args.items[1].clone()))
}

fn builtin_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "next", &args)?;
    arg_range(vm, "next", &args, 1, 2)?;
    let it = &args.items[0];
    let default = args.items.get(1);
    match it.payload() {
        Some(Payload::Iterator(_)) => match vm.next(it)? {
            Some(v) => Ok(v),
            None => match default {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(None)),
            },
        },
        Some(Payload::Generator(_)) => match vm.resume_generator(it, Value::None, None)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(r) => match default {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(if r.is_none() { None } else { Some(r) })),
            },
        },
        _ => {
            let f = match lookup_special(vm, it, "__next__") {
                Some(f) if !f.is_none() => f,
                _ => return Err(vm.type_error(format!("'{}' object is not an iterator", vm.type_name(it)))),
            };
            match vm.call(&f, Args::new(std::slice::from_ref(it))) {
                Ok(v) => Ok(v),
                Err(e) if default.is_some() && vm.err_matches(&e, "StopIteration") => {
                    Ok(default.cloned().unwrap_or(Value::None))
                }
                Err(e) => Err(e),
            }
        }
    }
}

// `iter(callable, sentinel)`: a native `callable_iterator`.

struct CallableIter {
    /// `(callable, sentinel)`, `None` once exhausted.
    state: GilCell<Option<(Value, Value)>>,
}

fn new_callable_iterator(vm: &mut Vm, callable: Value, sentinel: Value) -> Value {
    let class = callable_iterator_class(vm);
    let data = CallableIter { state: GilCell::new(Some((callable, sentinel))) };
    Value::Obj(ObjRef::new(Payload::Native(Native { class, data: Box::new(data) })))
}

/// The `callable_iterator` type, made once per interpreter and kept in the `_io` helper module
/// (which is where the other native types of the builtins live; see `file.rs`).
fn callable_iterator_class(vm: &mut Vm) -> ObjRef {
    crate::gc::register_native::<CallableIter>(vm, traverse_callable_iter, clear_callable_iter);
    crate::builtins::file::cached_native_class(vm, "callable_iterator", || {
        make_class("callable_iterator", None, None, true, CALLABLE_ITER_METHODS)
    })
}

/// What the cycle collector sees of a `callable_iterator`.
fn traverse_callable_iter(it: &CallableIter, vm: &Vm, visit: &mut dyn FnMut(&Value)) -> Result<(), crate::gc::Busy> {
    if let Some((callable, sentinel)) = it.state.try_borrow(vm).ok_or(crate::gc::Busy)?.as_ref() {
        visit(callable);
        visit(sentinel);
    }
    Ok(())
}

fn clear_callable_iter(it: &CallableIter, vm: &Vm, out: &mut Vec<Value>) {
    if let Some((callable, sentinel)) = it.state.try_borrow_mut(vm).and_then(|mut s| s.take()) {
        out.push(callable);
        out.push(sentinel);
    }
}

const CALLABLE_ITER_METHODS: &[(&str, NativeFn)] =
    &[("__iter__", callable_iter_iter), ("__next__", callable_iter_next)];

fn callable_iter_self<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a CallableIter> {
    match args.items.first().and_then(|v| v.payload()) {
        Some(Payload::Native(n)) => match n.downcast::<CallableIter>() {
            Some(d) => Ok(d),
            None => Err(vm.type_error("descriptor requires a 'callable_iterator' object")),
        },
        _ => Err(vm.type_error("descriptor requires a 'callable_iterator' object")),
    }
}

fn callable_iter_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    callable_iter_self(vm, &args)?;
    Ok(args.items[0].clone())
}

fn callable_iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let data = callable_iter_self(vm, &args)?;
    let state = data.state.borrow(vm).clone();
    let Some((callable, sentinel)) = state else {
        return Err(vm.stop_iteration(None));
    };
    let v = match vm.call(&callable, Args::new(&[])) {
        Ok(v) => v,
        Err(e) => {
            if vm.err_matches(&e, "StopIteration") {
                *data.state.borrow_mut(vm) = None;
            }
            return Err(e);
        }
    };
    if vm.eq(&v, &sentinel)? {
        *data.state.borrow_mut(vm) = None;
        return Err(vm.stop_iteration(None));
    }
    Ok(v)
}

// ----- min / max / sum / sorted -----

fn min_max(vm: &mut Vm, args: Args<'_>, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let pos = args.positional();
    let mut key = None;
    let mut default = None;
    for (k, v) in args.keywords() {
        match k {
            "key" => key = Some(v.clone()),
            "default" => default = Some(v.clone()),
            _ => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))),
        }
    }
    let key = key.filter(|k| !k.is_none());
    if pos.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    if pos.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!("Cannot specify a default for {name}() with multiple positional arguments")));
    }
    let op = if is_max { CompareOp::Gt } else { CompareOp::Lt };
    let mut best: Option<(Value, Value)> = None;
    let mut consider = |vm: &mut Vm, item: Value| -> PyResult<()> {
        let k = match &key {
            Some(f) => vm.call(f, Args::new(std::slice::from_ref(&item)))?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((_, bk)) => match (&k, bk) {
                (Value::Int(a), Value::Int(b)) => {
                    if is_max {
                        a > b
                    } else {
                        a < b
                    }
                }
                (Value::Float(a), Value::Float(b)) => {
                    if is_max {
                        a > b
                    } else {
                        a < b
                    }
                }
                _ => {
                    let r = vm.compare(&k, bk, op)?;
                    vm.is_true(&r)?
                }
            },
        };
        if better {
            best = Some((item, k));
        }
        Ok(())
    };
    if pos.len() == 1 {
        let it = vm.get_iter(&pos[0])?;
        while let Some(item) = vm.next(&it)? {
            consider(vm, item)?;
        }
    } else {
        for item in pos {
            consider(vm, item.clone())?;
        }
    }
    match best {
        Some((item, _)) => Ok(item),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn builtin_max(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    min_max(vm, args, true)
}

fn builtin_min(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    min_max(vm, args, false)
}

fn builtin_sum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, "sum", &args, &["iterable", "start"], 1, 1)?;
    let iterable = a[0].clone().expect("required");
    let start = a[1].clone().unwrap_or(Value::Int(0));
    match receiver(&start).payload() {
        Some(Payload::Str(_)) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
        }
        Some(Payload::Bytes(_)) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
        }
        Some(Payload::ByteArray(_)) => {
            return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
        }
        _ => {}
    }
    let it = vm.get_iter(&iterable)?;
    let mut acc = start;
    while let Some(item) = vm.next(&it)? {
        let fast = match (&acc, &item) {
            (Value::Int(x), Value::Int(y)) => x.checked_add(*y).map(Value::Int),
            (Value::Int(x), Value::Bool(y)) => x.checked_add(*y as i64).map(Value::Int),
            (Value::Bool(x), Value::Int(y)) => (*x as i64).checked_add(*y).map(Value::Int),
            (Value::Bool(x), Value::Bool(y)) => Some(Value::Int(*x as i64 + *y as i64)),
            (Value::Float(x), Value::Float(y)) => Some(Value::Float(x + y)),
            (Value::Float(x), Value::Int(y)) => Some(Value::Float(x + *y as f64)),
            (Value::Int(x), Value::Float(y)) => Some(Value::Float(*x as f64 + y)),
            _ => None,
        };
        acc = match fast {
            Some(v) => v,
            None => vm.binary_op(&acc, &item, BinaryOp::Add)?,
        };
    }
    Ok(acc)
}

fn builtin_sorted(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.positional();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = vm.iterate(&pos[0])?;
    let list = vm.new_list(items);
    let sort = vm.get_attr_str(&list, "sort")?;
    vm.call(&sort, Args { items: &args.items[1..], kwnames: args.kwnames })?;
    Ok(list)
}

// ----- numbers: round, divmod, pow -----

/// Rounds `x` to `ndigits` decimal digits, exactly as CPython does (correctly rounded,
/// ties to even on the exact binary value).
pub fn round_float(vm: &Vm, x: f64, ndigits: i64) -> PyResult<f64> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let bits = x.abs().to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, exp) = if exp_bits == 0 { (frac, -1074) } else { (frac | (1u64 << 52), exp_bits - 1075) };
    let mut num = BigInt::from(mant);
    let mut den = BigInt::one();
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let ten = BigInt::from(10);
    if ndigits >= 0 {
        num *= num_traits::pow(ten, ndigits as usize);
    } else {
        den *= num_traits::pow(ten, (-ndigits) as usize);
    }
    let (mut q, r) = num.div_rem(&den);
    let twice: BigInt = r << 1;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1;
    }
    let text = format!("{q}e{}", -ndigits);
    let y: f64 = text.parse().unwrap_or(f64::INFINITY);
    if y.is_infinite() {
        return Err(vm.overflow_error("rounded value too large to represent"));
    }
    Ok(y.copysign(x))
}

fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if f.abs() < 9.2e18 {
        return Ok(Value::Int(f as i64));
    }
    Ok(Value::int_from_big(num_traits::FromPrimitive::from_f64(f).unwrap_or_default()))
}

fn round_int(n: BigInt, ndigits: i64) -> BigInt {
    if ndigits >= 0 {
        return n;
    }
    let p: BigInt = num_traits::pow(BigInt::from(10), (-ndigits) as usize);
    let (q, r) = n.div_mod_floor(&p);
    let twice: BigInt = r << 1;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
    q * p
}

fn builtin_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, "round", &args, &["number", "ndigits"], 0, 1)?;
    let number = a[0].clone().expect("required");
    let ndigits = a[1].clone().filter(|v| !v.is_none());
    if let Some(f) = user_special(vm, &number, "__round__") {
        let call_args: Vec<Value> = std::iter::once(number.clone()).chain(ndigits.clone()).collect();
        return vm.call(&f, Args::new(&call_args));
    }
    let inner = receiver(&number).clone();
    let nd = match &ndigits {
        Some(n) => {
            let b = index_big(vm, n)?;
            Some(b.to_i64().unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }))
        }
        None => None,
    };
    match &inner {
        Value::Float(f) => {
            return match nd {
                None => float_to_int(vm, f.round_ties_even()),
                Some(n) => Ok(Value::Float(round_float(vm, *f, n)?)),
            }
        }
        Value::Int(i) => {
            return Ok(match nd {
                None => Value::Int(*i),
                Some(n) if n >= 0 => Value::Int(*i),
                Some(n) => Value::int_from_big(round_int(BigInt::from(*i), n)),
            })
        }
        Value::Bool(b) => {
            return Ok(match nd {
                Some(n) if n < 0 => Value::Int(0),
                _ => Value::Int(*b as i64),
            })
        }
        _ => {}
    }
    if let Some(Payload::BigInt(b)) = inner.payload() {
        return Ok(match nd {
            Some(n) if n < 0 => Value::int_from_big(round_int(b.clone(), n)),
            _ => inner.clone(),
        });
    }
    match lookup_special(vm, &number, "__round__") {
        Some(f) if !f.is_none() => {
            let call_args: Vec<Value> = std::iter::once(number.clone()).chain(ndigits).collect();
            vm.call(&f, Args::new(&call_args))
        }
        _ => Err(vm.type_error(format!("type {} doesn't define __round__ method", vm.type_name(&number)))),
    }
}

/// CPython's `float_divmod`.
pub fn float_divmod(vm: &Vm, vx: f64, wx: f64) -> PyResult<(f64, f64)> {
    if wx == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
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
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Ok((floordiv, m))
}

fn as_f64_simple(v: &Value) -> Option<f64> {
    match receiver(v) {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Obj(o) => match o.payload() {
            Payload::BigInt(b) => b.to_f64(),
            _ => None,
        },
        _ => None,
    }
}

fn builtin_divmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "divmod", &args, 2, 2)?;
    let (a, b) = (&args.items[0], &args.items[1]);
    let builtin_operands =
        !matches!(a.payload(), Some(Payload::Instance(_))) && !matches!(b.payload(), Some(Payload::Instance(_)));
    if builtin_operands {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            if *y != 0 && !(*x == i64::MIN && *y == -1) {
                let (q, r) = x.div_mod_floor(y);
                return Ok(Value::tuple(vec![Value::Int(q), Value::Int(r)]));
            }
        }
        if is_int(a) && is_int(b) {
            let (x, y) = (int_value(a).expect("int"), int_value(b).expect("int"));
            if y.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            let (q, r) = x.div_mod_floor(&y);
            return Ok(Value::tuple(vec![Value::int_from_big(q), Value::int_from_big(r)]));
        }
        if (is_float(a) || is_float(b)) && (is_float(a) || is_int(a)) && (is_float(b) || is_int(b)) {
            let x = match as_f64_simple(a) {
                Some(x) if x.is_finite() || is_float(a) => x,
                _ => return Err(vm.overflow_error("int too large to convert to float")),
            };
            let y = match as_f64_simple(b) {
                Some(y) if y.is_finite() || is_float(b) => y,
                _ => return Err(vm.overflow_error("int too large to convert to float")),
            };
            let (q, r) = float_divmod(vm, x, y)?;
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    // The binary-operator protocol with `__divmod__`/`__rdivmod__`.
    let ta = vm.class_of(a);
    let tb = vm.class_of(b);
    let fa = lookup_special(vm, a, "__divmod__").filter(|f| !f.is_none());
    let fb = if ta.ptr_eq(&tb) { None } else { lookup_special(vm, b, "__rdivmod__").filter(|f| !f.is_none()) };
    let b_first = fb.is_some() && is_subclass(vm, &tb, &ta);
    let mut attempts: Vec<(Value, Value, Value)> = Vec::new();
    if b_first {
        attempts.push((fb.clone().expect("some"), b.clone(), a.clone()));
    }
    if let Some(f) = fa {
        attempts.push((f, a.clone(), b.clone()));
    }
    if !b_first {
        if let Some(f) = fb {
            attempts.push((f, b.clone(), a.clone()));
        }
    }
    for (f, x, y) in attempts {
        let r = vm.call(&f, Args::new(&[x, y]))?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        vm.type_name(a),
        vm.type_name(b)
    )))
}

/// `base ** exp % modulus` for ints, with a modular inverse for a negative exponent.
pub fn int_pow_mod(vm: &Vm, base: BigInt, exp: BigInt, modulus: BigInt) -> PyResult<Value> {
    if modulus.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let (mut base, mut exp) = (base, exp);
    if exp.is_negative() {
        let m = modulus.abs();
        match mod_inverse(&base.mod_floor(&m), &m) {
            Some(inv) => base = inv,
            None => return Err(vm.value_error("base is not invertible for the given modulus")),
        }
        exp = -exp;
    }
    Ok(Value::int_from_big(base.modpow(&exp, &modulus)))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let new_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, new_r);
        let new_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, new_s);
    }
    if !old_r.is_one() {
        // gcd(a, m) != 1; with m == 1 everything is invertible (the result is 0 anyway).
        if m.is_one() {
            return Some(BigInt::zero());
        }
        return None;
    }
    Some(old_s.mod_floor(m))
}

fn builtin_pow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, "pow", &args, &["base", "exp", "mod"], 0, 2)?;
    let base = a[0].clone().expect("required");
    let exp = a[1].clone().expect("required");
    let modulus = a[2].clone().filter(|m| !m.is_none());
    let Some(modulus) = modulus else {
        return vm.binary_op(&base, &exp, BinaryOp::Pow);
    };
    if let Some(f) = user_special(vm, &base, "__pow__") {
        let r = vm.call(&f, Args::new(&[base.clone(), exp.clone(), modulus.clone()]))?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    } else if is_int(&base) && is_int(&exp) && is_int(&modulus) {
        let (b, e, m) =
            (int_value(&base).expect("int"), int_value(&exp).expect("int"), int_value(&modulus).expect("int"));
        return int_pow_mod(vm, b, e, m);
    } else {
        let numeric = |v: &Value| is_int(v) || is_float(v);
        if numeric(&base) && numeric(&exp) && (is_float(&base) || is_float(&exp) || is_float(&modulus)) {
            return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(&base),
        vm.type_name(&exp),
        vm.type_name(&modulus)
    )))
}

// ----- namespaces: dir, vars, globals, locals -----

fn current_globals(vm: &mut Vm) -> ObjRef {
    match vm.current_globals() {
        Some(g) => g,
        None => vm.new_dict(),
    }
}

fn current_locals(vm: &mut Vm) -> ObjRef {
    match vm.current_locals() {
        Some(l) => l,
        None => current_globals(vm),
    }
}

fn builtin_globals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "globals", &args)?;
    if !args.items.is_empty() {
        return Err(vm.type_error(format!("globals() takes no arguments ({} given)", args.items.len())));
    }
    Ok(Value::Obj(current_globals(vm)))
}

fn builtin_locals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "locals", &args)?;
    if !args.items.is_empty() {
        return Err(vm.type_error(format!("locals() takes no arguments ({} given)", args.items.len())));
    }
    Ok(Value::Obj(current_locals(vm)))
}

fn builtin_vars(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "vars", &args, 0, 1)?;
    let Some(obj) = args.items.first() else {
        return Ok(Value::Obj(current_locals(vm)));
    };
    match get_attr_opt(vm, obj, "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

/// Sorts a list of names (strs, or anything orderable) in place.
fn sort_values(vm: &mut Vm, items: Vec<Value>) -> PyResult<Value> {
    if items.iter().all(|v| v.as_str().is_some()) {
        let mut items = items;
        items.sort_by(|a, b| a.as_str().unwrap_or("").cmp(b.as_str().unwrap_or("")));
        return Ok(vm.new_list(items));
    }
    let list = vm.new_list(items);
    vm.call_method(&list, "sort", &[])?;
    Ok(list)
}

/// The names `dir(obj)` lists when the type does not define `__dir__`.
fn default_dir(vm: &mut Vm, obj: &Value) -> PyResult<Vec<Value>> {
    let mut names: Vec<Value> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut add = |names: &mut Vec<Value>, keys: Vec<Value>| {
        for k in keys {
            if let Some(s) = k.as_str() {
                if seen.insert(s.to_string()) {
                    names.push(k.clone());
                }
            }
        }
    };
    // What CPython's type dicts also hold as descriptors: `__class__` (every object), and
    // `__dict__`/`__weakref__` of classes whose instances have a dict; a built-in type's
    // `__module__` is not in its dict there.
    let add_class =
        |vm: &Vm, names: &mut Vec<Value>, class: &ObjRef, add: &mut dyn FnMut(&mut Vec<Value>, Vec<Value>)| {
            add(names, vec![Value::str("__class__")]);
            for c in crate::vm::attr::mro_of(class) {
                if let Payload::Class(cd) = c.payload() {
                    let mut keys = cd.dict.borrow(vm).keys();
                    if cd.is_builtin {
                        keys.retain(|k| k.as_str() != Some("__module__"));
                    } else if !cd.flags.slots_only
                        && cd.builtin.is_none_or(|b| b == crate::builtins::types::TypeId::Object)
                    {
                        keys.push(Value::str("__dict__"));
                        keys.push(Value::str("__weakref__"));
                    }
                    add(names, keys);
                }
            }
        };
    match obj.payload() {
        Some(Payload::Module(m)) => {
            let keys = dict_keys(vm, &Value::Obj(m.dict.clone())).unwrap_or_default();
            add(&mut names, keys);
        }
        Some(Payload::Class(_)) => {
            let class = obj.as_obj().expect("class").clone();
            add_class(vm, &mut names, &class, &mut add);
        }
        _ => {
            if let Some(d) = get_attr_opt(vm, obj, "__dict__")? {
                if let Some(keys) = dict_keys(vm, &d) {
                    add(&mut names, keys);
                }
            }
            let class = vm.class_of(obj);
            add_class(vm, &mut names, &class, &mut add);
        }
    }
    Ok(names)
}

fn builtin_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    arg_range(vm, "dir", &args, 0, 1)?;
    let Some(obj) = args.items.first() else {
        let locals = current_locals(vm);
        let keys = dict_keys(vm, &Value::Obj(locals.clone()));
        let keys = match keys {
            Some(k) => k,
            None => vm.iterate(&Value::Obj(locals))?,
        };
        return sort_values(vm, keys);
    };
    let custom = match lookup_special(vm, obj, "__dir__") {
        Some(f) if !f.is_none() && !crate::builtins::object::is_object_native(&f) => Some(f),
        _ => None,
    };
    let names = match custom {
        Some(f) if !matches!(obj.payload(), Some(Payload::Class(_))) => {
            let r = vm.call(&f, Args::new(std::slice::from_ref(obj)))?;
            vm.iterate(&r)?
        }
        _ => default_dir(vm, obj)?,
    };
    sort_values(vm, names)
}

// ----- I/O: print, input -----

fn builtin_print(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut sep: Option<Value> = None;
    let mut end: Option<Value> = None;
    let mut file: Option<Value> = None;
    let mut flush = false;
    for (k, v) in args.keywords() {
        match k {
            "sep" => sep = Some(v.clone()),
            "end" => end = Some(v.clone()),
            "file" => file = Some(v.clone()),
            "flush" => flush = vm.is_true(v)?,
            _ => return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for print()"))),
        }
    }
    let text_arg = |vm: &Vm, v: Option<Value>, what: &str, default: &str| -> PyResult<String> {
        match v {
            None | Some(Value::None) => Ok(default.to_string()),
            Some(v) => match receiver(&v).as_str() {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!("{what} must be None or a string, not {}", vm.type_name(&v)))),
            },
        }
    };
    let sep = text_arg(vm, sep, "sep", " ")?;
    let end = text_arg(vm, end, "end", "\n")?;
    let file = file.filter(|f| !f.is_none());
    let objects = args.positional();

    match file {
        None => {
            // One write for the whole line; if a str() fails, what came before it is still
            // written, as CPython's piecewise writes would have.
            let mut out = String::new();
            for (i, obj) in objects.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                match vm.str_of(obj) {
                    Ok(s) => out.push_str(&s),
                    Err(e) => {
                        if !out.is_empty() {
                            vm.write_stdout(&out)?;
                        }
                        return Err(e);
                    }
                }
            }
            out.push_str(&end);
            vm.write_stdout(&out)?;
            if flush {
                if let Some(out) = sys_attr(vm, "stdout")? {
                    if !out.is_none() {
                        vm.call_method(&out, "flush", &[])?;
                    }
                }
            }
        }
        Some(file) => {
            if crate::builtins::file::is_file_object(&file) {
                let mut out = String::new();
                for (i, obj) in objects.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&sep);
                    }
                    out.push_str(&vm.str_of(obj)?);
                }
                out.push_str(&end);
                vm.call_method(&file, "write", &[Value::string(out)])?;
            } else {
                let write = vm.get_attr_str(&file, "write")?;
                for (i, obj) in objects.iter().enumerate() {
                    if i > 0 {
                        vm.call(&write, Args::new(&[Value::str(&sep)]))?;
                    }
                    let s = vm.str_of(obj)?;
                    vm.call(&write, Args::new(&[Value::string(s)]))?;
                }
                vm.call(&write, Args::new(&[Value::str(&end)]))?;
            }
            if flush {
                vm.call_method(&file, "flush", &[])?;
            }
        }
    }
    Ok(Value::None)
}

fn builtin_input(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    no_kwargs(vm, "input", &args)?;
    arg_range(vm, "input", &args, 0, 1)?;
    let stdin = sys_attr(vm, "stdin")?;
    let stdout = sys_attr(vm, "stdout")?;
    if let Some(err) = sys_attr(vm, "stderr")? {
        if !err.is_none() {
            let _ = vm.call_method(&err, "flush", &[]);
        }
    }
    if let Some(prompt) = args.items.first() {
        let p = vm.str_of(prompt)?;
        vm.write_stdout(&p)?;
    }
    match &stdout {
        Some(out) if !out.is_none() => {
            vm.call_method(out, "flush", &[])?;
        }
        _ => {
            use std::io::Write;
            let interp = vm.interp.clone();
            let _ = interp.stdout.lock().flush();
        }
    }
    let line = match stdin {
        Some(v) if v.is_none() => return Err(vm.runtime_error("input(): lost sys.stdin")),
        Some(stdin) => {
            let r = vm.as_blocking_api("input", |vm| vm.call_method(&stdin, "readline", &[]))?;
            match receiver(&r).as_str() {
                Some(s) => s.to_string(),
                None => return Err(vm.type_error("object.readline() returned non-string")),
            }
        }
        None => {
            // No `sys` yet: read the process's stdin directly, without the GIL.
            let r = vm.allow_threads_as("input", || {
                let mut s = String::new();
                std::io::stdin().read_line(&mut s).map(|_| s)
            });
            match r {
                Ok(s) => s,
                Err(e) => return Err(crate::builtins::file::os_error(vm, &e, None)),
            }
        }
    };
    if line.is_empty() {
        return Err(vm.new_exception_msg("EOFError", "EOF when reading a line"));
    }
    let line = line.strip_suffix('\n').unwrap_or(&line);
    Ok(Value::str(line))
}

// ----- code: compile, exec, eval, __import__ -----

/// The text of a `str`/`bytes` source argument.
fn source_text(vm: &Vm, v: &Value) -> Option<PyResult<String>> {
    let inner = receiver(v);
    if let Some(s) = inner.as_str() {
        return Some(Ok(s.to_string()));
    }
    let bytes: Vec<u8> = match inner.payload()? {
        Payload::Bytes(b) => b.to_vec(),
        Payload::ByteArray(b) => b.borrow(vm).clone(),
        _ => return None,
    };
    Some(match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            Err(vm.new_exception_msg(
                "SyntaxError",
                &format!(
                    "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {pos}: invalid start byte",
                    e.as_bytes()[pos]
                ),
            ))
        }
    })
}

fn compile_text(
    vm: &mut Vm,
    text: &str,
    filename: &str,
    mode: crate::compile::Mode,
) -> PyResult<Arc<crate::bytecode::CodeObject>> {
    match crate::compile::compile_source(text, filename, mode) {
        Ok(code) => Ok(Arc::new(code)),
        Err(e) => Err(vm.syntax_error_from(&e, filename)),
    }
}

fn builtin_compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(
        vm,
        "compile",
        &args,
        &["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"],
        0,
        3,
    )?;
    let source = a[0].clone().expect("required");
    let filename_v = a[1].clone().expect("required");
    let mode_v = a[2].clone().expect("required");
    let filename = match receiver(&filename_v).as_str() {
        Some(s) => s.to_string(),
        None => match filename_v.payload() {
            Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
            _ => match get_attr_opt(vm, &filename_v, "__fspath__")? {
                Some(f) => {
                    let p = vm.call(&f, Args::new(&[]))?;
                    vm.str_of(&p)?
                }
                None => {
                    return Err(vm.type_error(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        vm.type_name(&filename_v)
                    )))
                }
            },
        },
    };
    let mode = match receiver(&mode_v).as_str() {
        Some("exec") => crate::compile::Mode::Exec,
        Some("eval") => crate::compile::Mode::Eval,
        Some("single") => crate::compile::Mode::Interactive,
        Some(_) => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
        None => {
            return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {}", vm.type_name(&mode_v))))
        }
    };
    if let Some(code) = vm.code_of(&source) {
        return Ok(Value::Obj(ObjRef::new(Payload::Code(code))));
    }
    let text = match source_text(vm, &source) {
        Some(t) => t?,
        None => return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object")),
    };
    let code = compile_text(vm, &text, &filename, mode)?;
    Ok(Value::Obj(ObjRef::new(Payload::Code(code))))
}

fn has_getitem(vm: &Vm, v: &Value) -> bool {
    matches!(lookup_special(vm, v, "__getitem__"), Some(f) if !f.is_none())
}

fn exec_or_eval(vm: &mut Vm, args: Args<'_>, is_eval: bool) -> PyResult<Value> {
    let fname = if is_eval { "eval" } else { "exec" };
    let (source, globals, locals) = if is_eval {
        no_kwargs(vm, "eval", &args)?;
        arg_range(vm, "eval", &args, 1, 3)?;
        (args.items[0].clone(), args.items.get(1).cloned(), args.items.get(2).cloned())
    } else {
        let a = bind_args(vm, "exec", &args, &["source", "globals", "locals", "closure"], 3, 1)?;
        (a[0].clone().expect("required"), a[1].clone(), a[2].clone())
    };
    let globals = globals.filter(|g| !g.is_none());
    let locals = locals.filter(|l| !l.is_none());
    if let Some(g) = &globals {
        if !matches!(g.payload(), Some(Payload::Dict(_))) {
            let msg = if !is_eval {
                format!("exec() globals must be a dict, not {}", vm.type_name(g))
            } else if has_getitem(vm, g) {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            };
            return Err(vm.type_error(msg));
        }
    }
    if let Some(l) = &locals {
        if !has_getitem(vm, l) {
            let msg = if is_eval {
                "locals must be a mapping".to_string()
            } else {
                format!("locals must be a mapping or None, not {}", vm.type_name(l))
            };
            return Err(vm.type_error(msg));
        }
    }
    let (globals, namespace) = match (globals, locals) {
        (Some(g), l) => {
            let g = g.as_obj().expect("dict").clone();
            let ns = match l {
                Some(Value::Obj(l)) => l,
                _ => g.clone(),
            };
            (g, ns)
        }
        (None, l) => {
            let g = current_globals(vm);
            let ns = match l {
                Some(Value::Obj(l)) => l,
                _ => current_locals(vm),
            };
            (g, ns)
        }
    };
    let builtins_key = Value::str("__builtins__");
    if vm.dict_get_str_value(&globals, &builtins_key).is_none() {
        let b = Value::Obj(vm.interp.builtins.clone());
        vm.dict_set_str_value(&globals, builtins_key, b);
    }
    let code = if let Some(code) = vm.code_of(&source) {
        if !code.freevars.is_empty() {
            return Err(vm.type_error(format!("code object passed to {fname}() may not contain free variables")));
        }
        code
    } else {
        let text = match source_text(vm, &source) {
            Some(t) => t?,
            None => {
                return Err(vm.type_error(format!("{fname}() arg 1 must be a string, bytes or code object")));
            }
        };
        if is_eval {
            let trimmed = text.trim_start_matches([' ', '\t']);
            compile_text(vm, trimmed, "<string>", crate::compile::Mode::Eval)?
        } else {
            compile_text(vm, &text, "<string>", crate::compile::Mode::Exec)?
        }
    };
    let result = crate::vm::eval::run_code_in(vm, code, globals, Some(namespace))?;
    Ok(if is_eval { result } else { Value::None })
}

fn builtin_exec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    exec_or_eval(vm, args, false)
}

fn builtin_eval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    exec_or_eval(vm, args, true)
}

fn builtin_import(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = bind_args(vm, "__import__", &args, &["name", "globals", "locals", "fromlist", "level"], 0, 1)?;
    let name = a[0].clone().expect("required");
    let name = match receiver(&name).as_str() {
        Some(_) => receiver(&name).clone(),
        None => return Err(vm.type_error(format!("__import__() argument 1 must be str, not {}", vm.type_name(&name)))),
    };
    let globals = match a[1].clone() {
        Some(Value::Obj(g)) if matches!(g.payload(), Payload::Dict(_)) => g,
        _ => vm.new_dict(),
    };
    let fromlist = a[3].clone().unwrap_or(Value::None);
    let level = match &a[4] {
        Some(l) => {
            let l = vm.to_index(l)?;
            if l < 0 {
                return Err(vm.value_error("level must be >= 0"));
            }
            l
        }
        None => 0,
    };
    if name.as_str() == Some("") && level == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    vm.import_name(&name, &fromlist, &Value::Int(level), &globals)
}
